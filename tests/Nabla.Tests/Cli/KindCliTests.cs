using System.Text.Json.Nodes;
using Nabla.Estimators;
using Nabla.Models;

namespace Nabla.Tests.Cli;

/// <summary>Every registered kind through the command line: train, save, inspect with every hyperparameter, predict.</summary>
public sealed class KindCliTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    public static TheoryData<string, string> KindsAndTasks()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in ModelKinds.All)
        {
            foreach (var task in kind.Tasks)
            {
                data.Add(kind.Name, task.ToString().ToLowerInvariant());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndTasks))]
    public void Inspect_json_lists_every_hyperparameter_of_the_schema_and_the_learned_parameters(string name, string task)
    {
        var kind = ModelKinds.Get(name);
        string data = task == "classification" ? _cli.Flowers() : Line();
        string target = task == "classification" ? "species" : "y";
        string model = _cli.PathOf($"{name}-{task}.json");
        string[] epochs = kind.Find("epochs") is null ? [] : ["--epochs", "20"];
        // The flowers' one-hot colour column is collinear, which a full-covariance Gaussian cannot fit.
        string[] drop = task == "classification" ? ["--drop", "color"] : [];
        var (code, _, error) = _cli.Run(["train", "--data", data, "--target", target, "--task", task, "--model", name, .. epochs, .. drop, "--save", model, "--plots", _cli.PathOf($"{name}-{task}-plots"), "--quiet"]);
        Assert.True(code == 0, error);
        string plot = task == "classification" ? "confusion-matrix.png" : "predicted-vs-true.png";
        Assert.True(File.Exists(Path.Combine(_cli.PathOf($"{name}-{task}-plots"), plot)), $"{name} wrote no {plot}");

        var (inspectCode, output, inspectError) = _cli.Run("inspect", "--model", model, "--json");
        Assert.True(inspectCode == 0, inspectError);
        var o = JsonNode.Parse(output)!;
        Assert.Equal(name, (string?)o["model"]);
        Assert.Equal(kind.Hyperparameters.Select(h => h.Name), o["hyperparameters"]!.AsObject().Select(p => p.Key));
        Assert.True((int)o["parameters"]! > 0);
        Assert.NotEmpty(o["learned"]!.AsObject());

        var text = _cli.Run("inspect", "--model", model).Out;
        Assert.All(kind.Hyperparameters, h => Assert.Contains($"{h.Name} ", text));
        Assert.Equal(0, _cli.Run("predict", "--model", model, "--data", data, "--output", _cli.PathOf($"{name}-{task}.csv")).Code);
    }

    private string Line()
    {
        var random = new Random(2);
        var lines = new List<string> { "a,b,y" };
        for (int i = 0; i < 60; i++)
        {
            double a = random.NextDouble(), b = random.NextDouble();
            lines.Add(FormattableString.Invariant($"{a},{b},{2 * a - b + 0.05 * random.NextDouble()}"));
        }

        return _cli.Write("line.csv", string.Join('\n', lines) + "\n");
    }
}
