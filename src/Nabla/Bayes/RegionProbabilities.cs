namespace Nabla.Bayes;

/// <summary>
/// Exact probabilities of plane regions bounded by a line or a circle, under the densities of the report's experiments:
/// an isotropic Gaussian N(μ, σ²I) or a uniform disk in 2-D. They give the exact error of any linear or circular decision
/// rule, to check Monte Carlo estimates against.
/// </summary>
/// <remarks>
/// Gaussian and half-plane: P(w₀ + wᵀx &gt; 0) = Φ((w₀ + wᵀμ) / (σ‖w‖)). Gaussian and disk: ‖x − c‖²/σ² is noncentral
/// χ² with 2 degrees of freedom and noncentrality ‖μ − c‖²/σ², whose CDF is a Poisson mixture of central χ² CDFs.
/// Uniform disk and half-plane: a circular segment, r² acos(h/r) − h√(r² − h²) for a chord at distance h from the centre.
/// Uniform disk and disk: the lens of two circles.
/// </remarks>
public static class RegionProbabilities
{
    /// <summary>P(q(X) &gt; 0) for X drawn from <paramref name="density"/>.</summary>
    /// <param name="density">A 2-D <see cref="GaussianDensity"/> with covariance σ²I, or a 2-D <see cref="UniformBallDensity"/>.</param>
    /// <param name="q">A line (no quadratic terms) or a circle (a = b ≠ 0, c = 0).</param>
    /// <exception cref="NotSupportedException">Another density or another conic.</exception>
    public static double Positive(IDensity density, QuadraticBoundary q)
    {
        ArgumentNullException.ThrowIfNull(density);
        ArgumentNullException.ThrowIfNull(q);
        if (density.Dimension != 2)
        {
            throw new NotSupportedException($"Region probabilities are for 2-D densities, not {density.Dimension}-D.");
        }

        if (q.IsLinear)
        {
            return density switch
            {
                GaussianDensity g => GaussianHalfPlane(g.Mean, IsotropicSigma(g), q.Constant, q.X, q.Y),
                UniformBallDensity u => DiskHalfPlane(u.Centre, u.Radius, q.Constant, q.X, q.Y),
                _ => throw Unsupported(density),
            };
        }

        if (q.Xx != q.Yy || q.Xy != 0)
        {
            throw new NotSupportedException($"Only lines and circles are supported, not {q}.");
        }

        // q = a(‖x‖² + (d/a)x + (e/a)y + f/a): a circle of centre (−d/2a, −e/2a); q > 0 inside it when a < 0.
        double a = q.Xx;
        double[] centre = [-q.X / (2 * a), -q.Y / (2 * a)];
        double radius2 = centre[0] * centre[0] + centre[1] * centre[1] - q.Constant / a;
        double inside = radius2 <= 0 ? 0 : density switch
        {
            GaussianDensity g => GaussianDisk(g.Mean, IsotropicSigma(g), centre, Math.Sqrt(radius2)),
            UniformBallDensity u => DiskInDisk(u.Centre, u.Radius, centre, Math.Sqrt(radius2)),
            _ => throw Unsupported(density),
        };
        return a < 0 ? inside : 1 - inside;
    }

    /// <summary>P(w₀ + w₁x + w₂y &gt; 0) for (x, y) ~ N(μ, σ²I).</summary>
    public static double GaussianHalfPlane(IReadOnlyList<double> mean, double sigma, double w0, double w1, double w2)
    {
        double norm = Math.Sqrt(w1 * w1 + w2 * w2);
        if (norm == 0)
        {
            return w0 > 0 ? 1 : 0;
        }

        return NormalCdf((w0 + w1 * mean[0] + w2 * mean[1]) / (sigma * norm));
    }

    /// <summary>P(‖x − c‖ &lt; ρ) for x ~ N(μ, σ²I) in 2-D.</summary>
    public static double GaussianDisk(IReadOnlyList<double> mean, double sigma, IReadOnlyList<double> centre, double radius)
    {
        double dx = mean[0] - centre[0], dy = mean[1] - centre[1];
        return NoncentralChiSquare2Cdf(radius * radius / (sigma * sigma), (dx * dx + dy * dy) / (sigma * sigma));
    }

    /// <summary>The fraction of the disk (c, r) where w₀ + w₁x + w₂y &gt; 0.</summary>
    public static double DiskHalfPlane(IReadOnlyList<double> centre, double radius, double w0, double w1, double w2)
    {
        double norm = Math.Sqrt(w1 * w1 + w2 * w2);
        if (norm == 0)
        {
            return w0 > 0 ? 1 : 0;
        }

        // h: signed distance of the centre from the line, positive on the side where the expression is positive.
        double h = (w0 + w1 * centre[0] + w2 * centre[1]) / norm;
        double area = Math.PI * radius * radius;
        return h >= 0 ? 1 - Segment(radius, h) / area : Segment(radius, -h) / area;
    }

