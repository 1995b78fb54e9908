using Nabla.Sampling;
using Nabla.Tensors;

namespace Nabla.Bayes;

/// <summary>
/// The multivariate Gaussian N(μ, Σ) with full covariance:
/// log p(x) = −½ (x − μ)ᵀ Σ⁻¹ (x − μ) − ½ log det Σ − (d/2) log 2π, evaluated through the Cholesky factor Σ = L Lᵀ.
/// </summary>
public sealed class GaussianDensity : IDensity
{
    private readonly double[] _mean;
    private readonly double[] _covariance;
    private readonly double[] _cholesky;
    private readonly double _logNormalizer;

    // Σ is diagonal (naive Bayes): the Mahalanobis distance takes d steps instead of d²/2, with the same result.
    private readonly bool _diagonal;

    /// <summary>Creates N(μ, Σ).</summary>
    /// <param name="mean">μ, length d ≥ 1, finite.</param>
    /// <param name="covariance">Σ, d × d, symmetric positive definite.</param>
    /// <exception cref="ArgumentException">The shapes disagree, a value is not finite, or Σ is not symmetric positive definite.</exception>
    public GaussianDensity(IReadOnlyList<double> mean, Matrix<double> covariance)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(covariance);
        int d = mean.Count;
        if (d < 1 || mean.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException($"A Gaussian's mean needs at least one coordinate, all finite; got [{string.Join(", ", mean)}].", nameof(mean));
        }

        if (covariance.Rows != d || covariance.Columns != d)
        {
            throw new ArgumentException($"A Gaussian with a mean of length {d} needs a {d}×{d} covariance, not {covariance.Shape}.", nameof(covariance));
        }

