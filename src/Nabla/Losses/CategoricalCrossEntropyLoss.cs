using System.Numerics;
using System.Numerics.Tensors;
using Nabla.Activations;

namespace Nabla.Losses;

/// <summary>
/// Cross-entropy of multi-class classification, L = −Σ_j y_j log a_j per sample, for softmax outputs and targets that are
/// probability rows (one-hot labels). After a softmax output it is fused: δ^[L] = (Σ_k y_k) a − y, the exact derivative of
/// the value for any target row (a − y when the row sums to 1), and the value is computed from the logits as
/// Σ_j y_j (logsumexp(z) − z_j), finite for any z.
/// </summary>
public sealed class CategoricalCrossEntropyLoss : Loss
{
    /// <summary>Creates the loss; <paramref name="reduction"/> combines the per-sample values.</summary>
    public CategoricalCrossEntropyLoss(Reduction reduction = Reduction.Mean)
        : base(reduction)
    {
    }

    /// <inheritdoc/>
    public override string Name => "cross-entropy";

    /// <inheritdoc/>
    public override bool IsFusedWith(Activation outputActivation) => outputActivation is SoftmaxActivation;

    /// <inheritdoc/>
    protected override T Total<T>(ReadOnlySpan<T> predicted, ReadOnlySpan<T> target, int width)
    {
        T sum = T.Zero;
        for (int i = 0; i < predicted.Length; i++)
        {
            if (target[i] != T.Zero)
            {
                sum -= target[i] * SafeLog(predicted[i]);
            }
        }

        return sum;
    }

    /// <inheritdoc/>
    protected override T TotalFromLogits<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, int width)
    {
        T sum = T.Zero;
        for (int start = 0; start < logits.Length; start += width)
        {
            var z = logits.Slice(start, width);
            var y = target.Slice(start, width);
            T max = TensorPrimitives.Max(z);
            T expSum = T.Zero;
            for (int j = 0; j < width; j++)
            {
                expSum += T.Exp(z[j] - max);
            }

            // logsumexp(z) − z_j = (max − z_j) + log Σ e^(z_k − max): subtract the large terms first, so that nothing cancels.
            T logExpSum = T.Log(expSum);
            for (int j = 0; j < width; j++)
            {
                if (y[j] != T.Zero)
                {
                    sum += y[j] * ((max - z[j]) + logExpSum);
                }
            }
        }

        return sum;
    }

    /// <inheritdoc/>
    protected override void FusedDeltaCore<T>(ReadOnlySpan<T> predicted, ReadOnlySpan<T> target, Span<T> delta, int width, T scale)
    {
        // ∂/∂z_j of −Σ_k y_k log softmax_k(z) is (Σ_k y_k) a_j − y_j: a target row need not sum to 1.
        for (int start = 0; start < delta.Length; start += width)
        {
            var a = predicted.Slice(start, width);
            var y = target.Slice(start, width);
            T rowSum = TensorPrimitives.Sum(y);
            for (int j = 0; j < width; j++)
            {
                delta[start + j] = (rowSum * a[j] - y[j]) * scale;
            }
        }
    }

    /// <inheritdoc/>
    protected override void GradientCore<T>(ReadOnlySpan<T> predicted, ReadOnlySpan<T> target, Span<T> gradient, int width, T scale)
    {
        T tiny = SmallestNormal<T>();
        for (int i = 0; i < predicted.Length; i++)
        {
            gradient[i] = -target[i] / T.Max(predicted[i], tiny) * scale;
        }
    }
}
