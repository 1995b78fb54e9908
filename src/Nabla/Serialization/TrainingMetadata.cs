using Nabla.Training;

namespace Nabla.Serialization;

/// <summary>How a saved model was trained: stored in the model file for <c>nabla inspect</c>, never needed to predict.</summary>
public sealed record TrainingMetadata
{
    /// <summary>When the model was saved.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>The Nabla version that trained it.</summary>
    public string? NablaVersion { get; init; }

    /// <summary>The training data (a file path, or the name of a built-in data set).</summary>
    public string? Data { get; init; }

    /// <summary>Rows the model was fitted on.</summary>
    public int? TrainingRows { get; init; }

    /// <summary>Rows held out for testing.</summary>
    public int? TestRows { get; init; }

    /// <summary>The seed of the run.</summary>
    public int? Seed { get; init; }

    /// <summary>Wall-clock seconds of training.</summary>
    public double? Seconds { get; init; }

    /// <summary>The epoch whose parameters the model holds.</summary>
    public int? BestEpoch { get; init; }

    /// <summary>Whether early stopping ended training.</summary>
    public bool StoppedEarly { get; init; }

    /// <summary>Whether training was cancelled (the model then holds the best parameters so far).</summary>
    public bool Cancelled { get; init; }

    /// <summary>What one step of <see cref="History"/> is: <c>epoch</c> or <c>L-BFGS iteration</c> (see <see cref="TrainingHistory.Unit"/>).</summary>
    public string Unit { get; init; } = "epoch";

    /// <summary>What the history's loss measures (see <see cref="TrainingHistory.Quantity"/>).</summary>
    public string Quantity { get; init; } = "loss";

    /// <summary>The loss per epoch.</summary>
    public IReadOnlyList<EpochRecord> History { get; init; } = [];

    /// <summary>Metrics on the training rows, by name (accuracy, loss, mse, …).</summary>
    public IReadOnlyDictionary<string, double> TrainMetrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Metrics on the test rows, by name.</summary>
    public IReadOnlyDictionary<string, double> TestMetrics { get; init; } = new Dictionary<string, double>();

    /// <summary>The history as a <see cref="TrainingHistory"/>.</summary>
    public TrainingHistory ToHistory() => new(History, BestEpoch ?? History.Count, StoppedEarly, Cancelled) { Unit = Unit, Quantity = Quantity };
}
