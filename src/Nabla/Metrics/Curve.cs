namespace Nabla.Metrics;

/// <summary>
/// A curve traced by moving a decision threshold over the scores: point k is what deciding "positive" for every score
/// ≥ <see cref="Thresholds"/>[k] gives. For <see cref="ClassificationMetrics.RocCurve"/> X is the false-positive rate and
/// Y the true-positive rate; for <see cref="ClassificationMetrics.PrecisionRecallCurve"/> X is the recall and Y the precision.
/// </summary>
/// <param name="X">The x of each point, in the order the threshold falls.</param>
/// <param name="Y">The y of each point.</param>
/// <param name="Thresholds">The threshold of each point (+∞ for the point before any score is positive).</param>
public sealed record Curve(IReadOnlyList<double> X, IReadOnlyList<double> Y, IReadOnlyList<double> Thresholds);
