using System.Numerics;

namespace Nabla.Activations;

/// <summary>
/// The step (Heaviside) function g(z) = 1 for z ≥ 0, else 0: the perceptron's activation. It is usable for inference;
/// training through it by gradient descent is refused, since g'(z) = 0 wherever it exists.
/// </summary>
public sealed class StepActivation : Activation
{
    /// <inheritdoc/>
    public override string Name => "step";

    /// <inheritdoc/>
    public override bool IsDifferentiable => false;

    /// <inheritdoc/>
    public override T Value<T>(T z) => z >= T.Zero ? T.One : T.Zero;

    /// <inheritdoc/>
    public override T Derivative<T>(T z, T a)
    {
        RequireDifferentiable();
        return T.Zero;
    }

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int width)
    {
        for (int i = 0; i < z.Length; i++)
        {
            a[i] = z[i] >= T.Zero ? T.One : T.Zero;
        }
    }

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> gradientA, Span<T> gradientZ, int width) =>
        RequireDifferentiable();
}
