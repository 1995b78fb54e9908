using Nabla.Activations;
using Nabla.Linear;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Tests.Networks;

/// <summary>The hot paths allocate nothing once their buffers exist.</summary>
[Collection(Nabla.Tests.Training.ProcessWideAllocationCollection.Name)]
public class AllocationTests
{
    private static Matrix<float> Random(int rows, int columns, int seed)
    {
        var r = new Random(seed);
        var m = new Matrix<float>(rows, columns);
        var s = m.AsSpan();
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = (float)(r.NextDouble() - 0.5);
        }

        return m;
    }

    [Fact]
    public void A_training_step_allocates_nothing_in_steady_state()
    {
        var network = NeuralNetwork<float>.Create([20, 16, 8, 3], Activation.Relu, Activation.Softmax, Initializer.HeNormal, seed: 1);
        var x = Random(32, 20, 2);
        var y = new Matrix<float>(32, 3);
        for (int i = 0; i < 32; i++)
        {
            y[i, i % 3] = 1;
        }

        var loss = new CategoricalCrossEntropyLoss();
        var optimizer = new Adam(0.01);
        for (int i = 0; i < 3; i++)
        {
            network.ComputeGradients(x, y, loss);
            optimizer.Step(network.Parameters);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            network.ComputeGradients(x, y, loss);
            optimizer.Step(network.Parameters);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Trainer_allocation_does_not_grow_with_the_number_of_batches()
    {
        var x = Random(600, 5, 3);
        var y = Random(600, 1, 4);
        long Allocated(int epochs)
        {
            var network = NeuralNetwork<float>.Create([5, 8, 1], Activation.Tanh, Activation.Identity, Initializer.GlorotUniform, seed: 1);
            TrainingOptions Options() => new() { Epochs = epochs, BatchSize = 10, Optimizer = new Momentum(0.01), Seed = 5, L2 = 1e-4 };
            Trainer.Train(network, x, y, new MeanSquaredErrorLoss(), Options()); // warm up the JIT for this shape
            network = NeuralNetwork<float>.Create([5, 8, 1], Activation.Tanh, Activation.Identity, Initializer.GlorotUniform, seed: 1);
            var options = Options();
            var loss = new MeanSquaredErrorLoss();
            long before = GC.GetAllocatedBytesForCurrentThread();
            Trainer.Train(network, x, y, loss, options);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        // 60 batches per epoch: 40 more epochs are 2400 more batches. Only the per-epoch records may add bytes.
        long extra = Allocated(50) - Allocated(10);
        Assert.InRange(extra, 0, 40 * 256);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Logistic_gradient_descent_on_the_trainer_allocates_nothing_per_batch(bool intercept)
    {
        // The trainer on a model that is not the network itself (without intercepts, only W is trained) and on the
        // one-layer network, with an optimizer that keeps state and the per-epoch check of ‖∇J‖∞ on the whole data.
        var random = new Random(7);
        var x = new double[300][];
        var y = new int[300];
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = i % 3;
            x[i] = [y[i] + random.NextDouble(), random.NextDouble() - y[i], random.NextDouble()];
        }

        long Allocated(int epochs)
        {
            var model = new LogisticRegression<double, int>(new LogisticRegressionOptions
            {
                Solver = LogisticRegressionSolver.GradientDescent,
                Optimizer = OptimizerKind.Momentum,
                LearningRate = 0.01,
                L2Penalty = 1e-4, // given: the search for λ is measured apart from the steps
                BatchSize = 5,
                MaxIterations = epochs,
                Tolerance = 0,
                FitIntercept = intercept,
                Seed = 2,
            });
            long before = GC.GetAllocatedBytesForCurrentThread();
            model.Fit(x, y);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(epochs, model.Iterations);
            return allocated;
        }

        Allocated(5); // warm up the JIT for this shape

        // 60 batches per epoch: 40 more epochs are 2400 more steps. Only the per-epoch records (the trainer's EpochRecord
        // and J in the loss history) may add bytes; one object per batch (24 bytes at least) would be 57600.
        long extra = Allocated(50) - Allocated(10);
        Assert.InRange(extra, 0, 40 * 256);
    }

    [Fact]
    public void Single_sample_predict_allocates_nothing()
    {
        var network = NeuralNetwork<float>.Create([784, 64, 10], Activation.Relu, Activation.Softmax, Initializer.HeNormal, seed: 1);
        var x = Random(1, 784, 5).AsSpan().ToArray();
        var output = new float[10];
        network.Predict(x, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            network.Predict(x, output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1f, output.Sum(), 1e-5f);
    }
}
