using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Nabla.Tests.Hostile.Tables;

namespace Nabla.Tests.Hostile;

/// <summary>
/// The battery of hostile model files: each is made here from a good model trained by the fixture (or from nothing),
/// and given to predict (with --output), evaluate, inspect and inspect --json. Each must fail with exit code 1 and one line
/// naming the file (and, for an edited field, its JSON path), with nothing written.
/// 463 files and 2 paths: truncated 45, format-marker 7, version 5, model-kind 6, task 6, precision 6, missing 24,
/// field-string 84, field-null 53, field-1e999 84, field-negative 34, field-huge 34, array-short 21, array-long 21,
/// declared-huge 7, duplicate-key 5, deep 4, not-an-object 7, not-a-model 10, path (a directory, a missing file) 2.
/// </summary>
public sealed partial class HostileModelTests(HostileFixture fixture) : IClassFixture<HostileFixture>
{
    /// <param name="Model">the good model the file is made from (mlp, perceptron, …), or null for files made from nothing</param>
    /// <param name="Make">the hostile file's bytes from the good model's text; null for a path that is not a file</param>
    /// <param name="Where">text the message must hold besides the file name (a JSON path), or null</param>
    /// <param name="Special">"directory" or "missing" for a path that is a directory or does not exist</param>
    public sealed record Case(string Family, string Name, string? Model, Func<string, byte[]>? Make, string? Where = null, string? Special = null);

    private static readonly Lazy<IReadOnlyList<Case>> AllCases = new(Build);

    public static IReadOnlyList<Case> Cases => AllCases.Value;

