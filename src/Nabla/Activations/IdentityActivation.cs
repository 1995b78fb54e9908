using System.Numerics;

namespace Nabla.Activations;

/// <summary>The identity g(z) = z, g'(z) = 1: the output activation of regression.</summary>
public sealed class IdentityActivation : Activation
{
    /// <inheritdoc/>
    public override string Name => "identity";

    /// <inheritdoc/>
    public override T Value<T>(T z) => z;

    /// <inheritdoc/>
    public override T Derivative<T>(T z, T a) => T.One;

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int width) => z.CopyTo(a);

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> gradientA, Span<T> gradientZ, int width) =>
        gradientA.CopyTo(gradientZ);
}
