using System.Numerics;
using System.Text.Json.Nodes;
using Nabla.Estimators;
using Nabla.Neurons;
using Nabla.Serialization;
using Nabla.Training;

namespace Nabla.Models;

/// <summary>
/// <c>perceptron</c>: Rosenblatt's perceptron (<see cref="Perceptron{T, TLabel}"/>), one unit for two classes, one per class
/// one-vs-rest for more. Its file parameters are each unit's weights [b, w₁, …, w_d], whether it converged, its update
/// count and its errors per epoch.
/// </summary>
public sealed class PerceptronKind : ModelKind<PerceptronOptions>
{
    private static readonly string[] Variants = ["standard", "averaged", "pocket"];

    /// <summary>Creates the description (use <see cref="ModelKinds.Perceptron"/>).</summary>
    internal PerceptronKind()
        : base(
            Bind(d => SharedHyperparameters.LearningRate(d, "η in w(n+1) = w(n) + η[d(n) − y(n)]x(n)"), o => o.LearningRate, (o, v) => o with { LearningRate = v }),
            Bind(d => SharedHyperparameters.Epochs(d, "the epoch limit: training stops at the first error-free epoch or here", "max_epochs"), o => o.MaxEpochs, (o, v) => o with { MaxEpochs = v }),
            Bind(d => Hyperparameter.Choice("variant", d, Variants, "which weights to keep: standard (the last), averaged, or pocket (fewest training errors)"),
                o => o.Variant.ToString().ToLowerInvariant(), (o, v) => o with { Variant = Enum.Parse<PerceptronVariant>(v, ignoreCase: true) }),
            Bind(d => SharedHyperparameters.ClassWeight(d, "how much each class's mistakes count: an update is η c_k [d − y] x with c_k the class's weight; balanced weighs class k by n/(K nₖ)"),
                o => SharedHyperparameters.ClassWeightText(o.ClassWeights), (o, v) => o with { ClassWeights = SharedHyperparameters.ClassWeights(v) }),
            Bind(d => Hyperparameter.Flag("shuffle", d, "present the samples in a fresh random order each epoch (false: the data's order, as in the notes)"), o => o.Shuffle, (o, v) => o with { Shuffle = v }),
            Bind(d => SharedHyperparameters.Seed(d, "seed of the shuffling"), o => o.Seed, (o, v) => o with { Seed = v }))
    {
    }

    /// <inheritdoc/>
    public override string Name => "perceptron";

    /// <inheritdoc/>
    public override string Summary => "Rosenblatt's perceptron, the notes' learning rule (one unit, or one per class one-vs-rest)";

    /// <inheritdoc/>
    public override IReadOnlyList<ModelTask> Tasks { get; } = [ModelTask.Classification];

    /// <inheritdoc/>
    public override Classifier<T, TLabel> CreateClassifier<T, TLabel>(HyperparameterValues values, FitControl? control = null) => new Perceptron<T, TLabel>(ToOptions(values));

    /// <inheritdoc/>
    public override bool Describes<T, TLabel>(Classifier<T, TLabel> model) => model is Perceptron<T, TLabel>;

    /// <inheritdoc/>
    public override HyperparameterValues ValuesOf<T, TLabel>(Classifier<T, TLabel> model) => FromOptions(Cast(model).Options);

    /// <inheritdoc/>
    public override TrainingHistory? HistoryOf<T, TLabel>(Classifier<T, TLabel> model)
    {
        var p = Cast(model);
        int units = p.Classes.Count == 2 ? 1 : p.Classes.Count;
        int epochs = Enumerable.Range(0, units).Max(u => p.ErrorsPerEpochOf(u).Count);
        var records = new List<EpochRecord>(epochs);
        for (int e = 0; e < epochs; e++)
        {
            int errors = Enumerable.Range(0, units).Sum(u => p.ErrorsPerEpochOf(u) is var list && e < list.Count ? list[e] : 0);
            records.Add(new EpochRecord(e + 1, errors, Errors: errors));
        }

        return new TrainingHistory(records, epochs) { Quantity = "errors" };
    }

