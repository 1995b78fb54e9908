using Nabla.Cli.Experiments;
using Nabla.Models;

namespace Nabla.Tests.Cli;

/// <summary>A command's files are one unit: all of them or, on exit 1, none (docs/cli.md, exit codes).</summary>
public sealed class CommandOutputsTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>Every file under the runner's directory, relative to it, so that a stray temporary shows too.</summary>
    private string[] Files() => [.. Directory.GetFiles(_cli.Directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_cli.Directory, f)).Order(StringComparer.Ordinal)];

    [Fact]
    public void Train_that_cannot_write_its_second_plot_leaves_the_old_model_and_writes_no_plot()
    {
        string model = _cli.Write("m.json", "the old model");
        string plots = _cli.PathOf("plots");
        Directory.CreateDirectory(Path.Combine(plots, "confusion-matrix.png")); // the second plot, after loss

        var (code, _, error) = _cli.Run("train", "--epochs", "5", "--save", model, "--plots", plots);

        Assert.Equal(1, code);
        Assert.Contains($"Cannot write {Path.Combine(plots, "confusion-matrix.png")}: it is a directory", error);
        Assert.Equal("the old model", File.ReadAllText(model));
        Assert.Equal(["m.json"], Files());
    }

    [Fact]
    public void A_failed_train_removes_the_plot_directory_it_created()
    {
        // Training (gradient descent with an absurd step) diverges after the plot directory was made ready.
        string plots = _cli.PathOf("new-plots");
        string[] diverging = ["train", "--solver", "gd", "--epochs", "5", "--learning-rate", "1e300", "--no-save", "--quiet", "--plots", plots];
        var (code, _, error) = _cli.Run(diverging);
        Assert.Equal(1, code);
        Assert.Contains("diverged", error);
        Assert.False(Directory.Exists(plots));

        // A directory that was there before stays.
        Directory.CreateDirectory(plots);
        Assert.Equal(1, _cli.Run(diverging).Code);
        Assert.True(Directory.Exists(plots));
    }

    [Fact]
    public void Train_that_succeeds_writes_the_model_and_every_plot_and_no_temporary()
    {
        string model = _cli.Write("m.json", "the old model");
        var (code, _, error) = _cli.Run("train", "--epochs", "5", "--save", model, "--plots", _cli.PathOf("plots"));

        Assert.True(code == 0, error);
        Assert.Equal("mlp", ModelFile.ReadInfo(model).ModelType);
        string[] plots = [.. new[] { "calibration", "confusion-matrix", "decision-regions", "loss", "precision-recall", "roc" }.SelectMany(n => new[] { $"{n}.png", $"{n}.svg" }).Select(f => Path.Combine("plots", f))];
        Assert.Equal(["m.json", .. plots], Files());
    }

    [Fact]
    public void Bayes_vs_perceptron_that_cannot_write_the_last_case_writes_no_figure()
    {
        string plots = _cli.PathOf("plots");
        Directory.CreateDirectory(Path.Combine(plots, $"{BayesVsPerceptronCase.All[^1].Name}-perceptron-errors.svg"));

        var (code, _, _) = _cli.Run("experiment", "bayes-vs-perceptron", "--case", "all", "--test-samples", "2000", "--epochs", "5", "--plots", plots);

        Assert.Equal(1, code);
        Assert.Empty(Files());
    }

    [Fact]
    public void Xor_that_cannot_write_its_last_figure_writes_none()
    {
        string plots = _cli.PathOf("plots");
        Directory.CreateDirectory(Path.Combine(plots, "xor-perceptron-errors.svg"));

        var (code, _, _) = _cli.Run("experiment", "xor", "--plots", plots);

        Assert.Equal(1, code);
        Assert.Empty(Files());
    }
}
