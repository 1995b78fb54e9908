using System.Numerics;
using System.Numerics.Tensors;

namespace Nabla.Activations;

/// <summary>
/// Row-wise softmax a_j = e^(z_j) / Σ_k e^(z_k): each row becomes a probability distribution over the classes.
/// The row maximum is subtracted first, so no exponential overflows whatever the logits.
/// </summary>
/// <remarks>Its Jacobian is not diagonal: ∂L/∂z = a ⊙ (∂L/∂a − (∂L/∂a · a)) row by row.</remarks>
public sealed class SoftmaxActivation : Activation
{
    /// <inheritdoc/>
    public override string Name => "softmax";

    /// <inheritdoc/>
    public override bool IsElementwise => false;

    /// <inheritdoc/>
    public override T Value<T>(T z) => throw NotElementwise();

    /// <inheritdoc/>
    public override T Derivative<T>(T z, T a) => throw NotElementwise();

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int width)
    {
        for (int start = 0; start < z.Length; start += width)
        {
            var zi = z.Slice(start, width);
            var ai = a.Slice(start, width);
            T max = TensorPrimitives.Max(zi);
            TensorPrimitives.Subtract(zi, max, ai);

            // A logit far below the row's maximum has probability 0 to within 1e-307; the floor keeps e^x on one vector path (see ElementwiseKernels.Clamp).
            TensorPrimitives.Max(ai, ElementwiseKernels.ExpLowerBound<T>(), ai);
            TensorPrimitives.Exp(ai, ai);
            T sum = TensorPrimitives.Sum<T>(ai);
            TensorPrimitives.Divide(ai, sum, ai);
        }
    }

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> gradientA, Span<T> gradientZ, int width)
    {
        for (int start = 0; start < a.Length; start += width)
        {
            var ai = a.Slice(start, width);
            var gi = gradientA.Slice(start, width);
            var di = gradientZ.Slice(start, width);
            T dot = TensorPrimitives.Dot(gi, ai);
            for (int j = 0; j < width; j++)
            {
                di[j] = ai[j] * (gi[j] - dot);
            }
        }
    }
}
