using Nabla.Data.Preprocessing;

using Nabla.Estimators;
using Nabla.Serialization;

namespace Nabla.Models;

/// <summary>A model read from a file, with what was saved beside it.</summary>
/// <typeparam name="TModel">The estimator type.</typeparam>
/// <param name="Model">The fitted estimator.</param>
/// <param name="Info">The file's header.</param>
/// <param name="Preprocessing">How raw table rows become the model's features, when saved.</param>
/// <param name="Training">How the model was trained, when saved.</param>
public sealed record LoadedModel<TModel>(TModel Model, ModelInfo Info, Preprocessor? Preprocessing, TrainingMetadata? Training)
    where TModel : class;
