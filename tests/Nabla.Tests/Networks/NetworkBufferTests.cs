using Nabla.Activations;
using Nabla.Data;
using Nabla.Mlp;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Tests.TestSupport;

namespace Nabla.Tests.Networks;

/// <summary>The layers' per-batch-size buffers stay bounded, and prediction paths that share a network leave them alone.</summary>
public class NetworkBufferTests
{
    [Fact]
    public void A_layer_keeps_buffers_for_a_bounded_number_of_batch_sizes()
    {
        var network = NeuralNetwork<double>.Create([3, 5, 2], Activation.Tanh, Activation.Softmax, seed: 1);
        var random = new Random(2);
        for (int rows = 1; rows <= 40; rows++)
        {
            network.Forward(TestData.Uniform<double>(random, rows, 3));
        }

        foreach (var layer in network.Layers)
        {
            Assert.Equal(DenseLayer<double>.MaxCachedBatchSizes, layer.CachedBatchSizes);
            Assert.Equal(40, layer.Output.Rows); // the last pass is still the one shown
        }
    }

    [Fact]
    public void Evicted_batch_sizes_still_give_the_same_outputs()
    {
        var network = NeuralNetwork<double>.Create([3, 4, 1], Activation.Sigmoid, Activation.Sigmoid, seed: 3);
        var random = new Random(4);
        var first = TestData.Uniform<double>(random, 2, 3);
        var expected = network.Predict(first);
        for (int rows = 3; rows < 3 + 2 * DenseLayer<double>.MaxCachedBatchSizes; rows++)
        {
            network.Forward(TestData.Uniform<double>(random, rows, 3));
        }

        Assert.Equal(expected.AsReadOnlySpan().ToArray(), network.Predict(first).AsReadOnlySpan().ToArray());
    }

    [Fact]
    public void The_current_batch_size_is_never_evicted_and_recent_ones_are_kept()
    {
        var layer = new DenseLayer<double>(2, 3, Activation.Relu);
        var random = new Random(5);
        var training = TestData.Uniform<double>(random, 32, 2);
        // A training-like cycle: the batch size comes back between every new size, so it stays the most recent.
        for (int rows = 1; rows <= 20; rows++)
        {
            layer.Forward(training);
            var z = layer.PreActivation;
            layer.Forward(TestData.Uniform<double>(random, rows, 2));
            layer.Forward(training);
            Assert.Same(z, layer.PreActivation);
        }
    }

    [Fact]
    public void Estimator_prediction_does_not_change_what_the_layers_show()
    {
        var data = SyntheticData.Moons(count: 60, noise: 0.1, seed: 6);
        var model = new MlpClassifier<double, int>(new MlpOptions { HiddenLayers = [6], Epochs = 5, BatchSize = 20 }).Fit(data.Features, data.Labels);
        var probe = data.Features.SelectRows([0, 1, 2]);
        model.Network.Forward(probe);
        var z = model.Network.Layers[0].PreActivation.Clone();

        model.Predict(data.Features);
        model.PredictProbabilities(data.Features.SelectRows([5]));

        Assert.Equal(3, model.Network.Layers[0].PreActivation.Rows);
        Assert.Equal(z.AsReadOnlySpan().ToArray(), model.Network.Layers[0].PreActivation.AsReadOnlySpan().ToArray());
        Assert.Same(probe, model.Network.Layers[0].Input);
    }

    [Fact]
    public void Single_sample_predict_gives_the_same_bits_from_many_threads()
    {
        var network = NeuralNetwork<float>.Create([10, 32, 16, 4], Activation.Relu, Activation.Softmax, seed: 7);
        var random = new Random(8);
        var samples = TestData.Uniform<float>(random, 50, 10);
        var expected = new Matrix<float>(samples.Rows, 4);
        for (int i = 0; i < samples.Rows; i++)
        {
            network.Predict(samples.Row(i), expected.Row(i));
        }

        const int threads = 8;
        int wrong = 0;
        using var barrier = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var output = new float[4];
            barrier.SignalAndWait();
            for (int i = 0; i < 2000; i++)
            {
                int row = (i * 7 + t) % samples.Rows;
                network.Predict(samples.Row(row), output);
                if (!output.AsSpan().SequenceEqual(expected.Row(row)))
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        })).ToArray();
        foreach (var w in workers)
        {
            w.Start();
        }

        foreach (var w in workers)
        {
            w.Join();
        }

        Assert.Equal(0, wrong);
    }
}
