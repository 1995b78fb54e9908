using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Tests.TestSupport;
using Nabla.Training;

namespace Nabla.Tests.Networks;

/// <summary>
/// The lectures' worked backpropagation example (001, "Back Propagation – Example"): a 2-2-2 sigmoid network,
/// x = (0.05, 0.1), y = (0.01, 0.99), loss ½‖ŷ − y‖². Every expected number is computed here by the chain rule written
/// out scalar by scalar, independently of the library, and also compared with the numbers printed in the lecture.
/// </summary>
public class WorkedExampleTests
{
    private static readonly double[] X = [0.05, 0.1];
    private static readonly double[] Y = [0.01, 0.99];
    private static readonly double[][] W1 = [[0.15, 0.2], [0.25, 0.3]];
    private static readonly double[] B1 = [0.35, 0.35];
    private static readonly double[][] W2 = [[0.4, 0.45], [0.5, 0.55]];
    private static readonly double[] B2 = [0.6, 0.6];

    [Fact]
    public void Forward_pass_matches_the_lecture()
    {
        var network = Build();

        var output = network.Forward(Input());

        var (l1, l2) = (network.Layers[0], network.Layers[1]);
        // The lecture's four-digit values.
        Assertions.Close(0.3775, l1.PreActivation[0, 0], 5e-5, "z1^[1]");
        Assertions.Close(0.3925, l1.PreActivation[0, 1], 5e-5, "z2^[1]");
        Assertions.Close(0.5933, l1.Output[0, 0], 5e-5, "a1^[1]");
        Assertions.Close(0.5969, l1.Output[0, 1], 5e-5, "a2^[1]");
        Assertions.Close(1.1059, l2.PreActivation[0, 0], 5e-5, "z1^[2]");
        Assertions.Close(1.2249, l2.PreActivation[0, 1], 5e-5, "z2^[2]");
        Assertions.Close(0.7514, output[0, 0], 5e-5, "ŷ1");
        Assertions.Close(0.7729, output[0, 1], 5e-5, "ŷ2");
        Assert.Same(l2.Output, output);

        // And the full-precision values of the hand computation.
        var h = Hand.Compute(W1, B1, W2, B2);
        for (int i = 0; i < 2; i++)
        {
            Assertions.Close(h.Z1[i], l1.PreActivation[0, i], 1e-15, $"z{i + 1}^[1]");
            Assertions.Close(h.A1[i], l1.Output[0, i], 1e-15, $"a{i + 1}^[1]");
            Assertions.Close(h.Z2[i], l2.PreActivation[0, i], 1e-15, $"z{i + 1}^[2]");
            Assertions.Close(h.A2[i], output[0, i], 1e-15, $"a{i + 1}^[2]");
        }
    }

    [Fact]
    public void Loss_matches_the_lecture()
    {
        var network = Build();

        double loss = network.Evaluate(Input(), Target(), new HalfSquaredErrorLoss(Reduction.Sum));

        Assertions.Close(0.2984, loss, 5e-5, "L");
        Assertions.Close(Hand.Compute(W1, B1, W2, B2).Loss, loss, 1e-15, "L");
        Assertions.Close(0.298371109, loss, 1e-9, "L");
    }

