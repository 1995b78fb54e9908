namespace Nabla.Training;

/// <summary>
/// What a training run recorded per epoch (or iteration) and how it ended: one type for every model trained in steps,
/// read by <c>nabla train --json</c>, the loss plots and the model files.
/// </summary>
public sealed class TrainingHistory
{
    private readonly List<EpochRecord> _epochs = [];

    /// <summary>Creates an empty history.</summary>
    public TrainingHistory()
    {
    }

    /// <summary>Creates a history from saved records, for a model read from a file.</summary>
    /// <param name="epochs">The records, in epoch order.</param>
    /// <param name="bestEpoch">The epoch whose parameters the model holds.</param>
    /// <param name="stoppedEarly">Whether early stopping ended the run.</param>
    /// <param name="cancelled">Whether the run was cancelled.</param>
    public TrainingHistory(IEnumerable<EpochRecord> epochs, int bestEpoch, bool stoppedEarly = false, bool cancelled = false)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        _epochs.AddRange(epochs);
        BestEpoch = bestEpoch;
        StoppedEarly = stoppedEarly;
        Cancelled = cancelled;
    }

    /// <summary>
    /// What one step of the history is, for axes and messages: <c>epoch</c> (default), or an iteration of a full-batch
    /// solver: <c>L-BFGS iteration</c>, <c>LM iteration</c>, <c>RPROP iteration</c>, <c>SCG iteration</c>.
    /// </summary>
    public string Unit { get; init; } = "epoch";

    /// <summary>What <see cref="EpochRecord.Loss"/> measures, for axes and messages: <c>loss</c> (default), <c>log-loss + L2 penalty</c>, <c>errors</c>.</summary>
    public string Quantity { get; init; } = "loss";

    /// <summary>One record per completed epoch, in order.</summary>
    public IReadOnlyList<EpochRecord> Epochs => _epochs;

    /// <summary>The training loss of each epoch.</summary>
    public double[] Losses => _epochs.Select(e => e.Loss).ToArray();

    /// <summary>The validation loss of each epoch (empty when no validation set was used).</summary>
    public double[] ValidationLosses => _epochs.Where(e => e.ValidationLoss.HasValue).Select(e => e.ValidationLoss!.Value).ToArray();

    /// <summary>True when training stopped early because it was cancelled.</summary>
    public bool Cancelled { get; internal set; }

    /// <summary>True when early stopping or <see cref="TrainingOptions.StopWhen"/> ended training before the epoch limit.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>
    /// Why a full-batch solver (<see cref="TrainingOptions.Solver"/>) stopped: converged (<see cref="OptimizationStopReason.GradientTolerance"/>),
    /// the iteration limit, early stopping or cancellation (<see cref="OptimizationStopReason.Stopped"/>), a line search or
    /// damping that found no better point. Null for gradient descent and for histories read from model files.
    /// </summary>
    public OptimizationStopReason? StopReason { get; internal set; }

    /// <summary>‖∇F‖∞ (loss plus L2 penalty) at the end of a full-batch solver's run; NaN otherwise.</summary>
    public double GradientNorm { get; internal set; } = double.NaN;

    /// <summary>
    /// The epoch whose parameters the model holds at the end: the epoch with the lowest validation loss when a validation set
    /// is used (and <see cref="TrainingOptions.RestoreBestWeights"/> is on), otherwise the last completed epoch; 0 before any epoch completed.
    /// </summary>
    public int BestEpoch { get; internal set; }

    /// <summary>The record of <see cref="BestEpoch"/>, or null when no epoch completed.</summary>
    public EpochRecord? Best => BestEpoch >= 1 && BestEpoch <= _epochs.Count ? _epochs[BestEpoch - 1] : null;

    internal void Add(EpochRecord record) => _epochs.Add(record);
}
