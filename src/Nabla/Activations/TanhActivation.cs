using System.Numerics;
using System.Numerics.Tensors;

namespace Nabla.Activations;

/// <summary>The hyperbolic tangent g(z) = tanh(z) = 2σ(2z) − 1 with g'(z) = 1 − a².</summary>
public sealed class TanhActivation : Activation
{
    /// <inheritdoc/>
    public override string Name => "tanh";

    /// <inheritdoc/>
    public override T Value<T>(T z) => T.Tanh(z);

    /// <inheritdoc/>
    public override T Derivative<T>(T z, T a) => T.One - a * a;

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int width)
    {
        // tanh is exactly ±1 beyond ±20 in float and double; the clamp keeps e^x on one path (see ElementwiseKernels.Clamp).
        ElementwiseKernels.Clamp(z, a, T.CreateChecked(-20), T.CreateChecked(20));
        TensorPrimitives.Tanh<T>(a, a);
    }

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> gradientA, Span<T> gradientZ, int width) =>
        ElementwiseKernels.SquashDerivative(a, gradientA, gradientZ, tanh: true);
}
