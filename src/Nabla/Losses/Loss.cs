using System.Numerics;
using Nabla.Activations;
using Nabla.Tensors;

namespace Nabla.Losses;

/// <summary>
/// A loss function L(a^[L], y) of the network's output a^[L] (one sample per row) and the targets y (same shape),
/// with its gradient ∂L/∂a^[L] and the output error δ^[L] = ∂L/∂z^[L] of backpropagation.
/// </summary>
/// <remarks>
/// Each loss sums over the output units of a sample, then combines samples by <see cref="Reduction"/>.
/// Pairs whose output gradient simplifies (sigmoid with <see cref="BinaryCrossEntropyLoss"/>, softmax with
/// <see cref="CategoricalCrossEntropyLoss"/>) are fused: δ^[L] = (a − y)/n without dividing by a saturated a,
/// and their value is computed from the logits z^[L], so saturated outputs never give NaN or infinity.
/// </remarks>
public abstract class Loss
{
    /// <summary>Creates a loss with the given reduction over samples.</summary>
    protected Loss(Reduction reduction)
    {
        if (!Enum.IsDefined(reduction))
        {
            throw new ArgumentOutOfRangeException(nameof(reduction), $"Unknown reduction {reduction}; use Reduction.Mean or Reduction.Sum.");
        }

        Reduction = reduction;
    }

    /// <summary>How per-sample losses are combined.</summary>
    public Reduction Reduction { get; }

    /// <summary>The name used by the CLI and in model files.</summary>
    public abstract string Name { get; }

