using Nabla.Playground.Engine;

namespace Nabla.Playground.Tests.Engine;

public class KnownDensitiesTests
{
    [Fact]
    public void The_report_case_of_equal_gaussians_has_the_bayes_error_of_its_closed_form()
    {
        // Means (1, 2) and (0, 0), σ = 1, equal priors: error Φ(−‖Δμ‖/2) = Φ(−√5/2) = 0.13179.
        var known = KnownDensities.Of(new PlaygroundSettings { Dataset = DatasetKind.Report, Case = "gauss-equal" })!;
        var risk = known.Classifier().EstimateRisk(200_000, seed: 3);
        Assert.Equal(0.13179, risk.Risk, 0.004);
        Assert.Equal([0.5, 0.5], known.Priors);
    }

    [Fact]
    public void Unequal_priors_are_one_to_two_and_the_points_follow_them()
    {
        var settings = new PlaygroundSettings { Dataset = DatasetKind.Report, Case = "disk-unequal-priors", Points = 600 };
        var known = KnownDensities.Of(settings)!;
        Assert.Equal(1.0 / 3, known.Priors[1], 12);
        var points = Datasets.Generate(settings);
        Assert.Equal(200, points.Target.Count(t => t == 1));

        // Class 1 (A) lies in the disk of radius √2 about (1, 2).
        for (int i = 0; i < points.Count; i++)
        {
            if (points.Target[i] == 1)
            {
                Assert.True((points.X1[i] - 1) * (points.X1[i] - 1) + (points.X2[i] - 2) * (points.X2[i] - 2) <= 2 + 1e-9);
            }
        }
    }

    [Fact]
    public void A_higher_cost_of_missing_class_1_gives_it_more_of_the_plane_and_other_sets_have_no_known_densities()
    {
        var grid = new SurfaceGrid(60, [InputFeature.X1, InputFeature.X2]);
        double Share(double cost) => KnownDensities.Of(new PlaygroundSettings { Dataset = DatasetKind.Report, Case = "gauss-unequal", Cost = cost })!
            .Decisions(grid).Count(v => v > 0) / (double)(60 * 60);
        Assert.True(Share(5) > Share(1) && Share(1) > Share(0.2), $"shares {Share(0.2)}, {Share(1)}, {Share(5)}");
        Assert.Equal(1 / 6.0, KnownDensities.Of(new PlaygroundSettings { Dataset = DatasetKind.Gaussians, Cost = 5 })!.Threshold, 12);
        Assert.Null(KnownDensities.Of(new PlaygroundSettings { Dataset = DatasetKind.Moons }));
    }
}
