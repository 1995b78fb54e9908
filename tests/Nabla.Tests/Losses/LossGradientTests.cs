using Nabla.Activations;
using Nabla.Losses;
using Nabla.Tensors;
using Nabla.Tests.TestSupport;

namespace Nabla.Tests.Losses;

/// <summary>∂L/∂a and δ^[L] = ∂L/∂z against central differences, and the fused forms against the unfused ones.</summary>
public class LossGradientTests
{
    public static TheoryData<string, Reduction> LossesAndReductions()
    {
        var data = new TheoryData<string, Reduction>();
        foreach (string name in Loss.Names)
        {
            data.Add(name, Reduction.Mean);
            data.Add(name, Reduction.Sum);
        }

        return data;
    }

    public static TheoryData<string, string, Reduction> OutputPairs()
    {
        var data = new TheoryData<string, string, Reduction>();
        (string Activation, string Loss)[] pairs =
        [
            ("identity", "half-squared-error"), ("identity", "mse"), ("sigmoid", "log-loss"), ("softmax", "cross-entropy"),
            ("tanh", "mse"), ("softmax", "half-squared-error"), ("sigmoid", "half-squared-error"), ("sigmoid", "mse"),
            ("linear(2,0.5)", "mse"), ("softmax", "mse"),
        ];
        foreach (var (activation, loss) in pairs)
        {
            data.Add(activation, loss, Reduction.Mean);
            data.Add(activation, loss, Reduction.Sum);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LossesAndReductions))]
    public void Gradient_matches_central_differences_of_Value(string name, Reduction reduction)
    {
        var loss = Loss.Parse(name, reduction);
        var random = new Random(21);
        foreach (var (rows, columns) in new[] { (1, 1), (1, 4), (3, 2), (5, 3), (7, 6) })
        {
            // Probabilities away from 0 and 1 so that the log-losses are smooth in a 1e-6 neighbourhood.
            var a = TestData.UniformBetween(random, rows, columns, 0.05, 0.95);
            var y = TestData.TargetsFor(name, random, rows, columns);
            var gradient = new Matrix<double>(rows, columns);

            loss.Gradient(a, y, gradient);

            var numeric = Numeric.Gradient(p => loss.Value(p, y), a);
            Assertions.Close(numeric, gradient, 1e-8, $"{loss} gradient {rows}×{columns}");
        }
    }

    [Theory]
    [InlineData("half-squared-error")]
    [InlineData("mse")]
    [InlineData("log-loss")]
    [InlineData("cross-entropy")]
    public void Mean_is_sum_divided_by_batch_size(string name)
    {
        var random = new Random(22);
        var a = TestData.UniformBetween(random, 6, 3, 0.05, 0.95);
        var y = TestData.TargetsFor(name, random, 6, 3);
        var (mean, sum) = (Loss.Parse(name, Reduction.Mean), Loss.Parse(name, Reduction.Sum));
        var (gm, gs) = (new Matrix<double>(6, 3), new Matrix<double>(6, 3));

        Assertions.Close(sum.Value(a, y) / 6, mean.Value(a, y), 1e-15);
        mean.Gradient(a, y, gm);
        sum.Gradient(a, y, gs);
        MatrixMath.Scale(gs, 1.0 / 6);
        Assertions.Close(gs, gm, 1e-15);
    }

    [Theory]
    [MemberData(nameof(OutputPairs))]
    public void Output_delta_matches_central_differences_of_the_loss_of_the_logits(string activation, string lossName, Reduction reduction)
    {
        var g = Activation.Parse(activation);
        var loss = Loss.Parse(lossName, reduction);
        var random = new Random(23);
        foreach (var (rows, columns) in new[] { (1, 1), (1, 3), (4, 2), (6, 5) })
        {
            if (g is SoftmaxActivation && columns == 1)
            {
                continue;
            }

            var z = TestData.Uniform<double>(random, rows, columns, scale: 3);
            var y = TestData.TargetsFor(lossName, random, rows, columns);
            var a = new Matrix<double>(rows, columns);
            g.Forward(z, a);
            var delta = new Matrix<double>(rows, columns);

            loss.OutputDelta(z, a, y, g, delta);

            var buffer = new Matrix<double>(rows, columns);
            var numeric = Numeric.Gradient(
                zz =>
                {
                    g.Forward(zz, buffer);
                    return loss.Value(zz, buffer, y, g);
                },
                z);
            Assertions.Close(numeric, delta, 1e-8, $"δ for {g} + {loss} {rows}×{columns}");
        }
    }

    [Theory]
    [MemberData(nameof(OutputPairs))]
    public void Fused_delta_and_value_equal_the_unfused_ones_where_both_are_finite(string activation, string lossName, Reduction reduction)
    {
        var g = Activation.Parse(activation);
        var loss = Loss.Parse(lossName, reduction);
        var random = new Random(24);
        int columns = g is SoftmaxActivation ? 4 : 3;
        var z = TestData.Uniform<double>(random, 5, columns, scale: 4);
        var y = TestData.TargetsFor(lossName, random, 5, columns);
        var a = new Matrix<double>(5, columns);
        g.Forward(z, a);

        var delta = new Matrix<double>(5, columns);
        loss.OutputDelta(z, a, y, g, delta);

        // Unfused: δ = ∂L/∂a ⊙ g'(z) through the activation's own backward pass.
        var unfused = new Matrix<double>(5, columns);
        loss.Gradient(a, y, unfused);
        g.Backward(z, a, unfused, unfused);

        Assert.Equal(lossName switch { "log-loss" => g is SigmoidActivation, "cross-entropy" => g is SoftmaxActivation, _ => false }, loss.IsFusedWith(g));
        Assertions.RelativelyClose(unfused, delta, 1e-12, $"{g} + {loss}");
        Assertions.Close(loss.Value(a, y), loss.Value(z, a, y, g), 1e-12, $"value of {g} + {loss}");
    }

    [Fact]
    public void Fused_deltas_are_a_minus_y_scaled_by_the_reduction()
    {
        var z = Matrix<double>.FromArray(new double[,] { { 0.5, -1, 2 }, { 3, 0, -2 } });
        var y = Matrix<double>.FromArray(new double[,] { { 0, 1, 0 }, { 1, 0, 0 } });
        foreach (var (g, name) in new (Activation, string)[] { (Activation.Sigmoid, "log-loss"), (Activation.Softmax, "cross-entropy") })
        {
            var a = new Matrix<double>(2, 3);
            g.Forward(z, a);
            var expected = new Matrix<double>(2, 3);
            MatrixMath.Subtract(a, y, expected);

            var delta = new Matrix<double>(2, 3);
            Loss.Parse(name, Reduction.Sum).OutputDelta(z, a, y, g, delta);
            Assert.True(expected.Equals(delta));

            Loss.Parse(name, Reduction.Mean).OutputDelta(z, a, y, g, delta);
            MatrixMath.Scale(expected, 0.5);
            Assertions.Close(expected, delta, 1e-16);
        }
    }
}
