using Nabla.Data;
using Nabla.Sampling;
using Nabla.Estimators;
using Nabla.Models;
using Nabla.Tensors;

namespace Nabla.Tests.Models;

/// <summary>k-fold splits, cross-validation against a hand-written loop, and hyperparameter search.</summary>
public sealed class ModelSelectionTests
{
    [Theory]
    [InlineData(10, 3)]
    [InlineData(101, 5)]
    [InlineData(7, 7)]
    public void Folds_cover_every_row_once_with_sizes_within_one(int rows, int k)
    {
        var folds = DataSplit.Folds(rows, k, seed: 3);
        Assert.Equal(k, folds.Length);
        Assert.Equal(Enumerable.Range(0, rows), folds.SelectMany(f => f).Order());
        Assert.True(folds.Max(f => f.Length) - folds.Min(f => f.Length) <= 1);
        Assert.All(folds, f => Assert.Equal(f.Order(), f));
        Assert.Equal(folds, DataSplit.Folds(rows, k, seed: 3));
        Assert.NotEqual(folds, DataSplit.Folds(rows, k, seed: 4));
    }

    [Fact]
    public void Stratified_folds_keep_the_class_proportions()
    {
        string[] labels = [.. Enumerable.Range(0, 90).Select(i => i < 60 ? "a" : "b")];
        var folds = DataSplit.Folds(labels.Length, 3, seed: 1, labels);
        Assert.All(folds, f =>
        {
            Assert.Equal(20, f.Count(i => labels[i] == "a"));
            Assert.Equal(10, f.Count(i => labels[i] == "b"));
        });
    }

