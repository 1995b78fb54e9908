using System.Numerics;
using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Tests.TestSupport;
using Nabla.Training;

namespace Nabla.Tests.Training;

/// <summary>
/// The data-parallel training step (shards of the batch on replicas sharing W and b, gradients combined in a fixed
/// order, the optimizer updating per-thread ranges): repeatable, equal to the serial step up to summation order,
/// and failing the way the serial step fails.
/// </summary>
public class ParallelStepTests
{
    // 64·128 + 128 + 128·64 + 64 + 64·4 + 4 = 16836 parameters: a batch of 64 rows is just past ParallelStep.MinWork.
    private static readonly int[] Sizes = [64, 128, 64, 4];

    private static NeuralNetwork<T> NewNetwork<T>(Activation? hidden = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        NeuralNetwork<T>.Create(Sizes, hidden ?? Activation.Tanh, Activation.Softmax, Initializer.GlorotUniform, seed: 7);

    /// <summary>Inputs U(−1, 1) and one-hot targets of a random linear teacher, so that training has something to learn.</summary>
    private static (Matrix<T> X, Matrix<T> Y) Data<T>(int rows, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var x = TestData.Uniform<T>(random, rows, Sizes[0]);
        var teacher = TestData.Uniform<double>(random, Sizes[0], Sizes[^1]);
        var y = new Matrix<T>(rows, Sizes[^1]);
        for (int i = 0; i < rows; i++)
        {
            int best = 0;
            double bestScore = double.NegativeInfinity;
            for (int c = 0; c < Sizes[^1]; c++)
            {
                double score = 0;
                for (int j = 0; j < Sizes[0]; j++)
                {
                    score += x.At(i, j) * teacher[j, c];
                }

                if (score > bestScore)
                {
                    (best, bestScore) = (c, score);
                }
            }

            y[i, best] = T.One;
        }

        return (x, y);
    }

    [Fact]
    public void The_step_is_split_only_with_enough_rows_and_work()
    {
        var network = NewNetwork<float>();
        var loss = new CategoricalCrossEntropyLoss();
        Assert.Equal(16836, network.ParameterCount);
        Assert.True(64L * network.ParameterCount >= ParallelStep<float>.MinWork);

        Assert.NotNull(ParallelStep<float>.For(network, loss, batch: 64, threads: 2));
        Assert.NotNull(ParallelStep<float>.For(network, loss, batch: 100, threads: 3));
        Assert.Null(ParallelStep<float>.For(network, loss, batch: 64, threads: 1));                              // one thread
        Assert.Null(ParallelStep<float>.For(network, loss, batch: 2 * ParallelStep<float>.MinShardRows - 1, threads: 2)); // fewer than 16 rows a shard
        Assert.Null(ParallelStep<float>.For(NeuralNetwork<float>.Create([5, 8, 1], Activation.Tanh, Activation.Identity), loss, batch: 600, threads: 2)); // too little work
    }

    [Fact]
    public void Two_threads_give_bit_identical_runs()
    {
        var (x, y) = Data<float>(64 * 6, seed: 1);
        TrainingOptions Options() => new() { Epochs = 3, BatchSize = 64, Seed = 3, Threads = 2, L2 = 1e-4, Optimizer = new Momentum(0.05) };
        Assert.NotNull(ParallelStep<float>.For(NewNetwork<float>(), new CategoricalCrossEntropyLoss(), 64, 2));

        var (a, ha) = Train<float>(x, y, Options());
        var (b, hb) = Train<float>(x, y, Options());

        Assert.Equal(ha.Losses, hb.Losses);
        AssertBitIdentical(a, b);
        Assert.True(ha.Losses[^1] < ha.Losses[0], $"the loss should fall: {string.Join(", ", ha.Losses)}");
    }

    [Fact]
    public void Three_threads_uneven_shards_and_a_short_last_batch_give_bit_identical_runs()
    {
        // Batches of 100 rows cut into shards of 34, 33, 33; the last batch of 50 into 17, 17, 16.
        var (x, y) = Data<float>(450, seed: 2);
        TrainingOptions Options() => new() { Epochs = 2, BatchSize = 100, Seed = 4, Threads = 3, L2 = 1e-3, Optimizer = new Adam(0.003) };

        var (a, ha) = Train<float>(x, y, Options());
        var (b, hb) = Train<float>(x, y, Options());

        Assert.Equal(ha.Losses, hb.Losses);
        AssertBitIdentical(a, b);
        AssertDifferentFromInitial(a);
    }

    [Fact]
    public void Two_threads_agree_with_one_thread_up_to_summation_order()
    {
        // 6 full batches and a last one of 40 rows (two shards of 20).
        var (x, y) = Data<double>(64 * 6 + 40, seed: 5);
        TrainingOptions Options(int threads) => new() { Epochs = 3, BatchSize = 64, Seed = 6, Threads = threads, L2 = 1e-3, Optimizer = new Momentum(0.05, nesterov: true) };

        var (parallel, hp) = Train<double>(x, y, Options(2));
        var (serial, hs) = Train<double>(x, y, Options(1));

        for (int e = 0; e < hs.Losses.Length; e++)
        {
            Assertions.Close(hs.Losses[e], hp.Losses[e], 1e-9 * Math.Abs(hs.Losses[e]), $"loss of epoch {e + 1}");
        }

        AssertClose(serial, parallel, 1e-9);
        AssertDifferentFromInitial(parallel);
    }

    [Fact]
    public void Full_batch_with_two_threads_takes_the_parallel_path_and_agrees_with_one_thread()
    {
        var (x, y) = Data<double>(150, seed: 8);
        var loss = new CategoricalCrossEntropyLoss();
        Assert.NotNull(ParallelStep<double>.For(NewNetwork<double>(), loss, x.Rows, 2));
        TrainingOptions Options(int threads) => new() { Epochs = 6, Threads = threads, L2 = 1e-3, Optimizer = new GradientDescent(0.5) };

        var (parallel, hp) = Train<double>(x, y, Options(2));
        var (again, ha) = Train<double>(x, y, Options(2));
        var (serial, hs) = Train<double>(x, y, Options(1));

        Assert.Equal(hp.Losses, ha.Losses);
        AssertBitIdentical(parallel, again);
        for (int e = 0; e < hs.Losses.Length; e++)
        {
            Assertions.Close(hs.Losses[e], hp.Losses[e], 1e-9 * Math.Abs(hs.Losses[e]), $"loss of epoch {e + 1}");
        }

        Assert.True(hp.Losses[^1] < hp.Losses[0]);
        AssertClose(serial, parallel, 1e-9);
    }

    public static TheoryData<string, Reduction> OptimizersAndReductions()
    {
        var data = new TheoryData<string, Reduction>();
        foreach (string name in Optimizer.Names)
        {
            data.Add(name, Reduction.Mean);
            data.Add(name, Reduction.Sum);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OptimizersAndReductions))]
    public void A_parallel_step_equals_the_serial_step(string optimizerName, Reduction reduction)
    {
        const double l2 = 0.01;
        var (x, y) = Data<double>(200, seed: 9);
        var loss = new CategoricalCrossEntropyLoss(reduction);
        double learningRate = reduction == Reduction.Mean ? 0.05 : 0.002;
        var network = NewNetwork<double>();
        var reference = network.Clone();
        var parallelOptimizer = Optimizer.Create(Optimizer.ParseKind(optimizerName), learningRate, decoupledDecay: 0.1);
        var serialOptimizer = Optimizer.Create(Optimizer.ParseKind(optimizerName), learningRate, decoupledDecay: 0.1);
        var step = ParallelStep<double>.For(network, loss, batch: 64, threads: 2);
        Assert.NotNull(step);

        int[] order = Enumerable.Range(0, x.Rows).ToArray();
        new Random(10).Shuffle(order);

        // Full batches (two shards of 32), a short one (two shards of 25), one too short to split (one shard).
        int start = 0;
        foreach (int rows in new[] { 64, 64, 50, 20 })
        {
            double parallelLoss = step.ComputeGradients(x, y, order, start, rows, sameRows: false);
            step.Update(parallelOptimizer, l2);

            var indices = order.AsSpan(start, rows);
            double serialLoss = reference.ComputeGradients(x.SelectRows(indices), y.SelectRows(indices), loss);
            foreach (var parameter in reference.Parameters)
            {
                if (parameter.IsWeight)
                {
                    var g = parameter.Gradient.AsSpan();
                    var w = parameter.Value.AsReadOnlySpan();
                    for (int i = 0; i < g.Length; i++)
                    {
                        g[i] += l2 * w[i];
                    }
                }
            }

            serialOptimizer.Step(reference.Parameters);
            start += rows;

            string what = $"{optimizerName}, {reduction}, batch of {rows} at {start - rows}";
            Assertions.Close(serialLoss, parallelLoss, 1e-12 * Math.Abs(serialLoss), $"{what}: loss");
            Assert.Equal(serialOptimizer.Steps, parallelOptimizer.Steps);
            AssertClose(reference, network, 1e-11, what);
        }

        AssertDifferentFromInitial(network);
    }

