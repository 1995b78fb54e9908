using System.Text.Json.Nodes;

namespace Nabla.Tests.Cli;

/// <summary><c>--solver</c> on <c>nabla train</c>, <c>cv</c> and <c>tune</c>: choices, notes, refusals, what is reported and saved.</summary>
public sealed class SolverCliTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("lbfgs", "L-BFGS")]
    [InlineData("rprop", "RPROP")]
    [InlineData("scg", "SCG")]
    public void Each_full_batch_solver_trains_reports_its_iterations_and_saves_them(string solver, string unit)
    {
        string model = _cli.PathOf($"{solver}.json");
        var (code, output, error) = _cli.Run("train", "--solver", solver, "--hidden", "4", "--epochs", "20", "--save", model);
        Assert.True(code == 0, error);
        Assert.StartsWith($"{unit} iteration  1/20  loss ", error);
        Assert.Contains("on the full batch", output);

        var (inspectCode, inspect, _) = _cli.Run("inspect", "--model", model);
        Assert.Equal(0, inspectCode);
        Assert.Contains($"{unit} iterations, best {unit} iteration ", inspect);
        var (_, json, _) = _cli.Run("inspect", "--model", model, "--json");
        Assert.Equal(solver, (string?)JsonNode.Parse(json)!["hyperparameters"]!["solver"]);
    }

    [Fact]
    public void Levenberg_marquardt_on_a_classifier_asks_for_a_squared_error()
    {
        var (code, _, error) = _cli.Run("train", "--solver", "lm", "--no-save");
        Assert.Equal(1, code);
        Assert.StartsWith("nabla: Levenberg–Marquardt (solver lm) minimizes a sum of squared errors", error);
        Assert.Contains("--loss mse", error);

        var (ok, output, okError) = _cli.Run("train", "--solver", "lm", "--loss", "mse", "--hidden", "4", "--epochs", "10", "--no-save", "--quiet");
        Assert.True(ok == 0, okError);
        Assert.Contains("Levenberg–Marquardt on the full batch", output);
    }

    [Fact]
    public void The_automatic_choice_is_explained_and_unused_options_are_noted()
    {
        var (code, output, error) = _cli.Run("train", "--learning-rate", "0.3", "--rprop-delta-max", "3", "--no-save", "--epochs", "5");
        Assert.Equal(0, code);
        Assert.Contains("L-BFGS on the full batch (auto: 1,600 training rows, at most 2,000)", output);
        Assert.Contains("nabla: note: --learning-rate does not apply to --solver lbfgs (chosen by --solver auto); it is left unused.", error);
        Assert.Contains("nabla: note: --rprop-delta-max does not apply to --solver lbfgs", error);
    }

    [Fact]
    public void An_unknown_solver_is_bad_usage_and_the_solver_is_searchable()
    {
        Assert.Equal(2, _cli.Run("train", "--solver", "newton", "--no-save").Code);
        string data = _cli.Flowers();
        var (code, output, error) = _cli.Run("tune", "--data", data, "--target", "species", "--grid", "solver=lbfgs,scg", "--hidden", "4", "--epochs", "20", "--folds", "3", "--quiet");
        Assert.True(code == 0, error);
        Assert.Contains("solver=lbfgs", output);
        Assert.Contains("solver=scg", output);
    }
}
