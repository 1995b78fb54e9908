namespace Nabla.Training;

/// <summary>The outcome of <see cref="GradientCheck"/>: the worst disagreement between backpropagation and central differences.</summary>
/// <param name="MaxRelativeError">max over all parameters of |g_bp − g_num| / max(|g_bp|, |g_num|, floor).</param>
/// <param name="MaxAbsoluteError">max over all parameters of |g_bp − g_num|.</param>
/// <param name="WorstParameter">Name and index of the entry with the largest relative error, such as <c>W2[1,0]</c>.</param>
/// <param name="Analytic">Backpropagation's value at that entry.</param>
/// <param name="Numeric">The central-difference value at that entry.</param>
/// <param name="Checked">How many entries were compared.</param>
public sealed record GradientCheckResult(double MaxRelativeError, double MaxAbsoluteError, string WorstParameter, double Analytic, double Numeric, int Checked);
