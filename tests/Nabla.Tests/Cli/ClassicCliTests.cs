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

    internal static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = NablaCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
