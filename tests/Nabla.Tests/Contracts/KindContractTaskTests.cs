// Classification-, regression- and schema-specific checks of the contract battery; the list is at the top of KindContractTests.cs.
using System.Text.RegularExpressions;
using Nabla.Estimators;
using Nabla.Models;
using Nabla.Tensors;

namespace Nabla.Tests.Contracts;

public class KindContractTaskTests
{
    private static ModelKind K(string name) => KindCases.Parse(name).Kind;

    private static Classifier<double, string> Classifier(string name, ContractData? data = null)
    {
        var c = K(name).CreateClassifier<double, string>(KindCases.Small(K(name)));
        c.Fit((data ?? ContractData.Blobs(["a", "b", "c"])).X, (data ?? ContractData.Blobs(["a", "b", "c"])).Labels);
        return c;
    }

    [Theory, MemberData(nameof(KindCases.Classifiers), MemberType = typeof(KindCases))]
    public void Unfitted_PredictProbabilities_throws(string name)
    {
        var c = K(name).CreateClassifier<double, string>(KindCases.Small(K(name)));
        var x = ContractData.Blobs(["a", "b"]).X;
        if (c.SupportsProbabilities)
        {
            Assert.Throws<NotFittedException>(() => c.PredictProbabilities(x));
        }
        else
        {
            Assert.Throws<NotSupportedException>(() => c.PredictProbabilities(x));
        }
    }

    [Theory, MemberData(nameof(KindCases.Classifiers), MemberType = typeof(KindCases))]
    public void A_single_class_is_rejected(string name)
    {
        var c = K(name).CreateClassifier<double, string>(KindCases.Small(K(name)));
        var d = ContractData.Blobs(["a", "b"]);
        Assert.ThrowsAny<ArgumentException>(() => c.Fit(d.X, [.. d.Labels.Select(_ => "only")]));
    }

    [Theory, MemberData(nameof(KindCases.Classifiers), MemberType = typeof(KindCases))]
    public void A_label_count_other_than_the_rows_is_rejected(string name)
    {
        var c = K(name).CreateClassifier<double, string>(KindCases.Small(K(name)));
        var d = ContractData.Blobs(["a", "b"]);
        var e = Assert.ThrowsAny<ArgumentException>(() => c.Fit(d.X, d.Labels[..^1]));
        Assert.Contains($"{d.Rows}", e.Message);
        Assert.Contains($"{d.Rows - 1}", e.Message);
    }

    [Theory, MemberData(nameof(KindCases.Classifiers), MemberType = typeof(KindCases))]
    public void A_null_label_is_rejected(string name)
    {
        var c = K(name).CreateClassifier<double, string>(KindCases.Small(K(name)));
        var d = ContractData.Blobs(["a", "b"]);
        var labels = d.Labels.ToArray();
        labels[5] = null!;
        var e = Assert.ThrowsAny<ArgumentException>(() => c.Fit(d.X, labels));
        Assert.Contains("5", e.Message);
    }

    [Theory, MemberData(nameof(KindCases.Classifiers), MemberType = typeof(KindCases))]
    public void Label_types_give_the_same_decisions(string name)
    {
        var kind = K(name);
        var values = KindCases.Small(kind);
        var d = ContractData.Blobs(["0", "1"]);
        int[] index = [.. d.Labels.Select(l => l == "0" ? 0 : 1)];
        int[] Decide<TLabel>(Func<int, TLabel> label)
            where TLabel : notnull
        {
            var c = kind.CreateClassifier<double, TLabel>(values);
            c.Fit(d.X, [.. index.Select(label)]);
            return c.PredictClassIndices(d.X);
        }

        var reference = Decide(i => i);
        Assert.Equal(reference, Decide(i => 2 * i - 1));
        Assert.Equal(reference, Decide(i => i == 0 ? "no" : "yes"));
        // Ordinal order: 'Z' (U+005A) before 'Ä' (U+00C4), whatever the culture.
        Assert.Equal(reference, Decide(i => i == 0 ? "Z" : "Ä"));
    }

    [Theory, MemberData(nameof(KindCases.Classifiers), MemberType = typeof(KindCases))]
    public void Classes_are_sorted_ordinally(string name)
    {
        var c = Classifier(name, ContractData.Blobs(["b", "Ä", "a", "B"], perClass: 15));
        Assert.Equal(["B", "a", "b", "Ä"], c.Classes);
    }