    [Fact]
    public void Too_few_rows_of_a_class_or_too_many_folds_are_refused()
    {
        string[] labels = ["a", "a", "a", "b", "b"];
        Assert.Contains("Class 'b' has 2 row(s), fewer than the 3 folds", Assert.Throws<ArgumentException>(() => DataSplit.Folds(5, 3, 0, labels)).Message);
        Assert.Contains("use fewer folds", Assert.Throws<ArgumentException>(() => DataSplit.Folds(3, 4, 0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.Folds(10, 1, 0));
    }

    [Fact]
    public void Classification_scores_equal_a_hand_written_loop_over_the_same_folds()
    {
        var data = SyntheticData.Moons(count: 120, noise: 0.2, seed: 5);
        var values = ModelKinds.Logistic.Defaults.With("l2", 0.01);
        var result = new CrossValidation(folds: 4, seed: 2).Classification(values, data.Features, data.Labels);

        var folds = DataSplit.Folds(data.Features.Rows, 4, 2, [.. data.Labels.Select(l => l.ToString())]);
        var accuracies = folds.Select(test =>
        {
            int[] train = [.. Enumerable.Range(0, data.Features.Rows).Except(test)];
            var model = ModelKinds.Logistic.CreateClassifier<double, int>(values).Fit(data.Features.SelectRows(train), [.. train.Select(i => data.Labels[i])]);
            return model.Score(data.Features.SelectRows(test), [.. test.Select(i => data.Labels[i])]);
        }).ToArray();

        Assert.Equal(accuracies, result.Metrics["accuracy"].Folds);
        Assert.Equal(accuracies.Average(), result.Metrics["accuracy"].Mean, 15);
        double mean = accuracies.Average();
        Assert.Equal(Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / 4), result.Metrics["accuracy"].StandardDeviation, 15);
        Assert.Contains("log_loss", result.Metrics.Keys);
        Assert.Equal(4, result.Folds);
    }

    [Fact]
    public void Regression_reports_mse_mae_and_r2_per_fold()
    {
        var random = new Random(8);
        var x = new Matrix<double>(60, 2);
        var y = new Matrix<double>(60, 1);
        for (int i = 0; i < 60; i++)
        {
            x[i, 0] = random.NextDouble();
            x[i, 1] = random.NextDouble();
            y[i, 0] = 2 * x[i, 0] - x[i, 1] + 0.5;
        }

        var result = new CrossValidation(folds: 3).Regression(ModelKinds.Linear.Defaults, x, y);
        Assert.Equal(["mse", "mae", "r2"], result.Metrics.Keys);
        Assert.All(result.Metrics["r2"].Folds, r2 => Assert.Equal(1, r2, 9));
        Assert.All(result.Metrics["mse"].Folds, mse => Assert.InRange(mse, 0, 1e-20));
    }

    [Fact]
    public void Results_do_not_depend_on_the_thread_count()
    {
        var data = SyntheticData.Moons(count: 80, noise: 0.2, seed: 6);
        var values = ModelKinds.Mlp.Defaults.With("epochs", 20).With("hidden", (IReadOnlyList<int>)[8]);
        var one = new CrossValidation(folds: 4, seed: 1, threads: 1).Classification(values, data.Features, data.Labels);
        var two = new CrossValidation(folds: 4, seed: 1, threads: 2).Classification(values, data.Features, data.Labels);
        Assert.Equal(one.Metrics["accuracy"].Folds, two.Metrics["accuracy"].Folds);
        Assert.Equal(one.Metrics["log_loss"].Folds, two.Metrics["log_loss"].Folds);
    }

    [Fact]
    public void A_kind_used_for_the_wrong_task_is_refused()
    {
        var x = Matrix<double>.FromRows([[0.0], [1.0], [2.0], [3.0]]);
        var e = Assert.Throws<ArgumentException>(() => new CrossValidation(2).Regression(ModelKinds.Perceptron.Defaults, x, x));
        Assert.Contains("perceptron does not do regression", e.Message);
    }

    [Fact]
    public void A_grid_is_every_combination_first_name_slowest()
    {
        var (choices, ranges) = HyperparameterSearch.ParseGrid(ModelKinds.Mlp, "l2=1e-4,1e-3; hidden=[16,8],32");
        Assert.Empty(ranges);
        var settings = HyperparameterSearch.Grid(ModelKinds.Mlp.Defaults, choices);
        Assert.Equal(["l2=0.0001 hidden=16,8", "l2=0.0001 hidden=32", "l2=0.001 hidden=16,8", "l2=0.001 hidden=32"],
            settings.Select(s => $"l2={s.Text("l2")} hidden={s.Text("hidden")}"));
    }

    [Theory]
    [InlineData("l2", "is not name=values")]
    [InlineData("width=3", "'width', which is not a hyperparameter of mlp")]
    [InlineData("l2=-1", "l2 is '-1', but it takes a number ≥ 0")]
    [InlineData("l2=1;l2=2", "gives l2 twice")]
    [InlineData("l2=0.1..0.01", "must go from a lower to a higher value")]
    [InlineData(" ; ", "The grid is empty")]
    public void Bad_grids_say_what_is_wrong(string grid, string message) =>
        Assert.Contains(message, Assert.Throws<FormatException>(() => HyperparameterSearch.ParseGrid(ModelKinds.Mlp, grid)).Message);

    [Fact]
    public void Random_draws_stay_in_their_ranges_and_are_seeded()
    {
        var (choices, ranges) = HyperparameterSearch.ParseGrid(ModelKinds.Mlp, "learning_rate=0.001..0.1; epochs=5..9; optimizer=sgd,adam");
        var a = HyperparameterSearch.Random(ModelKinds.Mlp.Defaults, choices, ranges, 20, seed: 4);
        Assert.Equal(20, a.Count);
        Assert.All(a, s =>
        {
            Assert.InRange((double)s["learning_rate"]!, 0.001, 0.1);
            Assert.InRange((int)s["epochs"]!, 5, 9);
            Assert.Contains((string)s["optimizer"]!, new[] { "sgd", "adam" });
        });
        Assert.Equal(a, HyperparameterSearch.Random(ModelKinds.Mlp.Defaults, choices, ranges, 20, seed: 4));
        Assert.Equal(a.Count, a.Distinct().Count());

        // A grid of two settings gives at most two, however many are asked for.
        var (small, none) = HyperparameterSearch.ParseGrid(ModelKinds.Logistic, "solver=lbfgs,gd");
        Assert.Equal(2, HyperparameterSearch.Random(ModelKinds.Logistic.Defaults, small, none, 10, seed: 1).Count);
    }

    [Fact]
    public void A_search_ranks_the_settings_by_mean_score()
    {
        var data = SyntheticData.Moons(count: 100, noise: 0.25, seed: 9);
        var settings = HyperparameterSearch.Grid(ModelKinds.Logistic.Defaults, [("l2", [1e-4, 10.0, 1e-2])]);
        var cv = new CrossValidation(folds: 3, seed: 0);
        var result = HyperparameterSearch.Run(settings, v => cv.Classification(v, data.Features, data.Labels), ModelTask.Classification);
        Assert.Equal("accuracy", result.Metric);
        var means = result.Results.Select(r => r.Metrics["accuracy"].Mean).ToArray();
        Assert.Equal(means.OrderDescending(), means);
        Assert.Equal(10.0, (double)result.Results[^1].Values["l2"]!); // a strong penalty underfits
        Assert.Equal(3, result.Results.Count);
    }

    [Fact]
    public void A_failing_fold_is_reported_by_number_not_as_an_aggregate()
    {
        // The second feature is twice the first: least squares cannot tell their weights apart.
        var x = Matrix<double>.FromRows([.. Enumerable.Range(0, 20).Select(i => new[] { (double)i, 2.0 * i })]);
        var y = Matrix<double>.ColumnVector([.. Enumerable.Range(0, 20).Select(i => 3.0 * i)]);
        var e = Assert.Throws<ArgumentException>(() => new CrossValidation(folds: 4).Regression(ModelKinds.Linear.Defaults.With("minimum_norm", false), x, y));
        Assert.StartsWith("Fold 1 of 4 (15 training rows): ", e.Message);
        Assert.Contains("L2", e.Message);
    }

    [Fact]
    public void Folds_of_number_labels_do_not_depend_on_the_culture()
    {
        var data = SyntheticData.Moons(count: 60, noise: 0.3, seed: 2);
        int[] labels = [.. data.Labels.Select(l => l == 0 ? -1 : 1)];
        var values = ModelKinds.Logistic.Defaults;
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("en-US");
            var us = new CrossValidation(folds: 5, seed: 1).Classification(values, data.Features, labels);
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("sv-SE");
            var se = new CrossValidation(folds: 5, seed: 1).Classification(values, data.Features, labels);
            Assert.Equal(us.Metrics["accuracy"].Folds, se.Metrics["accuracy"].Folds);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }
}
