using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Tests.TestSupport;
using Nabla.Training;

namespace Nabla.Tests.Training;

/// <summary>
/// Tests that count the bytes allocated by every thread of the process: nothing else may run meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class ProcessWideAllocationCollection
{
    public const string Name = "Process-wide allocation counts";
}

/// <summary>The parallel training step allocates nothing per batch once its replicas and buffers exist.</summary>
[Collection(ProcessWideAllocationCollection.Name)]
public class ParallelAllocationTests
{
    // 64·256 + 256 + 256·128 + 128 + 128·4 + 4 = 50052 parameters: batches of 32 rows (two shards of 16) are split.
    private static readonly int[] Sizes = [64, 256, 128, 4];
    private const int Batch = 32;
    private const int BatchesPerEpoch = 40;

    [Fact]
    public void Two_thread_training_allocation_does_not_grow_with_the_number_of_batches()
    {
        var random = new Random(1);
        var x = TestData.Uniform<float>(random, Batch * BatchesPerEpoch - 8, Sizes[0]); // a short last batch of 24 rows (one shard)
        var y = new Matrix<float>(x.Rows, Sizes[^1]);
        for (int i = 0; i < y.Rows; i++)
        {
            y[i, random.Next(Sizes[^1])] = 1;
        }

        var loss = new CategoricalCrossEntropyLoss();
        Assert.NotNull(ParallelStep<float>.For(NewNetwork(), loss, Batch, threads: 2));

        // Worker threads' allocations are not the test thread's: count the whole process's (precisely).
        long Allocated(int epochs)
        {
            var network = NewNetwork();
            var options = new TrainingOptions { Epochs = epochs, BatchSize = Batch, Seed = 5, Threads = 2, L2 = 1e-4, Optimizer = new Adam(0.001) };
            long before = GC.GetTotalAllocatedBytes(precise: true);
            Trainer.Train(network, x, y, loss, options);
            return GC.GetTotalAllocatedBytes(precise: true) - before;
        }

        Allocated(2); // warm up: the JIT, the pool's worker threads

        // 8 more epochs are 320 more batches: even one 24-byte object per batch would add 7680 bytes, past the
        // allowance for the per-epoch records. Other threads of the test host could add a few bytes by chance, so a
        // measurement over the allowance is repeated; an allocation per batch fails every time.
        const int fewer = 2, more = 10;
        const long perEpoch = 512;
        const long allowance = (more - fewer) * perEpoch;
        long small = 0, large = 0, extra = long.MaxValue;
        for (int attempt = 0; attempt < 3 && extra > allowance; attempt++)
        {
            small = Allocated(fewer);
            large = Allocated(more);
            extra = large - small;
        }

        Assert.True(extra <= allowance,
            $"Training for {more} epochs allocated {large} bytes, {extra} more than for {fewer} epochs ({small}): more than {allowance} for {more - fewer} epochs' records, so something allocates per batch.");
    }

    private static NeuralNetwork<float> NewNetwork() =>
        NeuralNetwork<float>.Create(Sizes, Activation.Relu, Activation.Softmax, Initializer.HeNormal, seed: 1);
}
