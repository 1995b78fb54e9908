using System.Globalization;
using System.Text.Json.Nodes;
using Nabla.Linear;
using Nabla.Models;
using Nabla.Sampling;
using Nabla.Tensors;

namespace Nabla.Tests.Linear;

public sealed class LogisticL2SearchTests
{
    private static (Matrix<double> X, string[] Y) Data(int n, int seed)
    {
        // Three overlapping classes in 4 features, two of them noise: the penalty matters.
        var random = new Random(seed);
        var rows = new double[n][];
        var labels = new string[n];
        for (int i = 0; i < n; i++)
        {
            int k = i % 3;
            rows[i] = [k * 0.8 + random.NextGaussian(), (k == 1 ? 0.7 : 0) + random.NextGaussian(), random.NextGaussian(), random.NextGaussian()];
            labels[i] = ((char)('a' + k)).ToString();
        }

        return (Matrix<double>.FromRows(rows), labels);
    }

    [Fact]
    public void Without_a_given_l2_the_penalty_is_the_candidate_of_lowest_held_out_log_loss()
    {
        var (x, y) = Data(150, 1);
        var model = new LogisticRegression<double, string>().Fit(x, y);
        var search = Assert.IsType<L2Search>(model.L2Search);
        Assert.Equal(5, search.Folds);
        Assert.Equal(search.Chosen, model.L2Penalty);

        // The reference: the same stratified folds, each candidate fitted by the library with that λ on the training part
        // (λ = 1/(C n_train)) and scored by its own log-loss on the part left out.
        int[] classes = [.. y.Select(c => c[0] - 'a')];
        var folds = DataSplit.Folds(150, 5, 0, [.. classes.Select(k => k.ToString(CultureInfo.InvariantCulture))]);
        for (int c = 0; c < 10; c++)
        {
            double inverse = Math.Pow(10, -4 + 8.0 * c / 9);
            Assert.Equal(1 / (inverse * 150), search.Candidates[c], 12);
            double mean = folds.Average(test =>
            {
                int[] train = [.. Enumerable.Range(0, 150).Except(test)];
                var fold = new LogisticRegression<double, string>(new LogisticRegressionOptions { L2Penalty = 1 / (inverse * train.Length) })
                    .Fit(x.SelectRows(train), [.. train.Select(i => y[i])]);
                return fold.LogLoss(x.SelectRows(test), [.. test.Select(i => y[i])]);
            });
            Assert.Equal(mean, search.HeldOutLogLoss[c], 4);
        }

        int best = Enumerable.Range(0, 10).MinBy(c => search.HeldOutLogLoss[c]);
        Assert.Equal(search.Candidates[best], search.Chosen);
        Assert.InRange(best, 1, 8); // this data wants a penalty between the extremes
    }

    [Fact]
    public void A_given_l2_is_used_as_it_is_and_large_or_tiny_training_sets_take_one_over_n()
    {
        var (x, y) = Data(150, 2);
        var given = new LogisticRegression<double, string>(new LogisticRegressionOptions { L2Penalty = 0.25 }).Fit(x, y);
        Assert.Null(given.L2Search);
        Assert.Equal(0.25, given.L2Penalty);

        var (big, bigY) = Data(10_001, 3);
        var large = new LogisticRegression<double, string>().Fit(big, bigY);
        Assert.Null(large.L2Search);
        Assert.Equal(1.0 / 10_001, large.L2Penalty);

        var (small, smallY) = Data(9, 4);
        var tiny = new LogisticRegression<double, string>().Fit(small, smallY);
        Assert.Null(tiny.L2Search);
        Assert.Equal(1.0 / 9, tiny.L2Penalty);
    }

    [Fact]
    public void The_same_seed_gives_the_same_choice_and_the_gd_solver_uses_it_too()
    {
        var (x, y) = Data(120, 5);
        var first = new LogisticRegression<double, string>().Fit(x, y);
        var again = new LogisticRegression<double, string>().Fit(x, y);
        Assert.Equal(first.L2Search, again.L2Search);
        Assert.Equal(first.Coefficients.ToArray(), again.Coefficients.ToArray());
        // The search fits to convergence on its own settings: the solver, iteration limit and tolerance of the final fit
        // do not change the λ chosen.
        foreach (var options in new[]
        {
            new LogisticRegressionOptions { Solver = LogisticRegressionSolver.GradientDescent, MaxIterations = 1 },
            new LogisticRegressionOptions { MaxIterations = 2, Tolerance = 0.5 },
        })
        {
            var other = new LogisticRegression<double, string>(options).Fit(x, y);
            Assert.Equal(first.L2Search, other.L2Search);
        }

        // Nor does the thread count: each fold fills its own slot.
        var oneThread = new LogisticRegression<double, string>(new LogisticRegressionOptions { Threads = 1 }).Fit(x, y);
        Assert.Equal(first.L2Search, oneThread.L2Search);
        Assert.Equal(first.Coefficients.ToArray(), oneThread.Coefficients.ToArray());
    }

