using System.Text.Json.Nodes;
using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Plotting;
using Nabla.Tensors;
using Nabla.Training;
using ScottPlot;
using static Nabla.Cli.Experiments.Numbers;

namespace Nabla.Cli.Experiments;

/// <summary>
/// The universal approximation theorem of the lectures (Hornik 1991: "a single hidden layer neural network with a linear
/// output unit can approximate any continuous function arbitrarily well, given enough hidden units"): networks 1-H-1 with
/// H hidden units and an identity output fitted to sin x on [−π, π], one per width, and each hidden unit's contribution
/// v_j g(w_j x + b_j) to the fit f(x) = c + Σ_j v_j g(w_j x + b_j).
/// </summary>
internal static class UniversalApproximationExperiment
{
    /// <summary>The training points, evenly spaced on [−π, π].</summary>
    public const int Points = 64;

    /// <summary>The points of the grid the maximum error is measured on.</summary>
    public const int GridPoints = 401;

    /// <summary>Default widths.</summary>
    public const string DefaultUnits = "1,2,4,8,16";

    /// <summary>Default epochs of full-batch Adam.</summary>
    public const int DefaultEpochs = 4000;

    /// <summary>Default seed of the initial weights.</summary>
    public const int DefaultSeed = 2;

    /// <summary>Adam's step size (decayed to 0 by a cosine schedule).</summary>
    public const double LearningRate = 0.1;

    /// <summary>Runs the fits and returns the networks with their JSON object.</summary>
    public static (JsonObject Json, IReadOnlyList<NeuralNetwork<double>> Networks) Run(IReadOnlyList<int> widths, Activation activation, int epochs, int seed)
    {
        if (widths.Count == 0 || widths.Any(w => w < 1 || w > 1000))
        {
            throw new CliException("--units takes hidden widths from 1 to 1000, comma-separated, for example 1,2,4,8,16.");
        }

        if (epochs < 1)
        {
            throw new CliException($"--epochs must be at least 1, not {epochs}.");
        }

        if (!activation.IsElementwise || !activation.IsDifferentiable)
        {
            throw new CliException($"The hidden units need a differentiable element-wise activation, not {activation.Name}.");
        }

        var x = Matrix<double>.ColumnVector([.. Enumerable.Range(0, Points).Select(i => -Math.PI + 2 * Math.PI * i / (Points - 1))]);
        var y = Matrix<double>.ColumnVector([.. x.AsReadOnlySpan().ToArray().Select(Math.Sin)]);
        var fits = new JsonArray();
        var networks = new List<NeuralNetwork<double>>();
        foreach (int h in widths)
        {
            var network = NeuralNetwork<double>.Create([1, h, 1], activation, Activation.Identity, Initializer.GlorotUniform, seed);
            var history = Trainer.Train(network, x, y, new MeanSquaredErrorLoss(), new TrainingOptions { Epochs = epochs, Optimizer = new Adam(LearningRate) { Schedule = new CosineSchedule() }, Seed = seed, Shuffle = false });
            networks.Add(network);
            double mse = network.Evaluate(x, y, new MeanSquaredErrorLoss());
            double maxError = Grid().Max(v => Math.Abs(Output(network, v) - Math.Sin(v)));
            var hidden = network.Layers[0];
            var output = network.Layers[1];
            fits.Add(new JsonObject
            {
                ["units"] = h,
                ["mse"] = mse,
                ["max_error"] = maxError,
                ["final_training_loss"] = history.Epochs[^1].Loss,
                ["hidden_weights"] = Json.Array(hidden.Weights.AsReadOnlySpan()),
                ["hidden_biases"] = Json.Array(hidden.Bias.AsReadOnlySpan()),
                ["output_weights"] = Json.Array(output.Weights.AsReadOnlySpan()),
                ["output_bias"] = output.Bias[0, 0],
            });
        }

        var json = new JsonObject
        {
            ["experiment"] = "universal-approximation",
            ["function"] = "sin x on [−π, π]",
            ["activation"] = activation.ToString(),
            ["points"] = Points,
            ["epochs"] = epochs,
            ["optimizer"] = $"adam({F(LearningRate)}) with a cosine decay, full batch",
            ["seed"] = seed,
            ["fits"] = fits,
        };
        return (json, networks);
    }

