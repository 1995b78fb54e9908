using Nabla.Estimators;
using Nabla.Linear;
using Nabla.Onnx.Graphs;

namespace Nabla.Onnx.Kinds;

/// <summary><c>linear</c>: Ŷ = X Wᵀ + 1bᵀ in the model's precision, one Gemm.</summary>
internal sealed class LinearExporter : KindExporter
{
    /// <inheritdoc/>
    public override string Kind => "linear";

    /// <inheritdoc/>
    public override string Regressor<T>(Regressor<T> model, OnnxGraph g, string x)
    {
        var linear = (LinearRegression<T>)model;
        var w = linear.Coefficients;
        return Affine(g, x, Values(w), Values<T>([.. linear.Intercepts]), w.Rows, w.Columns, inDouble: false);
    }
}