    /// <inheritdoc/>
    public override string DescribeSetup(HyperparameterValues values, ModelShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var o = ToOptions(values);
        int k = shape.Classes.Count;
        return $"perceptron ({values.Text("variant")}, {(k == 2 ? "one unit" : $"{k} units one-vs-rest")}), learning rate {Hyperparameter.Text(o.LearningRate)}, at most {o.MaxEpochs} epochs";
    }

    /// <inheritdoc/>
    public override string? DescribeFit<T, TLabel>(Classifier<T, TLabel> model)
    {
        var p = Cast(model);
        // "epoch N", never the plural: the command line turns the hyperparameter's name into its option.
        string fit = p.Converged
            ? $"Converged: epoch {p.Epochs} was the first without an error ({p.Updates} updates in all)."
            : $"Did not converge: no epoch without an error in {p.Epochs} (the classes may not be linearly separable); kept the {p.Options.Variant.ToString().ToLowerInvariant()} weights.";
        var lines = new List<string> { fit };
        int units = p.Classes.Count == 2 ? 1 : p.Classes.Count;
        var w = p.Weights;
        for (int u = 0; u < units; u++)
        {
            string label = units == 1 ? "" : $"{p.Classes[u]} vs rest: ";
            double[] weights = [.. w.Row(u).ToArray().Select(v => double.CreateTruncating(v))];
            lines.Add($"  {label}w = [b, w₁, …] = [{string.Join(", ", weights.Select(v => Hyperparameter.Text(Round(v))))}]; errors per epoch {Preview(p.ErrorsPerEpochOf(u))}");
            if (p.ConvergenceOf(u) is { } c)
            {
                lines.Add($"  {label}{ConvergenceText(c)}");
            }
        }

        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The convergence theorem's figures in one line.</summary>
    internal static string ConvergenceText(PerceptronConvergence c) =>
        $"separable: radius R = max‖x(n)‖ = {Hyperparameter.Text(Round(c.Radius))}, margin γ = {Hyperparameter.Text(Round(c.Margin))}, " +
        $"bound (R/γ)² = {Hyperparameter.Text(Round(c.Bound))} ≥ {c.Updates} updates made";

    private static double Round(double v) => double.Parse(v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override ModelDescription Describe<T, TLabel>(Classifier<T, TLabel> model, IReadOnlyList<string>? featureNames = null)
    {
        var p = Cast(model);
        var w = p.Weights;
        int units = w.Rows;
        var lines = new List<string> { $"{units} perceptron unit(s), each sgn(w₀ + w·x) over {p.FeatureCount} inputs" };
        var unitsJson = new JsonArray();
        string[]? names = featureNames is null ? null : ["bias", .. featureNames];
        for (int u = 0; u < units; u++)
        {
            double[] weights = [.. w.Row(u).ToArray().Select(v => double.CreateTruncating(v))];
            var errors = p.ErrorsPerEpochOf(u);
            string label = units == 1 ? $"{p.Classes[1]} vs {p.Classes[0]}" : $"{p.Classes[u]} vs rest";
            bool converged = errors.Count > 0 && errors[^1] == 0;
            lines.Add($"{label}: w = [b, w₁, …] = {DescriptionText.Named(weights, names)}; errors per epoch {Preview(errors)}{(converged ? " (converged)" : "")}");
            var unit = new JsonObject
            {
                ["unit"] = label,
                ["weights"] = JsonValues.Doubles(weights),
                ["errors_per_epoch"] = JsonValues.Ints(errors),
                ["converged"] = converged,
                ["updates"] = errors.Sum(),
            };
            if (p.ConvergenceOf(u) is { } c)
            {
                lines.Add($"{label}: {ConvergenceText(c)}");
                unit["convergence"] = ConvergenceJson(c);
            }

            unitsJson.AddNode(unit);
        }

        return new ModelDescription("units", lines, w.Length, new JsonObject { ["units"] = unitsJson });
    }

    internal override void WriteParameters<T, TLabel>(Classifier<T, TLabel> model, JsonObject parameters)
    {
        var p = Cast(model);
        int units = p.Weights.Rows;
        parameters["weights"] = JsonValues.Rows(p.Weights);
        parameters["converged"] = new JsonArray([.. Enumerable.Range(0, units).Select(u => (JsonNode)JsonValue.Create(p.ErrorsPerEpochOf(u) is { Count: > 0 } e && e[^1] == 0))]);
        parameters["errors_per_epoch"] = new JsonArray([.. Enumerable.Range(0, units).Select(u => (JsonNode)JsonValues.Ints(p.ErrorsPerEpochOf(u)))]);
        parameters["updates"] = JsonValues.Ints(Enumerable.Range(0, units).Select(u => p.ErrorsPerEpochOf(u).Sum()));
        if (Enumerable.Range(0, units).Any(u => p.ConvergenceOf(u) is not null))
        {
            parameters["convergence"] = new JsonArray([.. Enumerable.Range(0, units).Select(u => p.ConvergenceOf(u) is { } c ? (JsonNode)ConvergenceJson(c) : null)]);
        }
    }

    private static JsonObject ConvergenceJson(PerceptronConvergence c) => new()
    {
        ["radius"] = c.Radius,
        ["margin"] = c.Margin,
        ["margin_upper_bound"] = c.MarginUpperBound,
        ["bound"] = c.Bound,
    };

    internal override Classifier<T, TLabel> ReadClassifier<T, TLabel>(HyperparameterValues values, JsonSection parameters, TLabel[] classes, int featureCount, TrainingHistory? history)
    {
        var options = ToOptions(values);
        SharedHyperparameters.RequireClassWeightCount(options.ClassWeights, classes.Length);
        int units = classes.Length == 2 ? 1 : classes.Length;
        var weights = parameters.Matrix<T>("weights", units, featureCount + 1);
        var convergedArray = parameters.Array("converged", units);
        var converged = new bool[units];
        var errorsArray = parameters.Array("errors_per_epoch", units);
        var errors = new List<int[]>(units);
        for (int u = 0; u < units; u++)
        {
            converged[u] = convergedArray[u] is JsonValue v && v.TryGetValue(out bool b) ? b : throw parameters.Fail($"converged[{u}]", "must be true or false");
            var epochs = new JsonSection(parameters.File, parameters.Path, new JsonObject { ["e"] = errorsArray[u]?.DeepClone() });
            errors.Add(epochs.IntArray("e", min: 0));
        }

        var updates = parameters.IntArray("updates", units, min: 0);
        for (int u = 0; u < units; u++)
        {
            // Every mistake is an update, so the count must equal the errors summed over the epochs.
            if (updates[u] != errors[u].Sum())
            {
                throw parameters.Fail($"updates[{u}]", $"is {updates[u]} but the errors per epoch add up to {errors[u].Sum()}");
            }
        }

        // Written by Nabla since the convergence figures were added, and only for units that converged.
        var convergence = new PerceptronConvergence?[units];
        if (parameters.Has("convergence"))
        {
            var figures = parameters.Array("convergence", units);
            for (int u = 0; u < units; u++)
            {
                if (figures[u] is not JsonObject o)
                {
                    continue;
                }

                var section = new JsonSection(parameters.File, parameters.Name($"convergence[{u}]"), o);
                double radius = section.Double("radius"), margin = section.Double("margin"), upper = section.Double("margin_upper_bound");
                if (!(radius >= 1) || !(margin > 0) || !(upper >= margin) || !converged[u])
                {
                    throw parameters.Fail($"convergence[{u}]", "needs radius ≥ 1, margin > 0 and margin_upper_bound ≥ margin, for a unit that converged");
                }

                convergence[u] = new PerceptronConvergence(radius, margin, upper, updates[u]);
            }
        }

        return Perceptron<T, TLabel>.Restore(options, classes, weights, errors, converged, convergence);
    }

    // "epoch 1 to N", never the plural: the command line turns the hyperparameter's name into its option.
    private static string Preview(IReadOnlyList<int> errors) =>
        errors.Count <= 12 ? $"[{string.Join(", ", errors)}]" : $"[{string.Join(", ", errors.Take(10))}, … {errors[^1]}] (epoch 1 to {errors.Count})";

    private static Perceptron<T, TLabel> Cast<T, TLabel>(Classifier<T, TLabel> model)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull =>
        model as Perceptron<T, TLabel> ?? throw new ArgumentException($"{model?.ModelName} is not a perceptron.", nameof(model));
}
