namespace Nabla.Training;

/// <summary>Settings of <see cref="Lbfgs.Minimize"/>.</summary>
public sealed record LbfgsOptions
{
    /// <summary>m, the number of recent (s, y) pairs kept to approximate the inverse Hessian. Default 10.</summary>
    public int HistorySize { get; init; } = 10;

    /// <summary>Iteration limit. Default 1000.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Convergence: stop when ‖∇f‖∞ ≤ this. Default 1e-8.</summary>
    public double GradientTolerance { get; init; } = 1e-8;

    /// <summary>c₁ of the sufficient-decrease (Armijo) condition f(x + αp) ≤ f(x) + c₁ α ∇fᵀp. Default 1e-4.</summary>
    public double SufficientDecrease { get; init; } = 1e-4;

    /// <summary>c₂ of the strong curvature condition |∇f(x + αp)ᵀp| ≤ c₂ |∇fᵀp|. Default 0.9 (the usual value for quasi-Newton methods).</summary>
    public double Curvature { get; init; } = 0.9;

    /// <summary>Function evaluations allowed per line search. Default 50.</summary>
    public int MaxLineSearchEvaluations { get; init; } = 50;

    internal void Validate()
    {
        if (HistorySize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(HistorySize), $"L-BFGS keeps at least one (s, y) pair, not {HistorySize}.");
        }

        if (MaxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIterations), $"L-BFGS needs at least one iteration, not {MaxIterations}.");
        }

        if (!(GradientTolerance >= 0) || !double.IsFinite(GradientTolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(GradientTolerance), $"The gradient tolerance must be 0 or more and finite, not {GradientTolerance}.");
        }

        if (!(SufficientDecrease > 0 && SufficientDecrease < Curvature && Curvature < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Curvature), $"The Wolfe constants need 0 < c₁ < c₂ < 1, not c₁ = {SufficientDecrease}, c₂ = {Curvature}.");
        }

        if (MaxLineSearchEvaluations < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxLineSearchEvaluations), $"A line search needs at least 2 evaluations, not {MaxLineSearchEvaluations}.");
        }
    }
}
