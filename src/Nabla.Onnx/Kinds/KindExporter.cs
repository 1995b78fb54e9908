using System.Numerics;
using Nabla.Estimators;
using Nabla.Onnx.Graphs;
using Nabla.Onnx.Protobuf;
using Nabla.Tensors;

namespace Nabla.Onnx.Kinds;

/// <summary>
/// The ONNX form of one model kind (<see cref="Models.ModelKind"/>): the graph from the features (n × d, in the model's
/// precision) to the class indices and probabilities, or to the predictions. Every kind of
/// <see cref="Models.ModelKinds.All"/> has one (<see cref="KindExporters"/>).
/// </summary>
internal abstract class KindExporter
{
    /// <summary>The kind's name, as <see cref="Models.ModelKind.Name"/>.</summary>
    public abstract string Kind { get; }

    /// <summary>The graph of a classifier of this kind from <paramref name="x"/>.</summary>
    /// <exception cref="OnnxExportException">The model has a part ONNX cannot express.</exception>
    public virtual ClassifierOutputs Classifier<T, TLabel>(Classifier<T, TLabel> model, OnnxGraph g, string x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull => throw new OnnxExportException($"{Kind} does not classify, so a {model.ModelName} cannot be exported as one.");

    /// <summary>The graph of a regressor of this kind from <paramref name="x"/>: predictions, n × targets, in the model's precision.</summary>
    /// <exception cref="OnnxExportException">The model has a part ONNX cannot express.</exception>
    public virtual string Regressor<T>(Regressor<T> model, OnnxGraph g, string x)
        where T : unmanaged, IFloatingPointIeee754<T> => throw new OnnxExportException($"{Kind} does not do regression, so a {model.ModelName} cannot be exported as one.");

    /// <summary>The values of a matrix widened to double (exact).</summary>
    protected static double[] Values<T>(Matrix<T> m)
        where T : unmanaged, IFloatingPointIeee754<T> => Values(m.AsReadOnlySpan());

    /// <summary>The values widened to double (exact).</summary>
    protected static double[] Values<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = double.CreateChecked(values[i]);
        }

        return result;
    }

    /// <summary>x Wᵀ + b by one Gemm, with W (m × d) and b (m) constants in double (<paramref name="inDouble"/>) or in the model's precision.</summary>
    protected static string Affine(OnnxGraph g, string x, double[] weights, double[] bias, int rows, int columns, bool inDouble)
    {
        string w = inDouble ? g.Doubles("W", [rows, columns], weights) : g.Reals("W", [rows, columns], weights);
        string b = inDouble ? g.Doubles("b", [rows], bias) : g.Reals("b", [rows], bias);
        return g.Op("Gemm", [x, w, b], AttributeProto.Int("transB", 1));
    }

    /// <summary>The index of the first largest entry of each row of <paramref name="scores"/> (n × K), int64 [n].</summary>
    protected static string ArgMax(OnnxGraph g, string scores) =>
        g.Op("ArgMax", [scores], AttributeProto.Int("axis", 1), AttributeProto.Int("keepdims", 0));

    /// <summary>A boolean n × 1 decision as class indices 0/1, int64 [n].</summary>
    protected static string Binary(OnnxGraph g, string decision) =>
        g.Op("Reshape", g.Cast(decision, TensorType.Int64), g.Longs("flat", [1], [-1]));
}
