// The contract battery (in the spirit of scikit-learn's check_estimator): written once, run for every kind in
// ModelKinds.All, so a newly registered kind is covered with no new test code. Fits are small (≤ 60 rows, 2–3 features,
// epochs 30 where the kind has an epoch limit).
//
// Per (kind, task), for every task a kind serves [KindCases.All] — 24 checks:
//   fit returns the same fitted instance; unfitted Predict, Score and FeatureCount throw NotFittedException; 0 rows and
//   0 columns are rejected naming the shape; NaN and +∞ in Fit and −∞ in Predict are rejected naming row and column;
//   Predict with another feature count names both counts; null x throws ArgumentNullException; the same seed gives
//   bit-identical parameters; refitting an instance equals a fresh fit; refitting on another shape replaces the state;
//   Fit and Predict do not mutate their inputs; a full-batch model does not depend on the row order; save → load predicts
//   bit-identically in double and in float; the loaded model has the same kind and shape; every hyperparameter set to a
//   non-default value survives the file; ValuesOf gives the values used; 8 threads at once predict bit-identically;
//   Describe gives lines, a positive parameter count and JSON that round-trips; Predict on 0 rows gives an empty result.
// Per classifying kind [KindCases.Classifiers] — 14 checks:
//   unfitted PredictProbabilities; a single class; label count ≠ rows; a null label; int 0/1, ±1, strings and non-ASCII
//   strings give the same decisions; Classes sorted ordinally; probabilities in [0, 1] summing to 1 (or NotSupported);
//   Predict = argmax of the probabilities at the defaults; PredictClassIndices consistent with Predict; one row at a time
//   equals the batch; Score in [0, 1] equal to the fraction correct; float and double decide alike; the T[][] and T[,]
//   overloads equal the Matrix one; learns well separated blobs of two and three classes.
// Totals per kind as xunit reports them: 24 + 14 + 7 = 45 for a classifier, 24 + 6 + 7 = 37 for a regressor, mlp 75.
// Per regressing kind [KindCases.Regressors] — 6 checks:
//   target rows ≠ rows; 0 target columns; a NaN target; two targets; Score equals R² by hand; float and double agree.
// Per kind, on the schema [KindCases.Kinds] — 7 checks:
//   defaults format and parse back; defaults JSON round-trips; names snake_case and unique; a name shared between kinds
//   has one value type; garbage text throws ArgumentException naming the hyperparameter; the default passes Check and
//   With(name, default) equals Defaults; help and range are non-empty and the kind is found by its name.
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Nabla.Estimators;
using Nabla.Models;
using Nabla.Tensors;
using Nabla.Tests.TestSupport;

namespace Nabla.Tests.Contracts;

public class KindContractTests
{
    private static (ModelKind Kind, ModelTask Task, ContractData Data, ContractModel<double> Model) Setup(string name, HyperparameterValues? values = null)
    {
        var (kind, task) = KindCases.Parse(name);
        return (kind, task, ContractData.For(task), ContractModel<double>.Create(kind, task, values ?? KindCases.Small(kind)));
    }

    private static ContractModel<double> Fitted(string name, HyperparameterValues? values = null)
    {
        var (_, _, data, model) = Setup(name, values);
        model.Fit(data);
        return model;
    }

    private static Matrix<double> X(ContractData d) => d.X;

