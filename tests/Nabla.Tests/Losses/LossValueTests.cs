using Nabla.Losses;
using Nabla.Tensors;
using Nabla.Tests.TestSupport;

namespace Nabla.Tests.Losses;

/// <summary>Loss values computed by hand for a 2-sample, 2-output batch, with both reductions.</summary>
public class LossValueTests
{
    // Two samples, two outputs.
    private static readonly Matrix<double> Predicted = Matrix<double>.FromArray(new double[,] { { 0.2, 0.8 }, { 0.6, 0.4 } });
    private static readonly Matrix<double> Target = Matrix<double>.FromArray(new double[,] { { 0, 1 }, { 1, 0 } });

    [Fact]
    public void Half_squared_error()
    {
        // ½[(0.2² + 0.2²) + (0.4² + 0.4²)] = ½(0.08 + 0.32) = 0.2 summed, 0.1 averaged over 2 samples.
        Assertions.Close(0.2, new HalfSquaredErrorLoss(Reduction.Sum).Value(Predicted, Target), 1e-15);
        Assertions.Close(0.1, new HalfSquaredErrorLoss(Reduction.Mean).Value(Predicted, Target), 1e-15);
        Assertions.Close(0.1, new HalfSquaredErrorLoss().Value(Predicted, Target), 1e-15);
    }

    [Fact]
    public void Mean_squared_error_averages_over_outputs_too()
    {
        // Per sample (1/2)Σ_j e²: 0.04 and 0.16; sum 0.2, mean 0.1 (= mean over all 4 entries).
        Assertions.Close(0.2, new MeanSquaredErrorLoss(Reduction.Sum).Value(Predicted, Target), 1e-15);
        Assertions.Close(0.1, new MeanSquaredErrorLoss(Reduction.Mean).Value(Predicted, Target), 1e-15);
    }

    [Fact]
    public void Binary_cross_entropy()
    {
        // −[y log a + (1 − y) log(1 − a)] per entry: −log 0.8 twice for sample 1, −log 0.6 twice for sample 2.
        double sum = -2 * Math.Log(0.8) - 2 * Math.Log(0.6);
        Assertions.Close(sum, new BinaryCrossEntropyLoss(Reduction.Sum).Value(Predicted, Target), 1e-15);
        Assertions.Close(sum / 2, new BinaryCrossEntropyLoss(Reduction.Mean).Value(Predicted, Target), 1e-15);
    }

    [Fact]
    public void Binary_cross_entropy_with_soft_targets()
    {
        var a = Matrix<double>.FromArray(new double[,] { { 0.3 } });
        var y = Matrix<double>.FromArray(new double[,] { { 0.25 } });
        double expected = -(0.25 * Math.Log(0.3) + 0.75 * Math.Log(0.7));
        Assertions.Close(expected, new BinaryCrossEntropyLoss().Value(a, y), 1e-15);
    }

    [Fact]
    public void Categorical_cross_entropy()
    {
        // −Σ_j y_j log a_j: −log 0.8 for sample 1, −log 0.6 for sample 2.
        double sum = -Math.Log(0.8) - Math.Log(0.6);
        Assertions.Close(sum, new CategoricalCrossEntropyLoss(Reduction.Sum).Value(Predicted, Target), 1e-15);
        Assertions.Close(sum / 2, new CategoricalCrossEntropyLoss(Reduction.Mean).Value(Predicted, Target), 1e-15);
    }

    [Fact]
    public void Float_values_agree_with_double()
    {
        var pf = TestData.From<float>(Predicted.ToArray());
        var yf = TestData.From<float>(Target.ToArray());
        foreach (string name in Loss.Names)
        {
            var loss = Loss.Parse(name);
            Assertions.Close(loss.Value(Predicted, Target), loss.Value(pf, yf), 1e-6, name);
        }
    }

