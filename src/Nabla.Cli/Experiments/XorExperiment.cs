using System.Globalization;
using System.Text.Json.Nodes;
using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Neurons;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Cli.Experiments;

/// <summary>
/// Minsky and Papert's XOR: no line separates the classes, so the perceptron never has an error-free epoch; a 2-2-1
/// network learns it, its hidden units computing two linearly separable functions that the output unit combines.
/// </summary>
public static class XorExperiment
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

    /// <summary>Trains both models on the XOR table and prints what they learned.</summary>
    public static int Run(CliContext context, bool json)
    {
        var x = Matrix<double>.FromRows(Inputs);
        var perceptron = new Perceptron<double, int>(new PerceptronOptions { MaxEpochs = PerceptronEpochs }).Fit(x, Labels);

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

        if (json)
        {
            var outputs = new JsonArray();
            for (int i = 0; i < 4; i++)
            {
                outputs.Add(new JsonArray(Inputs[i][0], Inputs[i][1], Labels[i], output[i, 0]));
            }

            Json.Write(context.Out, new JsonObject
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
            });
            return 0;
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

        return 0;
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
