namespace Nabla.Bayes;

/// <summary>A Monte Carlo estimate of a classifier's risk R = E[c(decision, true class)] under a class mixture.</summary>
/// <param name="Risk">The mean cost over the sampled points.</param>
/// <param name="StandardError">The standard error of <paramref name="Risk"/>: the sample standard deviation of the costs over √N.</param>
/// <param name="ErrorRate">The fraction of points decided wrongly (equal to the risk under 0-1 costs).</param>
/// <param name="SampleCount">N, the number of points drawn.</param>
public sealed record RiskEstimate(double Risk, double StandardError, double ErrorRate, int SampleCount);
