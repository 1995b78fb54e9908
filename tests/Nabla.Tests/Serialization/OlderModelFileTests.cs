using Nabla.Tests.Cli;

namespace Nabla.Tests.Serialization;

/// <summary>
/// Model files written by Nabla before the model-kind registry (commit 0a21d04: hyperparameters named hidden_layers,
/// max_epochs, max_iterations; solver gradient-descent; Bayes density and priors as arrays) still load, and predict
/// exactly what that version predicted (its predictions, probabilities included, are in the fixtures beside them).
/// </summary>
public sealed class OlderModelFileTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Serialization", "Fixtures", "BeforeRegistry");
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("mlp", true)]
    [InlineData("perceptron", false)]
    [InlineData("logistic", true)]
    [InlineData("bayes", true)]
    [InlineData("mlp-regression", false)]
    public void Files_of_the_previous_format_predict_as_they_did(string name, bool probabilities)
    {
        string output = _cli.PathOf($"{name}.csv");
        string[] extra = probabilities ? ["--probabilities"] : [];
        var (code, _, error) = _cli.Run(["predict", "--model", Path.Combine(Fixtures, $"{name}.json"), "--data", Path.Combine(Fixtures, "moons.csv"), "--output", output, .. extra]);
        Assert.True(code == 0, error);
        Assert.Equal(File.ReadAllText(Path.Combine(Fixtures, $"{name}-pred.csv")), File.ReadAllText(output));
    }

    [Fact]
    public void Their_hyperparameters_read_under_the_new_names()
    {
        var (_, perceptron, _) = _cli.Run("inspect", "--model", Path.Combine(Fixtures, "perceptron.json"), "--json");
        Assert.Equal(30, (int)System.Text.Json.Nodes.JsonNode.Parse(perceptron)!["hyperparameters"]!["epochs"]!);
        var (_, logistic, _) = _cli.Run("inspect", "--model", Path.Combine(Fixtures, "logistic.json"), "--json");
        var h = System.Text.Json.Nodes.JsonNode.Parse(logistic)!["hyperparameters"]!;
        Assert.Equal("gd", (string?)h["solver"]);
        Assert.Equal(40, (int)h["epochs"]!);
        // Networks were trained by gradient descent before there were solvers: such a file says gd, not today's auto.
        var (_, mlp, _) = _cli.Run("inspect", "--model", Path.Combine(Fixtures, "mlp.json"), "--json");
        var m = System.Text.Json.Nodes.JsonNode.Parse(mlp)!["hyperparameters"]!;
        Assert.Equal("gd", (string?)m["solver"]);
        Assert.Equal(0.001, (double)m["lm_mu"]!);
        var (_, bayes, _) = _cli.Run("inspect", "--model", Path.Combine(Fixtures, "bayes.json"), "--json");
        var b = System.Text.Json.Nodes.JsonNode.Parse(bayes)!["hyperparameters"]!;
        Assert.Equal([0.5, 0.5], b["priors"]!.AsArray().Select(v => (double)v!));
        Assert.Equal(2, (double)b["costs"]![1]![0]!);

        // Written before the covariance kinds: full maximum-likelihood covariances, no smoothing (not today's defaults).
        Assert.Equal("full", (string?)b["covariance"]);
        Assert.Equal(0, (double)b["var_smoothing"]!);
    }
}
