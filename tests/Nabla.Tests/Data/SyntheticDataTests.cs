using Nabla.Bayes;
using Nabla.Data;
using Nabla.Neurons;
using Nabla.Tensors;

namespace Nabla.Tests.Data;

public class SyntheticDataTests
{
    [Fact]
    public void Same_seed_same_data_and_another_seed_other_data()
    {
        var a = SyntheticData.Moons(100, 0.1, seed: 4);
        var b = SyntheticData.Moons(100, 0.1, seed: 4);
        var c = SyntheticData.Moons(100, 0.1, seed: 5);
        Assert.Equal(a.Features, b.Features);
        Assert.Equal(a.Labels, b.Labels);
        Assert.NotEqual(a.Features, c.Features);
    }

    [Fact]
    public void Gaussian_classes_have_the_sizes_labels_and_moments_asked_for()
    {
        var data = SyntheticData.GaussianClasses([[1, 2], [0, 0]], [1, Math.Sqrt(2)], [3000, 6000], seed: 1);
        Assert.Equal(9000, data.Count);
        Assert.Equal(2, data.ClassCount);
        Assert.Equal(3000, data.Labels.Count(l => l == 0));
        Assert.All(data.Labels.Take(3000), l => Assert.Equal(0, l));

        var b = GaussianDensity.Fit(data.Features.SelectRows([.. Enumerable.Range(3000, 6000)]));

        // SE of the mean √(2/6000) ≈ 0.018 and of a variance √(2·2²/6000) ≈ 0.037; 5 SE margins.
        Assert.Equal(0, b.Mean[0], 0.09);
        Assert.Equal(0, b.Mean[1], 0.09);
        Assert.Equal(2, b.Covariance[0, 0], 0.19);
        Assert.Equal(2, b.Covariance[1, 1], 0.19);
    }

    [Fact]
    public void Gaussian_classes_with_full_covariances()
    {
        var sigma = Matrix<double>.FromArray(new double[,] { { 1, 0.9 }, { 0.9, 1 } });
        var data = SyntheticData.GaussianClasses([[0, 0], [5, 5]], [sigma, Matrix<double>.Identity(2)], [5000, 10], seed: 2);
        var a = GaussianDensity.Fit(data.Features.SelectRows([.. Enumerable.Range(0, 5000)]));

        // SE of a covariance ≈ √((1 + 0.81)/5000) ≈ 0.019; 5 SE.
        Assert.Equal(0.9, a.Covariance[0, 1], 0.095);
    }

    [Fact]
    public void Disk_points_are_inside_their_disks()
    {
        var data = SyntheticData.UniformDisks([[1, 2], [0, 0]], [Math.Sqrt(2), 2], [500, 700], seed: 3);
        var disks = new[] { new UniformBallDensity([1, 2], Math.Sqrt(2)), new UniformBallDensity([0, 0], 2) };
        for (int i = 0; i < data.Count; i++)
        {
            Assert.True(disks[data.Labels[i]].Contains(data.Features.Row(i)));
        }
    }

    [Fact]
    public void Noise_free_shapes_lie_on_their_curves()
    {
        var xor = SyntheticData.Xor(8, 0, seed: 0);
        Assert.Equal([0.0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1], xor.Features.AsReadOnlySpan().ToArray());
        Assert.Equal([0, 1, 1, 0, 0, 1, 1, 0], xor.Labels);

        var moons = SyntheticData.Moons(101, 0, seed: 0);
        for (int i = 0; i < moons.Count; i++)
        {
            double x = moons.Features[i, 0], y = moons.Features[i, 1];
            double r = moons.Labels[i] == 0 ? Math.Sqrt(x * x + y * y) : Math.Sqrt((x - 1) * (x - 1) + (y - 0.5) * (y - 0.5));
            Assert.Equal(1, r, 12);
            Assert.True(moons.Labels[i] == 0 ? y >= -1e-12 : y <= 0.5 + 1e-12);
        }

        var circles = SyntheticData.Circles(100, 0, 0.3, seed: 0);
        for (int i = 0; i < circles.Count; i++)
        {
            double r = Math.Sqrt(circles.Features[i, 0] * circles.Features[i, 0] + circles.Features[i, 1] * circles.Features[i, 1]);
            Assert.Equal(circles.Labels[i] == 0 ? 1 : 0.3, r, 12);
        }

        var spirals = SyntheticData.Spirals(40, 0, 1.5, seed: 0);
        Assert.Equal(20, spirals.Labels.Count(l => l == 1));
        // The last point of class 0 has s = 1 and θ = 2π·1.5 = 3π: (−1, 0); class 1 is turned by π: (1, 0).
        Assert.Equal(-1, spirals.Features[19, 0], 12);
        Assert.Equal(0, spirals.Features[19, 1], 12);
        Assert.Equal(1, spirals.Features[39, 0], 12);
    }