    // ---------------------------------------------------------------- every (kind, task)

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void Fit_returns_the_same_instance_fitted(string name)
    {
        var (_, task, data, model) = Setup(name);
        Assert.False(model.IsFitted);
        Assert.Same(model.Estimator, model.Fit(data));
        Assert.True(model.IsFitted);
        Assert.Equal(2, model.FeatureCount);
        if (task == ModelTask.Classification)
        {
            Assert.Equal(["a", "b", "c"], model.Classifier!.Classes);
        }
        else
        {
            Assert.Equal(1, model.Regressor!.TargetCount);
        }
    }

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void Unfitted_Predict_throws_NotFitted(string name)
    {
        var (_, _, data, model) = Setup(name);
        Assert.Throws<NotFittedException>(() => model.Predict(X(data)));
    }

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void Unfitted_Score_throws_NotFitted(string name)
    {
        var (_, _, data, model) = Setup(name);
        Assert.Throws<NotFittedException>(() => model.Score(data));
    }

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void Unfitted_FeatureCount_throws_NotFitted(string name)
    {
        var (_, _, _, model) = Setup(name);
        Assert.Throws<NotFittedException>(() => model.FeatureCount);
    }

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void Zero_rows_are_rejected_naming_the_shape(string name)
    {
        var (_, _, _, model) = Setup(name);
        var empty = new ContractData(new Matrix<double>(0, 2), [], new Matrix<double>(0, 1));
        var e = Assert.ThrowsAny<ArgumentException>(() => model.Fit(empty));
        Assert.Contains("0×2", e.Message);
        Assert.False(model.IsFitted);
    }

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void Zero_columns_are_rejected_naming_the_shape(string name)
    {
        var (_, _, _, model) = Setup(name);
        var data = new ContractData(new Matrix<double>(5, 0), ["a", "b", "a", "b", "a"], new Matrix<double>(5, 1));
        var e = Assert.ThrowsAny<ArgumentException>(() => model.Fit(data));
        Assert.Contains("5×0", e.Message);
    }

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void NaN_feature_in_Fit_is_rejected_naming_row_and_column(string name)
    {
        var (_, _, data, model) = Setup(name);
        var x = data.X.Clone();
        x[3, 1] = double.NaN;
        var e = Assert.ThrowsAny<ArgumentException>(() => model.Fit(data with { X = x }));
        Assert.Contains("row 3, column 1", e.Message);
        Assert.False(model.IsFitted);
    }

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void Infinite_feature_in_Fit_is_rejected_naming_row_and_column(string name)
    {
        var (_, _, data, model) = Setup(name);
        var x = data.X.Clone();
        x[7, 0] = double.PositiveInfinity;
        var e = Assert.ThrowsAny<ArgumentException>(() => model.Fit(data with { X = x }));
        Assert.Contains("row 7, column 0", e.Message);
    }

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void Infinite_feature_in_Predict_is_rejected_naming_row_and_column(string name)
    {
        var (_, _, data, model) = Setup(name);
        model.Fit(data);
        var x = data.X.Clone();
        x[2, 1] = double.NegativeInfinity;
        var e = Assert.ThrowsAny<ArgumentException>(() => model.Predict(x));
        Assert.Contains("row 2, column 1", e.Message);
    }

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void Predict_with_another_feature_count_names_both_counts(string name)
    {
        var model = Fitted(name);
        var e = Assert.ThrowsAny<ArgumentException>(() => model.Predict(new Matrix<double>(4, 3)));
        Assert.Contains("2 features", e.Message);
        Assert.Contains("3 columns", e.Message);
    }

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void Null_x_throws_ArgumentNullException(string name)
    {
        var (_, _, data, model) = Setup(name);
        Assert.Throws<ArgumentNullException>(() => model.Fit(null!, data));
        model.Fit(data);
        Assert.Throws<ArgumentNullException>(() => model.Predict(null!));
    }

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void The_same_seed_gives_bit_identical_parameters(string name)
    {
        var (kind, task) = KindCases.Parse(name);
        var values = KindCases.Small(kind);
        if (kind.Find("seed") is not null)
        {
            values = values.With("seed", 4242);
        }

        var data = ContractData.For(task);
        var first = ContractModel<double>.Create(kind, task, values);
        var second = ContractModel<double>.Create(kind, task, values);
        first.Fit(data);
        second.Fit(data);
        Assert.Equal(first.Parameters, second.Parameters);
        Assert.Equal(first.Output(data.X), second.Output(data.X));
    }

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void Refitting_an_instance_equals_a_fresh_fit(string name)
    {
        var (kind, task, data, model) = Setup(name);
        model.Fit(data);
        model.Fit(data);
        var fresh = Fitted(name);
        Assert.Equal(fresh.Parameters, model.Parameters);
    }

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void Refitting_on_another_shape_replaces_the_state(string name)
    {
        var (_, task, data, model) = Setup(name);
        var other = task == ModelTask.Classification ? ContractData.Blobs(["x", "y"], features: 3) : ContractData.Linear(features: 3, targets: 2);
        model.Fit(other);
        model.Fit(data);
        Assert.Equal(2, model.FeatureCount);
        Assert.Equal(Fitted(name).Output(data.X), model.Output(data.X));
        if (task == ModelTask.Classification)
        {
            Assert.Equal(["a", "b", "c"], model.Classifier!.Classes);
        }
        else
        {
            Assert.Equal(1, model.Regressor!.TargetCount);
        }
    }

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void Fit_and_Predict_do_not_mutate_their_inputs(string name)
    {
        var (_, _, data, model) = Setup(name);
        var x = data.X.Clone();
        var labels = data.Labels.ToArray();
        var y = data.Y.Clone();
        model.Fit(data);
        model.Output(data.X);
        Assert.Equal(x, data.X);
        Assert.Equal(labels, data.Labels);
        Assert.Equal(y, data.Y);
    }

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void A_full_batch_model_does_not_depend_on_the_row_order(string name)
    {
        var (kind, task, data, _) = Setup(name);
        // A kind that can shuffle presents samples one at a time (or in mini-batches): the order matters by design.
        if (kind.Find("shuffle") is not null)
        {
            return;
        }

        var values = KindCases.Small(kind);
        if (kind.Find("batch_size") is not null)
        {
            values = values.With("batch_size", 0);
        }

        if (kind.Find("validation_fraction") is not null)
        {
            values = values.With("validation_fraction", 0.0);
        }

        var order = Enumerable.Range(0, data.Rows).Reverse().ToArray();
        new Random(3).Shuffle(order);
        var a = ContractModel<double>.Create(kind, task, values);
        var b = ContractModel<double>.Create(kind, task, values);
        a.Fit(data);
        b.Fit(data.Permuted(order));
        if (task == ModelTask.Classification)
        {
            Assert.Equal(a.Classifier!.Predict(data.X), b.Classifier!.Predict(data.X));
        }

        var na = a.Numbers(data.X);
        var nb = b.Numbers(data.X);
        if (na is not null)
        {
            Assertions.RelativelyClose(na, nb!, 1e-6, "predictions after permuting the rows");
        }
    }

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void Save_and_load_predicts_bit_identically_in_double(string name) => SaveLoad<double>(name);

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void Save_and_load_predicts_bit_identically_in_float(string name) => SaveLoad<float>(name);

