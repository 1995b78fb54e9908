using System.Numerics;
using Nabla.Activations;
using Nabla.Estimators;
using Nabla.Mlp;
using Nabla.Networks;
using Nabla.Onnx.Graphs;
using Nabla.Onnx.Protobuf;

namespace Nabla.Onnx.Kinds;

/// <summary>
/// <c>mlp</c>: the forward pass A^[l] = g(A^[l−1] W^[l]ᵀ + b^[l]) in the model's precision, one Gemm and the activation's
/// operators per layer. Classifier: one sigmoid output gives P = (1 − a, a) and the second class when a ≥ ½; K softmax
/// outputs give P = a and the first largest. Regressor: the outputs times the target scales plus the target offsets.
/// </summary>
internal sealed class MlpExporter : KindExporter
{
    /// <inheritdoc/>
    public override string Kind => "mlp";

    /// <inheritdoc/>
    public override ClassifierOutputs Classifier<T, TLabel>(Classifier<T, TLabel> model, OnnxGraph g, string x)
    {
        var network = ((MlpClassifier<T, TLabel>)model).Network;
        string a = Forward(g, network, x);
        if (network.OutputSize == 1)
        {
            string p = g.Op("Concat", [g.Op("Sub", g.Real("one", 1), a), a], AttributeProto.Int("axis", 1));
            return new ClassifierOutputs(Binary(g, g.Op("GreaterOrEqual", a, g.Real("half", 0.5))), p);
        }

        return new ClassifierOutputs(ArgMax(g, a), a);
    }

    /// <inheritdoc/>
    public override string Regressor<T>(Regressor<T> model, OnnxGraph g, string x)
    {
        var mlp = (MlpRegressor<T>)model;
        int t = mlp.TargetCount;
        string a = Forward(g, mlp.Network, x);
        // Rounded to the precision first, as Nabla does: output · T(scale) + T(offset).
        var scales = mlp.TargetScales.Select(s => double.CreateChecked(T.CreateChecked(s))).ToArray();
        var offsets = mlp.TargetOffsets.Select(o => double.CreateChecked(T.CreateChecked(o))).ToArray();
        return g.Op("Add", g.Op("Mul", a, g.Reals("target_scales", [1, t], scales)), g.Reals("target_offsets", [1, t], offsets));
    }

    private static string Forward<T>(OnnxGraph g, NeuralNetwork<T> network, string x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string a = x;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            string z = Affine(g, a, Values(layer.Weights), Values(layer.Bias), layer.Weights.Rows, layer.Weights.Columns, inDouble: false);
            a = Activate(g, layer.Activation, z, l + 1);
        }

        return a;
    }

    /// <summary>g(z) by ONNX operators, for every activation Nabla has.</summary>
    /// <exception cref="OnnxExportException">An activation of another kind (defined outside Nabla).</exception>
    internal static string Activate(OnnxGraph g, Activation activation, string z, int layer) => activation switch
    {
        IdentityActivation => z,
        SigmoidActivation => g.Op("Sigmoid", z),
        TanhActivation => g.Op("Tanh", z),
        ReluActivation => g.Op("Relu", z),
        SoftmaxActivation => g.Op("Softmax", [z], AttributeProto.Int("axis", 1)),
        StepActivation => g.Cast(g.Op("GreaterOrEqual", z, g.Real("zero", 0)), g.Precision),
        LeakyReluActivation leaky => g.Op("Where", g.Op("GreaterOrEqual", z, g.Real("zero", 0)), z, g.Op("Mul", g.Real("slope", leaky.Alpha), z)),
        // In inference the randomized leaky ReLU is the leaky ReLU of its mean slope.
        RandomizedLeakyReluActivation random => g.Op("Where", g.Op("GreaterOrEqual", z, g.Real("zero", 0)), z, g.Op("Mul", g.Real("slope", random.MeanSlope), z)),
        LinearActivation linear => g.Op("Add", g.Op("Mul", g.Real("alpha", linear.Alpha), z), g.Real("beta", linear.Beta)),
        GeneralizedLogisticActivation logistic => g.Op("Mul", g.Real("maximum", logistic.Maximum),
            g.Op("Sigmoid", g.Op("Mul", g.Real("steepness", logistic.Steepness), g.Op("Sub", z, g.Real("midpoint", logistic.Midpoint))))),
        _ => throw new OnnxExportException(
            $"Layer {layer} of the network has the activation '{activation.Name}' ({activation.GetType().Name}), which has no ONNX form: the exporter knows Nabla's activations (identity, linear, step, sigmoid, generalized-logistic, tanh, relu, leaky-relu, randomized-leaky-relu, softmax): retrain with one of these to export, or keep predicting with Nabla."),
    };
}
