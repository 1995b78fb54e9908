namespace Nabla.Neurons;

/// <summary>
/// The perceptron convergence theorem's figures for one unit trained on linearly separable data, with inputs
/// x(n) = [+1, x₁, …, x_d]: the radius R = max ‖x(n)‖, the margin γ = max over ‖w‖ = 1 of min d(n) wᵀx(n), and the bound
/// (R/γ)² on the number of updates the rule w(n+1) = w(n) + η[d(n) − y(n)]x(n) can make from w(0) = 0, in any order and for
/// any η &gt; 0, set against the updates it made.
/// </summary>
/// <remarks>
/// γ is the margin of the maximum-margin separator through the origin of the augmented inputs (the bias is a weight like
/// the others), found by coordinate ascent on the dual of min ½‖w‖² subject to d(n) wᵀx(n) ≥ 1. <see cref="Margin"/> is the
/// margin of the best separator found, a lower bound on the true γ, so <see cref="Bound"/> is never too small;
/// <see cref="MarginUpperBound"/> is the dual's upper bound on γ (the two agree to 1e-6 unless the search ran out of steps).
/// </remarks>
/// <param name="Radius">R = max ‖x(n)‖ over the training samples, the +1 included.</param>
/// <param name="Margin">γ: the margin of the separator found (a lower bound on the maximum margin).</param>
/// <param name="MarginUpperBound">An upper bound on the maximum margin, from the dual.</param>
/// <param name="Updates">The updates the perceptron made in training.</param>
public sealed record PerceptronConvergence(double Radius, double Margin, double MarginUpperBound, int Updates)
{
    /// <summary>(R/γ)², the theorem's bound on the number of updates.</summary>
    public double Bound => Radius * Radius / (Margin * Margin);

    /// <summary>True when the updates made are within the bound, as the theorem says they must be.</summary>
    public bool WithinBound => Updates <= Bound;

    /// <summary>Relative gap between the margin's bounds at which the search stops.</summary>
    internal const double Tolerance = 1e-6;

    /// <summary>The search's budget, in sample visits (n · passes): enough for thousands of passes over small data.</summary>
    internal const long Budget = 50_000_000;

    /// <summary>
    /// R and γ for the samples <paramref name="x"/> (n × d, without the +1) labelled <paramref name="d"/> (±1), which a
    /// perceptron separated; null when the search finds no separator (the data is not separable after all).
    /// </summary>
    internal static PerceptronConvergence? Compute(ReadOnlySpan<double> x, int columns, ReadOnlySpan<int> d, int updates)
    {
        int n = d.Length, dim = columns + 1;
        double radius = 0;
        var norms = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = 1;
            for (int j = 0; j < columns; j++)
            {
                double v = x[i * columns + j];
                s += v * v;
            }

            norms[i] = s;
            radius = Math.Max(radius, Math.Sqrt(s));
        }

        // Dual coordinate ascent (Hildreth): α_i ← max(0, α_i + (1 − z_iᵀw)/‖z_i‖²), w = Σ α_i z_i with z_i = d_i [1, x_i].
        var alpha = new double[n];
        var w = new double[dim];
        double lower = 0, upper = double.PositiveInfinity;
        long passes = Math.Max(1, Budget / Math.Max(1, (long)n * dim));
        for (long pass = 0; pass < passes; pass++)
        {
            for (int i = 0; i < n; i++)
            {
                double margin = d[i] * Dot(w, x, i, columns);
                double next = Math.Max(0, alpha[i] + (1 - margin) / norms[i]);
                double step = (next - alpha[i]) * d[i];
                if (step != 0)
                {
                    w[0] += step;
                    for (int j = 0; j < columns; j++)
                    {
                        w[j + 1] += step * x[i * columns + j];
                    }

                    alpha[i] = next;
                }
            }

            double norm = Math.Sqrt(w.Sum(v => v * v));
            double smallest = double.PositiveInfinity;
            for (int i = 0; i < n; i++)
            {
                smallest = Math.Min(smallest, d[i] * Dot(w, x, i, columns));
            }

            double dual = alpha.Sum() - 0.5 * norm * norm;
            if (norm > 0)
            {
                lower = Math.Max(lower, smallest / norm);
            }

            if (dual > 0)
            {
                upper = Math.Min(upper, 1 / Math.Sqrt(2 * dual));
            }

            if (lower > 0 && upper - lower <= Tolerance * upper)
            {
                break;
            }
        }

        return lower > 0 ? new PerceptronConvergence(radius, lower, Math.Max(lower, upper), updates) : null;
    }

    private static double Dot(double[] w, ReadOnlySpan<double> x, int i, int columns)
    {
        double v = w[0];
        for (int j = 0; j < columns; j++)
        {
            v += w[j + 1] * x[i * columns + j];
        }

        return v;
    }
}