    [Theory]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.Mean)] // one sample: the mean is the sum
    public void Gradients_match_the_chain_rule_by_hand(Reduction reduction)
    {
        var network = Build();

        double loss = network.ComputeGradients(Input(), Target(), new HalfSquaredErrorLoss(reduction));

        var h = Hand.Compute(W1, B1, W2, B2);
        Assertions.Close(h.Loss, loss, 1e-15, "L");
        var (l1, l2) = (network.Layers[0], network.Layers[1]);

        // The lecture's one worked partial derivative: (ŷ1 − y1)·σ'(z1^[2])·a1^[1] = 0.7414 · 0.1868 · 0.5933 = 0.0821.
        // (The slide truncates 0.08217 to 0.0821.)
        Assertions.Close(0.0821, l2.WeightGradient[0, 0], 1e-4, "∂L/∂w^[2]_{1,1}");
        Assertions.Close(0.082167041, l2.WeightGradient[0, 0], 1e-9, "∂L/∂w^[2]_{1,1}");

        for (int i = 0; i < 2; i++)
        {
            Assertions.Close(h.Delta2[i], l2.Delta[0, i], 1e-10, $"δ{i + 1}^[2]");
            Assertions.Close(h.Delta1[i], l1.Delta[0, i], 1e-10, $"δ{i + 1}^[1]");
            Assertions.Close(h.GradB2[i], l2.BiasGradient[0, i], 1e-10, $"∂L/∂b{i + 1}^[2]");
            Assertions.Close(h.GradB1[i], l1.BiasGradient[0, i], 1e-10, $"∂L/∂b{i + 1}^[1]");
            for (int j = 0; j < 2; j++)
            {
                Assertions.Close(h.GradW2[i][j], l2.WeightGradient[i, j], 1e-10, $"∂L/∂w^[2]_{{{i + 1},{j + 1}}}");
                Assertions.Close(h.GradW1[i][j], l1.WeightGradient[i, j], 1e-10, $"∂L/∂w^[1]_{{{i + 1},{j + 1}}}");
            }
        }

        // The parameters list exposes the same gradients in the order W1, b1, W2, b2.
        Assert.Equal(["W1", "b1", "W2", "b2"], network.Parameters.Select(p => p.Name));
        Assert.Same(l1.WeightGradient, network.Parameters[0].Gradient);
        Assert.Same(l2.Bias, network.Parameters[3].Value);
    }

    [Fact]
    public void One_gradient_descent_step_updates_every_parameter()
    {
        var network = Build();
        network.ComputeGradients(Input(), Target(), new HalfSquaredErrorLoss(Reduction.Sum));

        new GradientDescent(0.5).Step(network.Parameters);

        var h = Hand.Compute(W1, B1, W2, B2);
        var (w1, b1, w2, b2) = h.Step(0.5);
        var (l1, l2) = (network.Layers[0], network.Layers[1]);
        // w^[2]_{1,1} = 0.4 − 0.5 · 0.082167041 = 0.35891648.
        Assertions.Close(0.35891648, l2.Weights[0, 0], 1e-8, "w^[2]_{1,1}");
        Assertions.Close(0.408666186, l2.Weights[0, 1], 1e-9, "w^[2]_{1,2}");
        Assertions.Close(0.511301270, l2.Weights[1, 0], 1e-9, "w^[2]_{2,1}");
        Assertions.Close(0.561370121, l2.Weights[1, 1], 1e-9, "w^[2]_{2,2}");
        Assertions.Close(0.149780716, l1.Weights[0, 0], 1e-9, "w^[1]_{1,1}");
        for (int i = 0; i < 2; i++)
        {
            Assertions.Close(b1[i], l1.Bias[0, i], 1e-12, $"b{i + 1}^[1]");
            Assertions.Close(b2[i], l2.Bias[0, i], 1e-12, $"b{i + 1}^[2]");
            for (int j = 0; j < 2; j++)
            {
                Assertions.Close(w1[i][j], l1.Weights[i, j], 1e-12, $"w^[1]_{{{i + 1},{j + 1}}}");
                Assertions.Close(w2[i][j], l2.Weights[i, j], 1e-12, $"w^[2]_{{{i + 1},{j + 1}}}");
            }
        }
    }

    [Fact]
    public void Loss_after_one_step()
    {
        var loss = new HalfSquaredErrorLoss(Reduction.Sum);
        var h = Hand.Compute(W1, B1, W2, B2);
        var (w1, b1, w2, b2) = h.Step(0.5);

        // Full gradient descent moves the biases as well: the loss falls from 0.29837 to 0.28047.
        var network = Build();
        network.ComputeGradients(Input(), Target(), loss);
        new GradientDescent(0.5).Step(network.Parameters);
        double after = network.Evaluate(Input(), Target(), loss);
        Assertions.Close(Hand.Compute(w1, b1, w2, b2).Loss, after, 1e-12, "L after a full step");
        Assertions.Close(0.280471447, after, 1e-9, "L after a full step");

        // The often-quoted 0.2910 is the loss when only the weights move and the biases stay at 0.35 and 0.6.
        var weightsOnly = Build();
        weightsOnly.ComputeGradients(Input(), Target(), loss);
        new GradientDescent(0.5).Step([weightsOnly.Parameters[0], weightsOnly.Parameters[2]]);
        double afterWeightsOnly = weightsOnly.Evaluate(Input(), Target(), loss);
        Assertions.Close(Hand.Compute(w1, B1, w2, B2).Loss, afterWeightsOnly, 1e-12, "L after a weights-only step");
        Assertions.Close(0.2910, afterWeightsOnly, 5e-5, "L after a weights-only step");
    }

    [Fact]
    public void Trainer_with_one_full_batch_epoch_takes_the_same_step()
    {
        var network = Build();
        var history = Trainer.Train(network, Input(), Target(), new HalfSquaredErrorLoss(Reduction.Sum),
            new TrainingOptions { Epochs = 1, Optimizer = new GradientDescent(0.5) });

        var (w1, _, w2, _) = Hand.Compute(W1, B1, W2, B2).Step(0.5);
        Assertions.Close(Hand.Compute(W1, B1, W2, B2).Loss, history.Losses.Single(), 1e-15, "epoch 1 loss (before its step)");
        Assertions.Close(w2[0][0], network.Layers[1].Weights[0, 0], 1e-12);
        Assertions.Close(w1[1][1], network.Layers[0].Weights[1, 1], 1e-12);
    }

    [Fact]
    public void A_batch_of_copies_gives_the_same_mean_gradient_and_n_times_the_sum()
    {
        var x = Matrix<double>.FromRows([X, X, X]);
        var y = Matrix<double>.FromRows([Y, Y, Y]);
        var h = Hand.Compute(W1, B1, W2, B2);

        var mean = Build();
        Assertions.Close(h.Loss, mean.ComputeGradients(x, y, new HalfSquaredErrorLoss(Reduction.Mean)), 1e-15);
        var sum = Build();
        Assertions.Close(3 * h.Loss, sum.ComputeGradients(x, y, new HalfSquaredErrorLoss(Reduction.Sum)), 1e-14);

        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                Assertions.Close(h.GradW1[i][j], mean.Layers[0].WeightGradient[i, j], 1e-15);
                Assertions.Close(3 * h.GradW2[i][j], sum.Layers[1].WeightGradient[i, j], 1e-14);
            }
        }
    }

    [Fact]
    public void Float_network_agrees_with_the_hand_computation()
    {
        var l1 = new DenseLayer<float>(2, 2, Activation.Sigmoid);
        var l2 = new DenseLayer<float>(2, 2, Activation.Sigmoid);
        l1.SetWeights(W1.Select(r => r.Select(v => (float)v).ToArray()).ToArray());
        l1.SetBias(B1.Select(v => (float)v).ToArray());
        l2.SetWeights(W2.Select(r => r.Select(v => (float)v).ToArray()).ToArray());
        l2.SetBias(B2.Select(v => (float)v).ToArray());
        var network = new NeuralNetwork<float>(l1, l2);

        float loss = network.ComputeGradients(
            Matrix<float>.RowVector([0.05f, 0.1f]), Matrix<float>.RowVector([0.01f, 0.99f]), new HalfSquaredErrorLoss(Reduction.Sum));

        var h = Hand.Compute(W1, B1, W2, B2);
        Assertions.Close(h.Loss, loss, 1e-6);
        Assertions.Close(h.GradW2[0][0], l2.WeightGradient[0, 0], 1e-6);
        Assertions.Close(h.GradW1[1][0], l1.WeightGradient[1, 0], 1e-7);
    }

    private static NeuralNetwork<double> Build()
    {
        var l1 = new DenseLayer<double>(2, 2, Activation.Sigmoid);
        var l2 = new DenseLayer<double>(2, 2, Activation.Sigmoid);
        l1.SetWeights(W1);
        l1.SetBias(B1);
        l2.SetWeights(W2);
        l2.SetBias(B2);
        return new NeuralNetwork<double>(l1, l2);
    }

    private static Matrix<double> Input() => Matrix<double>.RowVector(X);

    private static Matrix<double> Target() => Matrix<double>.RowVector(Y);

    /// <summary>The lecture's computation written out one scalar at a time (no matrices, no library calls).</summary>
    private sealed record Hand(
        double[] Z1, double[] A1, double[] Z2, double[] A2, double Loss,
        double[] Delta2, double[] Delta1, double[][] GradW2, double[] GradB2, double[][] GradW1, double[] GradB1,
        double[][] W1, double[] B1, double[][] W2, double[] B2)
    {
        public static Hand Compute(double[][] w1, double[] b1, double[][] w2, double[] b2)
        {
            static double Sigma(double z) => 1 / (1 + Math.Exp(-z));

            double z11 = w1[0][0] * X[0] + w1[0][1] * X[1] + b1[0];
            double z12 = w1[1][0] * X[0] + w1[1][1] * X[1] + b1[1];
            double a11 = Sigma(z11), a12 = Sigma(z12);
            double z21 = w2[0][0] * a11 + w2[0][1] * a12 + b2[0];
            double z22 = w2[1][0] * a11 + w2[1][1] * a12 + b2[1];
            double a21 = Sigma(z21), a22 = Sigma(z22);
            double loss = 0.5 * ((a21 - Y[0]) * (a21 - Y[0]) + (a22 - Y[1]) * (a22 - Y[1]));

            // ∂L/∂z_i^[2] = (ŷ_i − y_i) · ŷ_i (1 − ŷ_i)
            double d21 = (a21 - Y[0]) * a21 * (1 - a21);
            double d22 = (a22 - Y[1]) * a22 * (1 - a22);
            // ∂L/∂z_j^[1] = (Σ_i ∂L/∂z_i^[2] · w^[2]_{i,j}) · a_j^[1] (1 − a_j^[1]): both paths through the outputs.
            double d11 = (d21 * w2[0][0] + d22 * w2[1][0]) * a11 * (1 - a11);
            double d12 = (d21 * w2[0][1] + d22 * w2[1][1]) * a12 * (1 - a12);

            return new Hand(
                [z11, z12], [a11, a12], [z21, z22], [a21, a22], loss,
                [d21, d22], [d11, d12],
                [[d21 * a11, d21 * a12], [d22 * a11, d22 * a12]], [d21, d22],
                [[d11 * X[0], d11 * X[1]], [d12 * X[0], d12 * X[1]]], [d11, d12],
                w1, b1, w2, b2);
        }

        /// <summary>Parameters after θ ← θ − α ∂L/∂θ for every weight and bias.</summary>
        public (double[][] W1, double[] B1, double[][] W2, double[] B2) Step(double alpha)
        {
            double[][] Matrix(double[][] w, double[][] g) => [[w[0][0] - alpha * g[0][0], w[0][1] - alpha * g[0][1]], [w[1][0] - alpha * g[1][0], w[1][1] - alpha * g[1][1]]];
            double[] Vector(double[] b, double[] g) => [b[0] - alpha * g[0], b[1] - alpha * g[1]];
            return (Matrix(W1, GradW1), Vector(B1, GradB1), Matrix(W2, GradW2), Vector(B2, GradB2));
        }
    }
}
