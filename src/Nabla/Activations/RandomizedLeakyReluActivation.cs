using System.Globalization;
using System.Numerics;

namespace Nabla.Activations;

/// <summary>
/// The randomized leaky ReLU of the lectures: g(z) = z for z ≥ 0, else α·z, where in training every entry of every forward
/// pass draws its own slope α ~ U(lower, upper), and in inference α is the mean (lower + upper)/2. g'(z) = 1 for z ≥ 0, else
/// the α that entry used.
/// </summary>
/// <remarks>
/// Only a network's training passes draw slopes (<see cref="Networks.NeuralNetwork{T}.Training"/>, set by the trainer, seeded
/// by the training seed); every other pass, and <see cref="Value{T}"/>, use the mean slope, so predictions are deterministic.
/// The derivative needs no record of the draws: for z &lt; 0 it is a/z, the slope that produced a.
/// </remarks>
public sealed class RandomizedLeakyReluActivation : Activation
{
    /// <summary>The lectures' range: "any value less than 0.01", so α ~ U(0, 0.01) by default.</summary>
    public const double DefaultUpper = 0.01;

    /// <summary>Creates a randomized leaky ReLU with slopes drawn from U(<paramref name="lower"/>, <paramref name="upper"/>).</summary>
    /// <param name="lower">Smallest slope, in [0, 1).</param>
    /// <param name="upper">Largest slope, in [lower, 1).</param>
    public RandomizedLeakyReluActivation(double lower = 0, double upper = DefaultUpper)
    {
        if (!(lower >= 0 && upper < 1 && lower <= upper))
        {
            throw new ArgumentOutOfRangeException(nameof(lower), $"The randomized leaky ReLU draws slopes from U(lower, upper) with 0 ≤ lower ≤ upper < 1, not U({lower}, {upper}).");
        }

        Lower = lower;
        Upper = upper;
    }

    /// <summary>Smallest slope drawn in training.</summary>
    public double Lower { get; }

    /// <summary>Largest slope drawn in training.</summary>
    public double Upper { get; }

    /// <summary>The slope of inference, the mean of U(lower, upper).</summary>
    public double MeanSlope => (Lower + Upper) / 2;

    /// <inheritdoc/>
    public override string Name => "randomized-leaky-relu";

    /// <inheritdoc/>
    internal override bool IsStochastic => true;

    /// <inheritdoc/>
    public override T Value<T>(T z) => z >= T.Zero ? z : T.CreateChecked(MeanSlope) * z;

    /// <summary>1 for z ≥ 0, else a/z: the slope used (the mean slope after an inference pass, the drawn one after a training pass).</summary>
    public override T Derivative<T>(T z, T a) => z >= T.Zero ? T.One : a / z;

    /// <inheritdoc/>
    public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int width) =>
        ElementwiseKernels.LeakyRectify(z, a, T.CreateChecked(MeanSlope));

    /// <inheritdoc/>
    public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> gradientA, Span<T> gradientZ, int width)
    {
        for (int i = 0; i < z.Length; i++)
        {
            gradientZ[i] = z[i] >= T.Zero ? gradientA[i] : gradientA[i] * (a[i] / z[i]);
        }
    }

    /// <summary>The training pass: a[i] = z[i] for z[i] ≥ 0, else α_i·z[i] with α_i ~ U(lower, upper) drawn from <paramref name="random"/> in order.</summary>
    internal override void ForwardTraining<T>(ReadOnlySpan<T> z, Span<T> a, Random random)
    {
        double width = Upper - Lower;
        for (int i = 0; i < z.Length; i++)
        {
            a[i] = z[i] >= T.Zero ? z[i] : T.CreateChecked(Lower + width * random.NextDouble()) * z[i];
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"randomized-leaky-relu({Lower:R},{Upper:R})");
}
