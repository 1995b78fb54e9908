using System.Globalization;
using System.Text;

namespace Nabla.Playground.Engine;

/// <summary>
/// Everything the network page is set to: the data, the network, the training. It is the whole state of the page,
/// written to and read from the URL's query string (<see cref="ToQuery"/>, <see cref="FromQuery"/>) so a link restores it.
/// </summary>
public sealed record PlaygroundSettings
{
    /// <summary>The activations the page offers for the hidden layers (library specifications).</summary>
    public static IReadOnlyList<string> Activations { get; } = ["tanh", "relu", "sigmoid", "identity", "leaky-relu"];

    /// <summary>The optimizers the page offers (library names).</summary>
    public static IReadOnlyList<string> Optimizers { get; } = ["sgd", "momentum", "adam"];

    /// <summary>The largest number of points the page generates (the slider's end; far above TensorFlow Playground's).</summary>
    public const int MaxPoints = 5000;

    /// <summary>The dataset.</summary>
    public DatasetKind Dataset { get; init; } = DatasetKind.Circle;

    /// <summary>Number of points generated, 10 … <see cref="MaxPoints"/>.</summary>
    public int Points { get; init; } = 500;

    /// <summary>Noise in percent, 0 … 100 (see <see cref="Datasets"/> for what it means per dataset).</summary>
    public int Noise { get; init; }

    /// <summary>Percentage of the points trained on, 10 … 90; the rest is the test set.</summary>
    public int TrainPercent { get; init; } = 50;

    /// <summary>Rows per gradient step, 1 … the training rows.</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>Seed of the data, the split, the initial weights and the batch order.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The input features, at least one.</summary>
    public IReadOnlyList<InputFeature> Inputs { get; init; } = [InputFeature.X1, InputFeature.X2];

    /// <summary>Units of each hidden layer (none for a single neuron).</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [4, 2];

    /// <summary>The hidden layers' activation, one of <see cref="Activations"/>.</summary>
    public string Activation { get; init; } = "tanh";

    /// <summary>η, the learning rate.</summary>
    public double LearningRate { get; init; } = 0.03;

    /// <summary>The optimizer, one of <see cref="Optimizers"/>.</summary>
    public string Optimizer { get; init; } = "sgd";

    /// <summary>The weight penalty.</summary>
    public Regularization Regularization { get; init; }

    /// <summary>λ, the penalty's rate.</summary>
    public double RegularizationRate { get; init; }

    /// <summary>The report's case for <see cref="DatasetKind.Report"/>, one of <see cref="KnownDensities.Cases"/>.</summary>
    public string Case { get; init; } = "gauss-unequal";

    /// <summary>
    /// c, the cost of deciding class 0 (B) when the truth is class 1 (A), the other error costing 1: the Bayes classifier
    /// minimizes the expected cost, and the network decides class 1 where a^[L] ≥ 1/(1 + c). Default 1 (the error rate).
    /// </summary>
    public double Cost { get; init; } = 1;

    /// <summary>Whether the test points are drawn.</summary>
    public bool ShowTest { get; init; }

    /// <summary>Whether the output surface is drawn as two colours (the decision) rather than shaded by the output.</summary>
    public bool Discretize { get; init; }

    /// <summary>The query string (without '?') that <see cref="FromQuery"/> reads back to these settings.</summary>
    public string ToQuery()
    {
        var q = new StringBuilder();
        void Add(string key, string value)
        {
            q.Append(q.Length == 0 ? "" : "&").Append(key).Append('=').Append(Uri.EscapeDataString(value));
        }

        Add("data", Dataset.ToString().ToLowerInvariant());
        Add("points", Number(Points));
        Add("noise", Number(Noise));
        Add("train", Number(TrainPercent));
        Add("batch", Number(BatchSize));
        Add("seed", Number(Seed));
        Add("x", string.Join(",", Inputs.Select(Features.Name)));
        Add("hidden", string.Join(",", Hidden.Select(Number)));
        Add("act", Activation);
        Add("lr", Number(LearningRate));
        Add("opt", Optimizer);
        Add("reg", Regularization.ToString().ToLowerInvariant());
        Add("rate", Number(RegularizationRate));
        Add("case", Case);
        Add("cost", Number(Cost));
        Add("test", ShowTest ? "1" : "0");
        Add("discrete", Discretize ? "1" : "0");
        return q.ToString();
    }

    /// <summary>
    /// Reads settings from a query string (with or without '?'); keys not given keep their defaults. Each value that cannot
    /// be read is left at its default and described in <paramref name="problems"/>.
    /// </summary>
    public static PlaygroundSettings FromQuery(string query, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(query);
        var found = new List<string>();
        var s = new PlaygroundSettings();
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            string key = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]);
            string value = eq < 0 ? "" : Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
            try
            {
                s = key switch
                {
                    "data" => s with { Dataset = Enum.Parse<DatasetKind>(value, ignoreCase: true) },
                    "points" => s with { Points = Int(value, 10, MaxPoints) },
                    "noise" => s with { Noise = Int(value, 0, 100) },
                    "train" => s with { TrainPercent = Int(value, 10, 90) },
                    "batch" => s with { BatchSize = Int(value, 1, MaxPoints) },
                    "seed" => s with { Seed = Int(value, int.MinValue, int.MaxValue) },
                    "x" => s with { Inputs = ReadInputs(value) },
                    "hidden" => s with { Hidden = value.Length == 0 ? [] : [.. value.Split(',').Select(v => Int(v, 1, 4096))] },
                    "act" => s with { Activation = OneOf(value, Activations) },
                    "lr" => s with { LearningRate = Real(value, 1e-9, 100) },
                    "opt" => s with { Optimizer = OneOf(value, Optimizers) },
                    "reg" => s with { Regularization = Enum.Parse<Regularization>(value, ignoreCase: true) },
                    "rate" => s with { RegularizationRate = Real(value, 0, 100) },
                    "case" => s with { Case = OneOf(value, KnownDensities.Cases) },
                    "cost" => s with { Cost = Real(value, 0.01, 100) },
                    "test" => s with { ShowTest = value == "1" },
                    "discrete" => s with { Discretize = value == "1" },
                    _ => throw new FormatException("unknown setting"),
                };
            }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
            {
                found.Add($"'{key}={value}' in the link was not used ({e.Message}).");
            }
        }

        problems = found;
        return s;
    }

    private static IReadOnlyList<InputFeature> ReadInputs(string value)
    {
        var inputs = value.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(n => Features.Parse(n) ?? throw new FormatException($"no feature '{n}'; use {string.Join(", ", Features.All.Select(Features.Name))}"))
            .Distinct().ToArray();
        return inputs.Length == 0 ? throw new FormatException("at least one input feature is needed") : inputs;
    }

    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Number(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static int Int(string value, int min, int max)
    {
        int v = int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
        return v < min || v > max ? throw new FormatException($"expected a whole number from {min} to {max}") : v;
    }

    private static double Real(string value, double min, double max)
    {
        double v = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        return !(v >= min && v <= max) ? throw new FormatException($"expected a number from {min} to {max}") : v;
    }

    private static string OneOf(string value, IReadOnlyList<string> allowed) =>
        allowed.Contains(value) ? value : throw new FormatException($"use one of {string.Join(", ", allowed)}");
}
