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
/// training step in steady state (gather of shuffled rows, gradients, momentum update) with the batch whole and as the
/// trainer's two-shard parallel step.
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
    private readonly Momentum _serialOptimizer = new(0.01, 0.9);
    private readonly Momentum _parallelOptimizer = new(0.01, 0.9);
    private int[] _order = [];
    private int _next;
    private Matrix<float>? _xBatch;
    private Matrix<float>? _yBatch;
    private ParallelStep<float>? _parallel;

    /// <summary>Builds the network and a random batch with one-hot targets.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _network = NeuralNetwork<float>.Create([784, 256, 128, 10], Activation.Relu, Activation.Softmax, Initializer.HeNormal, seed: 1);
        var random = new Random(2);
        (_x, _y) = Batch(random, 128);
        (_xAll, _yAll) = Batch(random, 12800);
        _order = Enumerable.Range(0, _xAll.Rows).ToArray();
        random.Shuffle(_order);
        _xBatch = new Matrix<float>(128, 784);
        _yBatch = new Matrix<float>(128, 10);
        _parallel = ParallelStep<float>.For(_network, _loss, 128, 2) ?? throw new InvalidOperationException("The MNIST step is large enough to split.");
        _network.Forward(_x);
    }

    /// <summary>Z^[1] = X W^[1]ᵀ + b^[1], A^[1] = ReLU(Z^[1]) for 128 rows: 25.7 M multiply-adds.</summary>
    [Benchmark]
    public Matrix<float> FirstLayerForward() => _network.Layers[0].Forward(_x);

    /// <summary>Forward and backward pass through all three layers (gradients of every parameter), on the calling thread's products.</summary>
    [Benchmark]
    public float ForwardBackward() => _network.ComputeGradients(_x, _y, _loss);

    /// <summary>
    /// One training step with the batch whole: gather 128 shuffled rows, forward, backward, momentum update, the products
    /// shared by up to <see cref="ComputeSettings.MaxThreads"/> threads (the trainer's step with <c>Threads = 1</c>).
    /// </summary>
    [Benchmark]
    public float StepWholeBatch()
    {
        var indices = NextBatch();
        var xb = _xBatch!;
        var yb = _yBatch!;
        _xAll.GatherRows(indices, xb);
        _yAll.GatherRows(indices, yb);
        float loss = _network.ComputeGradients(xb, yb, _loss);
        _serialOptimizer.Step(_network.Parameters);
        return loss;
    }

    /// <summary>One training step with the batch cut into two shards trained at once (the trainer's parallel step).</summary>
    [Benchmark]
    public double StepTwoShards()
    {
        int start = _next;
        NextBatch();
        double loss = _parallel!.ComputeGradients(_xAll, _yAll, _order, start, 128, sameRows: false);
        _parallel.Update(_parallelOptimizer, 0);
        return loss;
    }

    private ReadOnlySpan<int> NextBatch()
    {
        var indices = _order.AsSpan(_next, 128);
        _next = (_next + 128) % _order.Length;
        return indices;
    }

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
