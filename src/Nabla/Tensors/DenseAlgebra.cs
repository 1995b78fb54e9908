namespace Nabla.Tensors;

/// <summary>
/// The small dense linear algebra of the models that solve d × d systems (the Gaussian densities, the minimum enclosing
/// ball, linear regression's normal equations), on row-major arrays of doubles.
/// </summary>
internal static class DenseAlgebra
{
    /// <summary>
    /// The Cholesky factor L (lower triangular, A = L Lᵀ) of a symmetric positive definite <paramref name="a"/> (n × n),
    /// or null when A is not positive definite (a pivot is not positive, relative to the diagonal's scale).
    /// </summary>
    public static double[]? Cholesky(ReadOnlySpan<double> a, int n)
        => TryCholesky(a, n, 1e-13, out var l, out _) ? l : null;

    /// <summary>
    /// Factors a symmetric <paramref name="a"/> (n × n, row-major; only its lower triangle is read) as L Lᵀ. Fails, with
    /// <paramref name="failedPivot"/> the index j of the first pivot that is not above
    /// <paramref name="relativeTolerance"/> times the largest diagonal entry. Pivot j is what remains of A_jj once the
    /// earlier rows are eliminated, so a failure at j means row (and column) j is, to that tolerance, a combination of
    /// rows 0 … j − 1.
    /// </summary>
    /// <param name="a">The matrix, n × n.</param>
    /// <param name="n">Its order.</param>
    /// <param name="relativeTolerance">Smallest pivot accepted, relative to max_j |A_jj|; 0 accepts any positive pivot.</param>
    /// <param name="l">The factor, n × n row-major (zero above the diagonal); partial when the factorization fails.</param>
    /// <param name="failedPivot">The failing pivot's index, or −1 on success.</param>
    public static bool TryCholesky(ReadOnlySpan<double> a, int n, double relativeTolerance, out double[] l, out int failedPivot)
    {
        l = new double[n * n];
        return TryCholesky(a, n, relativeTolerance, l, out failedPivot);
    }

