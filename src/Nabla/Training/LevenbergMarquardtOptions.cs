using System.Globalization;

namespace Nabla.Training;

/// <summary>
/// The damping of <see cref="TrainingSolver.LevenbergMarquardt"/>, with MATLAB <c>trainlm</c>'s defaults: each iteration
/// solves (JᵀJ + μI)Δθ = −Jᵀe; a step that lowers the objective is taken and μ multiplied by <see cref="Decrease"/>, a step
/// that does not is refused and μ multiplied by <see cref="Increase"/>, until a step succeeds or μ exceeds <see cref="Maximum"/>.
/// </summary>
/// <remarks>
/// μ is in the units of JᵀJ, the Gram matrix of the raw residuals e = a − y: small μ is a Gauss–Newton step, large μ a
/// short step (length about ‖Jᵀe‖/μ) along the negative gradient.
/// </remarks>
public sealed record LevenbergMarquardtOptions
{
    /// <summary>μ of the first iteration, positive. Default 0.001 (<c>trainlm</c>'s <c>mu</c>).</summary>
    public double InitialDamping { get; init; } = 1e-3;

    /// <summary>The factor applied to μ after a successful step, in (0, 1). Default 0.1 (<c>mu_dec</c>).</summary>
    public double Decrease { get; init; } = 0.1;

    /// <summary>The factor applied to μ after a refused step, above 1. Default 10 (<c>mu_inc</c>).</summary>
    public double Increase { get; init; } = 10;

    /// <summary>Training stops when μ rises above this (no step lowers the objective any more). Default 1e10 (<c>mu_max</c>).</summary>
    public double Maximum { get; init; } = 1e10;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        if (!(InitialDamping > 0) || !double.IsFinite(InitialDamping))
        {
            throw new ArgumentOutOfRangeException(nameof(InitialDamping), $"Levenberg–Marquardt's initial damping μ must be a positive finite number, not {Text(InitialDamping)}.");
        }

        if (!(Decrease > 0 && Decrease < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Decrease), $"Levenberg–Marquardt's μ decrease factor must be in (0, 1), not {Text(Decrease)}.");
        }

        if (!(Increase > 1) || !double.IsFinite(Increase))
        {
            throw new ArgumentOutOfRangeException(nameof(Increase), $"Levenberg–Marquardt's μ increase factor must be a finite number above 1, not {Text(Increase)}.");
        }

        if (!(Maximum >= InitialDamping) || !double.IsFinite(Maximum))
        {
            throw new ArgumentOutOfRangeException(nameof(Maximum), $"Levenberg–Marquardt's μ maximum must be finite and at least the initial μ {Text(InitialDamping)}, not {Text(Maximum)}.");
        }
    }

    private static string Text(double v) => v.ToString(CultureInfo.InvariantCulture);
}
