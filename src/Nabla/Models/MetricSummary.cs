namespace Nabla.Models;

/// <summary>One metric over the folds of a cross-validation.</summary>
/// <param name="Mean">The mean over the folds.</param>
/// <param name="StandardDeviation">The standard deviation over the folds, √(Σ(vᵢ − mean)²/k) (as scikit-learn reports it).</param>
/// <param name="Folds">The value on each fold, in fold order.</param>
public sealed record MetricSummary(double Mean, double StandardDeviation, IReadOnlyList<double> Folds)
{
    /// <summary>Summarizes the values of each fold.</summary>
    public static MetricSummary Of(IReadOnlyList<double> folds)
    {
        ArgumentNullException.ThrowIfNull(folds);
        double mean = folds.Average();
        double variance = folds.Sum(v => (v - mean) * (v - mean)) / folds.Count;
        return new MetricSummary(mean, Math.Sqrt(variance), [.. folds]);
    }
}
