namespace Nabla.Training;

/// <summary>The outcome of a minimization.</summary>
/// <param name="Point">The last (best) point x.</param>
/// <param name="Value">f(x).</param>
/// <param name="GradientNorm">‖∇f(x)‖∞, the largest absolute gradient component.</param>
/// <param name="Iterations">Iterations (accepted steps) taken.</param>
/// <param name="FunctionEvaluations">Evaluations of f and ∇f.</param>
/// <param name="StopReason">Why it stopped.</param>
/// <param name="ValueHistory">f after each iteration, starting with f(x₀).</param>
public sealed record OptimizationResult(
    double[] Point,
    double Value,
    double GradientNorm,
    int Iterations,
    int FunctionEvaluations,
    OptimizationStopReason StopReason,
    IReadOnlyList<double> ValueHistory)
{
    /// <summary>True when the gradient tolerance was met.</summary>
    public bool Converged => StopReason == OptimizationStopReason.GradientTolerance;
}
