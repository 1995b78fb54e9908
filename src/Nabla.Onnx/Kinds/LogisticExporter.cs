using Nabla.Estimators;
using Nabla.Linear;
using Nabla.Onnx.Graphs;
using Nabla.Onnx.Protobuf;

namespace Nabla.Onnx.Kinds;

/// <summary>
/// <c>logistic</c>: the logits z = b + W x in double, as Nabla computes them whatever the precision; two classes:
/// P = (σ(−z), σ(z)) and the second class when z exceeds logit(threshold); more: softmax(z) and the first largest logit.
/// </summary>
internal sealed class LogisticExporter : KindExporter
{
    /// <inheritdoc/>
    public override string Kind => "logistic";

    /// <inheritdoc/>
    public override ClassifierOutputs Classifier<T, TLabel>(Classifier<T, TLabel> model, OnnxGraph g, string x)
    {
        var logistic = (LogisticRegression<T, TLabel>)model;
        var w = logistic.Coefficients;
        string z = Affine(g, g.ToDouble(x), Values(w), Values<T>([.. logistic.Intercepts]), w.Rows, w.Columns, inDouble: true);
        if (w.Rows == 1)
        {
            double threshold = logistic.Options.Threshold;
            string decision = g.Op("Greater", z, g.Double(Math.Log(threshold / (1 - threshold))));
            string p = g.Op("Concat", [g.Op("Sigmoid", g.Op("Neg", z)), g.Op("Sigmoid", z)], AttributeProto.Int("axis", 1));
            return new ClassifierOutputs(Binary(g, decision), g.FromDouble(p));
        }

        return new ClassifierOutputs(ArgMax(g, z), g.FromDouble(g.Op("Softmax", [z], AttributeProto.Int("axis", 1))));
    }
}
