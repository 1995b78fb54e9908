namespace Nabla.Training;

/// <summary>A function f: ℝⁿ → ℝ with its gradient: returns f(point) and writes ∇f(point) into <paramref name="gradient"/>.</summary>
/// <param name="point">Where to evaluate, length n.</param>
/// <param name="gradient">Receives ∇f(point), length n.</param>
/// <returns>f(point).</returns>
public delegate double DifferentiableFunction(ReadOnlySpan<double> point, Span<double> gradient);
