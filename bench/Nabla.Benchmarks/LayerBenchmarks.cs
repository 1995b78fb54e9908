using BenchmarkDotNet.Attributes;
using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Benchmarks;

/// <summary>
/// The layers of the MNIST network 784-256-128-10 (ReLU, softmax) on a batch of 128 rows, float32: one layer's forward
/// pass (product with the bias and ReLU in its epilogue), the whole network's forward and backward pass, and one
/// training step (gradients and a momentum update) on 1 and 2 threads.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class LayerBenchmarks
{
    private NeuralNetwork<float> _network = null!;
    private Matrix<float> _x = null!;
    private Matrix<float> _y = null!;
    private Matrix<float> _xAll = null!;
    private Matrix<float> _yAll = null!;
    private readonly CategoricalCrossEntropyLoss _loss = new();

    /// <summary>Builds the network and a random batch with one-hot targets.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _network = NeuralNetwork<float>.Create([784, 256, 128, 10], Activation.Relu, Activation.Softmax, Initializer.HeNormal, seed: 1);
        var random = new Random(2);
        (_x, _y) = Batch(random, 128);
        (_xAll, _yAll) = Batch(random, 1280);
        _network.Forward(_x);
    }

    /// <summary>Z^[1] = X W^[1]ᵀ + b^[1], A^[1] = ReLU(Z^[1]) for 128 rows: 25.7 M multiply-adds.</summary>
    [Benchmark]
    public Matrix<float> FirstLayerForward() => _network.Layers[0].Forward(_x);

    /// <summary>Forward and backward pass through all three layers (gradients of every parameter), on the calling thread's products.</summary>
    [Benchmark]
    public float ForwardBackward() => _network.ComputeGradients(_x, _y, _loss);

    /// <summary>Ten training steps of 128 rows (one epoch of 1280 rows, SGD with momentum) with the batch split over one thread.</summary>
    [Benchmark]
    public void TenStepsOneThread() => Train(1);

    /// <summary>Ten training steps of 128 rows with each batch split over two threads.</summary>
    [Benchmark]
    public void TenStepsTwoThreads() => Train(2);

    private void Train(int threads) =>
        Trainer.Train(_network, _xAll, _yAll, _loss, new TrainingOptions
        {
            Epochs = 1,
            BatchSize = 128,
            Optimizer = new Momentum(0.01, 0.9),
            Threads = threads,
        });

    private static (Matrix<float> X, Matrix<float> Y) Batch(Random random, int rows)
    {
        var x = new Matrix<float>(rows, 784);
        var y = new Matrix<float>(rows, 10);
        var data = x.AsSpan();
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)random.NextDouble();
        }

        for (int i = 0; i < rows; i++)
        {
            y[i, random.Next(10)] = 1;
        }

        return (x, y);
    }
}
