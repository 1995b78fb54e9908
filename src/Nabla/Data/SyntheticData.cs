using Nabla.Bayes;
using Nabla.Sampling;
using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>
/// Seeded generators of the course's toy classification problems. The same arguments and seed always give the same
/// points. Rows come class by class (class 0 first) unless a generator says otherwise; use
/// <see cref="SyntheticDataset.Shuffled"/> for a random order.
/// </summary>
public static class SyntheticData
{
    /// <summary>
    /// Class j has <c>sizes[j]</c> points drawn from <c>densities[j]</c>: the general form of the Gaussian and disk generators.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length, fewer than two classes, a size below 1, or densities of different dimensions.</exception>
    public static SyntheticDataset FromDensities(IReadOnlyList<IDensity> densities, IReadOnlyList<int> sizes, int seed)
    {
        ArgumentNullException.ThrowIfNull(densities);
        ArgumentNullException.ThrowIfNull(sizes);
        if (densities.Count != sizes.Count)
        {
            throw new ArgumentException($"Give one class size per class: {densities.Count} classes but {sizes.Count} sizes.", nameof(sizes));
        }

        if (densities.Count < 2)
        {
            throw new ArgumentException($"A classification problem needs at least two classes, not {densities.Count}.", nameof(densities));
        }

        int d = densities[0].Dimension;
        if (densities.Any(p => p.Dimension != d))
        {
            throw new ArgumentException($"Every class must have the same dimension; they have {string.Join(", ", densities.Select(p => p.Dimension))}.", nameof(densities));
        }

        if (sizes.Any(n => n < 1))
        {
            throw new ArgumentException($"Every class needs at least one point; the sizes are {string.Join(", ", sizes)}.", nameof(sizes));
        }

        var random = new Random(seed);
        var x = new Matrix<double>(checked(sizes.Sum()), d);
        var labels = new int[x.Rows];
        int row = 0;
        for (int j = 0; j < densities.Count; j++)
        {
            for (int i = 0; i < sizes[j]; i++, row++)
            {
                densities[j].Sample(random, x.Row(row));
                labels[row] = j;
            }
        }

        return new SyntheticDataset(x, labels, densities.Count);
    }

    /// <summary>Gaussian classes N(μⱼ, σⱼ² I): one mean, one standard deviation and one size per class.</summary>
    public static SyntheticDataset GaussianClasses(IReadOnlyList<double[]> means, IReadOnlyList<double> standardDeviations, IReadOnlyList<int> sizes, int seed)
    {
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(standardDeviations);
        RequireSameCount(means.Count, standardDeviations.Count, "standard deviations");
        return FromDensities([.. means.Select((m, j) => GaussianDensity.Isotropic(m, standardDeviations[j]))], sizes, seed);
    }

    /// <summary>Gaussian classes N(μⱼ, Σⱼ) with full covariances: one mean, one covariance and one size per class.</summary>
    public static SyntheticDataset GaussianClasses(IReadOnlyList<double[]> means, IReadOnlyList<Matrix<double>> covariances, IReadOnlyList<int> sizes, int seed)
    {
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(covariances);
        RequireSameCount(means.Count, covariances.Count, "covariances");
        return FromDensities([.. means.Select((m, j) => new GaussianDensity(m, covariances[j]))], sizes, seed);
    }

    /// <summary>Points uniform in disks (balls in d dimensions): one centre, one radius and one size per class.</summary>
    public static SyntheticDataset UniformDisks(IReadOnlyList<double[]> centres, IReadOnlyList<double> radii, IReadOnlyList<int> sizes, int seed)
    {
        ArgumentNullException.ThrowIfNull(centres);
        ArgumentNullException.ThrowIfNull(radii);
        RequireSameCount(centres.Count, radii.Count, "radii");
        return FromDensities([.. centres.Select((c, j) => new UniformBallDensity(c, radii[j]))], sizes, seed);
    }

    /// <summary>
    /// XOR with noise: <paramref name="count"/> points at the corners (0,0), (0,1), (1,0), (1,1) in turn, each moved by
    /// N(0, noise²) in both coordinates; the label is x⁽¹⁾ XOR x⁽²⁾ of the corner. Rows cycle through the corners.
    /// </summary>
    public static SyntheticDataset Xor(int count, double noise, int seed)
    {
        RequireCount(count, 4);
        RequireNoise(noise);
        var random = new Random(seed);
        var x = new Matrix<double>(count, 2);
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int a = (i >> 1) & 1, b = i & 1;
            x[i, 0] = a + noise * random.NextGaussian();
            x[i, 1] = b + noise * random.NextGaussian();
            labels[i] = a ^ b;
        }

