namespace Nabla.Training;

/// <summary>What one epoch of training (or one iteration of a full-batch solver) produced.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Loss">
/// The training loss over the epoch's mini-batches, each taken before its step: with <see cref="Losses.Reduction.Mean"/>
/// the mean per sample (batch losses weighted by their size), with <see cref="Losses.Reduction.Sum"/> their total (for
/// full-batch training: the loss before the epoch's step; for a full-batch solver, the loss at the iteration's parameters,
/// <paramref name="Epoch"/> then numbering iterations). This is the data loss alone: an L2 penalty is not included, so it compares directly with <paramref name="ValidationLoss"/>.
/// </param>
/// <param name="ValidationLoss">Loss on the validation rows after the epoch, when a validation set is used.</param>
/// <param name="ValidationAccuracy">
/// Fraction of validation rows classified right after the epoch, when a validation set is used and
/// <see cref="TrainingOptions.TrackAccuracy"/> is set.
/// </param>
/// <param name="Errors">The perceptron's mistakes (updates) in the epoch, summed over its units; null for models trained on a loss.</param>
public sealed record EpochRecord(int Epoch, double Loss, double? ValidationLoss = null, double? ValidationAccuracy = null, int? Errors = null);
