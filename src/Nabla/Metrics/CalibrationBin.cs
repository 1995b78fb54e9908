namespace Nabla.Metrics;

/// <summary>
/// One bin of a reliability (calibration) diagram: the rows whose predicted probability fell in the bin, their mean
/// predicted probability and the fraction of them that were positive. A calibrated model has the two equal.
/// </summary>
/// <param name="MeanPredicted">The mean predicted probability of the bin's rows.</param>
/// <param name="FractionPositive">The fraction of the bin's rows that were positive.</param>
/// <param name="Count">The number of rows in the bin (at least 1; empty bins are left out).</param>
public sealed record CalibrationBin(double MeanPredicted, double FractionPositive, int Count);
