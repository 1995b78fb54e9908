using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Tests.TestSupport;
using Nabla.Training;

namespace Nabla.Tests.Networks;

/// <summary>
/// Backpropagation against central differences (<see cref="GradientCheck"/>) over many random architectures: 1–4 layers,
/// widths 1–7, batches 1–9, every differentiable hidden activation and the usual output/loss pairs, both reductions.
/// </summary>
public class GradientCheckTests
{
    private static readonly string[] HiddenActivations = ["sigmoid", "tanh", "relu", "leaky-relu", "identity", "linear(2,0.5)"];

    public static TheoryData<string, string, Reduction> OutputPairs()
    {
        var data = new TheoryData<string, string, Reduction>();
        (string Activation, string Loss)[] pairs =
        [
            ("identity", "half-squared-error"), ("identity", "mse"), ("sigmoid", "log-loss"), ("softmax", "cross-entropy"),
            ("tanh", "mse"), ("softmax", "half-squared-error"),
        ];
        foreach (var (activation, loss) in pairs)
        {
            data.Add(activation, loss, Reduction.Mean);
            data.Add(activation, loss, Reduction.Sum);
        }

        return data;
    }

    /// <remarks>
    /// With the default settings (fourth-order differences, ε = 1e-4, floor 1e-4·max(1, |L|)) gradients above the floor must agree
    /// to 1e-6 relative, smaller ones to 1e-10·max(1, |L|) absolute, far below the size of any real mistake.
    /// </remarks>
    [Theory]
    [MemberData(nameof(OutputPairs))]
    public void Backpropagation_matches_central_differences(string outputActivation, string lossName, Reduction reduction)
    {
        var output = Activation.Parse(outputActivation);
        var loss = Loss.Parse(lossName, reduction);
        var random = new Random((1000 * Loss.Names.ToList().IndexOf(lossName)) + (10 * outputActivation.Length) + (int)reduction);
        double worst = 0;
        string worstCase = "";
        int problems = 0;
        foreach (string hiddenName in HiddenActivations)
        {
            var hidden = Activation.Parse(hiddenName);
            for (int trial = 0; trial < 8; trial++)
            {
                var (network, x, y) = RandomProblem(random, hidden, output, lossName);
                var result = GradientCheck.Run(network, x, y, loss);

                problems++;
                Assert.Equal(network.ParameterCount, result.Checked);
                if (result.MaxRelativeError > worst)
                {
                    worst = result.MaxRelativeError;
                    worstCase = $"{network} + {loss}, batch {x.Rows}: {result}";
                }
            }
        }

        Assert.Equal(48, problems);
        Assert.True(worst < 1e-6, $"worst relative error {worst:E3} for {worstCase}");
    }

    [Fact]
    public void A_softmax_hidden_layer_backpropagates_through_its_full_Jacobian()
    {
        var random = new Random(79);
        for (int trial = 0; trial < 10; trial++)
        {
            var (network, x, y) = RandomProblem(random, Activation.Softmax, Activation.Identity, "mse");
            var loss = new MeanSquaredErrorLoss();

            var result = GradientCheck.Run(network, x, y, loss);

            Assert.True(result.MaxRelativeError < 1e-6, $"{network}: {result}");
        }
    }

    [Fact]
    public void Float_networks_compute_the_same_gradients_as_double_networks()
    {
        var random = new Random(80);
        foreach (var (hidden, output, lossName) in new[] { ("tanh", "sigmoid", "log-loss"), ("relu", "softmax", "cross-entropy"), ("sigmoid", "identity", "mse") })
        {
            var (network, x, y) = RandomProblem(random, Activation.Parse(hidden), Activation.Parse(output), lossName);
            var single = NeuralNetwork<float>.Create(network.Sizes, Activation.Parse(hidden), Activation.Parse(output));
            for (int p = 0; p < network.Parameters.Count; p++)
            {
                for (int k = 0; k < network.Parameters[p].Value.Length; k++)
                {
                    single.Parameters[p].Value.AsSpan()[k] = (float)network.Parameters[p].Value.AsReadOnlySpan()[k];
                }
            }

            var loss = Loss.Parse(lossName);
            double l64 = network.ComputeGradients(x, y, loss);
            float l32 = single.ComputeGradients(ToFloat(x), ToFloat(y), loss);

            Assertions.Close(l64, l32, 1e-5 * Math.Max(1, l64), $"{network} loss");
            for (int p = 0; p < network.Parameters.Count; p++)
            {
                Assertions.Close(network.Parameters[p].Gradient, single.Parameters[p].Gradient, 1e-5, $"{network} ∂L/∂{network.Parameters[p].Name}");
            }
        }
    }

    [Fact]
    public void Default_settings_pass_on_the_lectures_worked_example()
    {
        var l1 = new DenseLayer<double>(2, 2, Activation.Sigmoid);
        var l2 = new DenseLayer<double>(2, 2, Activation.Sigmoid);
        l1.SetWeights([[0.15, 0.2], [0.25, 0.3]]);
        l1.SetBias([0.35, 0.35]);
        l2.SetWeights([[0.4, 0.45], [0.5, 0.55]]);
        l2.SetBias([0.6, 0.6]);
        var network = new NeuralNetwork<double>(l1, l2);
        var x = Matrix<double>.RowVector([0.05, 0.1]);
        var y = Matrix<double>.RowVector([0.01, 0.99]);

        var result = GradientCheck.Run(network, x, y, new HalfSquaredErrorLoss(Reduction.Sum));

        Assert.Equal(12, result.Checked);
        Assert.True(result.MaxRelativeError < 1e-6, result.ToString());
        Assert.True(result.MaxAbsoluteError < 1e-9, result.ToString());
    }