    [Theory, MemberData(nameof(KindCases.Classifiers), MemberType = typeof(KindCases))]
    public void Probabilities_lie_in_0_1_and_sum_to_1(string name)
    {
        var d = ContractData.Blobs(["a", "b", "c"]);
        var c = Classifier(name, d);
        if (!c.SupportsProbabilities)
        {
            Assert.Throws<NotSupportedException>(() => c.PredictProbabilities(d.X));
            return;
        }

        var p = c.PredictProbabilities(d.X);
        Assert.Equal(3, p.Columns);
        for (int i = 0; i < p.Rows; i++)
        {
            double sum = 0;
            for (int k = 0; k < p.Columns; k++)
            {
                Assert.InRange(p[i, k], 0, 1);
                sum += p[i, k];
            }

            Assert.Equal(1, sum, 1e-12);
        }
    }

    [Theory, MemberData(nameof(KindCases.Classifiers), MemberType = typeof(KindCases))]
    public void Predict_is_the_argmax_of_the_probabilities_at_the_defaults(string name)
    {
        foreach (var names in new[] { new[] { "a", "b" }, ["a", "b", "c"] })
        {
            var d = ContractData.Blobs(names);
            var c = Classifier(name, d);
            if (!c.SupportsProbabilities)
            {
                return;
            }

            var p = c.PredictProbabilities(d.X);
            var predicted = c.PredictClassIndices(d.X);
            for (int i = 0; i < p.Rows; i++)
            {
                int best = 0;
                for (int k = 1; k < p.Columns; k++)
                {
                    best = p[i, k] > p[i, best] ? k : best;
                }

                Assert.Equal(best, predicted[i]);
            }
        }
    }

    [Theory, MemberData(nameof(KindCases.Classifiers), MemberType = typeof(KindCases))]
    public void PredictClassIndices_is_consistent_with_Predict(string name)
    {
        var d = ContractData.Blobs(["a", "b", "c"]);
        var c = Classifier(name, d);
        Assert.Equal(c.Predict(d.X), c.PredictClassIndices(d.X).Select(k => c.Classes[k]));
    }

    [Theory, MemberData(nameof(KindCases.Classifiers), MemberType = typeof(KindCases))]
    public void One_row_at_a_time_equals_the_batch(string name)
    {
        var d = ContractData.Blobs(["a", "b", "c"]);
        var c = Classifier(name, d);
        var batch = c.Predict(d.X);
        var p = c.SupportsProbabilities ? c.PredictProbabilities(d.X) : null;
        for (int i = 0; i < d.Rows; i++)
        {
            var row = d.X.SelectRows([i]);
            Assert.Equal(batch[i], c.Predict(row)[0]);
            if (p is not null)
            {
                var pi = c.PredictProbabilities(row);
                for (int k = 0; k < p.Columns; k++)
                {
                    Assert.Equal(p[i, k], pi[0, k], 1e-12);
                }
            }
        }
    }

    [Theory, MemberData(nameof(KindCases.Classifiers), MemberType = typeof(KindCases))]
    public void Score_is_the_fraction_correct(string name)
    {
        var d = ContractData.Blobs(["a", "b", "c"]);
        var c = Classifier(name, d);
        var wrong = d.Labels.Select((l, i) => i % 4 == 0 ? (l == "a" ? "b" : "a") : l).ToArray();
        var predicted = c.Predict(d.X);
        double expected = predicted.Zip(wrong).Count(t => t.First == t.Second) / (double)d.Rows;
        double score = c.Score(d.X, wrong);
        Assert.InRange(score, 0, 1);
        Assert.Equal(expected, score, 1e-15);
    }

    [Theory, MemberData(nameof(KindCases.Classifiers), MemberType = typeof(KindCases))]
    public void Float_and_double_decide_alike_on_well_separated_data(string name)
    {
        var kind = K(name);
        var d = ContractData.Blobs(["a", "b", "c"]);
        var f = kind.CreateClassifier<float, string>(KindCases.Small(kind));
        f.Fit(ContractModel<float>.Cast(d.X), d.Labels);
        Assert.Equal(Classifier(name, d).Predict(d.X), f.Predict(ContractModel<float>.Cast(d.X)));
    }

