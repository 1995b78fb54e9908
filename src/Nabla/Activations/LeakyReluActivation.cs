using System.Globalization;
using System.Numerics;

namespace Nabla.Activations;

/// <summary>Leaky ReLU: g(z) = z for z ≥ 0, else α·z; g'(z) = 1 for z ≥ 0, else α. The lectures' α is 0.01.</summary>
public sealed class LeakyReluActivation : Activation
{
    /// <summary>Creates a leaky ReLU with slope <paramref name="alpha"/> for negative inputs.</summary>
    /// <param name="alpha">Slope for z &lt; 0, in [0, 1); 0.01 by default.</param>
    public LeakyReluActivation(double alpha = 0.01)
    {
        if (!(alpha >= 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), $"Leaky ReLU needs a slope α in [0, 1), not {alpha}.");
        }

        Alpha = alpha;
    }

    /// <summary>Slope for negative inputs.</summary>
    public double Alpha { get; }

    /// <inheritdoc/>
    public override string Name => "leaky-relu";

    /// <inheritdoc/>
    public override T Value<T>(T z) => z >= T.Zero ? z : T.CreateChecked(Alpha) * z;

    /// <inheritdoc/>
    public override T Derivative<T>(T z, T a) => z >= T.Zero ? T.One : T.CreateChecked(Alpha);

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int width) =>
        ElementwiseKernels.LeakyRectify(z, a, T.CreateChecked(Alpha));

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> gradientA, Span<T> gradientZ, int width) =>
        ElementwiseKernels.SelectBySign(z, gradientA, gradientZ, T.CreateChecked(Alpha));

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"leaky-relu({Alpha:R})");
}