    /// <summary>The CLI entry.</summary>
    public static int Execute(CliContext context, string units, string activationText, int epochs, int seed, bool json, string? plotsDirectory)
    {
        var widths = Commands.CommonOptions.List(units).Select(u => int.TryParse(u, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int v) ? v : -1).ToArray();
        var activation = Activation.Parse(activationText);
        if (plotsDirectory is not null)
        {
            ExperimentPlots.Prepare(plotsDirectory);
        }

        var (result, networks) = Run(widths, activation, epochs, seed);
        IReadOnlyList<string> paths = [];
        if (plotsDirectory is not null)
        {
            using var outputs = new OutputSet();
            paths = Write(outputs, networks, activation, plotsDirectory);
            outputs.Commit();
            result["plots"] = ExperimentPlots.Json(paths);
        }

        if (json)
        {
            Json.Write(context.Out, result);
            return NablaCommand.Success;
        }

        var o = context.Out;
        o.WriteLine("Universal approximation (Hornik 1991): one hidden layer and a linear output unit approximate a continuous function, given enough units.");
        o.WriteLine($"f(x) = c + Σ_j v_j g(w_j x + b_j), g = {activation}, fitted to sin x at {Points} points of [−π, π] (full-batch adam with a cosine decay, {epochs} epochs, seed {seed}):");
        o.WriteLine("  units   training MSE   max |f(x) − sin x| on [−π, π]");
        foreach (var fit in result["fits"]!.AsArray())
        {
            o.WriteLine($"  {(int)fit!["units"]!,5}   {G((double)fit["mse"]!),12}   {G((double)fit["max_error"]!)}");
        }

        if (plotsDirectory is not null)
        {
            ExperimentPlots.Report(o, plotsDirectory, paths);
        }

        return NablaCommand.Success;
    }

    private static IReadOnlyList<string> Write(OutputSet outputs, IReadOnlyList<NeuralNetwork<double>> networks, Activation activation, string directory)
    {
        var grid = Grid();
        var curves = new List<(string, IReadOnlyList<double>, IReadOnlyList<double>)>();
        foreach (var n in networks)
        {
            curves.Add(($"{n.Layers[0].Units} hidden unit{(n.Layers[0].Units == 1 ? "" : "s")}", grid, [.. grid.Select(v => Output(n, v))]));
        }

        var fits = Plots.Curves(curves, $"One hidden layer of {activation} units fitting sin x", "x", "f(x)");
        Target(fits, grid);
        var paths = new List<string>(ExperimentPlots.Write(outputs, fits, directory, "universal-approximation", 900, 750));
        foreach (var n in networks)
        {
            var hidden = n.Layers[0];
            var output = n.Layers[1];
            int h = hidden.Units;
            var units = new List<(string, IReadOnlyList<double>, IReadOnlyList<double>)>();
            for (int j = 0; j < h; j++)
            {
                double w = hidden.Weights[j, 0], b = hidden.Bias[0, j], v = output.Weights[0, j];
                units.Add(($"unit {j + 1}: {F4(v)}·{activation.Name}({F4(w)}x {(b < 0 ? "−" : "+")} {F4(Math.Abs(b))})", grid, [.. grid.Select(t => v * activation.Value(w * t + b))]));
            }

            var plot = Plots.Curves(units, $"{h} hidden unit{(h == 1 ? "" : "s")}: each unit's contribution v_j g(w_j x + b_j)", "x", "contribution");
            var sum = plot.Add.ScatterLine(grid, [.. grid.Select(t => Output(n, t))]);
            sum.Color = Colors.Black;
            sum.LineWidth = 3;
            sum.LegendText = $"f(x) = c + Σ_j v_j g(w_j x + b_j), c = {F4(output.Bias[0, 0])}";
            Target(plot, grid);
            if (h > 8)
            {
                plot.Legend.IsVisible = false;
            }

            paths.AddRange(ExperimentPlots.Write(outputs, plot, directory, $"universal-approximation-units-{h}", 900, h > 8 ? 650 : 750));
        }

        return paths;
    }

    private static void Target(Plot plot, double[] grid)
    {
        var target = plot.Add.ScatterLine(grid, [.. grid.Select(Math.Sin)]);
        target.Color = Colors.Gray;
        target.LineWidth = 2;
        target.LinePattern = LinePattern.Dashed;
        target.LegendText = "sin x, the target";
    }

    private static double[] Grid() => [.. Enumerable.Range(0, GridPoints).Select(i => -Math.PI + 2 * Math.PI * i / (GridPoints - 1))];

    private static double Output(NeuralNetwork<double> network, double x)
    {
        Span<double> y = stackalloc double[1];
        network.Predict([x], y);
        return y[0];
    }

    private static string F4(double v) => v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
