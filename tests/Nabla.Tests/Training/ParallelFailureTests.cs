using System.Numerics;
using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Tests.TestSupport;
using Nabla.Training;

namespace Nabla.Tests.Training;

/// <summary>
/// What user code can do inside the threaded parts: an activation that throws in a product's epilogue, an activation
/// that checks the width it is given, an optimizer that needs whole parameters, and more shards than cores.
/// </summary>
public class ParallelFailureTests
{
    /// <summary>An element-wise activation (the identity) that throws from its forward pass once armed.</summary>
    private sealed class ThrowingActivation : Activation
    {
        public bool Armed { get; set; }

        public override string Name => "throwing";

        public override T Value<T>(T z) => z;

        public override T Derivative<T>(T z, T a) => T.One;

        public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int width)
        {
            if (Armed)
            {
                throw new InvalidOperationException("the activation failed on purpose");
            }

            z.CopyTo(a);
        }

        public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> gradientA, Span<T> gradientZ, int width) =>
            gradientA.CopyTo(gradientZ);
    }

    /// <summary>tanh that insists on the contract: the spans hold whole rows of the width it is given.</summary>
    private sealed class WidthCheckingTanh : Activation
    {
        public int Calls;

        public override string Name => "width-checking tanh";

        public override T Value<T>(T z) => T.Tanh(z);

        public override T Derivative<T>(T z, T a) => T.One - a * a;

        public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int width)
        {
            Check(z.Length, a.Length, width);
            Tanh.Forward(z, a, width);
        }

        public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> gradientA, Span<T> gradientZ, int width)
        {
            Check(z.Length, gradientZ.Length, width);
            Tanh.Backward(z, a, gradientA, gradientZ, width);
        }

        private void Check(int length, int other, int width)
        {
            Interlocked.Increment(ref Calls);
            if (width <= 0 || length % width != 0 || other != length)
            {
                throw new InvalidOperationException($"spans of {length} and {other} values are not whole rows of width {width}");
            }
        }
    }

    /// <summary>Gradient descent on each parameter's gradient clipped to norm 1: it needs the whole parameter at once.</summary>
    private sealed class ClippedGradientDescent(double learningRate) : Optimizer(learningRate)
    {
        public int PartialCalls;

        public override string Name => "clipped-sgd";

        public override bool UpdatesElementwise => false;

        protected override void Update<T>(Parameter<T> parameter, double learningRate, int start, int length)
        {
            if (start != 0 || length != parameter.Value.Length)
            {
                Interlocked.Increment(ref PartialCalls);
            }

            var g = parameter.Gradient.AsReadOnlySpan();
            double norm = 0;
            foreach (var v in g)
            {
                norm += double.CreateChecked(v * v);
            }

            T step = T.CreateChecked(learningRate * Math.Min(1, 1 / Math.Max(Math.Sqrt(norm), 1e-300)));
            var w = parameter.Value.AsSpan();
            for (int i = 0; i < w.Length; i++)
            {
                w[i] -= step * g[i];
            }
        }
    }

    private static (Matrix<double> X, Matrix<double> Y) Data(int rows, int features, int classes, int seed)
    {
        var random = new Random(seed);
        var x = TestData.Uniform<double>(random, rows, features);
        var y = new Matrix<double>(rows, classes);
        for (int i = 0; i < rows; i++)
        {
            y[i, random.Next(classes)] = 1;
        }

        return (x, y);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_activation_that_throws_inside_a_threaded_product_reaches_the_caller(int threads)
    {
        var activation = new ThrowingActivation();
        var layer = new DenseLayer<float>(300, 200, activation);
        layer.Initialize(Initializer.GlorotUniform, new Random(1));
        var x = TestData.Uniform<float>(new Random(2), 160, 300);
        try
        {
            // The product of 160 × 200 × 300 is split among the threads; its epilogue applies the activation.
            activation.Armed = true;
            var error = Assert.Throws<InvalidOperationException>(() => layer.Forward(x));
            Assert.Equal("the activation failed on purpose", error.Message);

            // Nothing is left stuck: the next products, threaded or not, run and are right.
            activation.Armed = false;
            var output = layer.Forward(x);
            var expected = MatrixMath.Multiply(x, layer.Weights, transposeB: true);
            for (int i = 0; i < output.Length; i++)
            {
                Assert.Equal(expected.AsReadOnlySpan()[i], output.AsReadOnlySpan()[i], 1e-4f);
            }

            var a = TestData.Uniform<float>(new Random(3), 256, 256);
            var c = new float[256 * 256];
            Gemm.Multiply<float>(false, false, 256, 256, 256, a.AsReadOnlySpan(), a.AsReadOnlySpan(), c, false, Gemm.BestKernel(), threads);
            Assert.Equal(MatrixMath.Multiply(a, a).AsReadOnlySpan().ToArray(), c);
        }
        finally
        {
            activation.Armed = false;
        }
    }

    [Fact]
    public void Blocks_narrower_than_a_row_reach_the_activation_as_rows_of_their_own_width()
    {
        // 500 units: the packed product hands over column blocks narrower than a row (its column blocks hold at most 384).
        var activation = new WidthCheckingTanh();
        var network = NeuralNetwork<float>.Create([40, 500, 3], activation, Activation.Softmax, Initializer.GlorotUniform, seed: 4);
        var x = TestData.Uniform<float>(new Random(5), 64, 40);
        var y = new Matrix<float>(64, 3);
        for (int i = 0; i < 64; i++)
        {
            y[i, i % 3] = 1;
        }

        float loss = network.ComputeGradients(x, y, new CategoricalCrossEntropyLoss());
        Assert.True(float.IsFinite(loss));
        Assert.True(activation.Calls > 2, $"the activation ran {activation.Calls} times");
        var z = network.Layers[0].PreActivation;
        var a = network.Layers[0].Output;
        for (int i = 0; i < z.Length; i++)
        {
            Assert.Equal(MathF.Tanh(z.AsReadOnlySpan()[i]), a.AsReadOnlySpan()[i], 1e-6f);
        }
    }

    [Fact]
    public void An_optimizer_that_needs_whole_parameters_gets_them_from_the_parallel_step()
    {
        var (x, y) = Data(256, 64, 4, seed: 6);
        NeuralNetwork<double> Train(int threads, ClippedGradientDescent optimizer)
        {
            var network = NeuralNetwork<double>.Create([64, 128, 64, 4], Activation.Tanh, Activation.Softmax, Initializer.GlorotUniform, seed: 8);
            Assert.NotNull(ParallelStep<double>.For(network, new CategoricalCrossEntropyLoss(), 64, threads == 1 ? 2 : threads));
            Trainer.Train(network, x, y, new CategoricalCrossEntropyLoss(), new TrainingOptions
            {
                Epochs = 3,
                BatchSize = 64,
                Optimizer = optimizer,
                Threads = threads,
                L2 = 1e-3,
                Seed = 9,
            });
            return network;
        }

        var parallelOptimizer = new ClippedGradientDescent(0.5);
        var parallel = Train(2, parallelOptimizer);
        var serial = Train(1, new ClippedGradientDescent(0.5));
        Assert.Equal(0, parallelOptimizer.PartialCalls);
        Assert.Equal(12, parallelOptimizer.Steps);
        for (int p = 0; p < serial.Parameters.Count; p++)
        {
            var expected = serial.Parameters[p].Value.AsReadOnlySpan();
            var actual = parallel.Parameters[p].Value.AsReadOnlySpan();
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], actual[i], 1e-9);
            }
        }
    }

    [Fact]
    public void More_threads_than_cores_keep_their_shards_and_repeat_bit_for_bit()
    {
        var (x, y) = Data(300, 64, 4, seed: 10);
        double[] Run()
        {
            var network = NeuralNetwork<double>.Create([64, 128, 64, 4], Activation.Relu, Activation.Softmax, Initializer.HeNormal, seed: 11);
            Trainer.Train(network, x, y, new CategoricalCrossEntropyLoss(), new TrainingOptions
            {
                Epochs = 2,
                BatchSize = 128,
                Optimizer = new Momentum(0.05),
                Threads = Environment.ProcessorCount + 6,
                Seed = 12,
            });
            return [.. network.Parameters.SelectMany(p => p.Value.AsReadOnlySpan().ToArray())];
        }

        Assert.Equal(Run(), Run());
    }
}
