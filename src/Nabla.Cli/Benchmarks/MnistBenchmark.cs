using System.Diagnostics;
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

    /// <summary>Trains for <paramref name="epochs"/> epochs and measures each epoch and the final test accuracy.</summary>
    public static Result Run(MnistDataset data, int epochs, int seed, Action<EpochRecord, double>? onEpoch = null)
    {
        var network = CreateNetwork(seed);
        var targets = OneHot(data.TrainLabels, MnistDataset.Classes);
        var seconds = new List<double>();
        var clock = Stopwatch.StartNew();
        var progress = new SynchronousProgress(record =>
        {
            double s = clock.Elapsed.TotalSeconds;
            seconds.Add(s);
            clock.Restart();
            onEpoch?.Invoke(record, s);
        });
        var history = Trainer.Train(network, data.TrainImages, targets, new CategoricalCrossEntropyLoss(), new TrainingOptions
        {
            Epochs = epochs,
            BatchSize = BatchSize,
            Shuffle = true,
            Seed = seed,
            Optimizer = new Momentum(LearningRate, MomentumFactor),
            Progress = progress,
        });
        double accuracy = Accuracy(network, data.TestImages, data.TestLabels);
        return new Result([.. seconds], accuracy, history.Losses);
    }

    /// <summary>Fraction of rows of <paramref name="x"/> whose largest output is the given label.</summary>
    public static double Accuracy(NeuralNetwork<float> network, Matrix<float> x, int[] labels)
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
    public static Matrix<float> OneHot(int[] labels, int classes)
    {
        var y = new Matrix<float>(labels.Length, classes);
        for (int i = 0; i < labels.Length; i++)
        {
            y[i, labels[i]] = 1f;
        }

        return y;
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread, at once.</summary>
    private sealed class SynchronousProgress(Action<EpochRecord> report) : IProgress<EpochRecord>
    {
        public void Report(EpochRecord value) => report(value);
    }
}
