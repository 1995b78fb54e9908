using Nabla.Activations;
using Nabla.Tensors;
using Nabla.Tests.TestSupport;

namespace Nabla.Tests.Activations;

/// <summary>g' and the backward passes against central differences of the forward passes.</summary>
public class ActivationGradientTests
{
    public static TheoryData<string> Differentiable() =>
        ["identity", "linear(2,0.5)", "linear(-0.7,3)", "sigmoid", "tanh", "relu", "leaky-relu", "leaky-relu(0.25)", "generalized-logistic(2,3,0.5)", "randomized-leaky-relu(0.1,0.3)", "softmax"];

    public static TheoryData<string> DifferentiableElementwise() =>
        ["identity", "linear(2,0.5)", "linear(-0.7,3)", "sigmoid", "tanh", "relu", "leaky-relu", "leaky-relu(0.25)", "generalized-logistic(2,3,0.5)", "generalized-logistic(0.5,0.2,-1)", "randomized-leaky-relu(0.1,0.3)"];

    [Theory]
    [MemberData(nameof(DifferentiableElementwise))]
    public void Derivative_matches_central_differences_of_Value(string specification)
    {
        var g = Activation.Parse(specification);
        var random = new Random(2);
        for (int trial = 0; trial < 200; trial++)
        {
            double z = 8 * random.NextDouble() - 4;
            if (Math.Abs(z) < 1e-3)
            {
                continue; // ReLU's kink; the convention at 0 is tested separately
            }

            double numeric = Numeric.Derivative(g.Value, z);
            double analytic = g.Derivative(z, g.Value(z));
            Assertions.Close(numeric, analytic, 1e-8, $"{g}'({z})");
        }
    }

    [Theory]
    [MemberData(nameof(Differentiable))]
    public void Backward_is_the_vector_Jacobian_product_of_Forward(string specification)
    {
        var g = Activation.Parse(specification);
        var random = new Random(3);
        foreach (var (rows, columns) in new[] { (1, 1), (1, 5), (4, 3), (3, 9), (2, 17) })
        {
            var z = TestData.Uniform<double>(random, rows, columns, scale: 3);
            NudgeAwayFromZero(z);
            var upstream = TestData.Uniform<double>(random, rows, columns); // ∂L/∂a
            var a = new Matrix<double>(rows, columns);
            g.Forward(z, a);

            var gradientZ = new Matrix<double>(rows, columns);
            g.Backward(z, a, upstream, gradientZ);

            // L(z) = Σ upstream ⊙ g(z), so ∂L/∂z is exactly what Backward must return (row-wise Jacobians included).
            var buffer = new Matrix<double>(rows, columns);
            var numeric = Numeric.Gradient(
                zz =>
                {
                    g.Forward(zz, buffer);
                    return Numeric.Dot(upstream, buffer);
                },
                z);

            Assertions.Close(numeric, gradientZ, 1e-8, $"{g} backward {rows}×{columns}");
        }
    }

    [Theory]
    [MemberData(nameof(Differentiable))]
    public void Backward_may_overwrite_the_upstream_gradient(string specification)
    {
        var g = Activation.Parse(specification);
        var random = new Random(4);
        var z = TestData.Uniform<double>(random, 3, 6, scale: 3);
        var a = new Matrix<double>(3, 6);
        g.Forward(z, a);
        var upstream = TestData.Uniform<double>(random, 3, 6);
        var separate = new Matrix<double>(3, 6);
        g.Backward(z, a, upstream, separate);

        g.Backward(z, a, upstream, upstream);

        Assert.True(separate.Equals(upstream));
    }

    [Fact]
    public void Float_backward_agrees_with_double_backward()
    {
        var random = new Random(5);
        foreach (var g in new Activation[] { Activation.Sigmoid, Activation.Tanh, Activation.Softmax, Activation.LeakyRelu })
        {
            var z = TestData.Uniform<double>(random, 4, 7, scale: 3);
            var upstream = TestData.Uniform<double>(random, 4, 7);
            var zf = Convert(z);
            var upstreamF = Convert(upstream);
            var (a, af) = (new Matrix<double>(4, 7), new Matrix<float>(4, 7));
            var (d, df) = (new Matrix<double>(4, 7), new Matrix<float>(4, 7));

            g.Forward(z, a);
            g.Forward(zf, af);
            g.Backward(z, a, upstream, d);
            g.Backward(zf, af, upstreamF, df);

            Assertions.Close(d, df, 1e-6, $"{g} float backward");
        }
    }

    [Fact]
    public void Relu_backward_passes_the_gradient_at_zero()
    {
        var z = Matrix<double>.FromArray(new double[,] { { -1, 0, 1 } });
        var a = new Matrix<double>(1, 3);
        Activation.Relu.Forward(z, a);
        var upstream = Matrix<double>.FromArray(new double[,] { { 5, 6, 7 } });
        var d = new Matrix<double>(1, 3);

        Activation.Relu.Backward(z, a, upstream, d);
        Assert.Equal(new double[,] { { 0, 6, 7 } }, d.ToArray());

        Activation.LeakyRelu.Backward(z, a, upstream, d);
        Assert.Equal(new double[,] { { 0.05, 6, 7 } }, d.ToArray());
    }

    [Fact]
    public void Step_refuses_backward_with_a_helpful_message()
    {
        var z = Matrix<double>.FromArray(new double[,] { { -1, 1 } });
        var a = new Matrix<double>(1, 2);
        Activation.Step.Forward(z, a);
        Assert.Equal(new double[,] { { 0, 1 } }, a.ToArray());

        var e = Assert.Throws<NotSupportedException>(() => Activation.Step.Backward(z, a, a, new Matrix<double>(1, 2)));
        Assert.Contains("step", e.Message);
        Assert.Contains("gradient descent", e.Message);
        Assert.Contains("sigmoid", e.Message);

        e = Assert.Throws<NotSupportedException>(() => Activation.Step.Derivative(1.0, 1.0));
        Assert.Contains("step", e.Message);
    }

    [Fact]
    public void Backward_checks_all_shapes()
    {
        var good = new Matrix<double>(2, 3);
        var bad = new Matrix<double>(3, 2);
        var cases = new Action[]
        {
            () => Activation.Sigmoid.Backward(good, bad, good, good),
            () => Activation.Sigmoid.Backward(good, good, bad, good),
            () => Activation.Sigmoid.Backward(good, good, good, bad),
        };
        foreach (var call in cases)
        {
            var e = Assert.Throws<ArgumentException>(call);
            Assert.Contains("2×3", e.Message);
            Assert.Contains("3×2", e.Message);
        }
    }

    private static void NudgeAwayFromZero(Matrix<double> z)
    {
        // Keep every entry at least 0.01 from ReLU's kink, far beyond the 1e-6 difference step.
        var span = z.AsSpan();
        for (int i = 0; i < span.Length; i++)
        {
            if (Math.Abs(span[i]) < 0.01)
            {
                span[i] = span[i] < 0 ? -0.5 : 0.5;
            }
        }
    }

    private static Matrix<float> Convert(Matrix<double> m)
    {
        var f = new Matrix<float>(m.Rows, m.Columns);
        for (int i = 0; i < m.Length; i++)
        {
            f.AsSpan()[i] = (float)m.AsReadOnlySpan()[i];
        }

        return f;
    }
}
