namespace Nabla.Training;

/// <summary>Training produced a NaN or infinite loss or parameter; the message names the epoch and what to change.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for <paramref name="epoch"/>.</summary>
    public TrainingDivergedException(int epoch, string message)
        : base(message)
    {
        Epoch = epoch;
    }

    /// <summary>1-based epoch in which the divergence was detected.</summary>
    public int Epoch { get; }
}
