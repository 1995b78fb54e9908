using Nabla.Bayes;
using Nabla.Sampling;
using Nabla.Tensors;

namespace Nabla.Tests.Bayes;

public class DensityTests
{
    [Fact]
    public void Gaussian_log_density_matches_the_formula_with_an_explicit_inverse()
    {
        // Σ = [[2, 0.6], [0.6, 1]]: det = 1.64, Σ⁻¹ = [[1, −0.6], [−0.6, 2]] / 1.64.
        var g = new GaussianDensity([1, -1], Matrix<double>.FromArray(new double[,] { { 2, 0.6 }, { 0.6, 1 } }));
        double dx = 0.5 - 1, dy = 2 - (-1);
        double m = (dx * dx * 1 - 2 * 0.6 * dx * dy + 2 * dy * dy) / 1.64;
        double expected = -0.5 * m - 0.5 * Math.Log(1.64) - Math.Log(2 * Math.PI);
        Assert.Equal(expected, g.LogDensity([0.5, 2]), 12);
        Assert.Equal(Math.Log(1.64), g.LogDeterminant, 12);

        var product = MatrixMath.Multiply(g.Precision(), g.Covariance);
        Assert.True(MatrixMath.MaxAbsoluteDifference(product, Matrix<double>.Identity(2)) < 1e-14);
    }

    [Fact]
    public void Gaussian_far_in_the_tail_has_a_finite_log_density()
    {
        var g = GaussianDensity.Isotropic([0, 0], 1);
        Assert.Equal(-0.5 * 2e6 - Math.Log(2 * Math.PI), g.LogDensity([1000, 1000]), 6);
    }

    [Fact]
    public void Gaussian_fit_is_the_maximum_likelihood_mean_and_covariance()
    {
        var x = Matrix<double>.FromArray(new double[,] { { 0, 0 }, { 2, 0 }, { 0, 4 }, { 2, 4 }, { 1, 2 } });
        var g = GaussianDensity.Fit(x);
        Assert.Equal([1.0, 2.0], g.Mean);

        // Σ̂ divides by n = 5: var(x) = (1+1+1+1+0)/5, var(y) = (4+4+4+4+0)/5, cov = 0.
        Assert.Equal(0.8, g.Covariance[0, 0], 14);
        Assert.Equal(3.2, g.Covariance[1, 1], 14);
        Assert.Equal(0.0, g.Covariance[0, 1], 14);
    }

    [Fact]
    public void Gaussian_samples_have_the_right_mean_and_covariance()
    {
        var sigma = Matrix<double>.FromArray(new double[,] { { 2, 0.8 }, { 0.8, 1 } });
        var g = new GaussianDensity([1, 2], sigma);
        var random = new Random(1);
        const int n = 40000;
        var x = new Matrix<double>(n, 2);
        for (int i = 0; i < n; i++)
        {
            g.Sample(random, x.Row(i));
        }

        var fitted = GaussianDensity.Fit(x);

        // Standard errors: mean √(σ²/n) ≤ 0.0071; covariance entries ≤ √(2σ⁴/n) ≈ 0.014. 5 SE margins.
        Assert.Equal(1, fitted.Mean[0], 0.036);
        Assert.Equal(2, fitted.Mean[1], 0.036);
        Assert.Equal(2, fitted.Covariance[0, 0], 0.07);
        Assert.Equal(0.8, fitted.Covariance[0, 1], 0.07);
        Assert.Equal(1, fitted.Covariance[1, 1], 0.07);
    }

