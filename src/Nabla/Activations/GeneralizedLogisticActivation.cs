using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;

namespace Nabla.Activations;

/// <summary>
/// The lectures' generalized logistic function g(z) = L / (1 + e^(−k(z − z₀))): the sigmoid stretched to the range (0, L),
/// with steepness k and midpoint z₀; g'(z) = k·a(1 − a/L). With L = 1, k = 1, z₀ = 0 it is the sigmoid σ.
/// </summary>
public sealed class GeneralizedLogisticActivation : Activation
{
    /// <summary>Creates g(z) = L / (1 + e^(−k(z − z₀))).</summary>
    /// <param name="maximum">L, the supremum of the outputs; positive and finite.</param>
    /// <param name="steepness">k, the slope factor; positive and finite (g'(z₀) = kL/4).</param>
    /// <param name="midpoint">z₀, where g = L/2; finite.</param>
    public GeneralizedLogisticActivation(double maximum = 1, double steepness = 1, double midpoint = 0)
    {
        if (!(maximum > 0) || !double.IsFinite(maximum) || !(steepness > 0) || !double.IsFinite(steepness) || !double.IsFinite(midpoint))
        {
            throw new ArgumentOutOfRangeException(nameof(maximum),
                $"The generalized logistic L/(1 + e^(−k(z − z₀))) needs L > 0, k > 0 and z₀ finite, not L = {maximum}, k = {steepness}, z₀ = {midpoint}.");
        }

        Maximum = maximum;
        Steepness = steepness;
        Midpoint = midpoint;
    }

    /// <summary>L: outputs lie in (0, L).</summary>
    public double Maximum { get; }

    /// <summary>k: the steepness.</summary>
    public double Steepness { get; }

    /// <summary>z₀: the midpoint, where g(z₀) = L/2.</summary>
    public double Midpoint { get; }

    /// <inheritdoc/>
    public override string Name => "generalized-logistic";

    /// <inheritdoc/>
    public override T Value<T>(T z) => T.CreateChecked(Maximum) * Sigmoid.Value(T.CreateChecked(Steepness) * (z - T.CreateChecked(Midpoint)));

    /// <inheritdoc/>
    public override T Derivative<T>(T z, T a) => T.CreateChecked(Steepness) * a * (T.One - a / T.CreateChecked(Maximum));

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int width)
    {
        // a = L·σ(k(z − z₀)); TensorPrimitives.Sigmoid saturates to 0 or 1 without overflow.
        TensorPrimitives.Subtract(z, T.CreateChecked(Midpoint), a);
        TensorPrimitives.Multiply(a, T.CreateChecked(Steepness), a);
        TensorPrimitives.Sigmoid(a, a);
        TensorPrimitives.Multiply(a, T.CreateChecked(Maximum), a);
    }

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> gradientA, Span<T> gradientZ, int width)
    {
        T k = T.CreateChecked(Steepness), inverse = T.One / T.CreateChecked(Maximum);
        for (int i = 0; i < a.Length; i++)
        {
            gradientZ[i] = gradientA[i] * k * a[i] * (T.One - a[i] * inverse);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"generalized-logistic({Maximum:R},{Steepness:R},{Midpoint:R})");
}
