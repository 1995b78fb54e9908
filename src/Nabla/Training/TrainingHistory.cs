namespace Nabla.Training;

/// <summary>The loss per epoch of a training run and how it ended.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochRecord> _epochs = [];

    /// <summary>One record per completed epoch, in order.</summary>
    public IReadOnlyList<EpochRecord> Epochs => _epochs;

    /// <summary>The training loss of each epoch.</summary>
    public double[] Losses => _epochs.Select(e => e.Loss).ToArray();

    /// <summary>True when training stopped early because it was cancelled.</summary>
    public bool Cancelled { get; internal set; }

    /// <summary>True when early stopping ended training before the epoch limit.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>The epoch whose parameters the model holds at the end (the best validation epoch under early stopping, else the last).</summary>
    public int BestEpoch { get; internal set; }

    internal void Add(EpochRecord record) => _epochs.Add(record);
}
