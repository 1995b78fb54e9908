using System.Text.Json.Nodes;

namespace Nabla.Tests.Cli;

/// <summary><c>nabla cv</c> and <c>nabla tune</c> on CSV files.</summary>
public sealed class SelectionCliTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Cv_json_has_every_metric_with_mean_std_and_folds()
    {
        string data = _cli.Flowers();
        var (code, output, error) = _cli.Run("cv", "--data", data, "--target", "species", "--model", "logistic", "--folds", "4", "--json");
        Assert.True(code == 0, error);
        var o = JsonNode.Parse(output)!;
        Assert.Equal(4, (int)o["folds"]!);
        Assert.Equal("logistic", (string?)o["model"]);
        foreach (var name in new[] { "accuracy", "macro_f1", "log_loss" })
        {
            var m = o["metrics"]![name]!;
            var folds = m["folds"]!.AsArray().Select(v => (double)v!).ToArray();
            Assert.Equal(4, folds.Length);
            Assert.Equal(folds.Average(), (double)m["mean"]!, 12);
            Assert.True((double)m["std"]! >= 0);
        }

        Assert.InRange((double)o["metrics"]!["accuracy"]!["mean"]!, 0.9, 1);
        Assert.Equal("auto", (string?)o["hyperparameters"]!["l2"]!);
    }

    [Fact]
    public void Cv_text_lists_each_fold_and_the_same_seed_gives_the_same_figures()
    {
        string data = _cli.Flowers();
        var first = _cli.Run("cv", "--data", data, "--target", "species", "--model", "mlp", "--hidden", "8", "--epochs", "20", "--quiet");
        var second = _cli.Run("cv", "--data", data, "--target", "species", "--model", "mlp", "--hidden", "8", "--epochs", "20", "--quiet");
        Assert.True(first.Code == 0, first.Error);
        Assert.Contains("5 folds (stratified by class)", first.Out);
        Assert.Contains("fold 5", first.Out);
        Assert.Contains("Model: hidden 8, epochs 20.", first.Out);
        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public void Cv_of_a_regression_target_reports_mse_mae_r2()
    {
        var lines = new List<string> { "a,b,y" };
        var random = new Random(3);
        for (int i = 0; i < 50; i++)
        {
            double a = random.NextDouble(), b = random.NextDouble();
            lines.Add(FormattableString.Invariant($"{a},{b},{3 * a - b + 0.01 * random.NextDouble()}"));
        }

        string data = _cli.Write("line.csv", string.Join('\n', lines) + "\n");
        var (code, output, error) = _cli.Run("cv", "--data", data, "--model", "linear", "--json");
        Assert.True(code == 0, error);
        var metrics = JsonNode.Parse(output)!["metrics"]!.AsObject();
        Assert.Equal(["mse", "mae", "r2"], metrics.Select(p => p.Key));
        Assert.InRange((double)metrics["r2"]!["mean"]!, 0.99, 1);
    }

    [Fact]
    public void Tune_ranks_a_grid_refits_the_best_and_saves_it()
    {
        string data = _cli.Flowers();
        string best = _cli.PathOf("best.json");
        var (code, output, error) = _cli.Run("tune", "--data", data, "--target", "species", "--model", "logistic", "--grid", "l2=1e-4,10,1e-2", "--folds", "3", "--save", best, "--json");
        Assert.True(code == 0, error);
        var o = JsonNode.Parse(output)!;
        var results = o["results"]!.AsArray();
        Assert.Equal(3, results.Count);
        var means = results.Select(r => (double)r!["mean"]!).ToArray();
        Assert.Equal(means.OrderDescending(), means);
        Assert.Equal(means[0], (double)o["best"]!["score"]!);
        Assert.Equal(10, (double)results[^1]!["params"]!["l2"]!);
        Assert.Equal(best, (string?)o["saved"]);

        var saved = JsonNode.Parse(File.ReadAllText(best))!;
        Assert.Equal((double)o["best"]!["params"]!["l2"]!, (double)saved["hyperparameters"]!["l2"]!);
        Assert.Equal(120, (int)saved["training"]!["training_rows"]!);
        Assert.Equal(0, _cli.Run("predict", "--model", best, "--data", data, "--output", _cli.PathOf("p.csv")).Code);
    }

    [Fact]
    public void Tune_random_search_draws_from_ranges_and_prints_a_ranked_table()
    {
        string data = _cli.Flowers();
        var (code, output, error) = _cli.Run("tune", "--data", data, "--target", "species", "--model", "mlp", "--epochs", "10",
            "--grid", "learning_rate=0.01..0.3; hidden=[8],[8,4]", "--random", "3", "--folds", "3", "--quiet");
        Assert.True(code == 0, error);
        Assert.Contains("3 settings, each by 3-fold cross-validation (accuracy, higher is better)", output);
        Assert.Contains("   1  ", output);
        Assert.Contains("   3  ", output);
        Assert.Contains("Best setting not saved: add --save", output);
    }

    [Theory]
    [InlineData("nabla: --grid: The grid names 'width', which is not a hyperparameter of logistic", "--grid", "width=1,2")]
    [InlineData("nabla: --grid gives a range for l2: ranges are sampled by random search; add --random N", "--grid", "l2=0.001..0.1")]
    [InlineData("nabla: --grid searches l2, so --l2 cannot also fix it", "--grid", "l2=0.1,1", "--l2", "0.5")]
    [InlineData("nabla: --folds must be at least 2, not 1.", "--grid", "l2=0.1,1", "--folds", "1")]
    public void Bad_searches_are_one_line_errors(string message, params string[] args)
    {
        string data = _cli.Flowers();
        var (code, _, error) = _cli.Run(["tune", "--data", data, "--target", "species", "--model", "logistic", .. args]);
        Assert.Equal(1, code);
        Assert.StartsWith(message, error);
        Assert.Single(error.Trim().Split('\n'));
    }
}
