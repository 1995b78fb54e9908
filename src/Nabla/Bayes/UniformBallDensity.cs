using Nabla.Sampling;
using Nabla.Tensors;

namespace Nabla.Bayes;

/// <summary>
/// The uniform density on the closed ball ‖x − c‖ ≤ r in ℝᵈ (a disk in 2-D): p(x) = 1 / V inside, 0 outside, with
/// V = π^(d/2) rᵈ / Γ(d/2 + 1) the ball's volume (πr² for a disk).
/// </summary>
public sealed class UniformBallDensity : IDensity
{
    private readonly double[] _centre;

    /// <summary>Creates the uniform density on the ball of centre <paramref name="centre"/> and radius <paramref name="radius"/>.</summary>
    /// <exception cref="ArgumentException">The centre is empty or not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The radius is not positive and finite.</exception>
    public UniformBallDensity(IReadOnlyList<double> centre, double radius)
    {
        ArgumentNullException.ThrowIfNull(centre);
        if (centre.Count < 1 || centre.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException($"A ball's centre needs at least one coordinate, all finite; got [{string.Join(", ", centre)}].", nameof(centre));
        }

        if (!(radius > 0) || !double.IsFinite(radius))
        {
            throw new ArgumentOutOfRangeException(nameof(radius), $"A ball's radius must be positive and finite, not {radius}: a ball of radius 0 has no density.");
        }

        _centre = [.. centre];
        Radius = radius;
        LogVolume = LogUnitBallVolume(centre.Count) + centre.Count * Math.Log(radius);
    }

    /// <summary>
    /// The maximum-likelihood ball of <paramref name="samples"/> (n × d): the likelihood V⁻ⁿ is largest for the smallest
    /// ball that contains every sample, so this is the minimum enclosing ball (Welzl's move-to-front algorithm). It is
    /// biased small: the true ball contains it.
    /// </summary>
    /// <exception cref="ArgumentException">No samples, non-finite values, or all samples at one point.</exception>
    public static UniformBallDensity Fit(Matrix<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Rows < 1 || samples.Columns < 1)
        {
            throw new ArgumentException($"Fitting a uniform ball needs at least one sample, not a {samples.Shape} matrix.", nameof(samples));
        }

        if (!samples.IsFinite())
        {
            throw new ArgumentException("Fitting a uniform ball needs finite samples; remove NaN and infinite values first.", nameof(samples));
        }

        var (centre, radius) = MinimumEnclosingBall.Find(samples);
        if (!(radius > 0))
        {
            throw new ArgumentException($"All {samples.Rows} samples are the same point, so the smallest ball containing them has radius 0 and no density.", nameof(samples));
        }

        return new UniformBallDensity(centre, radius);
    }

    /// <inheritdoc/>
    public int Dimension => _centre.Length;

    /// <summary>c, the centre.</summary>
    public IReadOnlyList<double> Centre => _centre;

    /// <summary>r, the radius.</summary>
    public double Radius { get; }

    /// <summary>log V, the logarithm of the ball's volume (area πr² in 2-D); the density inside is e^(−log V).</summary>
    public double LogVolume { get; }

    /// <summary>True when ‖x − c‖ ≤ r.</summary>
    public bool Contains(ReadOnlySpan<double> x)
    {
        if (x.Length != Dimension)
        {
            throw new ArgumentException($"This ball is {Dimension}-dimensional but the point has {x.Length} coordinates.", nameof(x));
        }

        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double t = x[i] - _centre[i];
            s += t * t;
        }

        return s <= Radius * Radius;
    }

    /// <inheritdoc/>
    public double LogDensity(ReadOnlySpan<double> x) => Contains(x) ? -LogVolume : double.NegativeInfinity;

    /// <summary>Draws c + r U^(1/d) u with u uniform on the unit sphere (a normalized Gaussian vector) and U uniform on [0, 1).</summary>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        int d = Dimension;
        if (destination.Length != d)
        {
            throw new ArgumentException($"This ball is {d}-dimensional; the destination has length {destination.Length}.", nameof(destination));
        }

        double norm;
        do
        {
            norm = 0;
            for (int i = 0; i < d; i++)
            {
                destination[i] = random.NextGaussian();
                norm += destination[i] * destination[i];
            }
        }
        while (norm == 0);

        // The radius of a uniform point has P(ρ ≤ t) = (t/r)ᵈ, hence r U^(1/d).
        double scale = Radius * Math.Pow(random.NextDouble(), 1.0 / d) / Math.Sqrt(norm);
        for (int i = 0; i < d; i++)
        {
            destination[i] = _centre[i] + scale * destination[i];
        }
    }

    /// <summary>"Uniform(‖x − [..]‖ ≤ r)".</summary>
    public override string ToString() =>
        $"Uniform(‖x − [{string.Join(", ", _centre.Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))}]‖ ≤ {Radius.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)})";

    /// <summary>log of the unit d-ball's volume, π^(d/2) / Γ(d/2 + 1).</summary>
    internal static double LogUnitBallVolume(int d)
    {
        // log Γ(d/2 + 1) by Γ(x + 1) = x Γ(x) from Γ(1) = 1 (even d) or Γ(3/2) = √π / 2 (odd d).
        double logGamma = d % 2 == 0 ? 0 : Math.Log(Math.Sqrt(Math.PI) / 2);
        for (int k = d % 2 == 0 ? 2 : 3; k <= d; k += 2)
        {
            logGamma += Math.Log(k / 2.0);
        }

        return 0.5 * d * Math.Log(Math.PI) - logGamma;
    }
}
