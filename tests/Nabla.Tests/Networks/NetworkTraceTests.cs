using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Tests.TestSupport;

namespace Nabla.Tests.Networks;

/// <summary>
/// The trace of one sample through a network: the lectures' 2-2-2 example by hand (001, "Back Propagation – Example"),
/// and a 3-layer network whose chain rules are checked against central differences of the loss.
/// </summary>
public class NetworkTraceTests
{
    private static NeuralNetwork<double> Example()
    {
        var l1 = new DenseLayer<double>(2, 2, Activation.Sigmoid);
        l1.SetWeights([[0.15, 0.20], [0.25, 0.30]]);
        l1.SetBias([0.35, 0.35]);
        var l2 = new DenseLayer<double>(2, 2, Activation.Sigmoid);
        l2.SetWeights([[0.40, 0.45], [0.50, 0.55]]);
        l2.SetBias([0.60, 0.60]);
        return new NeuralNetwork<double>(l1, l2);
    }

    private static double S(double z) => 1 / (1 + Math.Exp(-z));

    [Fact]
    public void The_worked_example_layer_by_layer()
    {
        var trace = NetworkTrace<double>.Run(Example(), Matrix<double>.RowVector([0.05, 0.10]), Matrix<double>.RowVector([0.01, 0.99]), new HalfSquaredErrorLoss(Reduction.Sum));

        // By hand: z^[1] = W^[1]x + b^[1], a = σ(z), and so on.
        double z11 = 0.15 * 0.05 + 0.20 * 0.10 + 0.35, z12 = 0.25 * 0.05 + 0.30 * 0.10 + 0.35;
        double a11 = S(z11), a12 = S(z12);
        double z21 = 0.40 * a11 + 0.45 * a12 + 0.60, z22 = 0.50 * a11 + 0.55 * a12 + 0.60;
        double a21 = S(z21), a22 = S(z22);
        double loss = 0.5 * ((a21 - 0.01) * (a21 - 0.01) + (a22 - 0.99) * (a22 - 0.99));
        Assertions.Close(0.3775, z11, 1e-15);
        Assertions.Close(loss, trace.Loss, 1e-15, "L");
        Assertions.Close(0.298371109, trace.Loss, 1e-9, "the lecture's L");
        var l1 = trace.Layers[0];
        var l2 = trace.Layers[1];
        Assertions.Close(z12, l1.PreActivation[0, 1], 1e-15);
        Assertions.Close(a22, l2.Output[0, 1], 1e-15);

        // ∂L/∂a^[2] = a − y; δ^[2] = (a − y) σ'(z); ∂L/∂a^[1] = W^[2]ᵀ δ^[2]; δ^[1] = ∂L/∂a^[1] ⊙ σ'(z^[1]).
        double d21 = (a21 - 0.01) * a21 * (1 - a21), d22 = (a22 - 0.99) * a22 * (1 - a22);
        Assertions.Close(a21 - 0.01, l2.OutputGradient[0, 0], 1e-15, "∂L/∂a_1^[2]");
        Assertions.Close(d22, l2.Delta[0, 1], 1e-15, "δ_2^[2]");
        double g11 = 0.40 * d21 + 0.50 * d22, g12 = 0.45 * d21 + 0.55 * d22;
        Assertions.Close(g11, l1.OutputGradient[0, 0], 1e-15, "∂L/∂a_1^[1]");
        Assertions.Close(g12, l1.OutputGradient[0, 1], 1e-15, "∂L/∂a_2^[1]");
        Assertions.Close(g12 * a12 * (1 - a12), l1.Delta[0, 1], 1e-15, "δ_2^[1]");
        Assertions.Close(d21 * a11, l2.WeightGradient[0, 0], 1e-15, "∂L/∂w^[2]_{1,1}");
        Assertions.Close(0.082167041, l2.WeightGradient[0, 0], 1e-9, "the lecture's ∂L/∂w^[2]_{1,1}");
        Assertions.Close(g11 * a11 * (1 - a11) * 0.05, l1.WeightGradient[0, 0], 1e-15, "∂L/∂w^[1]_{1,1}");
        Assertions.Close(d22, l2.BiasGradient[0, 1], 1e-15, "∂L/∂b_2^[2]");
    }

    [Fact]
    public void Chain_rules_of_the_worked_example_are_the_slides_products()
    {
        var trace = NetworkTrace<double>.Run(Example(), Matrix<double>.RowVector([0.05, 0.10]), Matrix<double>.RowVector([0.01, 0.99]), new HalfSquaredErrorLoss(Reduction.Sum));
        var a1 = trace.Layers[0].Output;
        var a2 = trace.Layers[1].Output;

        var top = trace.ChainRule(2, 1, 1);
        Assert.Equal("w^[2]_{1,1}", top.Weight);
        Assert.Equal(1, top.PathCount);
        Assert.Equal([a2[0, 0] - 0.01, a2[0, 0] * (1 - a2[0, 0]), a1[0, 0]], top.Factored.Select(f => f.Value));
        Assertions.Close(0.082167041, top.Product, 1e-9);
        Assertions.Close(top.Backpropagation, top.PathSum, 1e-15);

        var bottom = trace.ChainRule(1, 1, 1);
        Assert.Equal(2, bottom.PathCount);
        Assert.Equal(2, bottom.Paths.Count);
        // Path k: (ỹ_k − y_k) σ'(z_k^[2]) w^[2]_{k,1} σ'(z_1^[1]) x_1, as the slides write it.
        double s1 = a1[0, 0] * (1 - a1[0, 0]);
        double Path(int k, double y, double w) => (a2[0, k] - y) * a2[0, k] * (1 - a2[0, k]) * w * s1 * 0.05;
        Assertions.Close(Path(0, 0.01, 0.40), bottom.Paths[0].Product, 1e-15, "path 1");
        Assertions.Close(Path(1, 0.99, 0.50), bottom.Paths[1].Product, 1e-15, "path 2");
        Assertions.Close(0.000438568, bottom.PathSum, 1e-9, "the lecture's ∂L/∂w^[1]_{1,1}");
        Assertions.Close(bottom.Product, bottom.PathSum, 1e-15);
        Assert.Equal(2, bottom.Upstream.Count);
        Assert.Contains(bottom.Paths[1].Factors, f => f.Formula == "w^[2]_{2,1}");
    }

