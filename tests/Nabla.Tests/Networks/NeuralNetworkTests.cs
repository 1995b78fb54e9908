using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Tests.TestSupport;

namespace Nabla.Tests.Networks;

/// <summary>Construction, shapes, forward passes against a hand-written loop, and the error messages of networks and layers.</summary>
public class NeuralNetworkTests
{
    [Fact]
    public void Create_builds_the_requested_architecture()
    {
        var network = NeuralNetwork<float>.Create([4, 6, 3, 2], Activation.Relu, Activation.Softmax, seed: 1);

        Assert.Equal([4, 6, 3, 2], network.Sizes);
        Assert.Equal(4, network.InputSize);
        Assert.Equal(2, network.OutputSize);
        Assert.Equal((6 * 4 + 6) + (3 * 6 + 3) + (2 * 3 + 2), network.ParameterCount);
        Assert.Same(Activation.Relu, network.Layers[0].Activation);
        Assert.Same(Activation.Relu, network.Layers[1].Activation);
        Assert.Same(Activation.Softmax, network.OutputActivation);
        Assert.Equal("6×4", network.Layers[0].Weights.Shape);
        Assert.Equal("1×6", network.Layers[0].Bias.Shape);
        Assert.Equal(["W1", "b1", "W2", "b2", "W3", "b3"], network.Parameters.Select(p => p.Name));
        Assert.Contains("4-6-3-2", network.ToString());
    }

    [Fact]
    public void Create_rejects_bad_sizes()
    {
        var e = Assert.Throws<ArgumentException>(() => NeuralNetwork<double>.Create([3], Activation.Tanh, Activation.Identity));
        Assert.Contains("two sizes", e.Message);
        e = Assert.Throws<ArgumentException>(() => NeuralNetwork<double>.Create([3, 0, 1], Activation.Tanh, Activation.Identity));
        Assert.Contains("m^[1] = 0", e.Message);
    }

    [Fact]
    public void Layers_must_chain()
    {
        var e = Assert.Throws<ArgumentException>(() => new NeuralNetwork<double>(
            new DenseLayer<double>(3, 4, Activation.Tanh), new DenseLayer<double>(5, 1, Activation.Identity)));
        Assert.Contains("Layer 2 takes 5 inputs", e.Message);
        Assert.Contains("4 units", e.Message);
        Assert.Throws<ArgumentException>(() => new NeuralNetwork<double>());
    }

    [Fact]
    public void Forward_matches_a_hand_written_loop()
    {
        var random = new Random(2);
        var network = NeuralNetwork<double>.Create([3, 4, 2], Activation.Tanh, Activation.Sigmoid, seed: 3);
        foreach (var layer in network.Layers)
        {
            layer.SetBias(TestData.Uniform<double>(random, 1, layer.Units).AsReadOnlySpan());
        }

        var x = TestData.Uniform<double>(random, 5, 3);
        var output = network.Forward(x);

        var (w1, b1, w2, b2) = (network.Layers[0].Weights, network.Layers[0].Bias, network.Layers[1].Weights, network.Layers[1].Bias);
        for (int n = 0; n < 5; n++)
        {
            var hidden = new double[4];
            for (int i = 0; i < 4; i++)
            {
                double z = b1[0, i];
                for (int j = 0; j < 3; j++)
                {
                    z += w1[i, j] * x[n, j];
                }

                hidden[i] = Math.Tanh(z);
            }

            for (int i = 0; i < 2; i++)
            {
                double z = b2[0, i];
                for (int j = 0; j < 4; j++)
                {
                    z += w2[i, j] * hidden[j];
                }

                Assertions.Close(1 / (1 + Math.Exp(-z)), output[n, i], 1e-15, $"ŷ[{n},{i}]");
            }
        }
    }

    [Fact]
    public void Predict_returns_a_copy_and_Forward_the_reused_buffer()
    {
        var network = NeuralNetwork<double>.Create([2, 3, 1], Activation.Tanh, Activation.Identity, seed: 4);
        var x1 = Matrix<double>.FromArray(new double[,] { { 1, 2 }, { 3, 4 } });
        var x2 = Matrix<double>.FromArray(new double[,] { { -1, 0 }, { 0.5, 0.5 } });

        var p1 = network.Predict(x1);
        var f1 = network.Forward(x1);
        var p1Copy = f1.Clone();
        var f2 = network.Forward(x2);

        Assert.True(p1.Equals(p1Copy));
        Assert.Same(f1, f2); // the same batch size reuses the same output buffer
        Assert.False(p1.Equals(f2));
        Assert.Same(x2, network.Layers[0].Input);
    }

