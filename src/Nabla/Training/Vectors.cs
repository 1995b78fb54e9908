namespace Nabla.Training;

/// <summary>The few vector operations of the full-batch minimizers, on spans of doubles, allocating nothing.</summary>
internal static class Vectors
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    /// <summary>y += a·x.</summary>
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] += a * x[i];
        }
    }

    /// <summary>‖x‖∞; NaN when x holds a NaN.</summary>
    public static double MaxAbs(ReadOnlySpan<double> x)
    {
        double m = 0;
        foreach (double v in x)
        {
            if (double.IsNaN(v))
            {
                return double.NaN;
            }

            m = Math.Max(m, Math.Abs(v));
        }

        return m;
    }

    /// <summary>
    /// Why a minimizer stops at a point with value <paramref name="f"/> and gradient <paramref name="gradient"/>, or null to go
    /// on: not finite, converged (‖∇f‖∞ ≤ <paramref name="tolerance"/>), or out of iterations.
    /// </summary>
    public static OptimizationStopReason? StopReason(double f, ReadOnlySpan<double> gradient, double tolerance, bool outOfIterations)
    {
        double norm = MaxAbs(gradient);
        return !double.IsFinite(f) || !double.IsFinite(norm) ? OptimizationStopReason.NotFinite
            : norm <= tolerance ? OptimizationStopReason.GradientTolerance
            : outOfIterations ? OptimizationStopReason.MaxIterations
            : null;
    }
}
