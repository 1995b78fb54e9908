using System.Numerics;
using System.Text.Json.Nodes;
using Nabla.Estimators;
using Nabla.Training;

namespace Nabla.Serialization;

/// <summary>
/// Writes and reads one classifier type's hyperparameters and parameters in a model file. Adding a model type to the format is
/// one class implementing this and one line in <see cref="ModelCodecs"/>.
/// </summary>
internal interface IClassifierCodec
{
    /// <summary>The <c>model</c> field of the file: <c>mlp</c>, <c>perceptron</c>, …</summary>
    string ModelType { get; }

    /// <summary>Fills the two sections and returns true when <paramref name="model"/> is this codec's type; false otherwise.</summary>
    bool TryWrite<T, TLabel>(Classifier<T, TLabel> model, JsonObject hyperparameters, JsonObject parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull;

    /// <summary>Rebuilds the fitted model, validating every shape against <paramref name="classes"/> and <paramref name="featureCount"/>.</summary>
    Classifier<T, TLabel> Read<T, TLabel>(JsonSection hyperparameters, JsonSection parameters, TLabel[] classes, int featureCount, TrainingHistory? history)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull;
}