    [Fact]
    public void Column_convention_is_the_transpose_and_the_gradients_are_the_same()
    {
        var network = Example();
        var x = Matrix<double>.FromRows([[0.05, 0.10], [0.3, -0.2], [1, 2]]);
        var y = Matrix<double>.FromRows([[0.01, 0.99], [1, 0], [0.5, 0.5]]);
        var rows = NetworkTrace<double>.Run(network, x, y, new HalfSquaredErrorLoss());
        var columns = NetworkTrace<double>.Run(network, x.Transpose(), y.Transpose(), new HalfSquaredErrorLoss(), columns: true);

        Assert.True(columns.ColumnConvention);
        Assert.Equal(3, columns.SampleCount);
        Assert.Equal(rows.Loss, columns.Loss);
        for (int l = 0; l < 2; l++)
        {
            Assert.Equal(rows.Layers[l].PreActivation.Transpose(), columns.Layers[l].PreActivation);
            Assert.Equal(rows.Layers[l].Delta.Transpose(), columns.Layers[l].Delta);
            Assert.Equal(rows.Layers[l].OutputGradient.Transpose(), columns.Layers[l].OutputGradient);
            Assert.Equal((2, 1), (columns.Layers[l].Bias.Rows, columns.Layers[l].Bias.Columns));
            Assert.Equal(rows.Layers[l].WeightGradient, columns.Layers[l].WeightGradient);
        }

        // Z^[1] = W^[1] X + b^[1] 1ᵀ by hand, column by column.
        var w = network.Layers[0].Weights;
        for (int s = 0; s < 3; s++)
        {
            for (int i = 0; i < 2; i++)
            {
                double z = w[i, 0] * x[s, 0] + w[i, 1] * x[s, 1] + 0.35;
                Assertions.Close(z, columns.Layers[0].PreActivation[i, s], 1e-15);
            }
        }

        var forward = network.ForwardColumns(x.Transpose());
        Assert.Equal(network.Predict(x).Transpose(), forward);
        double lossColumns = network.ComputeGradientsColumns(x.Transpose(), y.Transpose(), new HalfSquaredErrorLoss());
        Assert.Equal(rows.Loss, lossColumns);
        Assert.Throws<ArgumentException>(() => network.ForwardColumns(x));
    }

    [Theory]
    [InlineData("tanh", "sigmoid", "log-loss")]
    [InlineData("relu", "identity", "half-squared-error")]
    [InlineData("generalized-logistic(2,1.5,0.2)", "softmax", "cross-entropy")]
    public void Every_chain_rule_of_a_three_layer_network_matches_central_differences(string hidden, string output, string lossName)
    {
        int outputs = output == "softmax" ? 3 : output == "sigmoid" ? 1 : 2;
        var network = NeuralNetwork<double>.Create([3, 4, 3, outputs], Activation.Parse(hidden), Activation.Parse(output), Initializer.GlorotUniform, seed: 5);
        var x = Matrix<double>.RowVector([0.3, -0.7, 1.1]);
        var y = outputs == 3 ? Matrix<double>.RowVector([0.0, 1.0, 0.0]) : outputs == 1 ? Matrix<double>.RowVector([1.0]) : Matrix<double>.RowVector([0.4, -0.2]);
        var loss = Loss.Parse(lossName);
        var trace = NetworkTrace<double>.Run(network, x, y, loss);

        for (int l = 1; l <= 3; l++)
        {
            var weights = network.Layers[l - 1].Weights;
            for (int i = 1; i <= weights.Rows; i++)
            {
                for (int j = 1; j <= weights.Columns; j++)
                {
                    var rule = trace.ChainRule(l, i, j);
                    double saved = weights[i - 1, j - 1];
                    double f(double v)
                    {
                        weights[i - 1, j - 1] = v;
                        return network.Evaluate(x, y, loss);
                    }

                    double numeric = Numeric.Derivative(f, saved);
                    weights[i - 1, j - 1] = saved;
                    Assertions.Close(numeric, rule.Product, 1e-7, $"{rule.Weight} factored");
                    Assertions.Close(numeric, rule.Backpropagation, 1e-7, $"{rule.Weight} backprop");
                    if (rule.Paths.Count > 0)
                    {
                        Assert.Equal(rule.PathCount, rule.Paths.Count);
                        Assertions.Close(numeric, rule.PathSum, 1e-7, $"{rule.Weight} paths");
                    }
                }
            }
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => trace.ChainRule(4, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => trace.ChainRule(1, 5, 1));
    }
}
