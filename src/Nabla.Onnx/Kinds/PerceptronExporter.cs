using Nabla.Estimators;
using Nabla.Neurons;
using Nabla.Onnx.Graphs;
using Nabla.Tensors;

namespace Nabla.Onnx.Kinds;

/// <summary>
/// <c>perceptron</c>: the scores b + w·x of each unit in the model's precision; two classes: the second when the score is
/// 0 or more; more: the first unit of the largest score. Hard decisions only.
/// </summary>
internal sealed class PerceptronExporter : KindExporter
{
    /// <inheritdoc/>
    public override string Kind => "perceptron";

    /// <inheritdoc/>
    public override ClassifierOutputs Classifier<T, TLabel>(Classifier<T, TLabel> model, OnnxGraph g, string x)
    {
        var perceptron = (Perceptron<T, TLabel>)model;
        var w = perceptron.Weights; // rows [b, w₁, …, w_d]
        int units = w.Rows, d = w.Columns - 1;
        var weights = new Matrix<T>(units, d);
        var bias = new T[units];
        for (int u = 0; u < units; u++)
        {
            bias[u] = w[u, 0];
            w.Row(u)[1..].CopyTo(weights.Row(u));
        }

        string scores = Affine(g, x, Values(weights), Values<T>(bias), units, d, inDouble: false);
        return new ClassifierOutputs(units == 1 ? Binary(g, g.Op("GreaterOrEqual", scores, g.Real("zero", 0))) : ArgMax(g, scores), null);
    }
}
