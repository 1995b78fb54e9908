using Nabla.Training;

namespace Nabla.Models;

/// <summary>How a caller follows and stops a fit: not hyperparameters, never saved.</summary>
/// <param name="Progress">Receives one record per epoch or iteration, for the kinds that train in epochs.</param>
/// <param name="CancellationToken">Stops training after the current step; the model keeps the best parameters so far.</param>
public sealed record FitControl(IProgress<EpochRecord>? Progress = null, CancellationToken CancellationToken = default);