    [Fact]
    public void A_shard_error_reaches_the_caller_as_with_one_thread()
    {
        // Step cannot be trained through: the backward pass of each shard throws.
        var (x, y) = Data<float>(128, seed: 11);
        Exception Fails(int threads) => Assert.Throws<NotSupportedException>(() =>
            Trainer.Train(NewNetwork<float>(Activation.Step), x, y, new CategoricalCrossEntropyLoss(),
                new TrainingOptions { Epochs = 2, BatchSize = 64, Threads = threads }));

        Assert.NotNull(ParallelStep<float>.For(NewNetwork<float>(Activation.Step), new CategoricalCrossEntropyLoss(), 64, 2));
        var parallel = Fails(2);
        var serial = Fails(1);
        Assert.Equal(serial.Message, parallel.Message);
        Assert.Contains("step", parallel.Message);

        // The pool is usable again afterwards.
        var (network, history) = Train<float>(x, y, new TrainingOptions { Epochs = 1, BatchSize = 64, Threads = 2 });
        Assert.True(double.IsFinite(history.Losses[0]));
        AssertDifferentFromInitial(network);
    }

    [Fact]
    public void Divergence_with_two_threads_names_the_epoch()
    {
        var (x, _) = Data<float>(256, seed: 12);
        var random = new Random(13);
        var targets = TestData.Uniform<float>(random, x.Rows, Sizes[^1], scale: 100);
        TrainingDivergedException Diverges(int threads) => Assert.Throws<TrainingDivergedException>(() =>
            Trainer.Train(NeuralNetwork<float>.Create(Sizes, Activation.Identity, Activation.Identity, Initializer.GlorotUniform, seed: 7), x, targets,
                new MeanSquaredErrorLoss(), new TrainingOptions { Epochs = 5, BatchSize = 64, Threads = threads, Optimizer = new GradientDescent(1e6) }));

        var parallel = Diverges(2);
        var serial = Diverges(1);
        Assert.Equal(1, parallel.Epoch);
        Assert.Contains("epoch 1", parallel.Message);
        Assert.Equal(serial.Epoch, parallel.Epoch);
    }

