using System.Numerics;
using System.Text.Json.Nodes;
using Nabla.Estimators;
using Nabla.Training;

namespace Nabla.Serialization;

/// <summary>Writes and reads one regressor type's hyperparameters and parameters in a model file (see <see cref="IClassifierCodec"/>).</summary>
internal interface IRegressorCodec
{
    /// <summary>The <c>model</c> field of the file.</summary>
    string ModelType { get; }

    /// <summary>Fills the two sections and returns true when <paramref name="model"/> is this codec's type.</summary>
    bool TryWrite<T>(Regressor<T> model, JsonObject hyperparameters, JsonObject parameters)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Rebuilds the fitted model, validating every shape.</summary>
    Regressor<T> Read<T>(JsonSection hyperparameters, JsonSection parameters, int featureCount, int targetCount, TrainingHistory? history)
        where T : unmanaged, IFloatingPointIeee754<T>;
}
