namespace Nabla.Onnx.Kinds;

/// <summary>What a classifier's graph computes: the class index of each row, and its class probabilities when the model gives them.</summary>
/// <param name="ClassIndex">int64 [n]: the index of the decided class in the model's classes.</param>
/// <param name="Probabilities">[n, K] in the model's precision, or null for a model of hard decisions only.</param>
internal readonly record struct ClassifierOutputs(string ClassIndex, string? Probabilities);
