using System.Globalization;

namespace Nabla.Training;

/// <summary>
/// The two constants of <see cref="TrainingSolver.ScaledConjugateGradient"/> (Møller 1993), with MATLAB <c>trainscg</c>'s
/// defaults: <see cref="Sigma"/> sets the finite-difference step σₖ = σ/‖pₖ‖ of the curvature sₖ ≈ ∇²F pₖ, and
/// <see cref="Lambda"/> is the first scale λ₁ that keeps the step's curvature δₖ = pₖᵀsₖ + λₖ‖pₖ‖² positive.
/// </summary>
public sealed record ScaledConjugateGradientOptions
{
    /// <summary>σ, positive and small: the change in weight for the second-derivative approximation. Default 5e-5.</summary>
    public double Sigma { get; init; } = 5e-5;

    /// <summary>λ₁, positive: the initial scale that regulates the indefiniteness of the Hessian. Default 5e-7.</summary>
    public double Lambda { get; init; } = 5e-7;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        if (!(Sigma > 0 && Sigma <= 1e-2))
        {
            throw new ArgumentOutOfRangeException(nameof(Sigma), $"SCG's σ must be in (0, 0.01] (a small finite-difference step), not {Sigma.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (!(Lambda > 0 && Lambda <= 1e6))
        {
            throw new ArgumentOutOfRangeException(nameof(Lambda), $"SCG's λ must be in (0, 1e6], not {Lambda.ToString(CultureInfo.InvariantCulture)}.");
        }
    }
}
