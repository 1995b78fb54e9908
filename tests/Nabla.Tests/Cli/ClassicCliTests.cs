using System.Text.Json.Nodes;
using Nabla.Cli;

namespace Nabla.Tests.Cli;

public class ClassicCliTests
{
    [Fact]
    public void Mp_neuron_json_has_and_or_and_xor_fails()
    {
        var (code, output, _) = Run("experiment", "mp-neuron", "--json");
        Assert.Equal(0, code);
        var root = JsonNode.Parse(output)!;
        var neurons = root["neurons"]!.AsArray();
        Assert.Equal(4, neurons.Count);
        Assert.Equal("AND", (string)neurons[0]!["function"]!);
        Assert.Equal(2, (int)neurons[0]!["threshold"]!);
        Assert.Equal(3, (int)neurons[2]!["threshold"]!);
        Assert.Equal(1, (int)neurons[3]!["threshold"]!);

        // The AND-of-3 table: the last column is 1 only on the last row.
        var table = neurons[2]!["truth_table"]!.AsArray();
        Assert.Equal(8, table.Count);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 1], table.Select(r => (int)r![3]!).ToArray());
        Assert.False((bool)root["xor"]!["realizable"]!);
    }

    [Fact]
    public void Mp_neuron_text_says_xor_is_not_realizable()
    {
        var (code, output, _) = Run("experiment", "mp-neuron");
        Assert.Equal(0, code);
        Assert.Contains("x1 XOR x2", output);
        Assert.Contains("not realizable", output);
    }

    [Fact]
    public void Generate_writes_the_csv_with_header_and_rows_and_is_seeded()
    {
        using var dir = new TempDirectory();
        string a = Path.Combine(dir.Path, "a.csv"), b = Path.Combine(dir.Path, "b.csv");
        Assert.Equal(0, Run("generate", "gaussian", "--sizes", "30,50", "--seed", "3", "--output", a).Code);
        Assert.Equal(0, Run("generate", "gaussian", "--sizes", "30,50", "--seed", "3", "-o", b).Code);
        var lines = File.ReadAllLines(a);
        Assert.Equal("x1,x2,label", lines[0]);
        Assert.Equal(81, lines.Length);
        Assert.Equal(30, lines.Skip(1).Count(l => l.EndsWith(",0", StringComparison.Ordinal)));
        Assert.Equal(File.ReadAllText(a), File.ReadAllText(b));

        // The values round-trip: the file holds exactly the generator's numbers.
        var data = Nabla.Data.SyntheticData.GaussianClasses([[1, 2], [0, 0]], [1, 1], [30, 50], seed: 3);
        var first = lines[1].Split(',');
        Assert.Equal(data.Features[0, 0], double.Parse(first[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Single(Directory.GetFiles(dir.Path, "*a.csv*"));
    }

    [Theory]
    [InlineData("disks", "x1,x2,label")]
    [InlineData("xor", "x1,x2,label")]
    [InlineData("moons", "x1,x2,label")]
    [InlineData("circles", "x1,x2,label")]
    [InlineData("spirals", "x1,x2,label")]
    [InlineData("blobs", "x1,x2,label")]
    public void Generate_every_kind(string kind, string header)
    {
        using var dir = new TempDirectory();
        string file = Path.Combine(dir.Path, kind + ".csv");
        var (code, output, error) = Run("generate", kind, "--output", file);
        Assert.True(code == 0, error);
        Assert.Contains("Wrote", output);
        Assert.Equal(header, File.ReadLines(file).First());
        Assert.True(File.ReadAllLines(file).Length > 100);
    }

    [Fact]
    public void Generate_with_covariances_and_three_dimensions()
    {
        using var dir = new TempDirectory();
        string file = Path.Combine(dir.Path, "g.csv");
        var (code, _, error) = Run("generate", "gaussian", "--means", "0,0,0;1,1,1", "--cov", "1,0,0,0,1,0,0,0,1;2,0,0,0,2,0,0,0,2", "--sizes", "5,5", "-o", file);
        Assert.True(code == 0, error);
        Assert.Equal("x1,x2,x3,label", File.ReadLines(file).First());
    }

    [Theory]
    [InlineData("gaussian", "--means", "1,2;0", "same dimension")]
    [InlineData("gaussian", "--std", "1;-1", "positive")]
    [InlineData("gaussian", "--sizes", "10,x", "not a whole number")]
    [InlineData("gaussian", "--cov", "1,0,0;1,0,0,1", "2×2 covariance")]
    [InlineData("gaussian", "--means", "1,a;0,0", "not a finite number")]
    [InlineData("disks", "--radii", "1,0", "radius")]
    [InlineData("moons", "--noise", "-1", "0 or more")]
    [InlineData("circles", "--factor", "2", "between 0 and 1")]
    [InlineData("xor", "--samples", "2", "at least 4")]
    [InlineData("blobs", "--normal", "0,0", "non-zero")]
    public void Generate_bad_options_exit_1_with_a_message_and_leave_no_file(string kind, string option, string value, string message)
    {
        using var dir = new TempDirectory();
        string file = Path.Combine(dir.Path, "out.csv");
        File.WriteAllText(file, "old");
        var (code, _, error) = Run("generate", kind, option, value, "--output", file);
        Assert.Equal(1, code);
        Assert.Contains(message, error);
        Assert.Equal("old", File.ReadAllText(file));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Generate_into_a_missing_directory_exits_1()
    {
        using var dir = new TempDirectory();
        var (code, _, error) = Run("generate", "xor", "-o", Path.Combine(dir.Path, "missing", "x.csv"));
        Assert.Equal(1, code);
        Assert.Contains("does not exist", error);
    }

    [Fact]
    public void Generate_without_output_is_a_usage_error()
    {
        Assert.Equal(2, Run("generate", "xor").Code);
    }

    [Theory]
    [InlineData("gauss-equal", 0, 0, 1, 2, -2.5, 0.13177623864148635, true)]
    [InlineData("gauss-unequal", -0.25, -0.25, 1, 2, -1.8068528194400546, 0.16528933600652837, false)]
    [InlineData("gauss-unequal-priors", -0.25, -0.25, 1, 2, -2.5, 0.16491578025889614, true)]
    [InlineData("disk-equal", -1, -1, 2, 4, -3, 0.05568357735704182, true)]
    [InlineData("disk-unequal", -1, -1, 2, 4, -3, 0.08184483124072969, false)]
    [InlineData("disk-unequal-priors", -1, -1, 2, 4, -3, 0.10912644165430624, true)]
    public void Bayes_vs_perceptron_json_for_each_case(string name, double xx, double yy, double x, double y, double c, double bayesError, bool reportIsBayes)
    {
        var (code, output, error) = Run("experiment", "bayes-vs-perceptron", "--case", name, "--json");
        Assert.True(code == 0, error);
        var root = JsonNode.Parse(output)!;
        Assert.Equal(name, (string)root["case"]!);

        // The Bayes boundary derived by hand (docs/classic-models.md); for the disks, the circle of disk A.
        var q = root["bayes"]!["boundary"]!;
        Assert.Equal(xx, (double)q["xx"]!, 12);
        Assert.Equal(yy, (double)q["yy"]!, 12);
        Assert.Equal(0, (double)q["xy"]!, 12);
        Assert.Equal(x, (double)q["x"]!, 12);
        Assert.Equal(y, (double)q["y"]!, 12);
        Assert.Equal(c, (double)q["c"]!, 12);

        // Exact Bayes errors computed offline with scipy: Φ(−√5/2); noncentral χ² CDFs (scipy.stats.ncx2) for the circles;
        // P_B·|A∩B|/(πr_B²) with the lens area for the disks.
        double bayesExact = (double)root["bayes"]!["exact_error"]!;
        Assert.Equal(bayesError, bayesExact, 1e-12);

        // 100 000 test points: binomial standard error √(p(1 − p)/N) ≤ 0.0015; 4.5 SE margins.
        const int n = 100_000;
        double bayesTest = (double)root["bayes"]!["test_error"]!;
        Assert.InRange(bayesTest, bayesExact - 4.5 * Se(bayesExact, n), bayesExact + 4.5 * Se(bayesExact, n));

        var perceptron = root["perceptron"]!;
        Assert.Equal(3, perceptron["weights"]!.AsArray().Count);
        Assert.False((bool)perceptron["converged"]!);
        Assert.Equal(100, (int)perceptron["epochs"]!);
        Assert.Equal(100, perceptron["errors_per_epoch"]!.AsArray().Count);
        double perceptronExact = (double)perceptron["exact_error"]!;
        double perceptronTest = (double)perceptron["test_error"]!;
        Assert.InRange(perceptronTest, perceptronExact - 4.5 * Se(perceptronExact, n), perceptronExact + 4.5 * Se(perceptronExact, n));

        // No rule beats Bayes: exactly, and on the test points up to the paired difference's noise.
        Assert.True(bayesExact <= perceptronExact);
        double difference = (double)root["test"]!["perceptron_minus_bayes"]!;
        Assert.Equal(perceptronTest - bayesTest, difference, 12);
        Assert.True(difference > -3 * (double)root["test"]!["standard_error"]!);
        foreach (var variant in root["perceptron_variants"]!.AsObject())
        {
            Assert.True(bayesExact <= (double)variant.Value!["exact_error"]!);
        }

        // The report's own rule: optimal in exactly the cases where its slips cancel or the overlap is a tie.
        Assert.Equal(reportIsBayes, (bool)root["report"]!["is_bayes_optimal"]!);
        Assert.True((double)root["report"]!["exact_error"]! >= bayesExact - 1e-12);
    }

    [Fact]
    public void Bayes_vs_perceptron_is_deterministic_and_all_runs_six_cases()
    {
        var first = Run("experiment", "bayes-vs-perceptron", "--case", "all", "--json", "--test-samples", "2000", "--epochs", "5");
        var second = Run("experiment", "bayes-vs-perceptron", "--case", "all", "--json", "--test-samples", "2000", "--epochs", "5");
        Assert.Equal(0, first.Code);
        Assert.Equal(first.Output, second.Output);
        var cases = JsonNode.Parse(first.Output)!["cases"]!.AsArray();
        Assert.Equal(["gauss-equal", "gauss-unequal", "gauss-unequal-priors", "disk-equal", "disk-unequal", "disk-unequal-priors"], cases.Select(c => (string)c!["case"]!).ToArray());
        Assert.All(cases, c => Assert.Equal(5, (int)c!["perceptron"]!["epochs"]!));
    }

    [Fact]
    public void Bayes_vs_perceptron_text_and_variants()
    {
        var (code, output, _) = Run("experiment", "bayes-vs-perceptron", "--case", "disk-unequal", "--variant", "pocket", "--test-samples", "5000");
        Assert.Equal(0, code);
        Assert.Contains("Bayes rule:", output);
        Assert.Contains("A wins the whole overlap", output);
        Assert.Contains("Perceptron (pocket", output);
        Assert.Contains("not Bayes-optimal", output);
    }

    [Theory]
    [InlineData(1, "--case", "nope")]
    [InlineData(1, "--case", "gauss-equal", "--variant", "fancy")]
    [InlineData(1, "--case", "gauss-equal", "--epochs", "0")]
    [InlineData(1, "--case", "gauss-equal", "--test-samples", "1")]
    [InlineData(2)]
    public void Bayes_vs_perceptron_bad_options(int expected, params string[] options)
    {
        var (code, _, error) = Run(["experiment", "bayes-vs-perceptron", .. options]);
        Assert.Equal(expected, code);
        Assert.StartsWith("nabla:", error);
    }

    [Fact]
    public void Experiment_result_is_reusable_for_plots()
    {
        var result = Nabla.Cli.Experiments.BayesVsPerceptronExperiment.Run(Nabla.Cli.Experiments.BayesVsPerceptronCase.Get("gauss-unequal-priors"), testSize: 1000);
        Assert.Equal(2100, result.TrainingData.Count);
        Assert.Equal(700, result.TrainingData.Labels.Count(l => l == 0));
        Assert.Equal(100, result.Perceptron.ErrorsPerEpoch.Count);

        // The Bayes classifier and its boundary q agree on every training point.
        var decided = result.Bayes.PredictClassIndices(result.TrainingData.Features);
        var q = result.BayesRule.Boundary;
        for (int i = 0; i < result.TrainingData.Count; i++)
        {
            Assert.Equal(q.Evaluate(result.TrainingData.Features[i, 0], result.TrainingData.Features[i, 1]) > 0 ? 0 : 1, decided[i]);
        }
    }

    private static double Se(double p, int n) => Math.Sqrt(p * (1 - p) / n);

    internal static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = NablaCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}

internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nabla-classic-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
