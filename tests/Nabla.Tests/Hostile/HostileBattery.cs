using System.Globalization;
using System.Text;
using Nabla.Tests.Cli;

namespace Nabla.Tests.Hostile;

/// <summary>
/// The good files the hostile cases are measured against, made once per test class: a small flowers table (three
/// classes, a categorical column), a small numeric table, and a model of each kind trained on them through the CLI.
/// </summary>
public sealed class HostileFixture : IDisposable
{
    public HostileFixture()
    {
        Cli = new CliRunner();
        Flowers = Cli.Flowers("good-flowers.csv", perClass: 8);
        Line = Cli.Line("good-line.csv");
        Train("mlp", Flowers, "--model", "mlp", "--hidden", "4", "--epochs", "2");
        Train("perceptron", Flowers, "--model", "perceptron", "--epochs", "2");
        Train("logistic", Flowers, "--model", "logistic", "--epochs", "2");
        Train("bayes-gaussian", Flowers, "--model", "bayes-gaussian", "--drop", "color");
        Train("linear", Line, "--model", "linear");
        // Trained to refuse what the defaults take in stride: missing values and categories not seen in training.
        Train("mlp-strict", Flowers, "--model", "mlp", "--hidden", "4", "--epochs", "2", "--impute", "none", "--unknown-categories", "error");
        Train("linear-strict", Line, "--model", "linear", "--impute", "none", "--unknown-categories", "error");
        Train("mlp-regression", Line, "--model", "mlp", "--hidden", "3", "--epochs", "2");
    }

    public CliRunner Cli { get; }

    /// <summary>The good flowers table (24 rows: petal, sepal, color, species).</summary>
    public string Flowers { get; }

    /// <summary>The good numeric table (x1, x2, y).</summary>
    public string Line { get; }

    /// <summary>Good model files by name: mlp, perceptron, logistic, bayes-gaussian (classifiers of the flowers), linear and mlp-regression; mlp-strict and linear-strict trained with --impute none --unknown-categories error.</summary>
    public Dictionary<string, string> Models { get; } = [];

    public static bool IsRegression(string model) => model is "linear" or "mlp-regression";

    private void Train(string name, string data, params string[] options)
    {
        string path = Cli.PathOf($"good-{name}.json");
        var (code, _, error) = Cli.Run(["train", "--data", data, "--save", path, "--quiet", "--seed", "1", .. options]);
        Assert.True(code == 0, $"training the good {name} model failed: {error}");
        Models[name] = path;
    }

    /// <summary>
    /// Runs one command on a hostile file and checks the contract of bad input: exit code 1, exactly one line on standard
    /// error starting "nabla: " that names the file (and <paramref name="where"/> when given), no stack trace, and not one
    /// byte written: the output directory (an old model file, an old predictions file, an old plot) is as it was, with no
    /// new file and no temporary. Returns the problems found, empty when the command behaved.
    /// </summary>
    public string Check(string caseName, string file, string[] args, string? where)
    {
        string outputs = Path.Combine(Cli.Directory, "out-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(outputs, "plots"));
        File.WriteAllText(Path.Combine(outputs, "model.json"), "old model\n");
        File.WriteAllText(Path.Combine(outputs, "pred.csv"), "old predictions\n");
        File.WriteAllText(Path.Combine(outputs, "plots", "loss.png"), "old plot\n");
        string[] concrete = [.. args.Select(a => a.Replace("{O}", outputs, StringComparison.Ordinal))];
        var before = Snapshot(outputs);
        var problems = new List<string>();
        int code;
        string error;
        try
        {
            (code, _, error) = Cli.Run(concrete);
        }
        catch (Exception e)
        {
            return $"{caseName}: nabla {string.Join(' ', args)} threw {e.GetType().Name}: {e.Message}";
        }

        error = error.ReplaceLineEndings("\n");
        string name = Path.GetFileName(file.TrimEnd('/'));
        if (code != 1)
        {
            problems.Add($"exit code {code}");
        }

        if (!error.StartsWith("nabla: ", StringComparison.Ordinal))
        {
            problems.Add("stderr does not start with 'nabla: '");
        }

        if (error.Length == 0 || error.IndexOf('\n') != error.Length - 1)
        {
            problems.Add("stderr is not exactly one line");
        }

        if (error.Contains("   at ", StringComparison.Ordinal))
        {
            problems.Add("stack trace");
        }

        if (!error.Contains(name, StringComparison.Ordinal))
        {
            problems.Add($"the message does not name {name}");
        }

        if (where is not null && !error.Contains(where, StringComparison.Ordinal))
        {
            problems.Add($"the message does not say '{where}'");
        }

        var after = Snapshot(outputs);
        if (!before.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(after.OrderBy(p => p.Key, StringComparer.Ordinal), new SnapshotComparer()))
        {
            problems.Add($"files written: before [{string.Join(", ", before.Keys.Order(StringComparer.Ordinal))}], after [{string.Join(", ", after.Keys.Order(StringComparer.Ordinal))}]");
        }

        Directory.Delete(outputs, recursive: true);
        return problems.Count == 0 ? "" : $"{caseName}: nabla {string.Join(' ', args)}: {string.Join("; ", problems)}; stderr: {Shorten(error)}";
    }

    private static string Shorten(string text) => text.Length > 400 ? text[..400] + "…" : text;

    private static Dictionary<string, string> Snapshot(string directory) =>
        Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories).ToDictionary(
            p => Path.GetRelativePath(directory, p),
            p => File.Exists(p) ? Convert.ToBase64String(File.ReadAllBytes(p)) : "<dir>",
            StringComparer.Ordinal);

