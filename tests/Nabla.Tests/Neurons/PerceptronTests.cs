using Nabla.Neurons;
using Nabla.Sampling;
using Nabla.Tensors;

namespace Nabla.Tests.Neurons;

public class PerceptronTests
{
    [Fact]
    public void First_epochs_follow_the_reports_rule_by_hand()
    {
        // x(n) = [+1, x], w(0) = 0, y = sgn(wᵀx) with sgn(0) = +1, w(n+1) = w(n) + η[d − y]x, η = 1; label 1 is d = +1.
        // Epoch 1: (2,1): wᵀx = 0 → y = +1 = d. (1,3): y = +1 ≠ −1 → w = −2·[1,1,3] = (−2,−2,−6).
        // Epoch 2: (2,1): −2−4−6 = −12 → y = −1 ≠ +1 → w += 2·[1,2,1] = (0,2,−4). (1,3): 0+2−12 < 0 = d.
        // Epoch 3: (2,1): 0+4−4 = 0 → +1 ✓; (1,3): −10 ✓. Converged with errors 1, 1, 0.
        double[][] x = [[2, 1], [1, 3]];
        int[] y = [1, -1];
        var p = new Perceptron<double, int>().Fit(x, y);
        Assert.Equal([0.0, 2.0, -4.0], p.Weights.Row(0).ToArray());
        Assert.Equal([1, 1, 0], p.ErrorsPerEpoch);
        Assert.True(p.Converged);
        Assert.Equal(2, p.Updates);
        Assert.Equal(3, p.Epochs);
        Assert.Equal(y, p.Predict(x));
    }

    [Fact]
    public void Averaged_variant_keeps_the_mean_weight_over_every_presentation()
    {
        // Same run as above: after each of the 6 presentations w is 0, (−2,−2,−6), then (0,2,−4) four times.
        double[][] x = [[2, 1], [1, 3]];
        var p = new Perceptron<double, int>(new PerceptronOptions { Variant = PerceptronVariant.Averaged }).Fit(x, [1, -1]);
        var w = p.Weights.Row(0).ToArray();
        Assert.Equal(-1.0 / 3, w[0], 14);
        Assert.Equal(1.0, w[1], 14);
        Assert.Equal(-11.0 / 3, w[2], 14);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void Converges_on_separable_data_within_the_convergence_theorem_bound(int seed, bool shuffle)
    {
        // A known separator w* in the augmented space [+1, x1, x2] and points kept only at distance ≥ 0.3 from it.
        double[] wStar = [0.5, 1.0, -2.0];
        var (x, d) = SeparableData(seed, 300, wStar, 0.3);
        var p = new Perceptron<double, int>(new PerceptronOptions { Shuffle = shuffle, Seed = seed }).Fit(x, d);

        // Novikoff: with w(0) = 0 the number of updates k ≤ (R/γ)², R = max ‖x̃‖, γ = min d·w*ᵀx̃ / ‖w*‖ (x̃ augmented).
        double norm = Math.Sqrt(wStar.Sum(v => v * v));
        double r = 0, gamma = double.MaxValue;
        for (int i = 0; i < x.Rows; i++)
        {
            double[] xa = [1, x[i, 0], x[i, 1]];
            r = Math.Max(r, Math.Sqrt(xa.Sum(v => v * v)));
            gamma = Math.Min(gamma, d[i] * (wStar[0] + wStar[1] * xa[1] + wStar[2] * xa[2]) / norm);
        }

        Assert.True(p.Converged);
        Assert.InRange(p.Updates, 1, (int)Math.Floor(r * r / (gamma * gamma)));
        Assert.Equal(p.Updates, p.ErrorsPerEpoch.Sum());
        Assert.Equal(0, p.ErrorsPerEpoch[^1]);
        Assert.All(p.ErrorsPerEpoch.Take(p.Epochs - 1), e => Assert.True(e > 0));
        Assert.Equal(1.0, p.Score(x, d));
    }

    [Fact]
    public void Learning_rate_only_scales_the_weights_when_starting_from_zero()
    {
        // w(0) = 0 makes every w(n) proportional to η, so the decisions and the update count do not depend on it
        // (powers of two keep the scaling exact in floating point).
        var (x, d) = SeparableData(7, 200, [0.5, 1.0, -2.0], 0.2);
        var a = new Perceptron<double, int>(new PerceptronOptions { LearningRate = 0.5 }).Fit(x, d);
        var b = new Perceptron<double, int>(new PerceptronOptions { LearningRate = 4 }).Fit(x, d);
        Assert.Equal(a.Updates, b.Updates);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(a.Weights[0, j] * 8, b.Weights[0, j]);
        }
    }

