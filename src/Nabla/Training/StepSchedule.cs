using System.Globalization;

namespace Nabla.Training;

/// <summary>Step decay: the rate is multiplied by γ after every <see cref="StepEpochs"/> epochs, factor γ^⌊(e − 1)/N⌋.</summary>
public sealed class StepSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="stepEpochs">N ≥ 1, epochs per step.</param>
    /// <param name="gamma">γ in (0, 1], the factor per step.</param>
    public StepSchedule(int stepEpochs, double gamma = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepEpochs, 1);
        if (!(gamma > 0 && gamma <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), $"The step factor γ must be in (0, 1], not {gamma}.");
        }

        StepEpochs = stepEpochs;
        Gamma = gamma;
    }

    /// <summary>N, epochs per step.</summary>
    public int StepEpochs { get; }

    /// <summary>γ, the factor per step.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public override double Factor(int epoch, int epochs) => Math.Pow(Gamma, (epoch - 1) / StepEpochs);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"step({StepEpochs},{Gamma:R})");
}
