namespace Nabla.Training;

/// <summary>The same learning rate in every epoch.</summary>
public sealed class ConstantSchedule : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double Factor(int epoch, int epochs) => 1;

    /// <inheritdoc/>
    public override string ToString() => "constant";
}
