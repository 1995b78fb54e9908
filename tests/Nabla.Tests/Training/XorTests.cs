using System.Numerics;
using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Tests.Training;

/// <summary>The lectures' motivating example: one hidden layer learns XOR, which no single neuron can.</summary>
public class XorTests
{
    private static readonly double[,] Inputs = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };
    private static readonly double[,] Labels = { { 0 }, { 1 }, { 1 }, { 0 } };

    [Theory]
    [InlineData("tanh", 2, 1.0, 1500)]
    [InlineData("tanh", 3, 1.0, 1000)]
    [InlineData("sigmoid", 2, 2.0, 2000)]
    [InlineData("sigmoid", 3, 2.0, 1500)]
    public void Full_batch_gradient_descent_learns_xor(string hidden, int units, double learningRate, int epochs) =>
        Learn<double>(hidden, units, learningRate, epochs);

    [Fact]
    public void Float_network_learns_xor_too() => Learn<float>("tanh", 3, 1.0, 1000);

    [Fact]
    public void A_single_sigmoid_neuron_cannot_learn_xor()
    {
        var network = NeuralNetwork<double>.Create([2, 1], Activation.Sigmoid, Activation.Sigmoid, seed: 0);
        var (x, y) = (Matrix<double>.FromArray(Inputs), Matrix<double>.FromArray(Labels));

        Trainer.Train(network, x, y, new BinaryCrossEntropyLoss(), new TrainingOptions { Epochs = 2000, Optimizer = new GradientDescent(1.0) });

        var p = network.Predict(x);
        int right = 0;
        for (int i = 0; i < 4; i++)
        {
            right += (p[i, 0] > 0.5) == (Labels[i, 0] == 1) ? 1 : 0;
        }

        Assert.True(right < 4, "a linear decision boundary separated XOR");
    }

    private static void Learn<T>(string hidden, int units, double learningRate, int epochs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var network = NeuralNetwork<T>.Create([2, units, 1], Activation.Parse(hidden), Activation.Sigmoid, Initializer.GlorotUniform, seed: 0);
        var x = TestSupport.TestData.From<T>(Inputs);
        var y = TestSupport.TestData.From<T>(Labels);

        var history = Trainer.Train(network, x, y, new BinaryCrossEntropyLoss(), new TrainingOptions { Epochs = epochs, Optimizer = new GradientDescent(learningRate) });

        Assert.Equal(epochs, history.Epochs.Count);
        Assert.False(history.Cancelled);
        Assert.Equal(epochs, history.BestEpoch);
        Assert.True(history.Losses[^1] < 0.05, $"final log-loss {history.Losses[^1]}");
        Assert.True(history.Losses[^1] < history.Losses[0] / 10);
        var p = network.Predict(x);
        for (int i = 0; i < 4; i++)
        {
            double output = double.CreateChecked(p[i, 0]);
            if (Labels[i, 0] == 1)
            {
                Assert.True(output > 0.9, $"XOR({Inputs[i, 0]}, {Inputs[i, 1]}) = {output}, want > 0.5");
            }
            else
            {
                Assert.True(output < 0.1, $"XOR({Inputs[i, 0]}, {Inputs[i, 1]}) = {output}, want < 0.5");
            }
        }
    }
}
