using System.Numerics;
using Nabla.Activations;

namespace Nabla.Losses;

/// <summary>
/// The log-loss of binary classification, L = −Σ_j [y_j log a_j + (1 − y_j) log(1 − a_j)] per sample, for sigmoid outputs
/// a ∈ (0, 1) and targets y ∈ [0, 1]. After a sigmoid output it is fused: δ^[L] = a − y, and the value is computed
/// from the logits as max(z, 0) − z·y + log(1 + e^(−|z|)), finite for any z. After a softmax output (one log-loss per
/// unit, as the classic course sometimes uses) the value and δ^[L] are computed from the logits through log-softmax, so
/// saturated outputs stay exact too.
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
    protected override bool TryTotalAfterSoftmax<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, int width, out T total)
    {
        total = T.Zero;
        if (width < 2)
        {
            return false; // a one-unit softmax is the constant 1: log(1 − a) has no finite form
        }

        for (int start = 0; start < logits.Length; start += width)
        {
            var z = logits.Slice(start, width);
            var y = target.Slice(start, width);
            T lse = LogSumExp(z, -1);
            for (int j = 0; j < width; j++)
            {
                // −y log a_j − (1 − y) log(1 − a_j), with log a_j = z_j − lse and log(1 − a_j) = lse(z without j) − lse.
                total += y[j] * (lse - z[j]) + (T.One - y[j]) * (lse - LogSumExp(z, j));
            }
        }

        return true;
    }

    /// <inheritdoc/>
    protected override bool TryDeltaAfterSoftmax<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, Span<T> delta, int width, T scale)
    {
        if (width < 2)
        {
            return false;
        }

        for (int start = 0; start < logits.Length; start += width)
        {
            var z = logits.Slice(start, width);
            var y = target.Slice(start, width);
            T lse = LogSumExp(z, -1);
            T ySum = T.Zero;
            for (int j = 0; j < width; j++)
            {
                ySum += y[j];
            }

            for (int i = 0; i < width; i++)
            {
                // ∂L/∂z_i = −y_i + a_i Σy + (1 − y_i) a_i − Σ_{j≠i} (1 − y_j) a_i a_j/(1 − a_j), each product in log space.
                T a = T.Exp(z[i] - lse);
                T d = -y[i] + a * ySum + (T.One - y[i]) * a;
                for (int j = 0; j < width; j++)
                {
                    if (j != i && y[j] != T.One)
                    {
                        d -= (T.One - y[j]) * T.Exp(z[i] + z[j] - lse - LogSumExp(z, j));
                    }
                }

                delta[start + i] = d * scale;
            }
        }

        return true;
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

    // log Σ_k e^(z_k) over every k but <paramref name="skip"/> (−1 skips none), shifted by the maximum so nothing overflows.
    private static T LogSumExp<T>(ReadOnlySpan<T> z, int skip)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = T.NegativeInfinity;
        for (int k = 0; k < z.Length; k++)
        {
            if (k != skip)
            {
                max = T.Max(max, z[k]);
            }
        }

        T sum = T.Zero;
        for (int k = 0; k < z.Length; k++)
        {
            if (k != skip)
            {
                sum += T.Exp(z[k] - max);
            }
        }

        return max + T.Log(sum);
    }
}
