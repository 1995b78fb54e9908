namespace Nabla.Training;

/// <summary>How <see cref="Trainer"/> runs: epochs, batch size, shuffling, seed and optimizer.</summary>
public sealed class TrainingOptions
{
    /// <summary>Passes over the training data; at least 1. Default 100.</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>Samples per gradient step; null or 0 for full-batch gradient descent. Default null.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Reshuffle the samples before every epoch (mini-batch training only). Default true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Seed of the shuffling; the same seed gives the same run. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>The update rule. Default: gradient descent with learning rate 0.1.</summary>
    public Optimizer Optimizer { get; init; } = new GradientDescent(0.1);

    /// <summary>Called after every epoch with its record (on the training thread).</summary>
    public IProgress<EpochRecord>? Progress { get; init; }

    /// <summary>Stops training cleanly after the current batch when cancelled; the history then says <see cref="TrainingHistory.Cancelled"/>.</summary>
    public CancellationToken CancellationToken { get; init; }

    internal void Validate()
    {
        if (Epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), $"Training needs at least 1 epoch, not {Epochs}.");
        }

        if (BatchSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), $"The batch size must be positive (or 0/null for full batch), not {BatchSize}.");
        }

        ArgumentNullException.ThrowIfNull(Optimizer);
    }
}
