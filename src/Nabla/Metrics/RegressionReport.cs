namespace Nabla.Metrics;

/// <summary>The regression metrics of a model on one data set, each averaged over the targets.</summary>
/// <param name="MeanSquaredError">Mean of (prediction − target)².</param>
/// <param name="MeanAbsoluteError">Mean of |prediction − target|.</param>
/// <param name="R2">The coefficient of determination 1 − SS_res / SS_tot (1 is perfect, 0 is as good as predicting the mean).</param>
public sealed record RegressionReport(double MeanSquaredError, double MeanAbsoluteError, double R2);