    [Fact]
    public void The_search_is_saved_and_loaded_with_the_model()
    {
        var (x, y) = Data(90, 6);
        var model = new LogisticRegression<double, string>().Fit(x, y);
        string json = ModelFile.ToJson(model);
        var root = JsonNode.Parse(json)!;
        Assert.Equal("auto", (string?)root["hyperparameters"]!["l2"]);
        Assert.Equal(model.L2Penalty, (double)root["parameters"]!["l2_penalty"]!);
        var loaded = (LogisticRegression<double, string>)ModelFile.ParseClassifier<double, string>(json, "m.json").Model;
        Assert.Equal(model.L2Search, loaded.L2Search);
        Assert.Equal(model.L2Penalty, loaded.L2Penalty);
        Assert.Equal(model.Predict(x), loaded.Predict(x));
        var described = ModelKinds.Logistic.Describe(loaded);
        Assert.Contains(described.Lines, l => l.StartsWith("L2 auto: λ = ", StringComparison.Ordinal) && l.Contains("chosen by 5-fold cross-validation", StringComparison.Ordinal));
        Assert.Equal(model.L2Penalty, (double)described.Parameters["l2_penalty"]!);

        root["parameters"]!.AsObject().Remove("l2_penalty");
        var e = Assert.ThrowsAny<Exception>(() => ModelFile.ParseClassifier<double, string>(root.ToJsonString(), "m.json"));
        Assert.Contains("l2_penalty is missing, but hyperparameters.l2 is auto", e.Message, StringComparison.Ordinal);

        root = JsonNode.Parse(json)!;
        root["parameters"]!["l2_search"]!["chosen"] = 123.0;
        e = Assert.ThrowsAny<Exception>(() => ModelFile.ParseClassifier<double, string>(root.ToJsonString(), "m.json"));
        Assert.Contains("l2_search.chosen is 123, which must be one of the candidates", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rare_class_lowers_the_fold_count_and_class_weights_enter_the_search()
    {
        // Class c has 3 rows: 3 stratified folds. Without intercepts and with class weights the search still runs.
        var (x, y) = Data(60, 7);
        for (int i = 0, c = 0; i < y.Length; i++)
        {
            if (y[i] == "c" && c++ >= 3)
            {
                y[i] = "b";
            }
        }

        var model = new LogisticRegression<double, string>().Fit(x, y);
        Assert.Equal(3, model.L2Search!.Folds);
        var weighted = new LogisticRegression<double, string>(new LogisticRegressionOptions { ClassWeights = Nabla.Estimators.ClassWeights.Of(1, 1, 20), FitIntercept = false }).Fit(x, y);
        Assert.Equal(3, weighted.L2Search!.Folds);
        Assert.NotEqual(model.L2Search.HeldOutLogLoss, weighted.L2Search.HeldOutLogLoss);
        Assert.All(weighted.Intercepts, b => Assert.Equal(0.0, b));
    }

    [Fact]
    public void A_file_whose_l2_penalty_or_search_contradicts_its_l2_is_refused()
    {
        var (x, y) = Data(60, 8);
        var given = JsonNode.Parse(ModelFile.ToJson(new LogisticRegression<double, string>(new LogisticRegressionOptions { L2Penalty = 0.5 }).Fit(x, y)))!;
        given["parameters"]!["l2_penalty"] = 0.25;
        var e = Assert.ThrowsAny<Exception>(() => ModelFile.ParseClassifier<double, string>(given.ToJsonString(), "m.json"));
        Assert.Contains("l2_penalty is 0.25, but hyperparameters.l2 is 0.5", e.Message, StringComparison.Ordinal);

        var auto = JsonNode.Parse(ModelFile.ToJson(new LogisticRegression<double, string>().Fit(x, y)))!;
        auto["hyperparameters"]!["l2"] = auto["parameters"]!["l2_penalty"]!.DeepClone();
        e = Assert.ThrowsAny<Exception>(() => ModelFile.ParseClassifier<double, string>(auto.ToJsonString(), "m.json"));
        Assert.Contains("l2_search is present, but hyperparameters.l2 is a number", e.Message, StringComparison.Ordinal);

        // A candidate whose fits went non-finite is kept as null and read back as +∞.
        auto = JsonNode.Parse(ModelFile.ToJson(new LogisticRegression<double, string>().Fit(x, y)))!;
        var search = auto["parameters"]!["l2_search"]!;
        int chosen = search["candidates"]!.AsArray().Select(v => (double)v!).ToList().IndexOf((double)search["chosen"]!);
        int other = chosen == 0 ? 1 : 0;
        search["held_out_log_loss"]![other] = null;
        var loaded = (LogisticRegression<double, string>)ModelFile.ParseClassifier<double, string>(auto.ToJsonString(), "m.json").Model;
        Assert.Equal(double.PositiveInfinity, loaded.L2Search!.HeldOutLogLoss[other]);
        Assert.Contains("\"held_out_log_loss\"", ModelFile.ToJson(loaded), StringComparison.Ordinal); // and writes again
    }

    [Fact]
    public void Auto_is_a_value_of_l2_only_where_a_kind_can_choose_it()
    {
        Assert.Null(ModelKinds.Logistic.Find("l2")!.Parse("auto"));
        Assert.Equal(0.5, ModelKinds.Logistic.Find("l2")!.Parse("0.5"));
        Assert.Contains("takes a number ≥ 0.", Assert.Throws<FormatException>(() => ModelKinds.Mlp.Find("l2")!.Parse("auto")).Message, StringComparison.Ordinal);
        Assert.Contains("takes a number ≥ 0.", Assert.Throws<FormatException>(() => ModelKinds.Linear.Find("l2")!.Parse("auto")).Message, StringComparison.Ordinal);
    }
}
