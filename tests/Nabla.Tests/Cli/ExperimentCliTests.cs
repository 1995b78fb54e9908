using System.Text.Json;
using Nabla.Tests.TestSupport;

namespace Nabla.Tests.Cli;

/// <summary>The lectures' examples through the CLI, as a user runs them.</summary>
public class ExperimentCliTests
{
    private static double[] Vector(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetDouble())];

    [Fact]
    public void Backprop_example_prints_the_lectures_numbers_as_json()
    {
        var json = CliCall.Json("experiment", "backprop-example", "--json");
        var forward = json.GetProperty("forward");
        Assert.Equal([0.3775, 0.3925], Vector(forward.GetProperty("z1")), new Tolerance(1e-12));
        Assert.Equal([0.5933, 0.5969], Vector(forward.GetProperty("a1")), new Tolerance(5e-5));
        Assert.Equal([1.1059, 1.2249], Vector(forward.GetProperty("z2")), new Tolerance(5e-5));
        Assert.Equal([0.7514, 0.7729], Vector(forward.GetProperty("a2")), new Tolerance(5e-5));
        Assert.Equal(0.2984, json.GetProperty("loss").GetDouble(), 4);
        var w2 = json.GetProperty("gradients").GetProperty("W2");
        Assert.Equal(0.0821, w2[0][0].GetDouble(), 1e-4);
        Assert.Equal(0.35891648, json.GetProperty("after_step").GetProperty("W2")[0][0].GetDouble(), 1e-8);
        Assert.True(json.GetProperty("after_step").GetProperty("loss").GetDouble() < 0.2984);
    }

    [Fact]
    public void Backprop_trace_names_every_chain_rule_factor()
    {
        var (exit, output, _) = CliCall.Run("experiment", "backprop-example", "--trace");
        Assert.Equal(0, exit);
        Assert.Contains("∂L/∂ỹ^(1)", output);
        Assert.Contains("∂ỹ^(1)/∂z_1^[2]", output);
        Assert.Contains("path 2:", output);
        Assert.Contains("sum of both paths = 0.00043857; backpropagation gives 0.00043857", output);
    }

    [Fact]
    public void Xor_perceptron_fails_and_network_learns()
    {
        var json = CliCall.Json("experiment", "xor", "--json");
        var perceptron = json.GetProperty("perceptron");
        Assert.False(perceptron.GetProperty("converged").GetBoolean());
        Assert.All(perceptron.GetProperty("errors_per_epoch").EnumerateArray(), e => Assert.True(e.GetInt32() > 0));
        var network = json.GetProperty("network");
        Assert.True(network.GetProperty("all_correct").GetBoolean());
        foreach (var row in network.GetProperty("outputs").EnumerateArray())
        {
            double y = row[2].GetDouble(), yHat = row[3].GetDouble();
            Assert.True(Math.Abs(y - yHat) < 0.1, $"ŷ = {yHat} for y = {y}");
        }

        Assert.Equal(["x1 AND x2", "x1 OR x2"], network.GetProperty("hidden_units").EnumerateArray().Select(e => e.GetString()).Order());
    }

    [Fact]
    public void Unknown_experiment_is_bad_usage()
    {
        var (exit, output, error) = CliCall.Run("experiment", "nope");
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("nope", error);
    }
}
