using System.Globalization;

namespace Nabla.Training;

/// <summary>Cosine annealing: factor m + (1 − m)(1 + cos(π(e − 1)/(E − 1)))/2, from 1 in the first epoch to m in the last.</summary>
public sealed class CosineSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule with final factor <paramref name="minimumFactor"/> in [0, 1].</summary>
    public CosineSchedule(double minimumFactor = 0)
    {
        if (!(minimumFactor >= 0 && minimumFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumFactor), $"The final factor must be in [0, 1], not {minimumFactor}.");
        }

        MinimumFactor = minimumFactor;
    }

    /// <summary>m, the factor in the last epoch.</summary>
    public double MinimumFactor { get; }

    /// <inheritdoc/>
    public override double Factor(int epoch, int epochs) =>
        epochs <= 1 ? 1 : MinimumFactor + (1 - MinimumFactor) * (1 + Math.Cos(Math.PI * (epoch - 1) / (epochs - 1))) / 2;

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"cosine({MinimumFactor:R})");
}