    [Fact]
    public void Xor_never_converges_and_reports_every_epoch()
    {
        double[][] x = [[0, 0], [0, 1], [1, 0], [1, 1]];
        int[] y = [0, 1, 1, 0];
        var p = new Perceptron<double, int>(new PerceptronOptions { MaxEpochs = 50 }).Fit(x, y);
        Assert.False(p.Converged);
        Assert.Equal(50, p.Epochs);
        Assert.All(p.ErrorsPerEpoch, e => Assert.True(e > 0));
        Assert.True(p.Score(x, y) < 1.0);
    }

    [Fact]
    public void Pocket_keeps_no_more_training_errors_than_the_last_weights()
    {
        // Overlapping Gaussian classes: not separable. Same seed, same presentation order, so the standard run's final
        // weights are among the end-of-epoch weights the pocket compared.
        var random = new Random(11);
        var rows = new double[400][];
        var labels = new int[400];
        for (int i = 0; i < rows.Length; i++)
        {
            labels[i] = i % 2;
            rows[i] = [random.NextGaussian() + labels[i], random.NextGaussian() + 2 * labels[i]];
        }

        var x = Matrix<double>.FromRows(rows);
        var standard = new Perceptron<double, int>(new PerceptronOptions { MaxEpochs = 30, Shuffle = true, Seed = 3, Variant = PerceptronVariant.Standard }).Fit(x, labels);
        var pocket = new Perceptron<double, int>(new PerceptronOptions { MaxEpochs = 30, Shuffle = true, Seed = 3, Variant = PerceptronVariant.Pocket }).Fit(x, labels);
        Assert.False(standard.Converged);
        Assert.Equal(standard.ErrorsPerEpoch, pocket.ErrorsPerEpoch);
        Assert.True(pocket.Score(x, labels) >= standard.Score(x, labels));
        Assert.True(pocket.Score(x, labels) > 0.8);
    }

    [Fact]
    public void Three_classes_one_vs_rest()
    {
        var random = new Random(5);
        double[][] centres = [[0, 0], [6, 0], [0, 6]];
        var rows = new List<double[]>();
        var labels = new List<string>();
        string[] names = ["cat", "dog", "eel"];
        for (int i = 0; i < 150; i++)
        {
            int k = i % 3;
            rows.Add([centres[k][0] + 0.5 * random.NextGaussian(), centres[k][1] + 0.5 * random.NextGaussian()]);
            labels.Add(names[k]);
        }

        var p = new Perceptron<double, string>().Fit(rows.ToArray(), labels);
        Assert.Equal(names, p.Classes);
        Assert.Equal(3, p.Weights.Rows);
        Assert.True(p.Converged);
        Assert.Equal(1.0, p.Score(rows.ToArray(), labels));
        Assert.Equal(["cat", "dog", "eel"], p.Predict(new double[,] { { 0, 0 }, { 6, 0 }, { 0, 6 } }));
    }

    [Fact]
    public void Restored_perceptron_predicts_as_the_fitted_one()
    {
        var (x, d) = SeparableData(2, 100, [0.5, 1.0, -2.0], 0.2);
        var p = new Perceptron<double, int>().Fit(x, d);
        var restored = Perceptron<double, int>.Restore(p.Options, p.Classes, p.Weights, [[.. p.ErrorsPerEpoch]], [p.Converged]);
        Assert.Equal(p.Predict(x), restored.Predict(x));
        Assert.Equal(p.Updates, restored.Updates);
        Assert.True(restored.Converged);
        Assert.Throws<ArgumentException>(() => Perceptron<double, int>.Restore(p.Options, p.Classes, new Matrix<double>(2, 3)));
    }

    [Fact]
    public void Float_perceptron_learns_the_same_separable_problem()
    {
        var (x, d) = SeparableData(3, 100, [0.5, 1.0, -2.0], 0.3);
        var xf = new Matrix<float>(x.Rows, x.Columns, [.. x.AsReadOnlySpan().ToArray().Select(v => (float)v)]);
        var p = new Perceptron<float, int>().Fit(xf, d);
        Assert.True(p.Converged);
        Assert.Equal(1.0, p.Score(xf, d));
    }

    internal static (Matrix<double> X, int[] Labels) SeparableData(int seed, int n, double[] wStar, double margin)
    {
        var random = new Random(seed);
        double norm = Math.Sqrt(wStar.Sum(v => v * v));
        var rows = new List<double[]>();
        var labels = new List<int>();
        while (rows.Count < n)
        {
            double x1 = 3 * random.NextGaussian(), x2 = 3 * random.NextGaussian();
            double distance = (wStar[0] + wStar[1] * x1 + wStar[2] * x2) / norm;
            if (Math.Abs(distance) >= margin)
            {
                rows.Add([x1, x2]);
                labels.Add(distance > 0 ? 1 : -1);
            }
        }

        return (Matrix<double>.FromRows(rows), [.. labels]);
    }
}
