using System.Globalization;
using System.Numerics.Tensors;

namespace Nabla.Activations;

/// <summary>The linear activation g(z) = α·z + β with constant derivative g'(z) = α.</summary>
/// <remarks>A network of linear layers collapses to one linear map, whatever its depth, as the lectures point out.</remarks>
public sealed class LinearActivation : Activation
{
    /// <summary>Creates g(z) = α·z + β.</summary>
    /// <param name="alpha">Slope α; finite.</param>
    /// <param name="beta">Offset β; finite.</param>
    public LinearActivation(double alpha = 1, double beta = 0)
    {
        if (!double.IsFinite(alpha) || !double.IsFinite(beta))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), $"The linear activation needs a finite slope and offset, not α = {alpha}, β = {beta}.");
        }

        Alpha = alpha;
        Beta = beta;
    }

    /// <summary>Slope α.</summary>
    public double Alpha { get; }

    /// <summary>Offset β.</summary>
    public double Beta { get; }

    /// <inheritdoc/>
    public override string Name => "linear";

    /// <inheritdoc/>
    public override T Value<T>(T z) => T.CreateChecked(Alpha) * z + T.CreateChecked(Beta);

    /// <inheritdoc/>
    public override T Derivative<T>(T z, T a) => T.CreateChecked(Alpha);

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int width)
    {
        TensorPrimitives.Multiply(z, T.CreateChecked(Alpha), a);
        TensorPrimitives.Add(a, T.CreateChecked(Beta), a);
    }

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> gradientA, Span<T> gradientZ, int width) =>
        TensorPrimitives.Multiply(gradientA, T.CreateChecked(Alpha), gradientZ);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"linear({Alpha:R},{Beta:R})");
}