    /// <summary>
    /// <see cref="TryCholesky(ReadOnlySpan{double}, int, double, out double[], out int)"/> into a caller's buffer
    /// <paramref name="l"/> (n × n; its upper triangle is left as it was), for loops that factor a matrix per iteration.
    /// </summary>
    public static bool TryCholesky(ReadOnlySpan<double> a, int n, double relativeTolerance, Span<double> l, out int failedPivot)
    {
        double scale = 0;
        for (int i = 0; i < n; i++)
        {
            scale = Math.Max(scale, Math.Abs(a[i * n + i]));
        }

        for (int j = 0; j < n; j++)
        {
            double diagonal = a[j * n + j];
            for (int k = 0; k < j; k++)
            {
                diagonal -= l[j * n + k] * l[j * n + k];
            }

            // A pivot lost to rounding means the matrix is singular for all practical purposes.
            if (!(diagonal > relativeTolerance * scale) || !double.IsFinite(diagonal))
            {
                failedPivot = j;
                return false;
            }

            double ljj = Math.Sqrt(diagonal);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++)
            {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++)
                {
                    s -= l[i * n + k] * l[j * n + k];
                }

                l[i * n + j] = s / ljj;
            }
        }

        failedPivot = -1;
        return true;
    }

    /// <summary>Solves L z = b in place (<paramref name="b"/> becomes z) for lower-triangular L.</summary>
    public static void SolveLower(ReadOnlySpan<double> l, int n, Span<double> b)
    {
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++)
            {
                s -= l[i * n + k] * b[k];
            }

            b[i] = s / l[i * n + i];
        }
    }

    /// <summary>Solves Lᵀ x = z in place (<paramref name="z"/> becomes x) for lower-triangular L (n × n, row-major).</summary>
    public static void SolveLowerTransposed(ReadOnlySpan<double> l, int n, Span<double> z)
    {
        for (int i = n - 1; i >= 0; i--)
        {
            double s = z[i];
            for (int k = i + 1; k < n; k++)
            {
                s -= l[k * n + i] * z[k];
            }

            z[i] = s / l[i * n + i];
        }
    }

    /// <summary>
    /// Solves A x = b (A is n × n, row-major, overwritten; b becomes x) by Gaussian elimination with partial pivoting.
    /// Returns false when a pivot is below <paramref name="relativeTolerance"/> times the largest entry of A.
    /// </summary>
    public static bool TrySolve(Span<double> a, Span<double> b, int n, double relativeTolerance = 1e-12)
    {
        double scale = 0;
        foreach (double v in a)
        {
            scale = Math.Max(scale, Math.Abs(v));
        }

        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
            {
                if (Math.Abs(a[r * n + col]) > Math.Abs(a[pivot * n + col]))
                {
                    pivot = r;
                }
            }

            if (!(Math.Abs(a[pivot * n + col]) > relativeTolerance * scale))
            {
                return false;
            }

            if (pivot != col)
            {
                for (int k = 0; k < n; k++)
                {
                    (a[col * n + k], a[pivot * n + k]) = (a[pivot * n + k], a[col * n + k]);
                }

                (b[col], b[pivot]) = (b[pivot], b[col]);
            }

            for (int r = col + 1; r < n; r++)
            {
                double factor = a[r * n + col] / a[col * n + col];
                for (int k = col; k < n; k++)
                {
                    a[r * n + k] -= factor * a[col * n + k];
                }

                b[r] -= factor * b[col];
            }
        }

        for (int r = n - 1; r >= 0; r--)
        {
            double s = b[r];
            for (int k = r + 1; k < n; k++)
            {
                s -= a[r * n + k] * b[k];
            }

            b[r] = s / a[r * n + r];
        }

        return true;
    }

    /// <summary>
    /// The eigenvalues and eigenvectors of a symmetric <paramref name="a"/> (n × n, row-major), by cyclic Jacobi rotations:
    /// A = V diag(values) Vᵀ, column k of <paramref name="vectors"/> (n × n, row-major) the unit eigenvector of values[k].
    /// Accurate to a few ε·‖A‖ for every eigenvalue, also the tiny ones of a nearly singular matrix; O(n³) per sweep, a
    /// handful of sweeps.
    /// </summary>
    public static void SymmetricEigen(ReadOnlySpan<double> a, int n, out double[] values, out double[] vectors)
    {
        var m = a.ToArray();
        vectors = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            vectors[i * n + i] = 1;
        }

        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, total = 0;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double v = m[i * n + j] * m[i * n + j];
                    total += v;
                    off += i == j ? 0 : v;
                }
            }

            if (off <= 1e-30 * total || off == 0)
            {
                break;
            }

            for (int p = 0; p < n - 1; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    double apq = m[p * n + q];
                    if (apq == 0)
                    {
                        continue;
                    }

                    // The rotation that zeroes m[p, q]: tan θ = t, chosen as the smaller root for stability.
                    double theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
                    // For a huge θ, θ² would overflow: t → 1/(2θ) there.
                    double t = Math.Abs(theta) > 1e150 ? 1 / (2 * theta) : Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    double c = 1 / Math.Sqrt(t * t + 1), sn = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double mkp = m[k * n + p], mkq = m[k * n + q];
                        m[k * n + p] = c * mkp - sn * mkq;
                        m[k * n + q] = sn * mkp + c * mkq;
                    }

                    for (int k = 0; k < n; k++)
                    {
                        double mpk = m[p * n + k], mqk = m[q * n + k];
                        m[p * n + k] = c * mpk - sn * mqk;
                        m[q * n + k] = sn * mpk + c * mqk;
                    }

                    for (int k = 0; k < n; k++)
                    {
                        double vkp = vectors[k * n + p], vkq = vectors[k * n + q];
                        vectors[k * n + p] = c * vkp - sn * vkq;
                        vectors[k * n + q] = sn * vkp + c * vkq;
                    }
                }
            }
        }

        values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = m[i * n + i];
        }
    }
}
