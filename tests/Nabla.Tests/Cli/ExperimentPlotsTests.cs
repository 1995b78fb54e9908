using System.Text.Json;
using Nabla.Cli.Experiments;
using Nabla.Tests.Plotting;

namespace Nabla.Tests.Cli;

public sealed class ExperimentPlotsTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private static void AssertPlot(string path, int width, int height)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        if (path.EndsWith(".png", StringComparison.Ordinal))
        {
            Assert.Equal((width, height), PlotsTests.PngSize(path));
        }
        else
        {
            PlotsTests.AssertSvg(path, width, height);
        }
    }

    private static string[] Paths(JsonElement json) => [.. json.GetProperty("plots").EnumerateArray().Select(p => p.GetString()!)];

    [Theory]
    [InlineData("gauss-unequal")]
    [InlineData("disk-unequal-priors")]
    public void Bayes_vs_perceptron_json_lists_the_png_and_svg_figures_it_wrote(string name)
    {
        string dir = _cli.PathOf("figures");
        var (code, output, error) = _cli.Run("experiment", "bayes-vs-perceptron", "--case", name, "--json", "--test-samples", "2000", "--plots", dir);

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output); // the whole of standard output is one JSON object
        Assert.Equal(name, json.RootElement.GetProperty("case").GetString());
        string[] expected = [.. new[] { "boundaries.png", "boundaries.svg", "perceptron-errors.png", "perceptron-errors.svg" }.Select(f => Path.Combine(dir, $"{name}-{f}"))];
        Assert.Equal(expected, Paths(json.RootElement));
        AssertPlot(expected[0], BayesVsPerceptronPlots.BoundariesWidth, BayesVsPerceptronPlots.BoundariesHeight);
        AssertPlot(expected[1], BayesVsPerceptronPlots.BoundariesWidth, BayesVsPerceptronPlots.BoundariesHeight);
        AssertPlot(expected[2], BayesVsPerceptronPlots.ErrorsWidth, BayesVsPerceptronPlots.ErrorsHeight);
        AssertPlot(expected[3], BayesVsPerceptronPlots.ErrorsWidth, BayesVsPerceptronPlots.ErrorsHeight);
        Assert.Equal(expected.Order(), Directory.GetFiles(dir).Order());
    }

    [Fact]
    public void Bayes_vs_perceptron_text_says_where_the_plots_went_and_creates_the_directory()
    {
        string dir = Path.Combine(_cli.PathOf("new"), "nested");
        var (code, output, error) = _cli.Run("experiment", "bayes-vs-perceptron", "--case", "disk-equal", "--test-samples", "2000", "--plots", dir);

        Assert.True(code == 0, error);
        Assert.Contains($"Wrote plots to {dir}{Path.DirectorySeparatorChar}: disk-equal-boundaries.png, disk-equal-perceptron-errors.png (and .svg).", output);
        Assert.Equal(4, Directory.GetFiles(dir).Length);
    }

    [Fact]
    public void Every_case_gets_its_own_figures_and_plots_entry()
    {
        string dir = _cli.PathOf("all");
        var (code, output, error) = _cli.Run("experiment", "bayes-vs-perceptron", "--case", "all", "--json", "--epochs", "3", "--test-samples", "500", "--plots", dir);

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var cases = json.RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(BayesVsPerceptronCase.All.Select(c => c.Name), cases.Select(c => c.GetProperty("case").GetString()));
        Assert.All(cases, c => Assert.All(Paths(c), p => Assert.StartsWith(Path.Combine(dir, c.GetProperty("case").GetString() + "-"), p)));
        Assert.Equal(24, cases.Sum(c => Paths(c).Length));
        Assert.Equal(24, Directory.GetFiles(dir).Length);
    }

    [Fact]
    public void Without_plots_the_json_has_no_plots_entry()
    {
        var (code, output, _) = _cli.Run("experiment", "bayes-vs-perceptron", "--case", "gauss-equal", "--json", "--test-samples", "500", "--epochs", "3");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.TryGetProperty("plots", out _));
    }

    [Fact]
    public void The_disk_figure_draws_the_bayes_arc_inside_disk_b_and_the_perceptron_line()
    {
        var result = BayesVsPerceptronExperiment.Run(BayesVsPerceptronCase.Get("disk-unequal"), testSize: 500, epochs: 5);
        var lines = BayesVsPerceptronPlots.Boundaries(result).GetPlottables().OfType<ScottPlot.Plottables.Scatter>()
            .Where(s => s.MarkerSize == 0).ToList();

        // The Bayes boundary: on disk A's circle (centre (1, 2), radius √2), inside disk B (radius 2 about the origin).
        var bayes = Assert.Single(lines, s => s.LegendText.StartsWith("Bayes rule", StringComparison.Ordinal));
        var arc = bayes.Data.GetScatterPoints();
        Assert.All(arc, p => Assert.Equal(Math.Sqrt(2), Math.Sqrt((p.X - 1) * (p.X - 1) + (p.Y - 2) * (p.Y - 2)), 1e-3));
        Assert.All(arc, p => Assert.True(p.X * p.X + p.Y * p.Y <= 4 + 1e-9, $"{p} is outside disk B"));
        Assert.Contains(arc, p => Math.Abs(p.X * p.X + p.Y * p.Y - 4) < 1e-6); // it ends on disk B's edge

        // The perceptron's line w₀ + w₁x + w₂y = 0.
        var w = result.Perceptron.Weights.Row(0).ToArray();
        var perceptron = Assert.Single(lines, s => s.LegendText.StartsWith("standard perceptron", StringComparison.Ordinal));
        Assert.All(perceptron.Data.GetScatterPoints(), p => Assert.Equal(0, w[0] + w[1] * p.X + w[2] * p.Y, 1e-9));

        Assert.Contains(lines, s => s.LegendText == "edge of disk A (r = 1.4142)");
        Assert.Contains(lines, s => s.LegendText == "edge of disk B (r = 2)");
    }

    [Fact]
    public void The_errors_figure_plots_the_errors_per_epoch()
    {
        var result = BayesVsPerceptronExperiment.Run(BayesVsPerceptronCase.Get("gauss-equal"), testSize: 500, epochs: 7);
        var series = BayesVsPerceptronPlots.Errors(result).GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Single();

        Assert.Equal(result.Perceptron.ErrorsPerEpoch.Select(e => (double)e), series.Data.GetScatterPoints().Select(p => p.Y));
        Assert.Equal(Enumerable.Range(1, 7).Select(e => (double)e), series.Data.GetScatterPoints().Select(p => p.X));
    }

    [Fact]
    public void Xor_writes_regions_loss_and_perceptron_errors()
    {
        string dir = _cli.PathOf("xor");
        var (code, output, error) = _cli.Run("experiment", "xor", "--json", "--plots", dir);

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("network").GetProperty("all_correct").GetBoolean());
        string[] expected = [.. new[] { "xor-decision-regions", "xor-loss", "xor-perceptron-errors" }.SelectMany(n => new[] { n + ".png", n + ".svg" }).Select(f => Path.Combine(dir, f))];
        Assert.Equal(expected, Paths(json.RootElement));
        AssertPlot(expected[0], 750, 850);
        AssertPlot(expected[1], 750, 850);
        foreach (var path in expected[2..])
        {
            AssertPlot(path, 800, 600);
        }

        var text = _cli.Run("experiment", "xor", "--plots", dir);
        Assert.Equal(0, text.Code);
        Assert.Contains("xor-decision-regions.png, xor-loss.png, xor-perceptron-errors.png (and .svg).", text.Out);
    }

    [Fact]
    public void Bad_options_fail_before_the_plots_directory_is_created()
    {
        string dir = _cli.PathOf("never");
        var (code, output, error) = _cli.Run("experiment", "bayes-vs-perceptron", "--case", "gauss-equal", "--epochs", "0", "--plots", dir);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal("nabla: --epochs must be at least 1, not 0.", error.TrimEnd());
        Assert.False(Directory.Exists(dir));
        Assert.Equal(1, _cli.Run("experiment", "bayes-vs-perceptron", "--case", "no-such-case", "--plots", dir).Code);
        Assert.False(Directory.Exists(dir));
    }

    public static TheoryData<string[]> Commands => new() { new[] { "experiment", "xor" }, new[] { "experiment", "bayes-vs-perceptron", "--case", "gauss-equal", "--test-samples", "500" } };

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_plots_path_that_cannot_be_a_directory_is_exit_1_before_anything_runs(string[] command)
    {
        string file = _cli.Write("taken.txt", "not a directory");

        var onFile = _cli.Run([.. command, "--json", "--plots", file]);
        Assert.Equal(1, onFile.Code);
        Assert.Equal("", onFile.Out);
        Assert.Equal($"nabla: --plots: '{file}' is a file, not a directory. Give a directory for the plots (it is created if missing).", onFile.Error.TrimEnd());

        string under = Path.Combine(file, "plots");
        var underFile = _cli.Run([.. command, "--plots", under]);
        Assert.Equal(1, underFile.Code);
        Assert.Equal("", underFile.Out);
        Assert.StartsWith($"nabla: --plots: cannot write plots into '{under}': ", underFile.Error);

        var empty = _cli.Run([.. command, "--plots", " "]);
        Assert.Equal(1, empty.Code);
        Assert.Equal("nabla: --plots needs a directory name.", empty.Error.TrimEnd());

        var invalid = _cli.Run([.. command, "--plots", "bad\0name"]);
        Assert.Equal(1, invalid.Code);
        Assert.StartsWith("nabla: --plots: ", invalid.Error);
        Assert.Equal(["taken.txt"], Directory.GetFileSystemEntries(_cli.Directory).Select(Path.GetFileName));
    }
}
