using System.Numerics;
using System.Numerics.Tensors;

namespace Nabla.Activations;

/// <summary>The logistic sigmoid σ(z) = 1 / (1 + e^(−z)) with σ'(z) = σ(z)(1 − σ(z)) = a(1 − a).</summary>
/// <remarks>Never overflows: for very negative z, e^(−z) is infinite and σ is exactly 0, never NaN.</remarks>
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
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int width) => TensorPrimitives.Sigmoid(z, a);

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> gradientA, Span<T> gradientZ, int width) =>
        ElementwiseKernels.SquashDerivative(a, gradientA, gradientZ, tanh: false);
}
