using System.Numerics;
using System.Numerics.Tensors;

namespace Nabla.Activations;

/// <summary>The logistic sigmoid σ(z) = 1 / (1 + e^(−z)) with σ'(z) = σ(z)(1 − σ(z)) = a(1 − a).</summary>
/// <remarks>
/// Never overflows or gives NaN. A batch is evaluated with z clamped to [−708, 40] ([−87, 20] in float), where σ has
/// saturated outside (σ(−708) ≈ 3·10⁻³⁰⁸), so that every value takes the same vector path wherever it lies in memory.
/// </remarks>
public sealed class SigmoidActivation : Activation
{
    /// <inheritdoc/>
    public override string Name => "sigmoid";

    /// <inheritdoc/>
    public override T Value<T>(T z)
    {
        // Evaluate through e^(−|z|) ≤ 1 so neither branch can overflow.
        T e = T.Exp(-T.Abs(z));
        return z >= T.Zero ? T.One / (T.One + e) : e / (T.One + e);
    }

    /// <inheritdoc/>
    public override T Derivative<T>(T z, T a) => a * (T.One - a);

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int width)
    {
        // Above 40 (20 in float) σ is exactly 1; below e^x's fast range σ is 0 to within 1e-307 (1e-37): see ElementwiseKernels.Clamp.
        ElementwiseKernels.Clamp(z, a, ElementwiseKernels.ExpLowerBound<T>(), T.CreateChecked(typeof(T) == typeof(float) ? 20 : 40));
        TensorPrimitives.Sigmoid<T>(a, a);
    }

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> gradientA, Span<T> gradientZ, int width) =>
        ElementwiseKernels.SquashDerivative(a, gradientA, gradientZ, tanh: false);
}
