using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Tests.Training.Fixtures;
using Nabla.Training;

namespace Nabla.Tests.Training;

/// <summary>
/// From the same initial weights, Nabla's L-BFGS reaches the minimum that scikit-learn's MLP with solver='lbfgs' heads for
/// (see Fixtures/make_mlp_reference.py): the same objective, weights and outputs. scikit-learn itself stops a little short,
/// on its relative decrease of f; the fixture polishes its point to the minimum.
/// </summary>
public class SklearnMlpTests
{
    [Fact]
    public void Iris_classifier_reaches_scikit_learns_minimum()
    {
        var x = Matrix<double>.FromRows(SklearnMlpReference.IrisTanh.X);
        var y = new Matrix<double>(x.Rows, 3);
        for (int i = 0; i < x.Rows; i++)
        {
            y[i, SklearnMlpReference.IrisTanh.Y[i]] = 1;
        }

        var network = Build(Activation.Softmax, SklearnMlpReference.IrisTanh.InitialW1, SklearnMlpReference.IrisTanh.InitialB1, SklearnMlpReference.IrisTanh.InitialW2, SklearnMlpReference.IrisTanh.InitialB2);
        var history = Train(network, x, y, new CategoricalCrossEntropyLoss(), SklearnMlpReference.IrisTanh.L2);

        Assert.InRange(SklearnMlpReference.IrisTanh.SklearnObjective - SklearnMlpReference.IrisTanh.Objective, 0, 1e-7);
        // Not the weights: at this minimum hidden units 1, 3 and 4 (and 2 and 5) are one unit split in three (two), up to
        // sign, and how it is split barely changes the objective, so each solver stops at another split of the same network.
        Compare(network, x, history, SklearnMlpReference.IrisTanh.L2, SklearnMlpReference.IrisTanh.Objective, SklearnMlpReference.IrisTanh.Outputs);
    }

    [Fact]
    public void Wave_regressor_reaches_scikit_learns_minimum()
    {
        var x = Matrix<double>.FromRows(SklearnMlpReference.WaveTanh.X);
        var y = Matrix<double>.ColumnVector(SklearnMlpReference.WaveTanh.Y);
        var network = Build(Activation.Identity, SklearnMlpReference.WaveTanh.InitialW1, SklearnMlpReference.WaveTanh.InitialB1, SklearnMlpReference.WaveTanh.InitialW2, SklearnMlpReference.WaveTanh.InitialB2);
        var history = Train(network, x, y, new HalfSquaredErrorLoss(), SklearnMlpReference.WaveTanh.L2);

        Assert.InRange(SklearnMlpReference.WaveTanh.SklearnObjective - SklearnMlpReference.WaveTanh.Objective, 0, 1e-5);
        Compare(network, x, history, SklearnMlpReference.WaveTanh.L2, SklearnMlpReference.WaveTanh.Objective, SklearnMlpReference.WaveTanh.Outputs,
            SklearnMlpReference.WaveTanh.FinalW1, SklearnMlpReference.WaveTanh.FinalW2);
    }

    private static NeuralNetwork<double> Build(Activation output, double[][] w1, double[] b1, double[][] w2, double[] b2)
    {
        var hidden = new DenseLayer<double>(w1[0].Length, w1.Length, Activation.Tanh);
        hidden.SetWeights(w1);
        hidden.SetBias(b1);
        var last = new DenseLayer<double>(w2[0].Length, w2.Length, output);
        last.SetWeights(w2);
        last.SetBias(b2);
        return new NeuralNetwork<double>(hidden, last);
    }

    private static TrainingHistory Train(NeuralNetwork<double> network, Matrix<double> x, Matrix<double> y, Loss loss, double l2) =>
        Trainer.Train(network, x, y, loss, new TrainingOptions { Solver = TrainingSolver.Lbfgs, Epochs = 10_000, L2 = l2, Tolerance = 1e-9 });

    private static void Compare(NeuralNetwork<double> network, Matrix<double> x, TrainingHistory history, double l2, double objective, double[][] outputs, double[][]? w1 = null, double[][]? w2 = null)
    {
        Assert.Equal(OptimizationStopReason.GradientTolerance, history.StopReason);
        double squares = network.Parameters.Where(p => p.IsWeight).Sum(p => p.Value.AsReadOnlySpan().ToArray().Sum(v => v * v));
        Assert.Equal(objective, history.Losses[^1] + l2 / 2 * squares, 1e-12);
        var predicted = network.Predict(x);
        for (int i = 0; i < x.Rows; i++)
        {
            for (int k = 0; k < predicted.Columns; k++)
            {
                Assert.Equal(outputs[i][k], predicted[i, k], 1e-6);
            }
        }

        foreach (var (expected, layer) in w1 is null ? [] : new[] { (w1, network.Layers[0]), (w2!, network.Layers[1]) })
        {
            for (int u = 0; u < expected.Length; u++)
            {
                for (int j = 0; j < expected[u].Length; j++)
                {
                    Assert.Equal(expected[u][j], layer.Weights[u, j], 1e-4);
                }
            }
        }
    }
}