    [Fact]
    public void Gaussian_rejects_bad_parameters_with_the_reason()
    {
        Assert.Contains("not positive definite", Assert.Throws<ArgumentException>(() => new GaussianDensity([0, 0], Matrix<double>.FromArray(new double[,] { { 1, 1 }, { 1, 1 } }))).Message);
        Assert.Contains("symmetric", Assert.Throws<ArgumentException>(() => new GaussianDensity([0, 0], Matrix<double>.FromArray(new double[,] { { 1, 0.5 }, { 0, 1 } }))).Message);
        Assert.Contains("2×2", Assert.Throws<ArgumentException>(() => new GaussianDensity([0, 0], Matrix<double>.Identity(3))).Message);
        Assert.Contains("at least 3 samples", Assert.Throws<ArgumentException>(() => GaussianDensity.Fit(Matrix<double>.FromArray(new double[,] { { 0, 0 }, { 1, 1 } }))).Message);
        Assert.Contains("singular", Assert.Throws<ArgumentException>(() => GaussianDensity.Fit(Matrix<double>.FromArray(new double[,] { { 0, 0 }, { 1, 1 }, { 2, 2 } }))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianDensity.Isotropic([0, 0], 0));
    }

    [Fact]
    public void Uniform_ball_density_is_one_over_the_volume_inside_and_zero_outside()
    {
        var disk = new UniformBallDensity([1, 2], Math.Sqrt(2));
        Assert.Equal(-Math.Log(2 * Math.PI), disk.LogDensity([1.5, 2.5]), 14);
        Assert.Equal(double.NegativeInfinity, disk.LogDensity([0, 0]));
        Assert.Equal(Math.Log(2), UniformBallDensity.LogUnitBallVolume(1), 14);
        Assert.Equal(Math.Log(Math.PI), UniformBallDensity.LogUnitBallVolume(2), 14);
        Assert.Equal(Math.Log(4 * Math.PI / 3), UniformBallDensity.LogUnitBallVolume(3), 14);
        Assert.Equal(Math.Log(Math.PI * Math.PI / 2), UniformBallDensity.LogUnitBallVolume(4), 14);
    }

    [Fact]
    public void Uniform_disk_samples_are_inside_and_uniform_in_area()
    {
        var disk = new UniformBallDensity([1, 2], 2);
        var random = new Random(3);
        const int n = 40000;
        int inner = 0;
        Span<double> p = stackalloc double[2];
        for (int i = 0; i < n; i++)
        {
            disk.Sample(random, p);
            Assert.True(disk.Contains(p));
            double r2 = (p[0] - 1) * (p[0] - 1) + (p[1] - 2) * (p[1] - 2);
            inner += r2 <= 1 ? 1 : 0;
        }

        // The inner disk of radius 1 holds a quarter of the area; binomial SE √(0.25·0.75/n) ≈ 0.0022, 5 SE margin.
        Assert.Equal(0.25, (double)inner / n, 0.011);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 30)]
    [InlineData(3, 60)]
    public void Uniform_ball_fit_is_the_smallest_enclosing_circle(int seed, int n)
    {
        var random = new Random(seed);
        var rows = new double[n][];
        for (int i = 0; i < n; i++)
        {
            rows[i] = [random.NextDouble() * 4 - 1, random.NextDouble() * 2 + 3];
        }

        var ball = UniformBallDensity.Fit(Matrix<double>.FromRows(rows));
        Assert.All(rows, r => Assert.True(ball.Contains(r)));
        Assert.Equal(BruteForceEnclosingRadius(rows), ball.Radius, 9);
    }

    [Fact]
    public void Uniform_ball_fit_in_three_dimensions_contains_every_point_and_touches_the_farthest()
    {
        var random = new Random(9);
        var rows = new double[300][];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = [random.NextGaussian(), random.NextGaussian(), random.NextGaussian()];
        }

        var ball = UniformBallDensity.Fit(Matrix<double>.FromRows(rows));
        Assert.All(rows, r => Assert.True(ball.Contains(r)));

        // Minimality: at least two points lie on the sphere (an enclosing ball touching fewer could shrink).
        int onSphere = rows.Count(r => Math.Abs(Math.Sqrt(r.Select((v, t) => (v - ball.Centre[t]) * (v - ball.Centre[t])).Sum()) - ball.Radius) < 1e-9);
        Assert.InRange(onSphere, 2, 4);
    }

    [Fact]
    public void Uniform_ball_rejects_bad_parameters_with_the_reason()
    {
        Assert.Contains("radius 0", Assert.Throws<ArgumentOutOfRangeException>(() => new UniformBallDensity([0, 0], 0)).Message);
        Assert.Contains("same point", Assert.Throws<ArgumentException>(() => UniformBallDensity.Fit(Matrix<double>.FromArray(new double[,] { { 1, 1 }, { 1, 1 } }))).Message);
    }

    private static double BruteForceEnclosingRadius(double[][] p)
    {
        // The smallest enclosing circle is the circle on two points as diameter or the circumcircle of three points.
        double best = double.MaxValue;
        bool Encloses(double cx, double cy, double r2) => p.All(q => (q[0] - cx) * (q[0] - cx) + (q[1] - cy) * (q[1] - cy) <= r2 * (1 + 1e-12) + 1e-15);
        for (int i = 0; i < p.Length; i++)
        {
            for (int j = i + 1; j < p.Length; j++)
            {
                double cx = (p[i][0] + p[j][0]) / 2, cy = (p[i][1] + p[j][1]) / 2;
                double r2 = (p[i][0] - cx) * (p[i][0] - cx) + (p[i][1] - cy) * (p[i][1] - cy);
                if (r2 < best * best && Encloses(cx, cy, r2))
                {
                    best = Math.Sqrt(r2);
                }

                for (int k = j + 1; k < p.Length; k++)
                {
                    double ax = p[j][0] - p[i][0], ay = p[j][1] - p[i][1], bx = p[k][0] - p[i][0], by = p[k][1] - p[i][1];
                    double det = 2 * (ax * by - ay * bx);
                    if (Math.Abs(det) < 1e-12)
                    {
                        continue;
                    }

                    double a2 = ax * ax + ay * ay, b2 = bx * bx + by * by;
                    double ux = (by * a2 - ay * b2) / det, uy = (ax * b2 - bx * a2) / det;
                    double rr = ux * ux + uy * uy;
                    if (rr < best * best && Encloses(p[i][0] + ux, p[i][1] + uy, rr))
                    {
                        best = Math.Sqrt(rr);
                    }
                }
            }
        }

        return best;
    }
}