    [Fact]
    public void Negative_thread_count_is_rejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { Threads = -1 }.Validated());
        Assert.Equal("Threads", e.ParamName);

        var (x, y) = Data<float>(20, seed: 14);
        e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Trainer.Train(NewNetwork<float>(), x, y, new CategoricalCrossEntropyLoss(), new TrainingOptions { Threads = -1 }));
        Assert.Equal("Threads", e.ParamName);

        Assert.Equal(0, new TrainingOptions().Threads);
        Assert.Equal(3, new TrainingOptions { Threads = 3 }.Validated().Threads);
    }

    public static TheoryData<string> OptimizerNames() => [.. Optimizer.Names];

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void Updating_disjoint_ranges_equals_one_step(string name)
    {
        var random = new Random(15);
        var whole = Optimizer.Create(Optimizer.ParseKind(name), 0.05, decoupledDecay: 0.2);
        var ranged = Optimizer.Create(Optimizer.ParseKind(name), 0.05, decoupledDecay: 0.2);
        var w = TestData.Uniform<double>(random, 7, 13);
        var b = TestData.Uniform<double>(random, 1, 13);
        Parameter<double>[] first = [new("W1", w.Clone(), new Matrix<double>(7, 13)), new("b1", b.Clone(), new Matrix<double>(1, 13))];
        Parameter<double>[] second = [new("W1", w.Clone(), new Matrix<double>(7, 13)), new("b1", b.Clone(), new Matrix<double>(1, 13))];

        // Ranges that cover each parameter: uneven, one of a single element, given in a scrambled order.
        (int Start, int Length)[][] ranges = [[(37, 54), (0, 10), (10, 1), (11, 26)], [(5, 8), (0, 5)]];
        for (int step = 0; step < 5; step++)
        {
            for (int p = 0; p < first.Length; p++)
            {
                var gradient = TestData.Uniform<double>(random, first[p].Value.Rows, first[p].Value.Columns);
                gradient.CopyTo(first[p].Gradient);
                gradient.CopyTo(second[p].Gradient);
            }

            whole.Step(first);
            ranged.BeginStep();
            if (step % 2 == 0)
            {
                for (int p = 0; p < second.Length; p++)
                {
                    foreach (var (start, length) in ranges[p])
                    {
                        ranged.UpdateRange(second[p], start, length);
                    }
                }
            }
            else
            {
                // Ranges of one step on different threads at once, as the parallel trainer does.
                var work = Enumerable.Range(0, second.Length).SelectMany(p => ranges[p].Select(r => (p, r.Start, r.Length))).ToArray();
                Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = 4 }, item => ranged.UpdateRange(second[item.p], item.Start, item.Length));
            }

            Assert.Equal(whole.Steps, ranged.Steps);
            for (int p = 0; p < first.Length; p++)
            {
                // Equal values after every step of random gradients also mean equal state (velocity, moments), which feeds the next step.
                Assert.Equal(first[p].Value.AsReadOnlySpan().ToArray(), second[p].Value.AsReadOnlySpan().ToArray());
            }
        }

        Assert.False(first[0].Value.Equals(w), "the weights should have moved");
    }

    private static (NeuralNetwork<T> Network, TrainingHistory History) Train<T>(Matrix<T> x, Matrix<T> y, TrainingOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var network = NewNetwork<T>();
        var history = Trainer.Train(network, x, y, new CategoricalCrossEntropyLoss(), options);
        return (network, history);
    }

    private static void AssertBitIdentical<T>(NeuralNetwork<T> expected, NeuralNetwork<T> actual)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < expected.Parameters.Count; i++)
        {
            Assert.True(expected.Parameters[i].Value.Equals(actual.Parameters[i].Value), $"{expected.Parameters[i].Name} differs between two runs");
        }
    }

    /// <summary>Each parameter within <paramref name="relative"/> × its largest |value|.</summary>
    private static void AssertClose(NeuralNetwork<double> expected, NeuralNetwork<double> actual, double relative, string? what = null)
    {
        for (int p = 0; p < expected.Parameters.Count; p++)
        {
            var e = expected.Parameters[p].Value.AsReadOnlySpan();
            var a = actual.Parameters[p].Value.AsReadOnlySpan();
            double scale = 0;
            foreach (double value in e)
            {
                scale = Math.Max(scale, Math.Abs(value));
            }

            for (int i = 0; i < e.Length; i++)
            {
                if (Math.Abs(e[i] - a[i]) > relative * scale)
                {
                    Assertions.Close(e[i], a[i], relative * scale, $"{what} {expected.Parameters[p].Name}[{i}]");
                }
            }
        }
    }

    private static void AssertDifferentFromInitial<T>(NeuralNetwork<T> trained)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var initial = NewNetwork<T>();
        for (int p = 0; p < trained.Parameters.Count; p++)
        {
            Assert.False(initial.Parameters[p].Value.Equals(trained.Parameters[p].Value), $"{trained.Parameters[p].Name} did not change");
        }
    }
}
