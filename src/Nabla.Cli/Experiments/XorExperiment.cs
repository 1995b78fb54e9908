using System.Globalization;
using System.Text.Json.Nodes;
using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Neurons;
using Nabla.Plotting;
using Nabla.Tensors;
using Nabla.Training;
using ScottPlot;

namespace Nabla.Cli.Experiments;

/// <summary>
/// Minsky and Papert's XOR: no line separates the classes, so the perceptron never has an error-free epoch; a 2-2-1
/// network learns it, its hidden units computing two linearly separable functions that the output unit combines.
/// </summary>
internal static class XorExperiment
{
    /// <summary>Epochs given to the perceptron.</summary>
    public const int PerceptronEpochs = 20;

    /// <summary>Seed of the network's initial weights.</summary>
    public const int Seed = 0;

    /// <summary>Epochs of full-batch gradient descent for the network.</summary>
    public const int Epochs = 2000;

    /// <summary>Learning rate of the network.</summary>
    public const double LearningRate = 1.0;

    private static readonly double[][] Inputs = [[0, 0], [0, 1], [1, 0], [1, 1]];
    private static readonly int[] Labels = [0, 1, 1, 0];

    /// <summary>The 16 boolean functions of two inputs, by their truth table over (0,0), (0,1), (1,0), (1,1).</summary>
    private static readonly string[] BooleanFunctions =
    [
        "FALSE", "x1 AND x2", "x1 AND NOT x2", "x1", "NOT x1 AND x2", "x2", "x1 XOR x2", "x1 OR x2",
        "x1 NOR x2", "x1 XNOR x2", "NOT x2", "x1 OR NOT x2", "NOT x1", "NOT x1 OR x2", "x1 NAND x2", "TRUE",
    ];

    /// <summary>The plane shown by the decision-regions figure, [−0.5, 1.5]².</summary>
    public static PlotArea Area { get; } = new(-0.5, 1.5, -0.5, 1.5);

    /// <summary>Trains both models on the XOR table and prints what they learned; with <paramref name="plotsDirectory"/> also writes the figures.</summary>
    /// <param name="context">Where to write.</param>
    /// <param name="json">Print one JSON object instead of text.</param>
    /// <param name="plotsDirectory">
    /// Where to write <c>xor-decision-regions</c> (the network's regions over <see cref="Area"/> with the four points, its
    /// ŷ = 0.5 boundary and the hidden units' lines), <c>xor-loss</c> and <c>xor-perceptron-errors</c>, as PNG and SVG; null for none.
    /// </param>
    public static int Run(CliContext context, bool json, string? plotsDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (plotsDirectory is not null)
        {
            ExperimentPlots.Prepare(plotsDirectory);
        }

        var x = Matrix<double>.FromRows(Inputs);
        var perceptron = new Perceptron<double, int>(new PerceptronOptions { MaxEpochs = PerceptronEpochs, Variant = PerceptronVariant.Standard }).Fit(x, Labels);

        var network = NeuralNetwork<double>.Create([2, 2, 1], Activation.Sigmoid, Activation.Sigmoid, Initializer.GlorotUniform, Seed);
        var y = Matrix<double>.ColumnVector([.. Labels.Select(l => (double)l)]);
        var history = Trainer.Train(network, x, y, new BinaryCrossEntropyLoss(), new TrainingOptions
        {
            Epochs = Epochs,
            Optimizer = new GradientDescent(LearningRate),
        });
        var output = network.Predict(x);
        var hidden = network.Layers[0].Output.Clone();
        bool allCorrect = Enumerable.Range(0, 4).All(i => (output[i, 0] >= 0.5 ? 1 : 0) == Labels[i]);
        var hiddenFunctions = Enumerable.Range(0, hidden.Columns).Select(j => HiddenFunction(hidden, j, network.Layers[0].Activation)).ToArray();
        List<string>? plots = null;
        if (plotsDirectory is not null)
        {
            // All three figures or none: a failure on the last leaves the first two unwritten too.
            using var outputs = new OutputSet();
            plots = WritePlots(outputs, plotsDirectory, network, history, perceptron, hiddenFunctions);
            outputs.Commit();
        }


        if (json)
        {
            var outputs = new JsonArray();
            for (int i = 0; i < 4; i++)
            {
                outputs.Add(new JsonArray(Inputs[i][0], Inputs[i][1], Labels[i], output[i, 0]));
            }

            var result = new JsonObject
            {
                ["perceptron"] = new JsonObject
                {
                    ["converged"] = perceptron.Converged,
                    ["errors_per_epoch"] = Json.Array(perceptron.ErrorsPerEpoch),
                    ["weights"] = Json.Array(perceptron.Weights.Row(0)),
                    ["accuracy"] = perceptron.Score(x, Labels),
                },
                ["network"] = new JsonObject
                {
                    ["architecture"] = "2-2-1 (sigmoid hidden, sigmoid output, log-loss)",
                    ["epochs"] = Epochs,
                    ["learning_rate"] = LearningRate,
                    ["seed"] = Seed,
                    ["final_loss"] = history.Epochs[^1].Loss,
                    ["W1"] = Json.Rows(network.Layers[0].Weights),
                    ["b1"] = Json.Array(network.Layers[0].Bias.Row(0)),
                    ["W2"] = Json.Rows(network.Layers[1].Weights),
                    ["b2"] = Json.Array(network.Layers[1].Bias.Row(0)),
                    ["outputs"] = outputs,
                    ["all_correct"] = allCorrect,
                    ["hidden_units"] = new JsonArray([.. hiddenFunctions.Select(f => (JsonNode)f)]),
                },
            };
            if (plots is not null)
            {
                result["plots"] = ExperimentPlots.Json(plots);
            }

            Json.Write(context.Out, result);
            return NablaCommand.Success;
        }

        var o = context.Out;
        o.WriteLine("XOR: x1 x2 → y = (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0");
        o.WriteLine();
        o.WriteLine($"Rosenblatt perceptron, {PerceptronEpochs} epochs (η = 1, w(0) = 0):");
        o.WriteLine($"  errors per epoch: {string.Join(' ', perceptron.ErrorsPerEpoch)}");
        o.WriteLine(perceptron.Converged
            ? "  converged (unexpected for XOR)"
            : "  never an error-free epoch: XOR is not linearly separable, so the perceptron cannot converge (Minsky and Papert, 1969).");
        o.WriteLine();
        o.WriteLine($"2-2-1 network (sigmoid hidden, sigmoid output, log-loss), {Epochs} epochs of gradient descent, α = {LearningRate}, seed {Seed}:");
        o.WriteLine($"  final loss {history.Epochs[^1].Loss:0.000000}");
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            o.WriteLine($"  W^[{l + 1}] = {Rows(layer.Weights)}   b^[{l + 1}] = [{Row(layer.Bias.Row(0))}]");
        }