        var sigma = covariance.AsReadOnlySpan();
        double scale = 0;
        foreach (double v in sigma)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"The covariance must be finite; it holds {v}.", nameof(covariance));
            }

            scale = Math.Max(scale, Math.Abs(v));
        }

        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (Math.Abs(sigma[i * d + j] - sigma[j * d + i]) > 1e-12 * scale)
                {
                    throw new ArgumentException($"A covariance matrix is symmetric, but entries ({i}, {j}) = {sigma[i * d + j]} and ({j}, {i}) = {sigma[j * d + i]} differ.", nameof(covariance));
                }
            }
        }

        _cholesky = DenseAlgebra.Cholesky(sigma, d)
            ?? throw new ArgumentException("The covariance is not positive definite (some variance is zero or negative, or features are collinear): a Gaussian density needs Σ to be invertible.", nameof(covariance));
        _mean = [.. mean];
        _covariance = sigma.ToArray();
        _diagonal = IsDiagonal(_covariance, d);
        double logDet = 0;
        for (int i = 0; i < d; i++)
        {
            logDet += 2 * Math.Log(_cholesky[i * d + i]);
        }

        LogDeterminant = logDet;
        _logNormalizer = -0.5 * logDet - 0.5 * d * Math.Log(2 * Math.PI);
    }

    /// <summary>N(μ, Σ) with the Σ (and its factor) of <paramref name="shape"/>: the classes of a shared covariance factor it once.</summary>
    internal GaussianDensity(double[] mean, GaussianDensity shape)
    {
        _mean = mean;
        _covariance = shape._covariance;
        _cholesky = shape._cholesky;
        LogDeterminant = shape.LogDeterminant;
        _logNormalizer = shape._logNormalizer;
        _diagonal = shape._diagonal;
    }

    /// <summary>N(μ, σ² I): equal variance σ² in every direction, no correlation.</summary>
    /// <param name="mean">μ.</param>
    /// <param name="standardDeviation">σ &gt; 0.</param>
    public static GaussianDensity Isotropic(IReadOnlyList<double> mean, double standardDeviation)
    {
        ArgumentNullException.ThrowIfNull(mean);
        if (!(standardDeviation > 0) || !double.IsFinite(standardDeviation))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), $"A standard deviation must be positive and finite, not {standardDeviation}.");
        }

        var covariance = Matrix<double>.Identity(mean.Count);
        MatrixMath.Scale(covariance, standardDeviation * standardDeviation);
        return new GaussianDensity(mean, covariance);
    }

    /// <summary>
    /// The maximum-likelihood Gaussian of <paramref name="samples"/> (n × d): μ̂ = the sample mean and
    /// Σ̂ = (1/n) Σ (xᵢ − μ̂)(xᵢ − μ̂)ᵀ (divided by n, not n − 1: that is the ML estimate).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than d + 1 samples, non-finite values, or a singular sample covariance.</exception>
    public static GaussianDensity Fit(Matrix<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        int n = samples.Rows, d = samples.Columns;
        if (d < 1 || n < d + 1)
        {
            throw new ArgumentException($"Fitting a Gaussian in {d} dimensions needs at least {d + 1} samples for an invertible covariance; this class has {n}.", nameof(samples));
        }

        if (!samples.IsFinite())
        {
            throw new ArgumentException("Fitting a Gaussian needs finite samples; remove NaN and infinite values first.", nameof(samples));
        }

        var covariance = MaximumLikelihood(samples, out var mean);
        try
        {
            return new GaussianDensity(mean, covariance);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The samples' covariance is singular (a feature is constant or features are collinear), so no Gaussian density fits them. {e.Message}", nameof(samples), e);
        }
    }

    /// <summary>
    /// The maximum-likelihood mean μ̂ (length d) and covariance Σ̂ = (1/n) Σ (xᵢ − μ̂)(xᵢ − μ̂)ᵀ (d × d) of n ≥ 1 finite
    /// samples, unchecked: <see cref="Fit"/> and the Bayes classifier's covariance estimates share these very operations.
    /// </summary>
    internal static Matrix<double> MaximumLikelihood(Matrix<double> samples, out double[] mean)
    {
        int n = samples.Rows, d = samples.Columns;
        mean = SampleMean(samples);
        var covariance = new Matrix<double>(d, d);
        for (int i = 0; i < n; i++)
        {
            var row = samples.Row(i);
            for (int a = 0; a < d; a++)
            {
                for (int b = 0; b <= a; b++)
                {
                    covariance[a, b] += (row[a] - mean[a]) * (row[b] - mean[b]);
                }
            }
        }

        for (int a = 0; a < d; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                covariance[a, b] /= n;
                covariance[b, a] = covariance[a, b];
            }
        }

        return covariance;
    }

    /// <summary>
    /// The maximum-likelihood variances (1/n) Σ (xᵢⱼ − μ̂ⱼ)² of n ≥ 1 samples: the diagonal of <see cref="MaximumLikelihood"/>
    /// bit for bit, in O(nd) instead of O(nd²).
    /// </summary>
    internal static double[] MaximumLikelihoodVariances(Matrix<double> samples, out double[] mean)
    {
        int n = samples.Rows, d = samples.Columns;
        mean = SampleMean(samples);
        var variances = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = samples.Row(i);
            for (int a = 0; a < d; a++)
            {
                variances[a] += (row[a] - mean[a]) * (row[a] - mean[a]);
            }
        }

        for (int a = 0; a < d; a++)
        {
            variances[a] /= n;
        }

        return variances;
    }

    private static double[] SampleMean(Matrix<double> samples)
    {
        int n = samples.Rows, d = samples.Columns;
        var mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = samples.Row(i);
            for (int j = 0; j < d; j++)
            {
                mean[j] += row[j];
            }
        }

        for (int j = 0; j < d; j++)
        {
            mean[j] /= n;
        }

        return mean;
    }

    /// <inheritdoc/>
    public int Dimension => _mean.Length;

    /// <summary>μ.</summary>
    public IReadOnlyList<double> Mean => _mean;

    /// <summary>Σ (a copy).</summary>
    public Matrix<double> Covariance => new(Dimension, Dimension, [.. _covariance]);

    /// <summary>log det Σ.</summary>
    public double LogDeterminant { get; }

    /// <summary>Σ⁻¹ (a new matrix), computed from the Cholesky factor.</summary>
    public Matrix<double> Precision()
    {
        int d = Dimension;
        var inverse = new Matrix<double>(d, d);
        Span<double> column = stackalloc double[d];
        for (int j = 0; j < d; j++)
        {
            // Σ⁻¹ e_j = L⁻ᵀ L⁻¹ e_j.
            column.Clear();
            column[j] = 1;
            DenseAlgebra.SolveLower(_cholesky, d, column);
            SolveUpperTransposed(column);
            for (int i = 0; i < d; i++)
            {
                inverse[i, j] = column[i];
            }
        }

        return inverse;
    }

    /// <inheritdoc/>
    public double LogDensity(ReadOnlySpan<double> x)
    {
        int d = Dimension;
        if (x.Length != d)
        {
            throw new ArgumentException($"This Gaussian is {d}-dimensional but the point has {x.Length} coordinates.", nameof(x));
        }

        Span<double> z = d <= 64 ? stackalloc double[d] : new double[d];
        for (int i = 0; i < d; i++)
        {
            z[i] = x[i] - _mean[i];
        }

        // (x − μ)ᵀ Σ⁻¹ (x − μ) = ‖L⁻¹(x − μ)‖²; for a diagonal L the solve's off-diagonal terms are zeros, so dividing gives the same z.
        if (_diagonal)
        {
            for (int i = 0; i < d; i++)
            {
                z[i] /= _cholesky[i * d + i];
            }
        }
        else
        {
            DenseAlgebra.SolveLower(_cholesky, d, z);
        }

        double mahalanobis = 0;
        foreach (double v in z)
        {
            mahalanobis += v * v;
        }

        return _logNormalizer - 0.5 * mahalanobis;
    }

    /// <summary>Draws μ + L z with z ~ N(0, I) (Box–Muller draws, so the stream depends only on the seed).</summary>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        int d = Dimension;
        if (destination.Length != d)
        {
            throw new ArgumentException($"This Gaussian is {d}-dimensional; the destination has length {destination.Length}.", nameof(destination));
        }

        Span<double> z = d <= 64 ? stackalloc double[d] : new double[d];
        for (int i = 0; i < d; i++)
        {
            z[i] = random.NextGaussian();
        }

        for (int i = 0; i < d; i++)
        {
            double s = _mean[i];
            for (int k = 0; k <= i; k++)
            {
                s += _cholesky[i * d + k] * z[k];
            }

            destination[i] = s;
        }
    }

    /// <summary>"N(μ = [..], Σ = [[..]])".</summary>
    public override string ToString() =>
        $"N(μ = [{string.Join(", ", _mean.Select(Format))}], Σ = [{string.Join("; ", Enumerable.Range(0, Dimension).Select(i => string.Join(", ", _covariance.Skip(i * Dimension).Take(Dimension).Select(Format))))}])";

    private static string Format(double v) => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsDiagonal(double[] sigma, int d)
    {
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                if (i != j && sigma[i * d + j] != 0)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private void SolveUpperTransposed(Span<double> b)
    {
        // Solves Lᵀ x = b in place.
        int d = Dimension;
        for (int i = d - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int k = i + 1; k < d; k++)
            {
                s -= _cholesky[k * d + i] * b[k];
            }

            b[i] = s / _cholesky[i * d + i];
        }
    }
}
