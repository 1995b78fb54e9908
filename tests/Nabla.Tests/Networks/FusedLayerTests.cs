using System.Numerics;
using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Tests.TestSupport;

namespace Nabla.Tests.Networks;

/// <summary>
/// The dense layer's fused passes (bias and activation in the forward product's epilogue, the activation's derivative
/// in the backward product's) against naive loops written here, on shapes large enough for the packed product.
/// </summary>
public class FusedLayerTests
{
    public static TheoryData<string> ActivationNames() =>
        ["identity", "sigmoid", "tanh", "relu", "leaky-relu", "linear(2,0.5)", "softmax", "step"];

    public static TheoryData<string> DifferentiableNames() =>
        ["identity", "sigmoid", "tanh", "relu", "leaky-relu", "linear(2,0.5)", "softmax"];

    private static Activation Named(string name) => name switch
    {
        "identity" => Activation.Identity,
        "sigmoid" => Activation.Sigmoid,
        "tanh" => Activation.Tanh,
        "relu" => Activation.Relu,
        "leaky-relu" => Activation.LeakyRelu,
        "linear(2,0.5)" => Activation.Linear(2, 0.5),
        "softmax" => Activation.Softmax,
        "step" => Activation.Step,
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(ActivationNames))]
    public void Forward_in_double_is_the_product_plus_bias_then_the_activation(string activation) =>
        CheckForward<double>(Named(activation), seed: 31, relative: 1e-12);

    [Theory]
    [MemberData(nameof(ActivationNames))]
    public void Forward_in_float_is_the_product_plus_bias_then_the_activation(string activation) =>
        CheckForward<float>(Named(activation), seed: 32, relative: 2e-5);

    // Softmax as a hidden activation is unusual but takes the unfused path (the Jacobian after the product).
    [Theory]
    [MemberData(nameof(DifferentiableNames))]
    public void Network_gradients_in_double_match_a_naive_backward_pass(string hidden) =>
        CheckBackward<double>(Named(hidden), seed: 33, relative: 1e-10);

    [Theory]
    [MemberData(nameof(DifferentiableNames))]
    public void Network_gradients_in_float_match_a_naive_backward_pass(string hidden) =>
        CheckBackward<float>(Named(hidden), seed: 34, relative: 1e-4);

    private static void CheckForward<T>(Activation activation, int seed, double relative)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var layer = new DenseLayer<T>(inputs: 67, units: 53, activation);
        TestData.Uniform<T>(random, 53, 67, scale: 0.3).CopyTo(layer.Weights);
        TestData.Uniform<T>(random, 1, 53).CopyTo(layer.Bias);

        // Two batch sizes, and back to the first: each size has its own buffers and epilogues.
        foreach (int rows in new[] { 61, 38, 61 })
        {
            var x = TestData.Uniform<T>(random, rows, 67);
            Assert.True((long)rows * 67 * 53 > Gemm.DirectWorkLimit);
            var output = layer.Forward(x);
            Assert.Same(layer.Output, output);
            string what = $"{typeof(T).Name} {activation} batch {rows}";

            // Z = X Wᵀ + b, naively in double, within a bound on the rounding of any summation order.
            var (z, magnitude) = NaivePreActivation(x, layer.Weights, layer.Bias);
            double eps = TestData.Epsilon<T>();
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < layer.Units; j++)
                {
                    Assertions.Close(z[i, j], layer.PreActivation.At(i, j), 2 * (67 + 3) * eps * magnitude[i, j], $"{what}: Z[{i},{j}]");
                }
            }

            // A = g(Z) of the layer's own Z, by the scalar g (softmax: row by row).
            var expected = NaiveActivation(activation, layer.PreActivation);
            NormwiseClose(expected, ToDouble(output), relative, $"{what}: A");
        }
    }

    private static void CheckBackward<T>(Activation hidden, int seed, double relative)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        foreach (var (output, loss) in new (Activation, Loss)[]
                 {
                     (Activation.Softmax, new CategoricalCrossEntropyLoss()),         // fused output delta
                     (Activation.Tanh, new HalfSquaredErrorLoss(Reduction.Sum)),      // ∂L/∂a ⊙ g'(z)
                 })
        {
            int[] sizes = [45, 67, 59, 10];
            const int rows = 61;
            var network = NeuralNetwork<T>.Create(sizes, hidden, output, Initializer.GlorotUniform, seed: seed);
            foreach (var layer in network.Layers)
            {
                TestData.Uniform<T>(random, 1, layer.Units, scale: 0.2).CopyTo(layer.Bias);
            }

            var x = TestData.Uniform<T>(random, rows, sizes[0]);
            var y = Convert<T>(output == Activation.Softmax
                ? TestData.OneHot(random, rows, sizes[^1])
                : TestData.Uniform<double>(random, rows, sizes[^1], scale: 0.9));
            string what = $"{typeof(T).Name} hidden {hidden}, output {output}";

            network.ComputeGradients(x, y, loss);

            // The forward pass of each layer, from the previous layer's output.
            var input = x;
            foreach (var layer in network.Layers)
            {
                var (z, _) = NaivePreActivation(input, layer.Weights, layer.Bias);
                NormwiseClose(z, ToDouble(layer.PreActivation), relative, $"{what}: Z of {layer}");
                input = layer.Output;
            }

            // δ^[L] from the loss, then back through the layers by the textbook equations.
            var layers = network.Layers;
            var last = layers[^1];
            var outputDelta = new Matrix<T>(rows, last.Units);
            loss.OutputDelta(last.PreActivation, last.Output, y, last.Activation, outputDelta);
            var delta = ToDouble(outputDelta);
            for (int l = layers.Count - 1; l >= 0; l--)
            {
                var layer = layers[l];
                var previousOutput = ToDouble(l > 0 ? layers[l - 1].Output : x);
                var w = ToDouble(layer.Weights);
                NormwiseClose(delta, ToDouble(layer.Delta), relative, $"{what}: δ^[{l + 1}]");

                // ∂L/∂W = δᵀ A^[l−1], ∂L/∂b = Σ_rows δ.
                var weightGradient = new Matrix<double>(layer.Units, layer.Inputs);
                var biasGradient = new Matrix<double>(1, layer.Units);
                for (int i = 0; i < layer.Units; i++)
                {
                    for (int r = 0; r < rows; r++)
                    {
                        biasGradient[0, i] += delta[r, i];
                        for (int j = 0; j < layer.Inputs; j++)
                        {
                            weightGradient[i, j] += delta[r, i] * previousOutput[r, j];
                        }
                    }
                }

                NormwiseClose(weightGradient, ToDouble(layer.WeightGradient), relative, $"{what}: ∂L/∂W^[{l + 1}]");
                NormwiseClose(biasGradient, ToDouble(layer.BiasGradient), relative, $"{what}: ∂L/∂b^[{l + 1}]");
                if (l == 0)
                {
                    break;
                }

                // δ^[l−1] = (δ^[l] W^[l]) ⊙ g'(Z^[l−1]); softmax multiplies by its Jacobian row by row.
                var previous = layers[l - 1];
                var g = new Matrix<double>(rows, previous.Units);
                for (int r = 0; r < rows; r++)
                {
                    for (int j = 0; j < previous.Units; j++)
                    {
                        double sum = 0;
                        for (int i = 0; i < layer.Units; i++)
                        {
                            sum += delta[r, i] * w[i, j];
                        }

                        g[r, j] = sum;
                    }
                }

                var next = new Matrix<double>(rows, previous.Units);
                for (int r = 0; r < rows; r++)
                {
                    if (previous.Activation.IsElementwise)
                    {
                        for (int j = 0; j < previous.Units; j++)
                        {
                            double derivative = double.CreateChecked(previous.Activation.Derivative(previous.PreActivation[r, j], previous.Output[r, j]));
                            next[r, j] = g[r, j] * derivative;
                        }
                    }
                    else
                    {
                        double dot = 0;
                        for (int j = 0; j < previous.Units; j++)
                        {
                            dot += g[r, j] * previous.Output.At(r, j);
                        }

                        for (int j = 0; j < previous.Units; j++)
                        {
                            next[r, j] = previous.Output.At(r, j) * (g[r, j] - dot);
                        }
                    }
                }

                delta = next;
            }
        }
    }

    /// <summary>X Wᵀ + b in double, with Σ|x w| + |b| per entry.</summary>
    private static (Matrix<double> Z, double[,] Magnitude) NaivePreActivation<T>(Matrix<T> x, Matrix<T> w, Matrix<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var z = new Matrix<double>(x.Rows, w.Rows);
        var magnitude = new double[x.Rows, w.Rows];
        for (int i = 0; i < x.Rows; i++)
        {
            for (int j = 0; j < w.Rows; j++)
            {
                double sum = b.At(0, j), abs = Math.Abs(sum);
                for (int p = 0; p < x.Columns; p++)
                {
                    double term = x.At(i, p) * w.At(j, p);
                    sum += term;
                    abs += Math.Abs(term);
                }

                z[i, j] = sum;
                magnitude[i, j] = abs;
            }
        }

        return (z, magnitude);
    }

    /// <summary>g(Z) by the scalar <see cref="Activation.Value{T}(T)"/>, or softmax row by row in double.</summary>
    private static Matrix<double> NaiveActivation<T>(Activation activation, Matrix<T> z)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = new Matrix<double>(z.Rows, z.Columns);
        for (int i = 0; i < z.Rows; i++)
        {
            if (activation.IsElementwise)
            {
                for (int j = 0; j < z.Columns; j++)
                {
                    a[i, j] = double.CreateChecked(activation.Value(z[i, j]));
                }
            }
            else
            {
                double max = double.NegativeInfinity, sum = 0;
                for (int j = 0; j < z.Columns; j++)
                {
                    max = Math.Max(max, z.At(i, j));
                }

                for (int j = 0; j < z.Columns; j++)
                {
                    a[i, j] = Math.Exp(z.At(i, j) - max);
                    sum += a[i, j];
                }

                for (int j = 0; j < z.Columns; j++)
                {
                    a[i, j] /= sum;
                }
            }
        }

        return a;
    }

    /// <summary>Every entry within <paramref name="relative"/> × the largest |expected| of the matrix.</summary>
    private static void NormwiseClose(Matrix<double> expected, Matrix<double> actual, double relative, string what)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        double scale = 0;
        foreach (double value in expected.AsReadOnlySpan())
        {
            scale = Math.Max(scale, Math.Abs(value));
        }

        Assert.True(scale > 0, $"{what}: the expected values are all zero, which tests nothing.");
        for (int i = 0; i < expected.Rows; i++)
        {
            for (int j = 0; j < expected.Columns; j++)
            {
                if (Math.Abs(expected[i, j] - actual[i, j]) > relative * scale)
                {
                    Assertions.Close(expected[i, j], actual[i, j], relative * scale, $"{what}[{i},{j}]");
                }
            }
        }
    }

    private static Matrix<double> ToDouble<T>(Matrix<T> m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new Matrix<double>(m.Rows, m.Columns);
        for (int i = 0; i < m.Length; i++)
        {
            result.AsSpan()[i] = double.CreateChecked(m.AsReadOnlySpan()[i]);
        }

        return result;
    }

    private static Matrix<T> Convert<T>(Matrix<double> m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new Matrix<T>(m.Rows, m.Columns);
        for (int i = 0; i < m.Length; i++)
        {
            result.AsSpan()[i] = T.CreateChecked(m.AsReadOnlySpan()[i]);
        }

        return result;
    }
}