    [Theory, MemberData(nameof(KindCases.Classifiers), MemberType = typeof(KindCases))]
    public void Array_overloads_equal_the_Matrix_one(string name)
    {
        var d = ContractData.Blobs(["a", "b", "c"]);
        var kind = K(name);
        var m = Classifier(name, d);
        var jagged = kind.CreateClassifier<double, string>(KindCases.Small(kind)).Fit(d.X.ToRows(), d.Labels);
        var square = kind.CreateClassifier<double, string>(KindCases.Small(kind)).Fit(d.X.ToArray(), d.Labels);
        Assert.Equal(m.Predict(d.X), jagged.Predict(d.X.ToRows()));
        Assert.Equal(m.Predict(d.X), square.Predict(d.X.ToArray()));
    }

    [Theory, MemberData(nameof(KindCases.Classifiers), MemberType = typeof(KindCases))]
    public void Learns_well_separated_blobs_of_two_and_three_classes(string name)
    {
        foreach (var names in new[] { new[] { "a", "b" }, ["a", "b", "c"] })
        {
            var d = ContractData.Blobs(names, features: 3);
            var c = Classifier(name, d);
            Assert.Equal(names.Length, c.Classes.Count);
            Assert.Equal(3, c.FeatureCount);
            Assert.True(c.Score(d.X, d.Labels) >= 0.9, $"{names.Length} classes: accuracy {c.Score(d.X, d.Labels)}");
        }
    }

    // ---------------------------------------------------------------- regression

    private static Regressor<double> Regressor(string name) => K(name).CreateRegressor<double>(KindCases.Small(K(name)));

    [Theory, MemberData(nameof(KindCases.Regressors), MemberType = typeof(KindCases))]
    public void Target_rows_other_than_the_rows_are_rejected(string name)
    {
        var d = ContractData.Linear();
        var e = Assert.ThrowsAny<ArgumentException>(() => Regressor(name).Fit(d.X, d.Y.SelectRows([.. Enumerable.Range(0, d.Rows - 1)])));
        Assert.Contains($"{d.Rows - 1}×1", e.Message);
    }

    [Theory, MemberData(nameof(KindCases.Regressors), MemberType = typeof(KindCases))]
    public void Zero_target_columns_are_rejected(string name)
    {
        var d = ContractData.Linear();
        Assert.ThrowsAny<ArgumentException>(() => Regressor(name).Fit(d.X, new Matrix<double>(d.Rows, 0)));
    }

    [Theory, MemberData(nameof(KindCases.Regressors), MemberType = typeof(KindCases))]
    public void A_NaN_target_is_rejected_naming_its_row(string name)
    {
        var d = ContractData.Linear();
        var y = d.Y.Clone();
        y[4, 0] = double.NaN;
        var e = Assert.ThrowsAny<ArgumentException>(() => Regressor(name).Fit(d.X, y));
        Assert.Contains("row 4, column 0", e.Message);
    }

    [Theory, MemberData(nameof(KindCases.Regressors), MemberType = typeof(KindCases))]
    public void Two_targets_give_two_prediction_columns(string name)
    {
        var d = ContractData.Linear(targets: 2);
        var r = Regressor(name).Fit(d.X, d.Y);
        Assert.Equal(2, r.TargetCount);
        Assert.Equal($"{d.Rows}×2", r.Predict(d.X).Shape);
    }

    [Theory, MemberData(nameof(KindCases.Regressors), MemberType = typeof(KindCases))]
    public void Score_equals_R2_by_hand(string name)
    {
        var d = ContractData.Linear();
        var r = Regressor(name).Fit(d.X, d.Y);
        var p = r.Predict(d.X);
        double mean = Enumerable.Range(0, d.Rows).Average(i => d.Y[i, 0]);
        double res = Enumerable.Range(0, d.Rows).Sum(i => Math.Pow(d.Y[i, 0] - p[i, 0], 2));
        double tot = Enumerable.Range(0, d.Rows).Sum(i => Math.Pow(d.Y[i, 0] - mean, 2));
        Assert.Equal(1 - res / tot, r.Score(d.X, d.Y), 1e-12);
    }

