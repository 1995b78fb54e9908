using Nabla.Bayes;

namespace Nabla.Tests.Bayes;

public class RegionProbabilitiesTests
{
    [Theory]
    [InlineData(-8, 6.22096057427174e-16)]
    [InlineData(-3, 0.0013498980316300933)]
    [InlineData(-2.0001, 0.022744733391410532)]
    [InlineData(-1.9999, 0.02275553158476718)]
    [InlineData(-1, 0.15865525393145707)]
    [InlineData(0, 0.5)]
    [InlineData(1.118033988749895, 0.8682237613585136)]
    [InlineData(3, 0.9986501019683699)]
    public void Normal_cdf_matches_scipy(double z, double expected)
    {
        // scipy.stats.norm.cdf; both sides of the switch between series and continued fraction at |z|/√2 = 2.
        Assert.Equal(expected, RegionProbabilities.NormalCdf(z), 1e-15);
        Assert.Equal(expected, RegionProbabilities.NormalCdf(z), expected * 1e-12);
    }

    [Theory]
    [InlineData(12.772588722239782, 5, 0.8767456597253764)]
    [InlineData(6.386294361119891, 10, 0.20732433173843318)]
    [InlineData(3, 0, 0.7768698398515702)]
    [InlineData(40, 30, 0.7769830119876436)]
    public void Noncentral_chi_square_cdf_matches_scipy(double t, double lambda, double expected)
    {
        // scipy.stats.ncx2.cdf(t, 2, λ) (λ = 0: the central χ²₂, 1 − e^(−t/2)).
        Assert.Equal(expected, RegionProbabilities.NoncentralChiSquare2Cdf(t, lambda), 1e-14);
    }

    [Fact]
    public void Lens_covers_disjoint_contained_and_overlapping_disks()
    {
        Assert.Equal(0, RegionProbabilities.Lens(1, 1, 2.5));
        Assert.Equal(Math.PI, RegionProbabilities.Lens(1, 3, 0.5), 14);

        // Two unit circles one radius apart: 2π/3 − √3/2.
        Assert.Equal(2 * Math.PI / 3 - Math.Sqrt(3) / 2, RegionProbabilities.Lens(1, 1, 1), 14);
        Assert.Equal(0.6997404702019261, RegionProbabilities.Lens(Math.Sqrt(2), Math.Sqrt(2), Math.Sqrt(5)), 14);
        Assert.Equal(2.0569849644813822, RegionProbabilities.Lens(Math.Sqrt(2), 2, Math.Sqrt(5)), 14);
    }

    [Fact]
    public void Disk_half_plane_is_a_circular_segment()
    {
        // A line through the centre halves the disk; x > 1 on the unit disk about the origin is empty.
        Assert.Equal(0.5, RegionProbabilities.DiskHalfPlane([1, 2], 2, -3, 1, 1), 14);
        Assert.Equal(0, RegionProbabilities.DiskHalfPlane([0, 0], 1, -1, 1, 0), 14);

        // x > 0.5 on the unit disk: (π/3 − √3/4) / π.
        Assert.Equal((Math.PI / 3 - Math.Sqrt(3) / 4) / Math.PI, RegionProbabilities.DiskHalfPlane([0, 0], 1, -0.5, 1, 0), 14);
        Assert.Equal(1 - (Math.PI / 3 - Math.Sqrt(3) / 4) / Math.PI, RegionProbabilities.DiskHalfPlane([0, 0], 1, 0.5, -1, 0), 14);
    }

    [Fact]
    public void Positive_agrees_with_monte_carlo_for_lines_and_circles()
    {
        IDensity[] densities = [GaussianDensity.Isotropic([1, 2], 1.5), new UniformBallDensity([0.5, -1], 2)];
        QuadraticBoundary[] boundaries =
        [
            new(0, 0, 0, 1, -2, 0.7),
            new(-0.5, -0.5, 0, 1, 1, 1),   // inside a circle
            new(0.3, 0.3, 0, -0.2, 0.4, -1), // outside a circle
        ];
        var random = new Random(12);
        const int n = 100_000;
        Span<double> p = stackalloc double[2];
        foreach (var density in densities)
        {
            foreach (var q in boundaries)
            {
                int positive = 0;
                for (int i = 0; i < n; i++)
                {
                    density.Sample(random, p);
                    positive += q.Evaluate(p[0], p[1]) > 0 ? 1 : 0;
                }

                double exact = RegionProbabilities.Positive(density, q);

                // Binomial SE ≤ 0.0016; 5 SE.
                Assert.Equal(exact, (double)positive / n, 0.008);
            }
        }
    }

    [Fact]
    public void Unsupported_regions_and_densities_say_so()
    {
        var g = new GaussianDensity([0, 0], Nabla.Tensors.Matrix<double>.FromArray(new double[,] { { 1, 0.5 }, { 0.5, 1 } }));
        Assert.Contains("isotropic", Assert.Throws<NotSupportedException>(() => RegionProbabilities.Positive(g, new QuadraticBoundary(0, 0, 0, 1, 1, 0))).Message);
        Assert.Contains("lines and circles", Assert.Throws<NotSupportedException>(() => RegionProbabilities.Positive(GaussianDensity.Isotropic([0, 0], 1), new QuadraticBoundary(1, -1, 0, 0, 0, 1))).Message);
    }
}