    private static void SaveLoad<T>(string name)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var (kind, task) = KindCases.Parse(name);
        var data = ContractData.For(task);
        var model = ContractModel<T>.Create(kind, task, KindCases.Small(kind));
        model.Fit(data);
        var loaded = model.Load(model.Json);
        var x = ContractModel<T>.Cast(data.X);
        Assert.Equal(model.Output(x), loaded.Output(x));
        Assert.Equal(model.Json, loaded.Json);
    }

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void The_loaded_model_has_the_same_kind_and_shape(string name)
    {
        var model = Fitted(name);
        var loaded = model.Load(model.Json);
        Assert.Same(model.Kind, loaded.KindOf);
        Assert.True(loaded.IsFitted);
        Assert.Equal(model.FeatureCount, loaded.FeatureCount);
        if (model.Classifier is not null)
        {
            Assert.Equal(model.Classifier.Classes, loaded.Classifier!.Classes);
        }
        else
        {
            Assert.Equal(model.Regressor!.TargetCount, loaded.Regressor!.TargetCount);
        }
    }

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void Every_hyperparameter_set_to_another_value_survives_the_file(string name)
    {
        var (kind, task) = KindCases.Parse(name);
        var data = task == ModelTask.Classification ? ContractData.Blobs(["a", "b"]) : ContractData.Linear();
        var baseValues = KindCases.Small(kind);
        int survived = 0;
        var skipped = new List<string>();
        foreach (var h in kind.Hyperparameters)
        {
            object? other = OtherValue(h, baseValues[h.Name]);
            if (other is null)
            {
                skipped.Add(h.Name);
                continue;
            }

            var values = baseValues.With(h.Name, other);
            ContractModel<double> model;
            try
            {
                model = ContractModel<double>.Create(kind, task, values);
                model.Fit(data);
            }
            // Values that do not fit together (mlp regression with loss=log-loss) are refused with ArgumentException.
            catch (ArgumentException)
            {
                skipped.Add(h.Name + " (fit refused " + h.Format(other) + ")");
                continue;
            }

            var loaded = model.Load(model.Json);
            Assert.Equal(values, model.Values);
            Assert.True(values.Equals(loaded.Values), $"{h.Name} = {h.Format(other)}: loaded {loaded.Values}");
            survived++;
        }

        Assert.True(survived > 0, "no hyperparameter could be changed: " + string.Join(", ", skipped));
    }

    /// <summary>A valid value other than <paramref name="current"/>, found from the schema alone, or null.</summary>
    private static object? OtherValue(Hyperparameter h, object? current)
    {
        string now = h.Format(current);
        var candidates = new List<object?>();
        foreach (var c in h.Choices)
        {
            candidates.Add(TryParse(h, c));
        }

        switch (current)
        {
            case int i:
                candidates.Add(i + 1);
                candidates.Add(i - 1);
                break;
            case double d:
                candidates.Add(d == 0 ? 0.25 : d * 0.5);
                candidates.Add(d * 2);
                break;
            case IReadOnlyList<int> list:
                candidates.Add(list.Count == 0 ? (IReadOnlyList<int>)[3] : (IReadOnlyList<int>)[.. list.Select(v => v + 1)]);
                break;
            case string:
                foreach (var text in new[] { "uniform", "tanh", "cosine", "none", "2", "0.5" })
                {
                    candidates.Add(TryParse(h, text));
                }

                break;
        }

        foreach (var c in candidates)
        {
            if (c is null || h.Format(c) == now)
            {
                continue;
            }

            try
            {
                h.Check(c);
                return c;
            }
            catch (ArgumentException)
            {
            }
        }

        return null;
    }

    private static object? TryParse(Hyperparameter h, string text)
    {
        try
        {
            return h.Parse(text);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return null;
        }
    }

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void ValuesOf_gives_the_values_used(string name)
    {
        var (kind, _) = KindCases.Parse(name);
        var values = KindCases.Small(kind);
        var model = Fitted(name, values);
        Assert.Equal(values, model.Values);
    }

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public async Task Eight_threads_at_once_predict_bit_identically(string name)
    {
        var (_, _, data, model) = Setup(name);
        model.Fit(data);
        string expected = model.Output(data.X);
        const int threads = 8;
        using var barrier = new Barrier(threads);
        var tasks = Enumerable.Range(0, threads).Select(_ => Task.Factory.StartNew(
            () =>
            {
                barrier.SignalAndWait();
                var results = new List<string>();
                for (int r = 0; r < 10; r++)
                {
                    results.Add(model.Output(data.X));
                }

                return results;
            },
            TaskCreationOptions.LongRunning)).ToArray();
        foreach (var results in await Task.WhenAll(tasks))
        {
            Assert.All(results, r => Assert.Equal(expected, r));
        }
    }

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void Describe_gives_lines_a_parameter_count_and_round_tripping_JSON(string name)
    {
        var model = Fitted(name);
        var d = model.Describe(["alpha", "beta"]);
        Assert.False(string.IsNullOrWhiteSpace(d.Heading));
        Assert.NotEmpty(d.Lines);
        Assert.True(d.ParameterCount > 0);
        Assert.NotEmpty(d.Parameters);
        string json = d.Parameters.ToJsonString();
        Assert.Equal(json, JsonNode.Parse(json)!.ToJsonString());
    }

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void Predict_on_zero_rows_gives_an_empty_result(string name)
    {
        var model = Fitted(name);
        var x = new Matrix<double>(0, 2);
        if (model.Classifier is { } c)
        {
            Assert.Empty(c.Predict(x));
            Assert.Empty(c.PredictClassIndices(x));
            if (c.SupportsProbabilities)
            {
                Assert.Equal("0×3", c.PredictProbabilities(x).Shape);
            }
        }
        else
        {
            Assert.Equal("0×1", model.Regressor!.Predict(x).Shape);
        }
    }
}