    [Theory, MemberData(nameof(KindCases.Regressors), MemberType = typeof(KindCases))]
    public void Float_and_double_predict_alike(string name)
    {
        var d = ContractData.Linear();

        // Early stopping keeps the iteration with the best of a few validation rows' losses; float rounding can make another
        // iteration the best one, so the two are compared on the training itself.
        var values = KindCases.Small(K(name));
        values = K(name).Find("validation_fraction") is null ? values : values.With("validation_fraction", 0.0);
        var pd = K(name).CreateRegressor<double>(values).Fit(d.X, d.Y).Predict(d.X);
        var pf = K(name).CreateRegressor<float>(values).Fit(ContractModel<float>.Cast(d.X), ContractModel<float>.Cast(d.Y)).Predict(ContractModel<float>.Cast(d.X));
        for (int i = 0; i < d.Rows; i++)
        {
            Assert.Equal(pd[i, 0], pf[i, 0], 1e-2);
        }
    }

    // ---------------------------------------------------------------- schema, per kind

    private static ModelKind Kind(string name) => ModelKinds.Get(name);

    [Theory, MemberData(nameof(KindCases.Kinds), MemberType = typeof(KindCases))]
    public void Defaults_format_and_parse_back(string name) =>
        Assert.All(Kind(name).Hyperparameters, h => Assert.Equal(h.Format(h.DefaultObject), h.Format(h.Parse(h.Format(h.DefaultObject)))));

    [Theory, MemberData(nameof(KindCases.Kinds), MemberType = typeof(KindCases))]
    public void Defaults_round_trip_through_JSON(string name) =>
        Assert.All(Kind(name).Hyperparameters, h => Assert.Equal(h.Format(h.DefaultObject), h.Format(h.FromJson(h.ToJson(h.DefaultObject)))));

    [Theory, MemberData(nameof(KindCases.Kinds), MemberType = typeof(KindCases))]
    public void Names_are_snake_case_and_unique(string name)
    {
        var names = Kind(name).Hyperparameters.Select(h => h.Name).ToList();
        Assert.All(names, n => Assert.Matches(new Regex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$"), n));
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Theory, MemberData(nameof(KindCases.Kinds), MemberType = typeof(KindCases))]
    public void A_name_shared_between_kinds_has_one_value_type(string name)
    {
        foreach (var h in Kind(name).Hyperparameters)
        {
            foreach (var other in ModelKinds.All.Select(k => k.Find(h.Name)).Where(o => o is not null))
            {
                Assert.True(h.ValueType == other!.ValueType, $"{h.Name}: {h.ValueType} here, {other.ValueType} elsewhere");
            }
        }
    }

    [Theory, MemberData(nameof(KindCases.Kinds), MemberType = typeof(KindCases))]
    public void Garbage_text_throws_ArgumentException_naming_the_hyperparameter(string name)
    {
        var kind = Kind(name);
        foreach (var h in kind.Hyperparameters)
        {
            var e = Assert.ThrowsAny<ArgumentException>(() => kind.Defaults.WithText(h.Name, "@@ garbage @@"));
            Assert.True(e.ParamName == h.Name || e.Message.Contains(h.Name), $"{h.Name}: {e.Message}");
            Assert.False(h.IsWellFormed("@@ garbage @@"), h.Name);
        }
    }

    [Theory, MemberData(nameof(KindCases.Kinds), MemberType = typeof(KindCases))]
    public void Each_default_passes_Check_and_With_default_equals_Defaults(string name)
    {
        var kind = Kind(name);
        foreach (var h in kind.Hyperparameters)
        {
            h.Check(h.DefaultObject);
            Assert.Equal(kind.Defaults, kind.Defaults.With(h.Name, h.DefaultObject));
            Assert.True(kind.Defaults.IsDefault(h.Name));
        }
    }

    [Theory, MemberData(nameof(KindCases.Kinds), MemberType = typeof(KindCases))]
    public void Help_and_range_are_given_and_the_kind_is_found_by_name(string name)
    {
        var kind = Kind(name);
        Assert.Same(kind, ModelKinds.Find(kind.Name));
        Assert.NotEmpty(kind.Tasks);
        Assert.False(string.IsNullOrWhiteSpace(kind.Summary));
        Assert.All(kind.Hyperparameters, h =>
        {
            Assert.False(string.IsNullOrWhiteSpace(h.Help));
            Assert.False(string.IsNullOrWhiteSpace(h.Range));
        });
    }
}
