using System.Diagnostics;
using System.Numerics;
using Nabla.Activations;
using Nabla.Data;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Cli.Benchmarks;

/// <summary>
/// The MNIST benchmark network and its training: 784-256-128-10, ReLU, softmax with cross-entropy, He initialization,
/// SGD with momentum 0.9, learning rate 0.05, batch 128, shuffled, float32 — the same set-up as the peer scripts in bench/peers.
/// The hidden widths, the batch size and the precision can be changed, for the scaling table (bench/scaling.sh).
/// </summary>
internal static class MnistBenchmark
{
    /// <summary>Layer sizes m^[0] … m^[L].</summary>
    public static readonly int[] Sizes = [MnistDataset.Pixels, 256, 128, MnistDataset.Classes];

    /// <summary>Learning rate.</summary>
    public const double LearningRate = 0.05;

    /// <summary>Momentum μ.</summary>
    public const double MomentumFactor = 0.9;

    /// <summary>Mini-batch size.</summary>
    public const int BatchSize = 128;

    /// <summary>The benchmark network with He-normal weights drawn from <paramref name="seed"/>.</summary>
    public static NeuralNetwork<float> CreateNetwork(int seed) =>
        NeuralNetwork<float>.Create(Sizes, Activation.Relu, Activation.Softmax, Initializer.HeNormal, seed);

    /// <summary>What a run measured.</summary>
    /// <param name="EpochSeconds">Wall-clock seconds of each epoch.</param>
    /// <param name="TestAccuracy">Fraction of test images classified correctly after the last epoch.</param>
    /// <param name="Losses">Training loss of each epoch.</param>
    public sealed record Result(double[] EpochSeconds, double TestAccuracy, double[] Losses);

    /// <summary>The hidden widths of the benchmark network.</summary>
    public static int[] Hidden => Sizes[1..^1];

    /// <summary>Trains the benchmark network for <paramref name="epochs"/> epochs and measures each epoch and the final test accuracy.</summary>
    public static Result Run(MnistDataset data, int epochs, int seed, Action<EpochRecord, double>? onEpoch = null) =>
        Run<float>(data, data.TrainImages, data.TestImages, Hidden, BatchSize, epochs, seed, onEpoch);

    /// <summary>
    /// Trains 784-<paramref name="hidden"/>-10 in precision <typeparamref name="T"/> on mini-batches of
    /// <paramref name="batch"/> rows, with the benchmark's other settings; <paramref name="train"/> and
    /// <paramref name="test"/> are the images in that precision.
    /// </summary>
    public static Result Run<T>(MnistDataset data, Matrix<T> train, Matrix<T> test, int[] hidden, int batch, int epochs, int seed, Action<EpochRecord, double>? onEpoch = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var network = NeuralNetwork<T>.Create([MnistDataset.Pixels, .. hidden, MnistDataset.Classes], Activation.Relu, Activation.Softmax, Initializer.HeNormal, seed);
        var targets = OneHot<T>(data.TrainLabels, MnistDataset.Classes);
        var seconds = new List<double>();
        var clock = Stopwatch.StartNew();
        var progress = new SynchronousProgress(record =>
        {
            double s = clock.Elapsed.TotalSeconds;
            seconds.Add(s);
            clock.Restart();
            onEpoch?.Invoke(record, s);
        });
        var history = Trainer.Train(network, train, targets, new CategoricalCrossEntropyLoss(), new TrainingOptions
        {
            Epochs = epochs,
            BatchSize = batch,
            Shuffle = true,
            Seed = seed,
            Optimizer = new Momentum(LearningRate, MomentumFactor),
            Progress = progress,
        });
        double accuracy = Accuracy(network, test, data.TestLabels);
        return new Result([.. seconds], accuracy, history.Losses);
    }

    /// <summary>Fraction of rows of <paramref name="x"/> whose largest output is the given label.</summary>
    public static double Accuracy<T>(NeuralNetwork<T> network, Matrix<T> x, int[] labels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var output = network.Forward(x);
        int correct = 0;
        for (int i = 0; i < x.Rows; i++)
        {
            var row = output.Row(i);
            int best = 0;
            for (int k = 1; k < row.Length; k++)
            {
                if (row[k] > row[best])
                {
                    best = k;
                }
            }

            if (best == labels[i])
            {
                correct++;
            }
        }

        return (double)correct / x.Rows;
    }

    /// <summary>One-hot rows for class labels 0 … classes − 1.</summary>
    public static Matrix<T> OneHot<T>(int[] labels, int classes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = new Matrix<T>(labels.Length, classes);
        for (int i = 0; i < labels.Length; i++)
        {
            y[i, labels[i]] = T.One;
        }

        return y;
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread, at once.</summary>
    private sealed class SynchronousProgress(Action<EpochRecord> report) : IProgress<EpochRecord>
    {
        public void Report(EpochRecord value) => report(value);
    }
}
