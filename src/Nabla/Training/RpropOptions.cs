using System.Globalization;

namespace Nabla.Training;

/// <summary>
/// The step sizes of <see cref="TrainingSolver.Rprop"/> (iRprop+): each parameter θᵢ has its own step Δᵢ, multiplied by
/// <see cref="Increase"/> (η⁺) while its gradient keeps its sign and by <see cref="Decrease"/> (η⁻) when the sign flips,
/// kept within [<see cref="MinimumStep"/>, <see cref="MaximumStep"/>]; each iteration moves θᵢ by −sign(∂F/∂θᵢ)·Δᵢ.
/// </summary>
/// <remarks>
/// η⁺ = 1.2, η⁻ = 0.5 and Δmax = 50 are Riedmiller and Braun's values, used by Encog and MATLAB's <c>trainrp</c>; Δ₀ = 0.1 and
/// Δmin = 10⁻⁶ are Encog's (<c>trainrp</c> starts at 0.07).
/// </remarks>
public sealed record RpropOptions
{
    /// <summary>Δ₀, every parameter's first step, positive. Default 0.1.</summary>
    public double InitialStep { get; init; } = 0.1;

    /// <summary>Δmin, the smallest step, 0 or more and at most Δ₀. Default 1e-6.</summary>
    public double MinimumStep { get; init; } = 1e-6;

    /// <summary>Δmax, the largest step, at least Δ₀. Default 50.</summary>
    public double MaximumStep { get; init; } = 50;

    /// <summary>η⁺, the factor of a step whose gradient kept its sign, above 1. Default 1.2.</summary>
    public double Increase { get; init; } = 1.2;

    /// <summary>η⁻, the factor of a step whose gradient changed sign, in (0, 1). Default 0.5.</summary>
    public double Decrease { get; init; } = 0.5;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        if (!(InitialStep > 0) || !double.IsFinite(InitialStep))
        {
            throw new ArgumentOutOfRangeException(nameof(InitialStep), $"RPROP's initial step Δ₀ must be a positive finite number, not {Text(InitialStep)}.");
        }

        if (!(MinimumStep >= 0 && MinimumStep <= InitialStep))
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumStep), $"RPROP's smallest step Δmin must be in [0, Δ₀ = {Text(InitialStep)}], not {Text(MinimumStep)}.");
        }

        if (!(MaximumStep >= InitialStep) || !double.IsFinite(MaximumStep))
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumStep), $"RPROP's largest step Δmax must be finite and at least Δ₀ = {Text(InitialStep)}, not {Text(MaximumStep)}.");
        }

        if (!(Increase > 1) || !double.IsFinite(Increase))
        {
            throw new ArgumentOutOfRangeException(nameof(Increase), $"RPROP's η⁺ must be a finite number above 1, not {Text(Increase)}.");
        }

        if (!(Decrease > 0 && Decrease < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Decrease), $"RPROP's η⁻ must be in (0, 1), not {Text(Decrease)}.");
        }
    }

    private static string Text(double v) => v.ToString(CultureInfo.InvariantCulture);
}