    [Fact]
    public void Separable_blobs_keep_the_margin_and_the_perceptron_meets_the_bound()
    {
        double[] normal = [1, -2];
        const double offset = 0.5, margin = 0.4;
        var data = SyntheticData.SeparableBlobs(400, normal, offset, margin, seed: 6);
        double norm = Math.Sqrt(5);
        double r = 0, gamma = double.MaxValue;
        for (int i = 0; i < data.Count; i++)
        {
            double x1 = data.Features[i, 0], x2 = data.Features[i, 1];
            double side = data.Labels[i] == 1 ? 1 : -1;
            gamma = Math.Min(gamma, side * (normal[0] * x1 + normal[1] * x2 + offset) / Math.Sqrt(norm * norm + offset * offset));
            Assert.True(side * (normal[0] * x1 + normal[1] * x2 + offset) / norm >= margin);
            r = Math.Max(r, Math.Sqrt(1 + x1 * x1 + x2 * x2));
        }

        // γ is the margin of the augmented separator [b, w] / ‖[b, w]‖ over augmented points [1, x].
        var p = new Perceptron<double, int>().Fit(data.Features, data.Labels);
        Assert.True(p.Converged);
        Assert.True(p.Updates <= r * r / (gamma * gamma), $"{p.Updates} updates, bound {r * r / (gamma * gamma)}");
        Assert.Equal(200, data.Labels.Count(l => l == 1));
    }

    [Fact]
    public void Shuffled_keeps_rows_and_labels_together()
    {
        var data = SyntheticData.Xor(40, 0, seed: 0);
        var shuffled = data.Shuffled(3);
        Assert.NotEqual(data.Labels, shuffled.Labels);
        for (int i = 0; i < shuffled.Count; i++)
        {
            int a = (int)shuffled.Features[i, 0], b = (int)shuffled.Features[i, 1];
            Assert.Equal(a ^ b, shuffled.Labels[i]);
        }

        Assert.Equal(data.FeaturesAs<float>()[3, 1], (float)data.Features[3, 1]);
    }

    [Fact]
    public void Bad_arguments_say_what_is_wrong()
    {
        Assert.Contains("one class size per class", Assert.Throws<ArgumentException>(() => SyntheticData.GaussianClasses([[0, 0], [1, 1]], [1, 1], [10], 0)).Message);
        Assert.Contains("2 classes but 1 standard deviations", Assert.Throws<ArgumentException>(() => SyntheticData.GaussianClasses([[0, 0], [1, 1]], [1], [10, 10], 0)).Message);
        Assert.Contains("at least one point", Assert.Throws<ArgumentException>(() => SyntheticData.UniformDisks([[0, 0], [1, 1]], [1, 1], [10, 0], 0)).Message);
        Assert.Contains("at least two classes", Assert.Throws<ArgumentException>(() => SyntheticData.UniformDisks([[0, 0]], [1], [10], 0)).Message);
        Assert.Contains("0 or more", Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.Moons(100, -0.1, 0)).Message);
        Assert.Contains("between 0 and 1", Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.Circles(100, 0, 1.5, 0)).Message);
        Assert.Contains("at least 4 points", Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.Xor(3, 0, 0)).Message);
        Assert.Contains("non-zero", Assert.Throws<ArgumentException>(() => SyntheticData.SeparableBlobs(10, [0, 0], 0, 0.1, 0)).Message);
    }

    [Fact]
    public void Above_below_labels_each_noiseless_point_by_its_side_of_the_curve()
    {
        var data = SyntheticData.AboveBelow(Math.Sin, 500, noise: 0, seed: 2);
        Assert.Equal(500, data.Count);
        for (int i = 0; i < data.Count; i++)
        {
            double a = data.Features[i, 0], b = data.Features[i, 1];
            Assert.InRange(a, -1, 1);
            Assert.InRange(b, -1, 1);
            Assert.Equal(b > Math.Sin(a) ? 1 : 0, data.Labels[i]);
        }

        // Both classes are there, roughly as the areas above and below sin on the square (half each).
        Assert.InRange(data.Labels.Count(l => l == 1), 200, 300);
        var noisy = SyntheticData.AboveBelow(Math.Sin, 500, noise: 0.1, seed: 2);
        Assert.Equal(data.Labels, noisy.Labels);
        Assert.NotEqual(data.Features, noisy.Features);
    }

    [Fact]
    public void Above_below_refuses_a_curve_with_no_finite_value()
    {
        var e = Assert.Throws<ArgumentException>(() => SyntheticData.AboveBelow(x => 1 / (x - x), 10, 0, seed: 1));
        Assert.Contains("finite numbers on [-1, 1]", e.Message, StringComparison.Ordinal);
    }
}
