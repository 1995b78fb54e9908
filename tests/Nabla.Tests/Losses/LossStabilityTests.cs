using System.Numerics;
using Nabla.Activations;
using Nabla.Losses;
using Nabla.Tensors;
using Nabla.Tests.TestSupport;

namespace Nabla.Tests.Losses;

/// <summary>The log-losses computed from logits stay finite and exact at saturated outputs.</summary>
public class LossStabilityTests
{
    [Theory]
    [InlineData(1000, 0, 1000)]
    [InlineData(-1000, 1, 1000)]
    [InlineData(1000, 1, 0)]
    [InlineData(-1000, 0, 0)]
    [InlineData(40, 0, 40)]
    [InlineData(0, 1, 0.69314718055994531)]
    [InlineData(0, 0.5, 0.69314718055994531)]
    [InlineData(1e30, 0, 1e30)]
    public void Log_loss_from_logits(double z, double y, double expected)
    {
        CheckLogLoss<double>(z, y, expected);
        CheckLogLoss<float>(z, y, expected);
    }

    [Fact]
    public void Cross_entropy_from_logits_double() => CheckCrossEntropy<double>();

    [Fact]
    public void Cross_entropy_from_logits_float() => CheckCrossEntropy<float>();

    [Fact]
    public void Log_loss_from_logits_matches_the_probability_form_where_that_is_accurate()
    {
        var random = new Random(31);
        var loss = new BinaryCrossEntropyLoss(Reduction.Sum);
        var z = TestData.Uniform<double>(random, 4, 5, scale: 10);
        var y = TestData.UniformBetween(random, 4, 5, 0, 1);
        var a = new Matrix<double>(4, 5);
        Activation.Sigmoid.Forward(z, a);

        Assertions.Close(loss.Value(a, y), loss.Value(z, a, y, Activation.Sigmoid), 1e-10);
    }

    private static void CheckLogLoss<T>(double zValue, double yValue, double expected)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var z = TestData.From<T>(new[,] { { zValue } });
        var y = TestData.From<T>(new[,] { { yValue } });
        var a = new Matrix<T>(1, 1);
        Activation.Sigmoid.Forward(z, a);
        var loss = new BinaryCrossEntropyLoss();

        double value = double.CreateChecked(loss.Value(z, a, y, Activation.Sigmoid));
        Assertions.Close(expected, value, 4 * TestData.Epsilon<T>() * Math.Max(1, expected), $"{typeof(T).Name} log-loss(z={zValue}, y={yValue})");

        var delta = new Matrix<T>(1, 1);
        loss.OutputDelta(z, a, y, Activation.Sigmoid, delta);
        Assert.True(delta.IsFinite());
        Assertions.Close(1 / (1 + Math.Exp(-zValue)) - yValue, delta.At(0, 0), 2 * TestData.Epsilon<T>());
    }

    private static void CheckCrossEntropy<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var z = TestData.From<T>(new double[,]
        {
            { 1000, 0, -1000 },
            { 1000, 0, -1000 },
            { 1000, 0, -1000 },
            { -1000, -1000, -1000 },
            { 1e30, -1e30, 0 },
        });
        var y = TestData.From<T>(new double[,]
        {
            { 0, 0, 1 },
            { 1, 0, 0 },
            { 0, 1, 0 },
            { 0, 1, 0 },
            { 0, 1, 0 },
        });
        double[] expected = [2000, 0, 1000, Math.Log(3), 2e30];
        var a = new Matrix<T>(z.Rows, z.Columns);
        Activation.Softmax.Forward(z, a);
        var loss = new CategoricalCrossEntropyLoss(Reduction.Sum);

        for (int i = 0; i < z.Rows; i++)
        {
            var zi = z.SelectRows([i]);
            var ai = a.SelectRows([i]);
            var yi = y.SelectRows([i]);
            double value = double.CreateChecked(loss.Value(zi, ai, yi, Activation.Softmax));
            Assertions.Close(expected[i], value, 4 * TestData.Epsilon<T>() * Math.Max(1, expected[i]), $"{typeof(T).Name} cross-entropy row {i}");
        }

        Assert.True(T.IsFinite(loss.Value(z, a, y, Activation.Softmax)));
        var delta = new Matrix<T>(z.Rows, z.Columns);
        loss.OutputDelta(z, a, y, Activation.Softmax, delta);
        Assert.True(delta.IsFinite());
    }
}
