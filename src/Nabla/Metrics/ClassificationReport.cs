namespace Nabla.Metrics;

/// <summary>Every classification metric of a model on one data set, as <c>nabla evaluate</c> prints them.</summary>
/// <typeparam name="TLabel">The label type.</typeparam>
/// <param name="ConfusionMatrix">Counts of (true, predicted) classes.</param>
/// <param name="LogLoss">Mean −log P(true class | x), when the model gives probabilities.</param>
/// <param name="RocAuc">Area under the ROC curve when the model gives probabilities: for two classes (both occurring) with the second as positive; for more, the mean over the classes of each one's AUC against the rest.</param>
public sealed record ClassificationReport<TLabel>(ConfusionMatrix<TLabel> ConfusionMatrix, double? LogLoss, double? RocAuc)
    where TLabel : notnull
{
    /// <summary>The fraction of samples classified right.</summary>
    public double Accuracy => ConfusionMatrix.Accuracy;

    /// <summary>The unweighted mean F1 over the classes.</summary>
    public double MacroF1 => ConfusionMatrix.MacroF1;

    /// <summary>The mean of the per-class recalls; see <see cref="ConfusionMatrix{TLabel}.BalancedAccuracy"/>.</summary>
    public double BalancedAccuracy => ConfusionMatrix.BalancedAccuracy;

    /// <summary>Precision, recall, F1 and support of every class.</summary>
    public IReadOnlyList<ClassScores<TLabel>> PerClass => ConfusionMatrix.PerClass();
}