        o.WriteLine("  x1 x2  y  ŷ");
        for (int i = 0; i < 4; i++)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {Inputs[i][0]}  {Inputs[i][1]}  {Labels[i]}  {output[i, 0]:0.0000}"));
        }

        o.WriteLine(allCorrect ? "  all four correct." : "  not all four correct.");
        for (int j = 0; j < hiddenFunctions.Length; j++)
        {
            o.WriteLine($"  hidden unit {j + 1} computes {hiddenFunctions[j]}");
        }

        if (plots is not null)
        {
            ExperimentPlots.Report(o, plotsDirectory!, plots);
        }

        return NablaCommand.Success;
    }

    /// <summary>Stages the three figures and returns their paths.</summary>
    private static List<string> WritePlots(OutputSet outputs, string directory, NeuralNetwork<double> network, TrainingHistory history, Perceptron<double, int> perceptron, string[] hiddenFunctions)
    {
        var output = new double[1];
        double OutputMinusHalf(double x1, double x2)
        {
            network.Predict([x1, x2], output);
            return output[0] - 0.5;
        }

        int[] Classify(Matrix<double> grid)
        {
            var y = network.Predict(grid);
            return [.. Enumerable.Range(0, grid.Rows).Select(i => y[i, 0] >= 0.5 ? 1 : 0)];
        }

        var regions = Plots.DecisionRegions(
            Classify, Matrix<double>.FromRows(Inputs), Labels, ["y = 0", "y = 1"],
            "XOR: 2-2-1 network's regions and hidden units", ["x1", "x2"], area: Area, equalAspect: true);
        var hidden = network.Layers[0];
        var boundaries = new List<DecisionBoundary> { DecisionBoundary.Implicit("the network's decision boundary, output ŷ = 0.5", OutputMinusHalf).WithStyle(Colors.Black.WithAlpha(0.35), width: 8) };
        for (int j = 0; j < hidden.Units; j++)
        {
            double b = hidden.Bias[0, j], w1 = hidden.Weights[j, 0], w2 = hidden.Weights[j, 1];
            boundaries.Add(DecisionBoundary.Line(
                    string.Create(CultureInfo.InvariantCulture, $"hidden unit {j + 1} ({hiddenFunctions[j]}): {b:0.00} + {w1:0.00}·x1 + {w2:0.00}·x2 = 0"), b, w1, w2)
                .WithStyle(Color.FromHex(j == 0 ? "#2ca02c" : "#9467bd"), LinePattern.Dashed, 3));
        }

        Plots.AddBoundaries(regions, boundaries, Area.Inflate(0.5));
        regions.ShowLegend(Edge.Bottom);
        regions.Legend.Orientation = Orientation.Vertical;

        var perceptronErrors = Plots.IntegerSeries(
            [("perceptron: errors in the epoch", perceptron.ErrorsPerEpoch)],
            $"XOR: perceptron errors per epoch ({(perceptron.Converged ? "converged" : "never 0: XOR is not linearly separable")})",
            "epoch",
            "misclassified points (of 4)");
        return
        [
            .. ExperimentPlots.Write(outputs, regions, directory, "xor-decision-regions", 750, 850),
            .. ExperimentPlots.Write(outputs, Plots.LossCurves(history, $"XOR: the 2-2-1 network's log-loss per epoch (gradient descent, α = {LearningRate.ToString(CultureInfo.InvariantCulture)})"), directory, "xor-loss"),
            .. ExperimentPlots.Write(outputs, perceptronErrors, directory, "xor-perceptron-errors"),
        ];
    }

    private static string HiddenFunction(Matrix<double> hidden, int unit, Activation activation)
    {
        // A unit is "on" above the middle of its activation's range.
        double middle = activation is TanhActivation ? 0 : 0.5;
        int table = 0;
        for (int i = 0; i < 4; i++)
        {
            if (hidden[i, unit] > middle)
            {
                table |= 1 << (3 - i);
            }
        }

        return BooleanFunctions[table];
    }

    private static string Row(ReadOnlySpan<double> v)
    {
        var parts = new string[v.Length];
        for (int i = 0; i < v.Length; i++)
        {
            parts[i] = v[i].ToString("0.0000", CultureInfo.InvariantCulture);
        }

        return string.Join(", ", parts);
    }

    private static string Rows(Matrix<double> m) =>
        "[" + string.Join(", ", Enumerable.Range(0, m.Rows).Select(i => "[" + Row(m.Row(i)) + "]")) + "]";
}