    [Fact]
    public void Batches_of_different_sizes_give_the_same_rows()
    {
        var random = new Random(5);
        var network = NeuralNetwork<double>.Create([3, 5, 2], Activation.Relu, Activation.Softmax, seed: 6);
        var x = TestData.Uniform<double>(random, 7, 3);

        var all = network.Predict(x);
        for (int i = 0; i < 7; i++)
        {
            var single = network.Predict(x.SelectRows([i]));
            Assertions.Close(all.SelectRows([i]), single, 1e-15, $"row {i}");
        }
    }

    [Fact]
    public void Wrong_input_or_target_shapes_are_explained()
    {
        var network = NeuralNetwork<double>.Create([3, 2, 1], Activation.Tanh, Activation.Identity);

        var e = Assert.Throws<ArgumentException>(() => network.Forward(new Matrix<double>(4, 2)));
        Assert.Contains("3 features", e.Message);
        Assert.Contains("4×2", e.Message);

        network.Forward(new Matrix<double>(4, 3));
        e = Assert.Throws<ArgumentException>(() => network.Backward(new Matrix<double>(4, 2), new MeanSquaredErrorLoss()));
        Assert.Contains("4×1", e.Message);
        Assert.Contains("4×2", e.Message);

        e = Assert.Throws<ArgumentException>(() => network.Layers[0].Forward(new Matrix<double>(1, 5)));
        Assert.Contains("3 inputs", e.Message);
        Assert.Contains("1×5", e.Message);
    }

    [Fact]
    public void Layer_state_before_any_pass_is_an_explained_error()
    {
        var layer = new DenseLayer<double>(2, 3, Activation.Tanh);
        var e = Assert.Throws<InvalidOperationException>(() => layer.Output);
        Assert.Contains("forward pass", e.Message);
        Assert.Throws<InvalidOperationException>(() => layer.Input);
    }

    [Fact]
    public void SetWeights_and_SetBias_check_shapes()
    {
        var layer = new DenseLayer<double>(2, 3, Activation.Tanh);

        layer.SetWeights([[1, 2], [3, 4], [5, 6]]);
        layer.SetBias([7, 8, 9]);

        Assert.Equal(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }, layer.Weights.ToArray());
        Assert.Equal(new double[,] { { 7, 8, 9 } }, layer.Bias.ToArray());
        var e = Assert.Throws<ArgumentException>(() => layer.SetWeights([[1, 2, 3], [4, 5, 6]]));
        Assert.Contains("3×2", e.Message);
        Assert.Contains("2×3", e.Message);
        e = Assert.Throws<ArgumentException>(() => layer.SetBias([1.0, 2.0]));
        Assert.Contains("3 neurons", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DenseLayer<double>(0, 3, Activation.Tanh));
    }

    [Fact]
    public void Clone_and_CopyParametersFrom_copy_values_not_references()
    {
        var network = NeuralNetwork<double>.Create([2, 3, 1], Activation.Tanh, Activation.Identity, seed: 7);
        var clone = network.Clone();
        clone.Layers[0].Weights[0, 0] += 1;
        Assert.NotEqual(network.Layers[0].Weights[0, 0], clone.Layers[0].Weights[0, 0]);

        clone.CopyParametersFrom(network);
        Assert.Equal(network.Layers[0].Weights[0, 0], clone.Layers[0].Weights[0, 0]);

        var other = NeuralNetwork<double>.Create([2, 4, 1], Activation.Tanh, Activation.Identity);
        var e = Assert.Throws<ArgumentException>(() => clone.CopyParametersFrom(other));
        Assert.Contains("2-4-1", e.Message);
        Assert.Contains("2-3-1", e.Message);
    }

    [Fact]
    public void Backward_through_a_step_layer_is_refused()
    {
        var network = NeuralNetwork<double>.Create([2, 2, 1], Activation.Step, Activation.Sigmoid);
        network.Forward(Matrix<double>.FromArray(new double[,] { { 1, 0 } }));

        var e = Assert.Throws<NotSupportedException>(() => network.Backward(Matrix<double>.RowVector([1.0]), new BinaryCrossEntropyLoss()));
        Assert.Contains("Layer 1", e.Message);
        Assert.Contains("step", e.Message);
    }

    [Fact]
    public void Evaluate_leaves_the_gradients_alone()
    {
        var random = new Random(8);
        var network = NeuralNetwork<double>.Create([3, 4, 1], Activation.Tanh, Activation.Sigmoid, seed: 9);
        var x = TestData.Uniform<double>(random, 6, 3);
        var y = TestData.Bernoulli(random, 6, 1);
        var loss = new BinaryCrossEntropyLoss();

        double value = network.ComputeGradients(x, y, loss);
        var gradients = network.Parameters.Select(p => p.Gradient.Clone()).ToArray();

        Assert.Equal(value, network.Evaluate(x, y, loss));
        for (int i = 0; i < gradients.Length; i++)
        {
            Assert.True(gradients[i].Equals(network.Parameters[i].Gradient));
        }
    }
}