    /// <summary>The fraction of disk 1 (c₁, r₁) that lies inside disk 2 (c₂, r₂).</summary>
    public static double DiskInDisk(IReadOnlyList<double> centre1, double radius1, IReadOnlyList<double> centre2, double radius2)
    {
        double dx = centre1[0] - centre2[0], dy = centre1[1] - centre2[1];
        return Lens(radius1, radius2, Math.Sqrt(dx * dx + dy * dy)) / (Math.PI * radius1 * radius1);
    }

    /// <summary>Area of the intersection of disks of radii r₁, r₂ whose centres are d apart.</summary>
    public static double Lens(double r1, double r2, double d)
    {
        if (d >= r1 + r2)
        {
            return 0;
        }

        if (d <= Math.Abs(r1 - r2))
        {
            double r = Math.Min(r1, r2);
            return Math.PI * r * r;
        }

        double a1 = Math.Acos(Math.Clamp((d * d + r1 * r1 - r2 * r2) / (2 * d * r1), -1, 1));
        double a2 = Math.Acos(Math.Clamp((d * d + r2 * r2 - r1 * r1) / (2 * d * r2), -1, 1));
        double kite = 0.5 * Math.Sqrt(Math.Max(0, (-d + r1 + r2) * (d + r1 - r2) * (d - r1 + r2) * (d + r1 + r2)));
        return r1 * r1 * a1 + r2 * r2 * a2 - kite;
    }

    /// <summary>Φ(z), the standard normal CDF.</summary>
    public static double NormalCdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>
    /// P(X ≤ t) for X noncentral χ² with 2 degrees of freedom and noncentrality λ:
    /// Σⱼ e^(−λ/2) (λ/2)ʲ / j! · P(χ²₂₊₂ⱼ ≤ t), where P(χ²₂ₖ ≤ t) = P(Poisson(t/2) ≥ k).
    /// </summary>
    public static double NoncentralChiSquare2Cdf(double t, double lambda)
    {
        if (!(t > 0))
        {
            return 0;
        }

        double halfT = t / 2, halfL = lambda / 2;
        int terms = (int)Math.Ceiling(halfL + 12 * Math.Sqrt(halfL + 1) + 40);

        // tail = P(Poisson(t/2) ≥ k), from k = 1, updated by subtracting the Poisson probability of k.
        double poissonT = Math.Exp(-halfT);
        double tail = -double.ExpM1(-halfT);
        double weight = Math.Exp(-halfL);
        double sum = 0;
        for (int j = 0; j < terms; j++)
        {
            sum += weight * tail;
            poissonT *= halfT / (j + 1);
            tail = Math.Max(0, tail - poissonT);
            weight *= halfL / (j + 1);
        }

        return Math.Min(1, sum);
    }

    private static double Segment(double r, double a)
    {
        // Area of the part of a disk of radius r beyond a chord at distance a ≥ 0 from the centre.
        if (a >= r)
        {
            return 0;
        }

        return r * r * Math.Acos(a / r) - a * Math.Sqrt(r * r - a * a);
    }

    private static double IsotropicSigma(GaussianDensity g)
    {
        var c = g.Covariance;
        if (c[0, 1] != 0 || c[1, 0] != 0 || c[0, 0] != c[1, 1])
        {
            throw new NotSupportedException($"Region probabilities need an isotropic Gaussian (covariance σ²I), not {g}.");
        }

        return Math.Sqrt(c[0, 0]);
    }

    private static NotSupportedException Unsupported(IDensity density) =>
        new($"Region probabilities are available for isotropic Gaussians and uniform disks, not {density.GetType().Name}.");

    /// <summary>erfc(x): the Taylor series of erf below 2, the Laplace continued fraction of erfc above (absolute error about 1e-15).</summary>
    private static double Erfc(double x)
    {
        if (x < 0)
        {
            return 2 - Erfc(-x);
        }

        if (x < 2)
        {
            // erf(x) = 2/√π Σ (−1)ⁿ x²ⁿ⁺¹ / (n! (2n + 1)).
            double term = x, sum = x, x2 = x * x;
            for (int n = 1; n < 200; n++)
            {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.Abs(add) < 1e-17 * Math.Abs(sum))
                {
                    break;
                }
            }

            return 1 - 2 / Math.Sqrt(Math.PI) * sum;
        }

        // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))) evaluated by modified Lentz.
        const double tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int k = 1; k < 500; k++)
        {
            double a = k / 2.0;
            d = x + a * d;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = x + a / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return Math.Exp(-x * x) / (Math.Sqrt(Math.PI) * f);
    }
}