    /// <summary>The loss of predictions <paramref name="predicted"/> (a^[L], n × m) against <paramref name="target"/> (n × m).</summary>
    public T Value<T>(Matrix<T> predicted, Matrix<T> target)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShapes(predicted, target);
        return Total<T>(predicted.AsReadOnlySpan(), target.AsReadOnlySpan(), predicted.Columns) * SampleScale<T>(predicted.Rows);
    }

    /// <summary>
    /// The loss computed from the output layer's pre-activations when that is more stable (log-losses after their matching
    /// activation), otherwise from <paramref name="predicted"/>. All matrices n × m.
    /// </summary>
    /// <param name="preActivation">z^[L].</param>
    /// <param name="predicted">a^[L] = g(z^[L]).</param>
    /// <param name="target">y.</param>
    /// <param name="outputActivation">g of the output layer.</param>
    public T Value<T>(Matrix<T> preActivation, Matrix<T> predicted, Matrix<T> target, Activation outputActivation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(outputActivation);
        CheckShapes(predicted, target);
        MatrixMath.RequireSameShape(predicted, preActivation, nameof(preActivation));
        T total = IsFusedWith(outputActivation)
            ? TotalFromLogits<T>(preActivation.AsReadOnlySpan(), target.AsReadOnlySpan(), predicted.Columns)
            : outputActivation is SoftmaxActivation && TryTotalAfterSoftmax<T>(preActivation.AsReadOnlySpan(), target.AsReadOnlySpan(), predicted.Columns, out T fromLogits)
                ? fromLogits
                : Total<T>(predicted.AsReadOnlySpan(), target.AsReadOnlySpan(), predicted.Columns);
        return total * SampleScale<T>(predicted.Rows);
    }

    /// <summary>∂L/∂a^[L], written into <paramref name="gradient"/> (n × m), including the reduction's 1/n.</summary>
    public void Gradient<T>(Matrix<T> predicted, Matrix<T> target, Matrix<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShapes(predicted, target);
        MatrixMath.RequireSameShape(predicted, gradient, nameof(gradient));
        GradientCore<T>(predicted.AsReadOnlySpan(), target.AsReadOnlySpan(), gradient.AsSpan(), predicted.Columns, SampleScale<T>(predicted.Rows));
    }

    /// <summary>
    /// The output error δ^[L] = ∂L/∂a^[L] ⊙ g'(z^[L]) (or its fused form a − y for matching pairs), written into
    /// <paramref name="delta"/>. All matrices n × m.
    /// </summary>
    public void OutputDelta<T>(Matrix<T> preActivation, Matrix<T> predicted, Matrix<T> target, Activation outputActivation, Matrix<T> delta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(outputActivation);
        CheckShapes(predicted, target);
        MatrixMath.RequireSameShape(predicted, preActivation, nameof(preActivation));
        MatrixMath.RequireSameShape(predicted, delta, nameof(delta));
        if (IsFusedWith(outputActivation))
        {
            FusedDeltaCore<T>(predicted.AsReadOnlySpan(), target.AsReadOnlySpan(), delta.AsSpan(), predicted.Columns, SampleScale<T>(predicted.Rows));
            return;
        }

        if (outputActivation is SoftmaxActivation
            && TryDeltaAfterSoftmax<T>(preActivation.AsReadOnlySpan(), target.AsReadOnlySpan(), delta.AsSpan(), predicted.Columns, SampleScale<T>(predicted.Rows)))
        {
            return;
        }

        Gradient(predicted, target, delta);
        outputActivation.Backward(preActivation, predicted, delta, delta);
    }

    /// <summary>True when δ^[L] for this loss after <paramref name="outputActivation"/> simplifies to (a − y) scaled by the reduction.</summary>
    public virtual bool IsFusedWith(Activation outputActivation) => false;

    /// <summary>The name of every loss <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["half-squared-error", "mse", "log-loss", "cross-entropy"];

    /// <summary>Reads a loss by name (see <see cref="Names"/>), with the given reduction.</summary>
    /// <exception cref="FormatException">The name is not a loss.</exception>
    public static Loss Parse(string name, Reduction reduction = Reduction.Mean) =>
        (name ?? throw new ArgumentNullException(nameof(name))).Trim().ToLowerInvariant() switch
        {
            "half-squared-error" or "squared-error" or "sse" => new HalfSquaredErrorLoss(reduction),
            "mse" or "mean-squared-error" => new MeanSquaredErrorLoss(reduction),
            "log-loss" or "binary-cross-entropy" or "bce" => new BinaryCrossEntropyLoss(reduction),
            "cross-entropy" or "categorical-cross-entropy" => new CategoricalCrossEntropyLoss(reduction),
            _ => throw new FormatException($"Unknown loss '{name}'. Use one of: {string.Join(", ", Names)}."),
        };

    /// <summary>True when <paramref name="obj"/> is the same loss: of the same type with the same parameters (so options records holding one compare by value).</summary>
    public override bool Equals(object? obj) => obj is Loss other && other.GetType() == GetType() && other.ToString() == ToString();

    /// <inheritdoc/>
    public override int GetHashCode() => ToString()!.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Reduction.ToString().ToLowerInvariant()} over samples)";

    /// <summary>Σ over all samples and outputs of the per-entry loss; rows of length <paramref name="width"/>.</summary>
    protected abstract T Total<T>(ReadOnlySpan<T> predicted, ReadOnlySpan<T> target, int width)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// The fused output error δ^[L] = ∂L/∂z^[L] (times <paramref name="scale"/>, the reduction's 1/n) from the outputs a and
    /// targets y, rows of length <paramref name="width"/>; only called when <see cref="IsFusedWith"/> is true. Default a − y.
    /// </summary>
    protected virtual void FusedDeltaCore<T>(ReadOnlySpan<T> predicted, ReadOnlySpan<T> target, Span<T> delta, int width, T scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < delta.Length; i++)
        {
            delta[i] = (predicted[i] - target[i]) * scale;
        }
    }

    /// <summary>
    /// After a softmax output that is not this loss's fused pair: the total computed from the logits through log-softmax,
    /// when the loss has such a form (saturated outputs then stay exact); false to compute it from the outputs.
    /// </summary>
    protected virtual bool TryTotalAfterSoftmax<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, int width, out T total)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        total = T.Zero;
        return false;
    }

    /// <summary>
    /// After a softmax output that is not this loss's fused pair: δ^[L] = ∂L/∂z^[L] (times <paramref name="scale"/>) computed
    /// from the logits, when the loss has such a form; false to go through ∂L/∂a and the softmax Jacobian.
    /// </summary>
    protected virtual bool TryDeltaAfterSoftmax<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, Span<T> delta, int width, T scale)
        where T : unmanaged, IFloatingPointIeee754<T> => false;

    /// <summary>The same total computed from logits z; only called when <see cref="IsFusedWith"/> is true.</summary>
    protected virtual T TotalFromLogits<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, int width)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        throw new NotSupportedException($"The {Name} loss has no logit form.");

    /// <summary>Writes scale · ∂(Σ entries)/∂a into <paramref name="gradient"/>.</summary>
    protected abstract void GradientCore<T>(ReadOnlySpan<T> predicted, ReadOnlySpan<T> target, Span<T> gradient, int width, T scale)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The factor that turns a sum over samples into the reduction: 1 or 1/n.</summary>
    protected T SampleScale<T>(int samples)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Reduction == Reduction.Mean && samples > 0 ? T.One / T.CreateChecked(samples) : T.One;

    /// <summary>log(x) with x clamped to the smallest normal number, so a probability of exactly 0 gives a large finite loss.</summary>
    protected static T SafeLog<T>(T x)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        T.Log(T.Max(x, SmallestNormal<T>()));

    /// <summary>The smallest positive normal value of <typeparamref name="T"/>.</summary>
    protected static T SmallestNormal<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? T.CreateChecked(1.17549435e-38f) : T.CreateChecked(2.2250738585072014e-308);

    private static void CheckShapes<T>(Matrix<T> predicted, Matrix<T> target)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(target);
        if (predicted.Rows != target.Rows || predicted.Columns != target.Columns)
        {
            throw new ArgumentException(
                $"Predictions are {predicted.Shape} but targets are {target.Shape}: a loss needs one target row per sample and one target column per output unit.",
                nameof(target));
        }
    }
}
