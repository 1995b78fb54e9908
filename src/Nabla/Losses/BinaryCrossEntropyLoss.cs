using System.Numerics;
using Nabla.Activations;

namespace Nabla.Losses;

/// <summary>
/// The log-loss of binary classification, L = −Σ_j [y_j log a_j + (1 − y_j) log(1 − a_j)] per sample, for sigmoid outputs
/// a ∈ (0, 1) and targets y ∈ [0, 1]. After a sigmoid output it is fused: δ^[L] = a − y, and the value is computed
/// from the logits as max(z, 0) − z·y + log(1 + e^(−|z|)), finite for any z.
/// </summary>
public sealed class BinaryCrossEntropyLoss : Loss
{
    /// <summary>Creates the loss; <paramref name="reduction"/> combines the per-sample values.</summary>
    public BinaryCrossEntropyLoss(Reduction reduction = Reduction.Mean)
        : base(reduction)
    {
    }

    /// <inheritdoc/>
    public override string Name => "log-loss";

    /// <inheritdoc/>
    public override bool IsFusedWith(Activation outputActivation) => outputActivation is SigmoidActivation;

    /// <inheritdoc/>
    protected override T Total<T>(ReadOnlySpan<T> predicted, ReadOnlySpan<T> target, int width)
    {
        T sum = T.Zero;
        for (int i = 0; i < predicted.Length; i++)
        {
            T a = predicted[i];
            T y = target[i];
            sum -= y * SafeLog(a) + (T.One - y) * SafeLog(T.One - a);
        }

        return sum;
    }

    /// <inheritdoc/>
    protected override T TotalFromLogits<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, int width)
    {
        T sum = T.Zero;
        for (int i = 0; i < logits.Length; i++)
        {
            T z = logits[i];
            sum += T.Max(z, T.Zero) - z * target[i] + T.LogP1(T.Exp(-T.Abs(z)));
        }

        return sum;
    }

    /// <inheritdoc/>
    protected override void GradientCore<T>(ReadOnlySpan<T> predicted, ReadOnlySpan<T> target, Span<T> gradient, int width, T scale)
    {
        T tiny = SmallestNormal<T>();
        for (int i = 0; i < predicted.Length; i++)
        {
            T a = predicted[i];
            // −y/a + (1 − y)/(1 − a) = (a − y) / (a(1 − a)); the floor keeps a saturated output finite.
            gradient[i] = (a - target[i]) / T.Max(a * (T.One - a), tiny) * scale;
        }
    }
}