    [Fact]
    public void The_check_restores_parameters_and_gradients()
    {
        var random = new Random(77);
        var (network, x, y) = RandomProblem(random, Activation.Tanh, Activation.Sigmoid, "log-loss");
        var loss = new BinaryCrossEntropyLoss();
        var before = network.Parameters.Select(p => p.Value.Clone()).ToArray();
        network.ComputeGradients(x, y, loss);
        var gradients = network.Parameters.Select(p => p.Gradient.Clone()).ToArray();

        GradientCheck.Run(network, x, y, loss);

        for (int i = 0; i < before.Length; i++)
        {
            Assert.True(before[i].Equals(network.Parameters[i].Value), network.Parameters[i].Name);
            Assert.True(gradients[i].Equals(network.Parameters[i].Gradient), network.Parameters[i].Name);
        }
    }

    [Fact]
    public void The_check_catches_a_wrong_derivative()
    {
        // The same function as tanh, with a backward pass that forgets the square: g' = 1 − a instead of 1 − a².
        var random = new Random(78);
        var network = NeuralNetwork<double>.Create([3, 4, 2], new TanhWithWrongDerivative(), Activation.Identity, seed: 5);
        var x = TestData.Uniform<double>(random, 5, 3, 2);
        var y = TestData.Uniform<double>(random, 5, 2);

        var result = GradientCheck.Run(network, x, y, new HalfSquaredErrorLoss());

        Assert.True(result.MaxRelativeError > 1e-2, result.ToString());
        Assert.Matches(@"^(W1|b1)\[\d+,\d+\]$", result.WorstParameter); // only layer 1 sits before the faulty derivative
        Assert.NotEqual(result.Analytic, result.Numeric);
    }

    [Fact]
    public void Epsilon_must_be_positive()
    {
        var network = NeuralNetwork<double>.Create([1, 1], Activation.Identity, Activation.Identity);
        var x = Matrix<double>.RowVector([1.0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Run(network, x, x, new MeanSquaredErrorLoss(), epsilon: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Run(network, x, x, new MeanSquaredErrorLoss(), epsilon: double.NaN));
    }

    /// <summary>A random network (random biases too), inputs and targets suited to the loss; ReLU inputs kept off the kinks.</summary>
    internal static (NeuralNetwork<double> Network, Matrix<double> X, Matrix<double> Y) RandomProblem(
        Random random, Activation hidden, Activation output, string lossName)
    {
        int layers = random.Next(1, 5);
        int[] sizes = new int[layers + 1];
        for (int i = 0; i <= layers; i++)
        {
            sizes[i] = random.Next(1, 8);
        }

        if (output is SoftmaxActivation)
        {
            sizes[^1] = Math.Max(2, sizes[^1]);
        }

        int batch = random.Next(1, 10);
        var network = NeuralNetwork<double>.Create(sizes, hidden, output, Initializer.GlorotUniform, seed: random.Next());
        foreach (var layer in network.Layers)
        {
            layer.SetBias(TestData.Uniform<double>(random, 1, layer.Units, 0.5).AsReadOnlySpan());
        }

        var y = TestData.TargetsFor(lossName, random, batch, sizes[^1]);
        for (int attempt = 0; ; attempt++)
        {
            var x = TestData.Uniform<double>(random, batch, sizes[0], 2);
            if (hidden is not (ReluActivation or LeakyReluActivation) || FarFromKinks(network, x))
            {
                return (network, x, y);
            }

            Assert.True(attempt < 100, "no inputs found away from the ReLU kinks");
        }
    }

    private static Matrix<float> ToFloat(Matrix<double> m)
    {
        var f = new Matrix<float>(m.Rows, m.Columns);
        for (int i = 0; i < m.Length; i++)
        {
            f.AsSpan()[i] = (float)m.AsReadOnlySpan()[i];
        }

        return f;
    }

    /// <summary>True when every hidden pre-activation is at least 1e-3 from 0, far beyond what a step of 1e-5 in one parameter moves it.</summary>
    private static bool FarFromKinks(NeuralNetwork<double> network, Matrix<double> x)
    {
        network.Forward(x);
        foreach (var layer in network.Layers.Take(network.Layers.Count - 1))
        {
            foreach (double z in layer.PreActivation.AsReadOnlySpan())
            {
                if (Math.Abs(z) < 1e-3)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private sealed class TanhWithWrongDerivative : Activation
    {
        public override string Name => "wrong-tanh";

        public override T Value<T>(T z) => T.Tanh(z);

        public override T Derivative<T>(T z, T a) => T.One - a;

        public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int width)
        {
            for (int i = 0; i < z.Length; i++)
            {
                a[i] = T.Tanh(z[i]);
            }
        }

        public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> gradientA, Span<T> gradientZ, int width)
        {
            for (int i = 0; i < z.Length; i++)
            {
                gradientZ[i] = gradientA[i] * (T.One - a[i]);
            }
        }
    }
}
