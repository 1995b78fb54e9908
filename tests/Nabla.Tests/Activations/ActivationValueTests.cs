using Nabla.Activations;
using Nabla.Tensors;
using Nabla.Tests.TestSupport;

namespace Nabla.Tests.Activations;

/// <summary>Values of g and g' at chosen points, scalar and on matrices.</summary>
public class ActivationValueTests
{
    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(2, 0.88079707797788231)]
    [InlineData(-2, 0.11920292202211755)]
    [InlineData(0.3775, 0.59326999210718723)] // z1^[1] of the lectures' worked example
    [InlineData(40, 1)]
    [InlineData(-40, 4.248354255291589e-18)]
    public void Sigmoid_values(double z, double expected)
    {
        Assertions.Close(expected, Activation.Sigmoid.Value(z), 1e-15 * Math.Max(expected, 1e-3));
        Assertions.Close(expected, Activation.Sigmoid.Value((float)z), 2e-7 * Math.Max(expected, 1e-3) + 1e-40);
    }

    [Fact]
    public void Sigmoid_derivative_is_a_times_one_minus_a()
    {
        Assert.Equal(0.25, Activation.Sigmoid.Derivative(0.0, 0.5));
        double a = Activation.Sigmoid.Value(1.5);
        Assertions.Close(a * (1 - a), Activation.Sigmoid.Derivative(1.5, a), 1e-16);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0.5, 0.46211715726000974)]
    [InlineData(-1, -0.76159415595576489)]
    [InlineData(20, 1)]
    public void Tanh_values_and_derivative(double z, double expected)
    {
        double a = Activation.Tanh.Value(z);
        Assertions.Close(expected, a, 1e-15);
        Assertions.Close(1 - expected * expected, Activation.Tanh.Derivative(z, a), 1e-15);
    }

    [Theory]
    [InlineData(-3, 0, 0)]
    [InlineData(-1e-12, 0, 0)]
    [InlineData(0, 0, 1)] // the lectures' convention: g'(z) = 1 for z ≥ 0
    [InlineData(2.5, 2.5, 1)]
    public void Relu_values_and_derivative(double z, double value, double derivative)
    {
        Assert.Equal(value, Activation.Relu.Value(z));
        Assert.Equal(derivative, Activation.Relu.Derivative(z, value));
        Assert.Equal((float)value, Activation.Relu.Value((float)z));
    }

    [Theory]
    [InlineData(-3, -0.03, 0.01)]
    [InlineData(0, 0, 1)]
    [InlineData(4, 4, 1)]
    public void Leaky_relu_has_the_lectures_default_slope(double z, double value, double derivative)
    {
        Assert.Equal(0.01, Activation.LeakyRelu.Alpha);
        Assertions.Close(value, Activation.LeakyRelu.Value(z), 1e-17);
        Assert.Equal(derivative, Activation.LeakyRelu.Derivative(z, value));
    }

    [Fact]
    public void Leaky_relu_with_a_custom_slope()
    {
        var g = Activation.LeakyReluWith(0.2);
        Assertions.Close(-0.4, g.Value(-2.0), 1e-16);
        Assertions.Close(0.2, g.Derivative(-2.0, -0.4), 1e-16);
        Assert.Throws<ArgumentOutOfRangeException>(() => Activation.LeakyReluWith(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Activation.LeakyReluWith(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Activation.LeakyReluWith(double.NaN));
    }

    [Fact]
    public void Linear_and_identity()
    {
        var g = Activation.Linear(2, 0.5);
        Assert.Equal(6.5, g.Value(3.0));
        Assert.Equal(2, g.Derivative(3.0, 6.5));
        Assert.Equal(-3.0, Activation.Identity.Value(-3.0));
        Assert.Equal(1, Activation.Identity.Derivative(-3.0, -3.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Activation.Linear(double.PositiveInfinity, 0));
    }

    [Theory]
    [InlineData(-0.5, 0)]
    [InlineData(0, 1)]
    [InlineData(1e-300, 1)]
    [InlineData(7, 1)]
    public void Step_values(double z, double expected)
    {
        Assert.Equal(expected, Activation.Step.Value(z));
        Assert.False(Activation.Step.IsDifferentiable);
    }

    [Fact]
    public void Softmax_of_a_row_matches_hand_values()
    {
        var z = Matrix<double>.FromArray(new double[,] { { 1, 2, 3 }, { 0, 0, 0 } });
        var a = new Matrix<double>(2, 3);

        Activation.Softmax.Forward(z, a);

        double s = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Assertions.Close(Math.Exp(1) / s, a[0, 0], 1e-15);
        Assertions.Close(Math.Exp(2) / s, a[0, 1], 1e-15);
        Assertions.Close(Math.Exp(3) / s, a[0, 2], 1e-15);
        for (int j = 0; j < 3; j++)
        {
            Assertions.Close(1.0 / 3, a[1, j], 1e-15);
        }

        Assert.False(Activation.Softmax.IsElementwise);
    }

    [Fact]
    public void Softmax_has_no_scalar_form()
    {
        var e = Assert.Throws<NotSupportedException>(() => Activation.Softmax.Value(1.0));
        Assert.Contains("softmax", e.Message);
        Assert.Contains("rows", e.Message);
        Assert.Throws<NotSupportedException>(() => Activation.Softmax.Derivative(1.0, 0.5));
    }

    public static TheoryData<string> ElementwiseActivations() =>
        ["identity", "linear(2,0.5)", "step", "sigmoid", "tanh", "relu", "leaky-relu", "leaky-relu(0.3)", "generalized-logistic(2,3,0.5)", "randomized-leaky-relu(0.1,0.3)"];

    [Theory]
    [MemberData(nameof(ElementwiseActivations))]
    public void Matrix_forward_agrees_with_the_scalar_value(string specification)
    {
        var g = Activation.Parse(specification);
        var random = new Random(1);
        // Widths 1…19 exercise both the vectorized body and the scalar remainder of the span kernels.
        for (int width = 1; width < 20; width++)
        {
            var z = TestData.Uniform<double>(random, 3, width, scale: 6);
            var zf = TestData.Uniform<float>(random, 3, width, scale: 6);
            var a = new Matrix<double>(3, width);
            var af = new Matrix<float>(3, width);

            g.Forward(z, a);
            g.Forward(zf, af);

            for (int i = 0; i < z.Length; i++)
            {
                double expected = g.Value(z.AsReadOnlySpan()[i]);
                Assertions.Close(expected, a.AsReadOnlySpan()[i], 4e-16 * Math.Max(1, Math.Abs(expected)), $"{g} double entry {i}");
                float expectedF = g.Value(zf.AsReadOnlySpan()[i]);
                Assertions.Close(expectedF, af.AsReadOnlySpan()[i], 4e-7 * Math.Max(1, Math.Abs(expectedF)), $"{g} float entry {i}");
            }
        }
    }

    [Fact]
    public void Forward_may_work_in_place_and_checks_shapes()
    {
        var z = Matrix<double>.FromArray(new double[,] { { -1, 2 } });
        Activation.Relu.Forward(z, z);
        Assert.Equal(new double[,] { { 0, 2 } }, z.ToArray());

        var e = Assert.Throws<ArgumentException>(() => Activation.Tanh.Forward(new Matrix<double>(2, 3), new Matrix<double>(3, 2)));
        Assert.Contains("2×3", e.Message);
        Assert.Contains("3×2", e.Message);
    }
}
