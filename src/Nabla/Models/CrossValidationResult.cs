namespace Nabla.Models;

/// <summary>What a k-fold cross-validation measured.</summary>
/// <param name="Values">The hyperparameter values every fold was trained with.</param>
/// <param name="Folds">k, the number of folds.</param>
/// <param name="Metrics">Each metric's summary by name: <c>accuracy</c>, <c>balanced_accuracy</c>, <c>macro_f1</c>, <c>log_loss</c> (models with probabilities) for classification; <c>mse</c>, <c>mae</c>, <c>r2</c> for regression.</param>
public sealed record CrossValidationResult(HyperparameterValues Values, int Folds, IReadOnlyDictionary<string, MetricSummary> Metrics);