    public static TheoryData<string> Names() => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_command_refuses_the_model_and_writes_nothing(string name)
    {
        var c = Cases.Single(x => x.Name == name);
        string file = fixture.Cli.PathOf(c.Name + ".json");
        if (c.Special == "directory")
        {
            Directory.CreateDirectory(file);
        }
        else if (c.Special is null)
        {
            string good = c.Model is null ? "" : File.ReadAllText(fixture.Models[c.Model]);
            File.WriteAllBytes(file, c.Make!(good));
        }

        string data = c.Model is not null && HostileFixture.IsRegression(c.Model) ? fixture.Line : fixture.Flowers;
        string[][] runs =
        [
            ["predict", "--model", file, "--data", data, "--output", "{O}/pred.csv"],
            ["evaluate", "--model", file, "--data", data],
            ["inspect", "--model", file],
            ["inspect", "--model", file, "--json"],
        ];
        var problems = runs.Select(args => fixture.Check(c.Name, file, args, c.Where)).Where(p => p.Length > 0).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static readonly string[] AllModels = ["mlp", "perceptron", "logistic", "bayes-gaussian", "linear", "mlp-regression"];

    /// <summary>One field of each shape per model (the first element of each array), outside the training metadata.</summary>
    private static readonly Dictionary<string, string[]> NumericFields = new()
    {
        ["mlp"] = ["version", "features", "preprocessing.scaler.offsets[0]", "preprocessing.scaler.scales[0]", "hyperparameters.hidden[0]",
                   "hyperparameters.learning_rate", "hyperparameters.momentum", "hyperparameters.beta1", "hyperparameters.beta2",
                   "hyperparameters.epsilon", "hyperparameters.weight_decay", "hyperparameters.epochs", "hyperparameters.batch_size",
                   "hyperparameters.l2", "hyperparameters.validation_fraction", "hyperparameters.patience", "hyperparameters.threads",
                   "parameters.layers[0].inputs", "parameters.layers[0].units", "parameters.layers[0].weights[0][0]",
                   "parameters.layers[1].weights[2][1]", "parameters.layers[0].bias[0]", "parameters.layers[1].bias[2]"],
        ["perceptron"] = ["version", "features", "preprocessing.scaler.offsets[0]", "preprocessing.scaler.scales[1]", "hyperparameters.learning_rate",
                          "hyperparameters.epochs", "parameters.weights[0][0]", "parameters.weights[2][5]", "parameters.errors_per_epoch[0][0]", "parameters.updates[0]"],
        ["logistic"] = ["version", "features", "preprocessing.scaler.offsets[0]", "preprocessing.scaler.scales[0]", "hyperparameters.l2",
                        "hyperparameters.threshold", "hyperparameters.epochs", "hyperparameters.tolerance", "hyperparameters.learning_rate",
                        "hyperparameters.batch_size", "hyperparameters.momentum", "hyperparameters.validation_fraction", "hyperparameters.patience",
                        "hyperparameters.threads", "hyperparameters.history_size", "parameters.coefficients[0][0]", "parameters.coefficients[2][4]",
                        "parameters.intercepts[0]", "parameters.iterations", "parameters.gradient_norm", "parameters.loss_history[0]"],
        ["bayes-gaussian"] = ["version", "features", "preprocessing.scaler.offsets[0]", "preprocessing.scaler.scales[0]", "parameters.priors[0]",
                              "parameters.means[0][0]", "parameters.covariances[0][0][0]", "parameters.covariances[2][1][1]"],
        ["linear"] = ["version", "features", "targets", "preprocessing.scaler.offsets[0]", "preprocessing.scaler.scales[0]", "hyperparameters.l2",
                      "parameters.coefficients[0][0]", "parameters.intercepts[0]"],
        ["mlp-regression"] = ["version", "features", "targets", "preprocessing.scaler.offsets[0]", "preprocessing.scaler.scales[0]", "hyperparameters.hidden[0]",
                              "hyperparameters.learning_rate", "hyperparameters.epochs", "parameters.layers[0].inputs", "parameters.layers[0].units",
                              "parameters.layers[0].weights[0][0]", "parameters.layers[0].bias[0]", "parameters.target_offsets[0]", "parameters.target_scales[0]"],
    };

    /// <summary>Fields that count something: a negative or huge value is out of range there (elsewhere it may be a legitimate weight).</summary>
    private static bool IsCount(string path) => CountField().IsMatch(path);

    [GeneratedRegex(@"(^version|^features|^targets|hidden\[0\]|epochs|batch_size|patience|history_size|threads|inputs|units|iterations|updates\[0\]|errors_per_epoch\[0\]\[0\])$")]
    private static partial Regex CountField();

    /// <summary>The JSON path that an error about <paramref name="path"/> must name: up to its last field name (without the element indices after it).</summary>
    private static string Located(string path) => TrailingIndices().Replace(path, "");

    [GeneratedRegex(@"(\[\d+\])+$")]
    private static partial Regex TrailingIndices();

    private const string Raw = "\u0001raw\u0001";

    /// <summary>The good model's text with the node at <paramref name="path"/> replaced by <paramref name="value"/> (raw JSON text when it starts with <see cref="Raw"/>), or removed when <paramref name="remove"/>.</summary>
    private static byte[] Edit(string text, string path, JsonNode? value = null, string? raw = null, bool remove = false, Action<JsonNode>? change = null)
    {
        var root = JsonNode.Parse(text)!;
        var parts = PathPart().Matches(path).Select(m => m.Value).ToList();
        JsonNode node = root;
        foreach (var part in parts[..^1])
        {
            node = part.StartsWith('[') ? node[int.Parse(part[1..^1], CultureInfo.InvariantCulture)]! : node[part.TrimStart('.')]!;
        }

        string last = parts[^1];
        if (change is not null)
        {
            change(last.StartsWith('[') ? node[int.Parse(last[1..^1], CultureInfo.InvariantCulture)]! : node[last.TrimStart('.')]!);
        }
        else if (last.StartsWith('['))
        {
            int i = int.Parse(last[1..^1], CultureInfo.InvariantCulture);
            if (remove)
            {
                node.AsArray().RemoveAt(i);
            }
            else
            {
                node[i] = raw is null ? value : JsonValue.Create(Raw);
            }
        }
        else if (remove)
        {
            node.AsObject().Remove(last.TrimStart('.'));
        }
        else
        {
            node[last.TrimStart('.')] = raw is null ? value : JsonValue.Create(Raw);
        }

        string result = root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        return Utf8(raw is null ? result : result.Replace($"\"{JsonEncodedRaw}\"", raw, StringComparison.Ordinal));
    }

    private static readonly string JsonEncodedRaw = System.Text.Json.JsonSerializer.Serialize(Raw)[1..^1];

    [GeneratedRegex(@"(^|\.)[a-z_]+|\[\d+\]")]
    private static partial Regex PathPart();

    private static IReadOnlyList<Case> Build()
    {
        var cases = new List<Case>();
        void Add(string family, string name, string? model, Func<string, byte[]> make, string? where = null) =>
            cases.Add(new Case(family, $"{family}-{name}", model, make, where));

        // Truncated: the mlp cut at 20 places, the other kinds at 5.
        foreach (var model in AllModels)
        {
            int cuts = model == "mlp" ? 20 : 5;
            for (int k = 1; k <= cuts; k++)
            {
                int part = k;
                Add("truncated", $"{model}-{k}of{cuts + 1}", model, text => Utf8(text[..(int)((long)text.TrimEnd().Length * part / (cuts + 1))]));
            }
        }

        // The format marker, the version, the kind, the task and the precision.
        foreach (var (n, v) in new[] { ("misspelled", "\"nabla-modell\""), ("empty", "\"\""), ("upper-case", "\"NABLA-MODEL\""), ("number", "1"), ("null", "null"), ("other", "\"onnx\"") })
        {
            Add("format-marker", n, "mlp", text => Edit(text, "format", raw: v), where: "format");
        }

        Add("format-marker", "missing", "mlp", text => Edit(text, "format", remove: true), where: "format");
        foreach (var v in new[] { "3", "99", "2147483648", "1.5", "0" })
        {
            Add("version", v, "logistic", text => Edit(text, "version", raw: v), where: "version");
        }

        foreach (var (n, v) in new[] { ("svm", "\"svm\""), ("empty", "\"\""), ("upper-case", "\"MLP\""), ("trailing-space", "\"mlp \""), ("number", "7"), ("object", "{}") })
        {
            Add("model-kind", n, "mlp", text => Edit(text, "model", raw: v), where: "model");
        }

        foreach (var (n, model, v) in new[] { ("mlp-regression", "mlp", "regression"), ("mlp-clustering", "mlp", "clustering"), ("linear-classification", "linear", "classification"),
                                              ("bayes-regression", "bayes-gaussian", "regression"), ("mlp-regressor-classification", "mlp-regression", "classification"), ("logistic-empty", "logistic", "") })
        {
            Add("task", n, model, text => Edit(text, "task", JsonValue.Create(v)), where: "task");
        }

        foreach (var v in new[] { "float16", "float128", "int8", "", "Float64", "double" })
        {
            Add("precision", v.Length == 0 ? "empty" : v, "mlp", text => Edit(text, "precision", JsonValue.Create(v)), where: "precision");
        }

        // Sections and fields left out.
        foreach (var key in new[] { "version", "model", "task", "precision", "features", "label_type", "classes", "hyperparameters", "parameters" })
        {
            // (Without "preprocessing" a model is valid: it takes its features as they are, as the library saves them.)
            Add("missing", key, "mlp", text => Edit(text, key, remove: true), where: key);
        }

        foreach (var (model, path) in new[] { ("mlp", "parameters.layers"), ("mlp", "parameters.layers[0].weights"), ("mlp", "parameters.layers[1].bias"), ("mlp", "preprocessing.scaler"),
                                              ("mlp", "preprocessing.columns"), ("mlp", "preprocessing.scaler.offsets"), ("logistic", "parameters.coefficients"), ("logistic", "parameters.intercepts"),
                                              ("bayes-gaussian", "parameters.priors"), ("bayes-gaussian", "parameters.means"), ("bayes-gaussian", "parameters.covariances"),
                                              ("perceptron", "parameters.weights"), ("linear", "parameters.coefficients"), ("linear", "targets"), ("mlp-regression", "parameters.target_scales") })
        {
            Add("missing", $"{model}-{path}", model, text => Edit(text, path, remove: true), where: path);
        }

        // Every numeric field as a string, null and 1e999; every count negative and huge.
        foreach (var (model, fields) in NumericFields)
        {
            foreach (var path in fields)
            {
                string where = Located(path);
                Add("field-string", $"{model}-{path}", model, text => Edit(text, path, JsonValue.Create("x")), where);
                if (!path.StartsWith("hyperparameters.", StringComparison.Ordinal) && path != "parameters.gradient_norm")
                {
                    // A null hyperparameter takes its default, and a null gradient_norm means unknown (docs/model-format.md): both are valid.
                    Add("field-null", $"{model}-{path}", model, text => Edit(text, path, null), where);
                }

                Add("field-1e999", $"{model}-{path}", model, text => Edit(text, path, raw: "1e999"), where);
                if (IsCount(path))
                {
                    Add("field-negative", $"{model}-{path}", model, text => Edit(text, path, raw: "-3"), where);
                    Add("field-huge", $"{model}-{path}", model, text => Edit(text, path, raw: "1e300"), where);
                }
            }
        }

        // Arrays one element short or long.
        foreach (var (model, path) in new[] { ("mlp", "classes"), ("mlp", "preprocessing.scaler.offsets"), ("mlp", "preprocessing.scaler.scales"), ("mlp", "parameters.layers"),
                                              ("mlp", "parameters.layers[0].weights"), ("mlp", "parameters.layers[0].weights[1]"), ("mlp", "parameters.layers[1].bias"),
                                              ("mlp", "preprocessing.columns"), ("mlp", "preprocessing.columns[2].categories"), ("perceptron", "parameters.weights[0]"),
                                              ("perceptron", "parameters.weights"), ("logistic", "parameters.coefficients"), ("logistic", "parameters.coefficients[1]"),
                                              ("logistic", "parameters.intercepts"), ("bayes-gaussian", "parameters.priors"), ("bayes-gaussian", "parameters.means[0]"),
                                              ("bayes-gaussian", "parameters.covariances[0]"), ("bayes-gaussian", "parameters.covariances[1][0]"), ("linear", "parameters.coefficients[0]"),
                                              ("linear", "parameters.intercepts"), ("mlp-regression", "parameters.target_offsets") })
        {
            string where = Located(path);
            Add("array-short", $"{model}-{path}", model, text => Edit(text, path, change: a => a.AsArray().RemoveAt(a.AsArray().Count - 1)), where);
            Add("array-long", $"{model}-{path}", model, text => Edit(text, path, change: a => a.AsArray().Add(a.AsArray()[^1]!.DeepClone())), where);
        }

        // Sizes declared huge in a small file (hyperparameters.hidden is checked against the layers).
        foreach (var (model, path) in new[] { ("mlp", "hyperparameters.hidden[0]"), ("mlp", "features"), ("mlp", "parameters.layers[0].inputs"), ("mlp", "parameters.layers[0].units"), ("linear", "targets"), ("logistic", "features"), ("bayes-gaussian", "features"), ("mlp-regression", "parameters.layers[1].units") })
        {
            Add("declared-huge", $"{model}-{path}", model, text => Edit(text, path, raw: "100000000"), Located(path));
        }

        // Duplicate keys.
        Add("duplicate-key", "model-other-kind", "mlp", text => Utf8(text.Insert(text.IndexOf('{') + 1, "\n  \"model\": \"linear\",")));
        Add("duplicate-key", "model-same-value", "mlp", text => Utf8(text.Insert(text.IndexOf('{') + 1, "\n  \"model\": \"mlp\",")));
        Add("duplicate-key", "parameters", "logistic", text => Utf8(text.Insert(text.IndexOf('{') + 1, "\n  \"parameters\": {},")));
        Add("duplicate-key", "features", "linear", text => Utf8(text.Insert(text.IndexOf('{') + 1, "\n  \"features\": 7,")));
        Add("duplicate-key", "scaler-kind", "mlp", text => Utf8(text.Replace("\"kind\": \"standard\",", "\"kind\": \"standard\", \"kind\": \"minmax\",", StringComparison.Ordinal)));

        // Deeply nested arrays and objects.
        Add("deep", "array-1000-file", null, _ => Utf8(new string('[', 1000) + new string(']', 1000)));
        Add("deep", "array-1000-weights", "mlp", text => Edit(text, "parameters.layers[0].weights", raw: new string('[', 1000) + "1" + new string(']', 1000)));
        Add("deep", "object-1000-parameters", "logistic", text => Edit(text, "parameters", raw: string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000)));
        Add("deep", "array-100000-file", null, _ => Utf8(new string('[', 100_000)));

        // Not a JSON object, or not JSON, or not a file with anything in it.
        foreach (var (n, v) in new[] { ("empty-array", "[]"), ("number", "42"), ("string", "\"nabla-model\""), ("null", "null"), ("true", "true"), ("empty-object", "{}") })
        {
            Add("not-an-object", n, null, _ => Utf8(v));
        }

        Add("not-an-object", "array-of-model", "mlp", text => Utf8("[" + text + "]"));
        Add("not-a-model", "zero-bytes", null, _ => []);
        Add("not-a-model", "whitespace", null, _ => Utf8("  \n\t\r\n "));
        Add("not-a-model", "csv", null, _ => Utf8(Flowers()));
        Add("not-a-model", "nul-bytes", null, _ => new byte[64]);
        Add("not-a-model", "random-bytes", null, _ => { var b = new byte[512]; new Random(7).NextBytes(b); return b; });
        Add("not-a-model", "utf16", "logistic", text => Encoding.Unicode.GetBytes(text));
        Add("not-a-model", "trailing-garbage", "logistic", text => Utf8(text.TrimEnd() + "x"));
        Add("not-a-model", "two-models", "linear", text => Utf8(text + text));
        Add("not-a-model", "comment", "linear", text => Utf8("// a model\n" + text));
        Add("not-a-model", "trailing-comma", "linear", text => Utf8(text.TrimEnd()[..^1] + ",}"));
        cases.Add(new Case("path", "path-directory", null, null, Special: "directory"));
        cases.Add(new Case("path", "path-missing", null, null, Special: "missing"));
        return cases;
    }
}
