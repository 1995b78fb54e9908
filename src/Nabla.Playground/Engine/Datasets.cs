using Nabla.Bayes;
using Nabla.Data;
using Nabla.Sampling;

namespace Nabla.Playground.Engine;

/// <summary>
/// Makes the page's datasets from the library's generators (<see cref="SyntheticData"/>), scaled into the view [−6, 6]².
/// Noise (0 … 100 %) is the generator's standard deviation as a share of a scale that suits each set; the test points are a
/// seeded random share of all points.
/// </summary>
public static class Datasets
{
    /// <summary>Half the side of the square the page shows: points and surfaces live in [−Extent, Extent]².</summary>
    public const double Extent = 6;

    /// <summary>The classification sets in the order the page lists them.</summary>
    public static IReadOnlyList<DatasetKind> Classification { get; } =
        [DatasetKind.Circle, DatasetKind.Xor, DatasetKind.Gaussians, DatasetKind.Spiral, DatasetKind.Moons, DatasetKind.Sine, DatasetKind.Cubic, DatasetKind.Abs, DatasetKind.Report];

    /// <summary>The regression sets.</summary>
    public static IReadOnlyList<DatasetKind> Regression { get; } = [DatasetKind.Plane, DatasetKind.Bumps];

    /// <summary>The standard deviation of each Gaussian class at a given noise: 1 at 0 %, 3 at 100 %.</summary>
    public static double GaussianSpread(int noise) => 1 + 2 * noise / 100.0;

    /// <summary>The two Gaussian classes' true densities (class 0 around (−2, −2), class 1 around (2, 2)) at a given noise, equal priors.</summary>
    public static IReadOnlyList<IDensity> GaussianDensities(int noise) =>
        [GaussianDensity.Isotropic([-2.0, -2.0], GaussianSpread(noise)), GaussianDensity.Isotropic([2.0, 2.0], GaussianSpread(noise))];

    /// <summary>Generates the points of a synthetic dataset (not <see cref="DatasetKind.Csv"/>) for the given settings.</summary>
    /// <exception cref="ArgumentException">The dataset is the CSV one, which comes from a file.</exception>
    public static PointSet Generate(PlaygroundSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        int n = settings.Points, seed = settings.Seed;
        double share = settings.Noise / 100.0;
        (SyntheticDataset Set, double Scale, double ShiftX, double ShiftY) Classes() => settings.Dataset switch
        {
            DatasetKind.Circle => (SyntheticData.Circles(n, 0.2 * share, 0.5, seed), 5, 0, 0),
            DatasetKind.Xor => (SyntheticData.Xor(n, 0.15 + 0.35 * share, seed), 6, -0.5, -0.5),
            DatasetKind.Gaussians => (SyntheticData.FromDensities(GaussianDensities(settings.Noise), [n - n / 2, n / 2], seed), 1, 0, 0),
            DatasetKind.Report => (KnownDensities.Of(settings)!.Sample(n, seed), 1, 0, 0),
            DatasetKind.Spiral => (SyntheticData.Spirals(n, 0.25 * share, 1.75, seed), 5, 0, 0),
            DatasetKind.Moons => (SyntheticData.Moons(n, 0.4 * share, seed), 3.3, -0.5, -0.25),
            DatasetKind.Sine => (SyntheticData.AboveBelow(x => 0.8 * Math.Sin(Math.PI * x), n, 0.4 * share, seed), 5, 0, 0),
            DatasetKind.Cubic => (SyntheticData.AboveBelow(x => x * x * x, n, 0.4 * share, seed), 5, 0, 0),
            DatasetKind.Abs => (SyntheticData.AboveBelow(x => Math.Abs(x) - 0.5, n, 0.4 * share, seed), 5, 0, 0),
            _ => throw new ArgumentException($"{settings.Dataset} is not a classification set.", nameof(settings)),
        };

        var x1 = new double[n];
        var x2 = new double[n];
        var target = new double[n];
        bool regression = Regression.Contains(settings.Dataset);
        if (settings.Dataset == DatasetKind.Csv)
        {
            throw new ArgumentException("The CSV dataset comes from an uploaded file; use Datasets.FromColumns.", nameof(settings));
        }

        if (regression)
        {
            // Uniform on the square; the target is a smooth function plus N(0, (share/2)²).
            var random = new Random(seed);
            for (int i = 0; i < n; i++)
            {
                x1[i] = (2 * random.NextDouble() - 1) * (Extent - 1);
                x2[i] = (2 * random.NextDouble() - 1) * (Extent - 1);
                target[i] = RegressionTarget(settings.Dataset, x1[i], x2[i]) + 0.5 * share * random.NextGaussian();
            }
        }
        else
        {
            var (set, scale, shiftX, shiftY) = Classes();
            for (int i = 0; i < n; i++)
            {
                x1[i] = Math.Clamp((set.Features[i, 0] + shiftX) * scale, -Extent, Extent);
                x2[i] = Math.Clamp((set.Features[i, 1] + shiftY) * scale, -Extent, Extent);
                target[i] = set.Labels[i];
            }
        }

        return new PointSet(x1, x2, target, TestFlags(n, settings.TrainPercent, seed), regression);
    }

    /// <summary>The noiseless target of a regression set at (x₁, x₂), in [−1, 1].</summary>
    public static double RegressionTarget(DatasetKind kind, double x1, double x2) => kind switch
    {
        DatasetKind.Plane => (x1 + x2) / (2 * (Extent - 1)),
        DatasetKind.Bumps => Math.Exp(-((x1 - 2) * (x1 - 2) + (x2 - 2) * (x2 - 2)) / 4) - Math.Exp(-((x1 + 2) * (x1 + 2) + (x2 + 2) * (x2 + 2)) / 4),
        _ => throw new ArgumentException($"{kind} is not a regression set.", nameof(kind)),
    };

    /// <summary>
    /// Points from two numeric columns and a target (an uploaded CSV): each feature is mapped linearly onto [−5, 5] (so the
    /// view and features such as sin x₁ make sense); a target of two values is a class (the smaller value class 0).
    /// </summary>
    public static PointSet FromColumns(double[] first, double[] second, double[] target, bool regression, int trainPercent, int seed)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(target);
        return new PointSet(ScaleToView(first), ScaleToView(second), target, TestFlags(first.Length, trainPercent, seed), regression);
    }

    /// <summary>Maps values linearly onto [−5, 5] (a constant column goes to 0).</summary>
    public static double[] ScaleToView(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double lo = values.Min(), hi = values.Max();
        double half = (Extent - 1);
        return [.. values.Select(v => hi > lo ? (2 * (v - lo) / (hi - lo) - 1) * half : 0)];
    }

    private static bool[] TestFlags(int n, int trainPercent, int seed)
    {
        var (_, test) = DataSplit.TrainTest(n, 1 - trainPercent / 100.0, seed);
        var flags = new bool[n];
        foreach (int i in test)
        {
            flags[i] = true;
        }

        return flags;
    }
}
