using Nabla.Data;

namespace Nabla.Playground.Engine;

/// <summary>The perceptron page's points: all of them are trained on (there is no test set in the convergence theorem).</summary>
public static class PerceptronData
{
    /// <summary>The sets offered: linearly separable blobs with a known margin, two overlapping Gaussians, XOR.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["separable", "gaussians", "xor"];

    /// <summary>
    /// Generates <paramref name="count"/> points: "separable" from <see cref="SyntheticData.SeparableBlobs"/> (class 1 where
    /// x₁ + x₂ &gt; 0, every point at least <paramref name="margin"/> from that line), "gaussians" and "xor" as on the network page.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown kind.</exception>
    public static PointSet Generate(string kind, int count, double margin, int seed)
    {
        if (kind == "separable")
        {
            var set = SyntheticData.SeparableBlobs(count, [1.0, 1.0], 0, margin, seed);
            var x1 = new double[count];
            var x2 = new double[count];
            for (int i = 0; i < count; i++)
            {
                (x1[i], x2[i]) = (Math.Clamp(set.Features[i, 0], -Datasets.Extent, Datasets.Extent), Math.Clamp(set.Features[i, 1], -Datasets.Extent, Datasets.Extent));
            }

            return new PointSet(x1, x2, [.. set.Labels.Select(l => (double)l)], new bool[count], regression: false);
        }

        var dataset = kind switch
        {
            "gaussians" => DatasetKind.Gaussians,
            "xor" => DatasetKind.Xor,
            _ => throw new ArgumentException($"Unknown perceptron dataset '{kind}'; use one of {string.Join(", ", Kinds)}.", nameof(kind)),
        };
        var points = Datasets.Generate(new PlaygroundSettings { Dataset = dataset, Points = count, Seed = seed, TrainPercent = 90, Noise = dataset == DatasetKind.Gaussians ? 40 : 0 });
        return new PointSet(points.X1, points.X2, points.Target, new bool[count], regression: false);
    }
}
