using Nabla.Estimators;
using Nabla.Serialization;

namespace Nabla.Models;

/// <summary>The header of a model file: enough to know how to load it and what it predicts.</summary>
/// <param name="Path">The file.</param>
/// <param name="Version">The format version.</param>
/// <param name="ModelType">The model type: <c>mlp</c>, <c>perceptron</c>, …</param>
/// <param name="Task">Classification or regression.</param>
/// <param name="Precision"><c>float64</c> (double) or <c>float32</c> (float).</param>
/// <param name="FeatureCount">d, the number of features the model takes (after preprocessing).</param>
/// <param name="Classes">For a classifier, the class labels as text, in class-index order; empty for a regressor.</param>
/// <param name="LabelType">For a classifier, how the labels are stored: <c>string</c>, <c>number</c> or <c>boolean</c>.</param>
/// <param name="TargetCount">For a regressor, the number of targets; 0 for a classifier.</param>
public sealed record ModelInfo(
    string Path, int Version, string ModelType, ModelTask Task, string Precision, int FeatureCount, IReadOnlyList<string> Classes, string? LabelType, int TargetCount)
{
    /// <summary>True when the parameters are <see cref="double"/>.</summary>
    public bool IsDouble => Precision == ModelFile.Float64;
}