        return new SyntheticDataset(x, labels, 2);
    }

    /// <summary>
    /// Two interleaving half circles (as scikit-learn's make_moons): class 0 on (cos t, sin t), class 1 on
    /// (1 − cos t, ½ − sin t), t evenly spaced in [0, π], plus N(0, noise²) in each coordinate. Class 0 gets ⌈n/2⌉ points.
    /// </summary>
    public static SyntheticDataset Moons(int count, double noise, int seed)
    {
        RequireCount(count, 4);
        RequireNoise(noise);
        var random = new Random(seed);
        int outer = (count + 1) / 2, inner = count - outer;
        var x = new Matrix<double>(count, 2);
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            bool isOuter = i < outer;
            int k = isOuter ? i : i - outer;
            int n = isOuter ? outer : inner;
            double t = n == 1 ? 0 : Math.PI * k / (n - 1);
            x[i, 0] = (isOuter ? Math.Cos(t) : 1 - Math.Cos(t)) + noise * random.NextGaussian();
            x[i, 1] = (isOuter ? Math.Sin(t) : 0.5 - Math.Sin(t)) + noise * random.NextGaussian();
            labels[i] = isOuter ? 0 : 1;
        }

        return new SyntheticDataset(x, labels, 2);
    }

    /// <summary>
    /// Two concentric circles (as scikit-learn's make_circles): class 0 on the unit circle, class 1 on the circle of
    /// radius <paramref name="factor"/> (in (0, 1)), angles evenly spaced, plus N(0, noise²) in each coordinate.
    /// </summary>
    public static SyntheticDataset Circles(int count, double noise, double factor, int seed)
    {
        RequireCount(count, 4);
        RequireNoise(noise);
        if (!(factor > 0 && factor < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), $"The inner circle's radius factor must be between 0 and 1 (exclusive), not {factor}.");
        }

        var random = new Random(seed);
        int outer = (count + 1) / 2, inner = count - outer;
        var x = new Matrix<double>(count, 2);
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            bool isOuter = i < outer;
            int k = isOuter ? i : i - outer;
            double t = 2 * Math.PI * k / (isOuter ? outer : inner);
            double r = isOuter ? 1 : factor;
            x[i, 0] = r * Math.Cos(t) + noise * random.NextGaussian();
            x[i, 1] = r * Math.Sin(t) + noise * random.NextGaussian();
            labels[i] = isOuter ? 0 : 1;
        }

        return new SyntheticDataset(x, labels, 2);
    }

    /// <summary>
    /// Two interleaved Archimedean spirals: class k ∈ {0, 1} lies on r = s, θ = 2π·turns·s + kπ for s evenly spaced in
    /// (0, 1], plus N(0, noise²) in each coordinate. Class 0 gets ⌈n/2⌉ points.
    /// </summary>
    public static SyntheticDataset Spirals(int count, double noise, double turns, int seed)
    {
        RequireCount(count, 4);
        RequireNoise(noise);
        if (!(turns > 0) || !double.IsFinite(turns))
        {
            throw new ArgumentOutOfRangeException(nameof(turns), $"The number of turns must be positive and finite, not {turns}.");
        }

        var random = new Random(seed);
        int first = (count + 1) / 2, second = count - first;
        var x = new Matrix<double>(count, 2);
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int label = i < first ? 0 : 1;
            int k = label == 0 ? i : i - first;
            double s = (k + 1.0) / (label == 0 ? first : second);
            double theta = 2 * Math.PI * turns * s + label * Math.PI;
            x[i, 0] = s * Math.Cos(theta) + noise * random.NextGaussian();
            x[i, 1] = s * Math.Sin(theta) + noise * random.NextGaussian();
            labels[i] = label;
        }

        return new SyntheticDataset(x, labels, 2);
    }

    /// <summary>
    /// Two linearly separable Gaussian blobs on either side of the hyperplane wᵀx + b = 0 (w = <paramref name="normal"/>,
    /// b = <paramref name="offset"/>), every point at distance at least <paramref name="margin"/> from it: a known
    /// separator with a known margin γ ≥ margin. Class 1 is on the side where wᵀx + b &gt; 0. Points alternate between
    /// the classes; each blob is N(centre, I) with its centre 2 + margin from the plane, and draws inside the margin are
    /// redrawn.
    /// </summary>
    public static SyntheticDataset SeparableBlobs(int count, IReadOnlyList<double> normal, double offset, double margin, int seed)
    {
        RequireCount(count, 2);
        ArgumentNullException.ThrowIfNull(normal);
        double norm = Math.Sqrt(normal.Sum(v => v * v));
        if (normal.Count < 1 || !(norm > 0) || !double.IsFinite(norm) || !double.IsFinite(offset))
        {
            throw new ArgumentException($"The separating hyperplane needs a non-zero, finite normal w and a finite offset b; got w = [{string.Join(", ", normal)}], b = {offset}.", nameof(normal));
        }

        if (!(margin >= 0) || !double.IsFinite(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), $"The margin is a distance, 0 or more and finite, not {margin}.");
        }

        int d = normal.Count;
        var unit = normal.Select(v => v / norm).ToArray();
        double shift = offset / norm;
        var random = new Random(seed);
        var x = new Matrix<double>(count, d);
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int label = i % 2 == 0 ? 1 : 0;
            double side = label == 1 ? 1 : -1;
            var row = x.Row(i);
            double distance;
            do
            {
                // Centre at signed distance ±(2 + margin): uᵀc + b/‖w‖ = side·(2 + margin).
                distance = 0;
                for (int t = 0; t < d; t++)
                {
                    row[t] = unit[t] * (side * (2 + margin) - shift) + random.NextGaussian();
                    distance += unit[t] * row[t];
                }

                distance = side * (distance + shift);
            }
            while (distance < margin);

            labels[i] = label;
        }

        return new SyntheticDataset(x, labels, 2);
    }

    /// <summary>
    /// Points above and below a curve: <paramref name="count"/> points uniform in the square [−1, 1]², class 1 where
    /// x⁽²⁾ &gt; f(x⁽¹⁾) and class 0 on or below it, then each coordinate moved by N(0, noise²) (so noise blurs the
    /// curve). Rows come in the order drawn.
    /// </summary>
    /// <param name="curve">f, evaluated on [−1, 1]; for example <c>x =&gt; 0.8 * Math.Sin(Math.PI * x)</c>, <c>x =&gt; x * x * x</c> or <c>Math.Abs</c>.</param>
    /// <param name="count">n, at least 2.</param>
    /// <param name="noise">The standard deviation of the shift, 0 or more.</param>
    /// <param name="seed">The seed of the draws.</param>
    /// <exception cref="ArgumentException">The curve gives a value that is not a finite number.</exception>
    public static SyntheticDataset AboveBelow(Func<double, double> curve, int count, double noise, int seed)
    {
        ArgumentNullException.ThrowIfNull(curve);
        RequireCount(count, 2);
        RequireNoise(noise);
        var random = new Random(seed);
        var x = new Matrix<double>(count, 2);
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            double a = 2 * random.NextDouble() - 1, b = 2 * random.NextDouble() - 1;
            double f = curve(a);
            if (!double.IsFinite(f))
            {
                throw new ArgumentException($"The curve must give finite numbers on [-1, 1], but f({a}) = {f}.", nameof(curve));
            }

            labels[i] = b > f ? 1 : 0;
            x[i, 0] = a + noise * random.NextGaussian();
            x[i, 1] = b + noise * random.NextGaussian();
        }

        return new SyntheticDataset(x, labels, 2);
    }

    private static void RequireCount(int count, int minimum)
    {
        if (count < minimum)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"This generator needs at least {minimum} points, not {count}.");
        }
    }

    private static void RequireNoise(double noise)
    {
        if (!(noise >= 0) || !double.IsFinite(noise))
        {
            throw new ArgumentOutOfRangeException(nameof(noise), $"The noise is a standard deviation, 0 or more and finite, not {noise}.");
        }
    }

    private static void RequireSameCount(int classes, int given, string what)
    {
        if (classes != given)
        {
            throw new ArgumentException($"Give one entry per class: {classes} classes but {given} {what}.");
        }
    }
}
