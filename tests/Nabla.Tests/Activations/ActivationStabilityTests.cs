using System.Numerics;
using Nabla.Activations;
using Nabla.Tensors;
using Nabla.Tests.TestSupport;

namespace Nabla.Tests.Activations;

/// <summary>Sigmoid, tanh and softmax stay finite and correct at extreme logits, in float and double.</summary>
public class ActivationStabilityTests
{
    private static readonly double[] Extremes = [1000, -1000, 1e30, -1e30, 700, -700, 89, -89, 0];

    [Fact]
    public void Sigmoid_is_finite_and_saturates_at_extreme_logits_double() => CheckSigmoid<double>();

    [Fact]
    public void Sigmoid_is_finite_and_saturates_at_extreme_logits_float() => CheckSigmoid<float>();

    [Fact]
    public void Tanh_is_finite_and_saturates_at_extreme_logits_double() => CheckTanh<double>();

    [Fact]
    public void Tanh_is_finite_and_saturates_at_extreme_logits_float() => CheckTanh<float>();

    [Fact]
    public void Softmax_is_finite_and_correct_at_extreme_logits_double() => CheckSoftmax<double>();

    [Fact]
    public void Softmax_is_finite_and_correct_at_extreme_logits_float() => CheckSoftmax<float>();

    [Fact]
    public void Softmax_rows_sum_to_one_for_random_logits_of_any_scale()
    {
        var random = new Random(6);
        foreach (double scale in new[] { 1e-3, 1, 30, 1e3, 1e30 })
        {
            var z = TestData.Uniform<double>(random, 5, 11, scale);
            var a = new Matrix<double>(5, 11);
            Activation.Softmax.Forward(z, a);
            Assert.True(a.IsFinite());
            for (int i = 0; i < 5; i++)
            {
                double sum = 0;
                foreach (double v in a.Row(i))
                {
                    Assert.InRange(v, 0, 1);
                    sum += v;
                }

                Assertions.Close(1, sum, 1e-14, $"row {i} sum at scale {scale}");
            }
        }
    }

    private static void CheckSigmoid<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // One long row (vectorized path) holding every extreme several times, plus the scalar Value.
        var z = Row<T>(Extremes, repeat: 5);
        var a = new Matrix<T>(1, z.Columns);
        Activation.Sigmoid.Forward(z, a);

        for (int j = 0; j < z.Columns; j++)
        {
            double zj = z.At(0, j);
            double expected = 1 / (1 + Math.Exp(-zj));
            double scalar = double.CreateChecked(Activation.Sigmoid.Value(T.CreateChecked(zj)));
            foreach (var (value, what) in new[] { (a.At(0, j), "Forward"), (scalar, "Value") })
            {
                Assert.True(double.IsFinite(value), $"{typeof(T).Name} sigmoid {what}({zj}) = {value}");
                Assert.InRange(value, 0, 1);
                Assertions.Close(expected, value, 4 * TestData.Epsilon<T>() * Math.Max(expected, 1e-30) + 1e-300, $"{typeof(T).Name} sigmoid {what}({zj})");
            }
        }

        // The backward pass at saturation gives 0, not NaN.
        var d = new Matrix<T>(1, z.Columns);
        Activation.Sigmoid.Backward(z, a, Matrix<T>.Filled(1, z.Columns, T.One), d);
        Assert.True(d.IsFinite());
    }

    private static void CheckTanh<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var z = Row<T>(Extremes, repeat: 5);
        var a = new Matrix<T>(1, z.Columns);
        Activation.Tanh.Forward(z, a);

        for (int j = 0; j < z.Columns; j++)
        {
            double zj = z.At(0, j);
            Assert.True(double.IsFinite(a.At(0, j)), $"{typeof(T).Name} tanh({zj}) = {a.At(0, j)}");
            Assertions.Close(Math.Tanh(zj), a.At(0, j), 4 * TestData.Epsilon<T>(), $"{typeof(T).Name} tanh({zj})");
        }
    }

    private static void CheckSoftmax<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[,] logits =
        {
            { 1000, 0, -1000 },
            { -1000, -1000, -1000 },
            { 1e30, 1e30, -1e30 },
            { -1e30, 0, 1e30 },
            { 1000, 1000 - Math.Log(3), -1e30 },
            { 88, 89, 90 },
        };
        double[,] expected =
        {
            { 1, 0, 0 },
            { 1.0 / 3, 1.0 / 3, 1.0 / 3 },
            { 0.5, 0.5, 0 },
            { 0, 0, 1 },
            { 0.75, 0.25, 0 },
            { Math.Exp(-2) / (1 + Math.Exp(-1) + Math.Exp(-2)), Math.Exp(-1) / (1 + Math.Exp(-1) + Math.Exp(-2)), 1 / (1 + Math.Exp(-1) + Math.Exp(-2)) },
        };

        var z = TestData.From<T>(logits);
        var a = new Matrix<T>(z.Rows, z.Columns);
        Activation.Softmax.Forward(z, a);

        Assert.True(a.IsFinite(), a.ToString());
        double tolerance = typeof(T) == typeof(float) ? 1e-4 : 1e-12; // 1000 − log 3 is rounded in float
        for (int i = 0; i < z.Rows; i++)
        {
            double sum = 0;
            for (int j = 0; j < z.Columns; j++)
            {
                Assertions.Close(expected[i, j], a.At(i, j), tolerance, $"{typeof(T).Name} softmax[{i},{j}]");
                sum += a.At(i, j);
            }

            Assertions.Close(1, sum, 4 * TestData.Epsilon<T>(), $"{typeof(T).Name} softmax row {i} sum");
        }

        var d = new Matrix<T>(z.Rows, z.Columns);
        Activation.Softmax.Backward(z, a, Matrix<T>.Filled(z.Rows, z.Columns, T.One), d);
        Assert.True(d.IsFinite());
    }

    private static Matrix<T> Row<T>(double[] values, int repeat)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = new Matrix<T>(1, values.Length * repeat);
        for (int j = 0; j < m.Columns; j++)
        {
            m[0, j] = T.CreateChecked(values[j % values.Length]);
        }

        return m;
    }
}