    [Fact]
    public void A_perfect_prediction_costs_nothing()
    {
        var y = Matrix<double>.FromArray(new double[,] { { 0, 1, 0 }, { 1, 0, 0 } });
        foreach (string name in Loss.Names)
        {
            Assert.Equal(0.0, Loss.Parse(name).Value(y, y));
        }
    }

    [Fact]
    public void A_probability_of_zero_gives_a_large_finite_loss()
    {
        var a = Matrix<double>.FromArray(new double[,] { { 0, 1 } });
        var y = Matrix<double>.FromArray(new double[,] { { 1, 0 } });

        double bce = new BinaryCrossEntropyLoss().Value(a, y);
        double cce = new CategoricalCrossEntropyLoss().Value(a, y);

        Assert.True(double.IsFinite(bce) && bce > 1000, $"BCE {bce}");
        Assert.True(double.IsFinite(cce) && cce > 700, $"CE {cce}");
        var g = new Matrix<double>(1, 2);
        new BinaryCrossEntropyLoss().Gradient(a, y, g);
        Assert.True(g.IsFinite());
        new CategoricalCrossEntropyLoss().Gradient(a, y, g);
        Assert.True(g.IsFinite());
    }

    [Fact]
    public void Empty_batches_cost_nothing()
    {
        foreach (string name in Loss.Names)
        {
            Assert.Equal(0.0, Loss.Parse(name).Value(new Matrix<double>(0, 3), new Matrix<double>(0, 3)));
        }
    }

    [Fact]
    public void Parse_reads_names_aliases_and_the_reduction()
    {
        foreach (string name in Loss.Names)
        {
            var loss = Loss.Parse(name, Reduction.Sum);
            Assert.Equal(name, loss.Name);
            Assert.Equal(Reduction.Sum, loss.Reduction);
            Assert.Equal(name, Loss.Parse(loss.Name).Name);
        }

        Assert.IsType<HalfSquaredErrorLoss>(Loss.Parse("squared-error"));
        Assert.IsType<MeanSquaredErrorLoss>(Loss.Parse(" MSE "));
        Assert.IsType<BinaryCrossEntropyLoss>(Loss.Parse("bce"));
        Assert.IsType<CategoricalCrossEntropyLoss>(Loss.Parse("categorical-cross-entropy"));
        Assert.Equal(Reduction.Mean, Loss.Parse("mse").Reduction);
        Assert.Equal("log-loss (sum over samples)", Loss.Parse("log-loss", Reduction.Sum).ToString());
    }

    [Fact]
    public void Parse_rejects_unknown_names_listing_the_valid_ones()
    {
        var e = Assert.Throws<FormatException>(() => Loss.Parse("hinge"));
        Assert.Contains("'hinge'", e.Message);
        foreach (string name in Loss.Names)
        {
            Assert.Contains(name, e.Message);
        }
    }

    [Fact]
    public void Undefined_reductions_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MeanSquaredErrorLoss((Reduction)7));
    }

    [Fact]
    public void Shape_mismatch_names_both_shapes()
    {
        var a = new Matrix<double>(2, 3);
        var b = new Matrix<double>(3, 2);
        foreach (string name in Loss.Names)
        {
            var loss = Loss.Parse(name);
            var e = Assert.Throws<ArgumentException>(() => loss.Value(a, b));
            Assert.Contains("2×3", e.Message);
            Assert.Contains("3×2", e.Message);

            e = Assert.Throws<ArgumentException>(() => loss.Gradient(a, a, b));
            Assert.Contains("2×3", e.Message);
            Assert.Contains("3×2", e.Message);

            e = Assert.Throws<ArgumentException>(() => loss.OutputDelta(a, a, a, Nabla.Activations.Activation.Sigmoid, b));
            Assert.Contains("3×2", e.Message);

            e = Assert.Throws<ArgumentException>(() => loss.Value(b, a, a, Nabla.Activations.Activation.Sigmoid));
            Assert.Contains("3×2", e.Message);
        }
    }
}
