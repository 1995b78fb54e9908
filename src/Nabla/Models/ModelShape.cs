namespace Nabla.Models;

/// <summary>The shape of a learning problem, for describing a model before it is fitted.</summary>
/// <param name="Features">d, the number of features.</param>
/// <param name="Classes">The class labels as text, sorted (classification), or empty.</param>
/// <param name="Targets">The number of targets (regression), or 0.</param>
/// <param name="TrainingRows">The rows the model will be fitted on, or 0 when not known (a choice that depends on them is then described as a rule).</param>
public sealed record ModelShape(int Features, IReadOnlyList<string> Classes, int Targets, int TrainingRows = 0)
{
    /// <summary>True for classification.</summary>
    public bool IsClassification => Classes.Count > 0;
}