    private sealed class SnapshotComparer : IEqualityComparer<KeyValuePair<string, string>>
    {
        public bool Equals(KeyValuePair<string, string> x, KeyValuePair<string, string> y) => x.Key == y.Key && x.Value == y.Value;

        public int GetHashCode(KeyValuePair<string, string> obj) => obj.Key.GetHashCode(StringComparison.Ordinal);
    }

    public void Dispose() => Cli.Dispose();
}

/// <summary>Which commands read a hostile CSV file.</summary>
[Flags]
public enum CsvCommands
{
    Train = 1,
    Cv = 2,
    Tune = 4,
    Predict = 8,
    Evaluate = 16,
    Learning = Train | Cv | Tune,
    All = Learning | Predict | Evaluate,
}

/// <summary>Builds the lines of small, valid tables that the hostile CSV cases then break.</summary>
internal static class Tables
{
    public const string FlowersHeader = "petal,sepal,color,species";

    /// <summary>24 rows of flowers: three classes of 8, like <see cref="CliRunner.Flowers"/>.</summary>
    public static List<string> FlowerRows()
    {
        var random = new Random(3);
        string[] species = ["setosa", "versicolor", "virginica"];
        var rows = new List<string>();
        for (int i = 0; i < 24; i++)
        {
            int k = i % 3;
            double a = 2 * k + 0.4 * random.NextDouble(), b = 1 - k + 0.4 * random.NextDouble();
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"{a:0.###},{b:0.###},{(random.Next(2) == 0 ? "red" : "white")},{species[k]}"));
        }

        return rows;
    }

    public const string LineHeader = "x1,x2,y";

    /// <summary>24 rows of y = 3x₁ − 2x₂ + 5 (with a little noise).</summary>
    public static List<string> LineRows()
    {
        var random = new Random(4);
        var rows = new List<string>();
        for (int i = 0; i < 24; i++)
        {
            double x1 = random.NextDouble() * 4 - 2, x2 = random.NextDouble() * 4 - 2;
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"{x1:0.###},{x2:0.###},{3 * x1 - 2 * x2 + 5 + 0.1 * random.NextDouble():0.###}"));
        }

        return rows;
    }

    public static string Flowers(Func<List<string>, List<string>>? edit = null) =>
        string.Join('\n', (edit ?? (r => r))([FlowersHeader, .. FlowerRows()])) + "\n";

    /// <summary>The flowers table with the cell of data row <paramref name="row"/> (0-based; file line row + 2) in column <paramref name="column"/> replaced.</summary>
    public static string FlowersWithCell(int row, int column, string value) => Flowers(lines =>
    {
        string[] cells = lines[row + 1].Split(',');
        cells[column] = value;
        lines[row + 1] = string.Join(',', cells);
        return lines;
    });

    public static string LineWithCell(int row, int column, string value)
    {
        var lines = new List<string> { LineHeader };
        lines.AddRange(LineRows());
        string[] cells = lines[row + 1].Split(',');
        cells[column] = value;
        lines[row + 1] = string.Join(',', cells);
        return string.Join('\n', lines) + "\n";
    }

    public static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
