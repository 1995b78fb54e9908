using System.Globalization;
using Nabla.Cli;

namespace Nabla.Tests.Cli;

/// <summary>Runs the CLI in process with captured output, in a temporary directory of its own.</summary>
public sealed class CliRunner : IDisposable
{
    public CliRunner() => Directory = System.IO.Directory.CreateTempSubdirectory("nabla-cli-").FullName;

    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public string Write(string name, string text)
    {
        string path = PathOf(name);
        File.WriteAllText(path, text);
        return path;
    }

    public (int Code, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var error = new StringWriter(CultureInfo.InvariantCulture);
        int code = NablaCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Three classes of 2-D points plus a categorical column, 40 rows each, seeded.</summary>
    public string Flowers(string name = "flowers.csv", int perClass = 40)
    {
        var random = new Random(11);
        var lines = new List<string> { "petal,sepal,color,species" };
        string[] species = ["setosa", "versicolor", "virginica"];
        for (int k = 0; k < 3; k++)
        {
            for (int i = 0; i < perClass; i++)
            {
                double a = 2 * k + 0.4 * Nabla.Sampling.RandomExtensions.NextGaussian(random);
                double b = 1 - k + 0.4 * Nabla.Sampling.RandomExtensions.NextGaussian(random);
                string color = random.Next(2) == 0 ? "red" : (k == 2 ? "blue" : "white");
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{a:R},{b:R},{color},{species[k]}"));
            }
        }

        return Write(name, string.Join('\n', lines) + "\n");
    }

    /// <summary>y = 3x₁ − 2x₂ + 5 + noise, 150 rows.</summary>
    public string Line(string name = "line.csv")
    {
        var random = new Random(5);
        var lines = new List<string> { "x1,x2,y" };
        for (int i = 0; i < 150; i++)
        {
            double x1 = random.NextDouble() * 4 - 2, x2 = random.NextDouble() * 4 - 2;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{x1:R},{x2:R},{3 * x1 - 2 * x2 + 5 + 0.1 * Nabla.Sampling.RandomExtensions.NextGaussian(random):R}"));
        }

        return Write(name, string.Join('\n', lines) + "\n");
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
