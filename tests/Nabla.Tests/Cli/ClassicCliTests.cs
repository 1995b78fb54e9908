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
