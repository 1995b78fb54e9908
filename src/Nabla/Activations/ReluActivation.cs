using System.Numerics;
using System.Numerics.Tensors;

namespace Nabla.Activations;

/// <summary>The rectified linear unit g(z) = max(0, z) with g'(z) = 1 for z ≥ 0, else 0 (the lectures' convention at 0).</summary>
public sealed class ReluActivation : Activation
{
    /// <inheritdoc/>
    public override string Name => "relu";

    /// <inheritdoc/>
    public override T Value<T>(T z) => z >= T.Zero ? z : T.Zero;

    /// <inheritdoc/>
    public override T Derivative<T>(T z, T a) => z >= T.Zero ? T.One : T.Zero;

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int width) => TensorPrimitives.Max(z, T.Zero, a);

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> gradientA, Span<T> gradientZ, int width) =>
        ElementwiseKernels.SelectBySign(z, gradientA, gradientZ, T.Zero);
}
