using Nabla.Activations;
using Nabla.Losses;
using Nabla.Tensors;

namespace Nabla.Tests.Losses;

/// <summary>The fused output errors are the exact derivatives of the values the losses report, for any target row.</summary>
public sealed class FusedDeltaTests
{
    [Theory]
    [InlineData(new[] { 1.0, 1.0, 0.0 }, new[] { -1.0 / 3, -1.0 / 3, 2.0 / 3 })]
    [InlineData(new[] { 0.0, 0.0, 0.0 }, new[] { 0.0, 0.0, 0.0 })]
    [InlineData(new[] { 0.0, 1.0, 0.0 }, new[] { 1.0 / 3, -2.0 / 3, 1.0 / 3 })]
    public void Softmax_cross_entropy_delta_is_the_derivative_of_its_value_for_rows_not_summing_to_one(double[] y, double[] expected)
    {
        var z = Matrix<double>.RowVector([0.0, 0.0, 0.0]); // a 1 → 3 softmax layer at zero weights
        var a = new Matrix<double>(1, 3);
        Activation.Softmax.Forward(z, a);
        var delta = new Matrix<double>(1, 3);
        new CategoricalCrossEntropyLoss().OutputDelta(z, a, Matrix<double>.RowVector(y), Activation.Softmax, delta);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(expected[j], delta[0, j], 12);
        }
    }

    [Fact]
    public void Softmax_cross_entropy_delta_matches_a_numerical_derivative_on_random_rows()
    {
        var random = new Random(4);
        for (int trial = 0; trial < 50; trial++)
        {
            int width = random.Next(2, 6);
            var z = Matrix<double>.RowVector([.. Enumerable.Range(0, width).Select(_ => random.NextDouble() * 6 - 3)]);
            var y = Matrix<double>.RowVector([.. Enumerable.Range(0, width).Select(_ => random.NextDouble() * 2)]); // any non-negative row
            AssertDeltaIsTheDerivative(new CategoricalCrossEntropyLoss(), z, y);
        }
    }

    [Fact]
    public void Log_loss_after_a_saturated_softmax_is_exact_in_double()
    {
        // W = [[20], [−20]], x = [[1]], y = [[0, 1]]: before, the loss read 748.4 and δ = [0, −1.9e290].
        var z = Matrix<double>.RowVector([20.0, -20.0]);
        var a = new Matrix<double>(1, 2);
        Activation.Softmax.Forward(z, a);
        var y = Matrix<double>.RowVector([0.0, 1.0]);
        var loss = new BinaryCrossEntropyLoss();
        Assert.Equal(80, loss.Value(z, a, y, Activation.Softmax), 10);
        var delta = new Matrix<double>(1, 2);
        loss.OutputDelta(z, a, y, Activation.Softmax, delta);
        Assert.Equal(2, delta[0, 0], 12);
        Assert.Equal(-2, delta[0, 1], 12);
    }

    [Fact]
    public void Log_loss_after_a_saturated_softmax_is_exact_in_float()
    {
        var z = Matrix<float>.RowVector([10f, -10f]);
        var a = new Matrix<float>(1, 2);
        Activation.Softmax.Forward(z, a);
        var y = Matrix<float>.RowVector([0f, 1f]);
        var delta = new Matrix<float>(1, 2);
        new BinaryCrossEntropyLoss().OutputDelta(z, a, y, Activation.Softmax, delta);
        Assert.Equal(2f, delta[0, 0], 5);
        Assert.Equal(-2f, delta[0, 1], 5);
    }

    [Fact]
    public void Log_loss_after_softmax_delta_matches_a_numerical_derivative()
    {
        var random = new Random(9);
        var loss = new BinaryCrossEntropyLoss();
        for (int trial = 0; trial < 50; trial++)
        {
            int width = random.Next(2, 6);
            var z = Matrix<double>.RowVector([.. Enumerable.Range(0, width).Select(_ => random.NextDouble() * 6 - 3)]);
            var y = Matrix<double>.RowVector([.. Enumerable.Range(0, width).Select(_ => random.NextDouble())]);
            var a = AssertDeltaIsTheDerivative(loss, z, y);

            // And the value equals the direct formula where nothing saturates.
            double direct = 0;
            for (int j = 0; j < width; j++)
            {
                direct -= y[0, j] * Math.Log(a[0, j]) + (1 - y[0, j]) * Math.Log(1 - a[0, j]);
            }

            Assert.Equal(direct, loss.Value(z, a, y, Activation.Softmax), 10);
        }
    }

    // δ of one row after a softmax output against the central difference of the loss's value; returns the outputs a.
    private static Matrix<double> AssertDeltaIsTheDerivative(Loss loss, Matrix<double> z, Matrix<double> y)
    {
        int width = z.Columns;
        var a = new Matrix<double>(1, width);
        Activation.Softmax.Forward(z, a);
        var delta = new Matrix<double>(1, width);
        loss.OutputDelta(z, a, y, Activation.Softmax, delta);
        for (int j = 0; j < width; j++)
        {
            double Value(double shift)
            {
                var zs = z.Clone();
                zs[0, j] += shift;
                var s = new Matrix<double>(1, width);
                Activation.Softmax.Forward(zs, s);
                return loss.Value(zs, s, y, Activation.Softmax);
            }

            const double h = 1e-6;
            Assert.Equal((Value(h) - Value(-h)) / (2 * h), delta[0, j], 6);
        }

        return a;
    }
}
