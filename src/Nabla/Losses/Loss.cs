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

    private double[]? _classWeights;

    /// <summary>How per-sample losses are combined.</summary>
    public Reduction Reduction { get; }

    /// <summary>
    /// The weight of each class, or null when every sample counts once (see <see cref="WithClassWeights"/>): a sample's
    /// loss, and so its share of δ^[L], is multiplied by the weight of the class its target row names.
    /// </summary>
    public IReadOnlyList<double>? ClassWeights => _classWeights is null ? null : Array.AsReadOnly(_classWeights);

    /// <summary>
    /// This loss with each sample's loss multiplied by the weight of its class, read from its target row y: with K ≥ 2
    /// output units the weight is Σₖ yₖ wₖ (wₖ for a one-hot row), and with one output unit (two classes, y the probability
    /// of the second) it is (1 − y) w₀ + y w₁. Because the weight follows from the target row, mini-batches, shuffling and
    /// the gradient solvers weigh each sample correctly with no other change (Levenberg–Marquardt scales each residual by √w).
    /// The target rows must be one-hot or 0/1 (class indicators). The reduction still divides by n, not by Σ w.
    /// </summary>
    /// <param name="weights">One finite positive weight per class: K for K output units, 2 for one.</param>
    /// <exception cref="ArgumentException">Fewer than two weights, or one not finite and positive.</exception>
    public Loss WithClassWeights(IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count < 2 || weights.Any(w => !(w > 0) || !double.IsFinite(w)))
        {
            throw new ArgumentException(
                $"Class weights must be at least two finite positive numbers, one per class, not [{string.Join(", ", weights.Select(w => w.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}].", nameof(weights));
        }

        // Losses are immutable, so a shallow copy with the weights is this loss weighted.
        var copy = (Loss)MemberwiseClone();
        copy._classWeights = [.. weights];
        return copy;
    }

    /// <summary>The name used by the CLI and in model files.</summary>
    public abstract string Name { get; }

    /// <summary>The loss of predictions <paramref name="predicted"/> (a^[L], n × m) against <paramref name="target"/> (n × m).</summary>
    public T Value<T>(Matrix<T> predicted, Matrix<T> target)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShapes(predicted, target);
        return SamplesTotal(predicted.AsReadOnlySpan(), predicted.AsReadOnlySpan(), target.AsReadOnlySpan(), predicted.Columns, null) * SampleScale<T>(predicted.Rows);
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
        return SamplesTotal(preActivation.AsReadOnlySpan(), predicted.AsReadOnlySpan(), target.AsReadOnlySpan(), predicted.Columns, outputActivation) * SampleScale<T>(predicted.Rows);
    }

    /// <summary>∂L/∂a^[L], written into <paramref name="gradient"/> (n × m), including the reduction's 1/n.</summary>
    public void Gradient<T>(Matrix<T> predicted, Matrix<T> target, Matrix<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShapes(predicted, target);
        MatrixMath.RequireSameShape(predicted, gradient, nameof(gradient));
        GradientCore<T>(predicted.AsReadOnlySpan(), target.AsReadOnlySpan(), gradient.AsSpan(), predicted.Columns, SampleScale<T>(predicted.Rows));
        WeighRows(target.AsReadOnlySpan(), gradient.AsSpan(), predicted.Columns);
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
        }
        else if (!(outputActivation is SoftmaxActivation
            && TryDeltaAfterSoftmax<T>(preActivation.AsReadOnlySpan(), target.AsReadOnlySpan(), delta.AsSpan(), predicted.Columns, SampleScale<T>(predicted.Rows))))
        {
            GradientCore<T>(predicted.AsReadOnlySpan(), target.AsReadOnlySpan(), delta.AsSpan(), predicted.Columns, SampleScale<T>(predicted.Rows));
            outputActivation.Backward(preActivation, predicted, delta, delta);
        }

        // A sample's δ^[L] row is the derivative of its own loss alone, so weighing the loss weighs the row.
        WeighRows(target.AsReadOnlySpan(), delta.AsSpan(), predicted.Columns);
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
    public override string ToString() => $"{Name} ({Reduction.ToString().ToLowerInvariant()} over samples"
        + (_classWeights is null ? ")" : $", class weights {string.Join(", ", _classWeights.Select(w => w.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))})");

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

    // The unweighted total, from the logits where the loss has a stable form after the output activation.
    private T RowsTotal<T>(ReadOnlySpan<T> preActivation, ReadOnlySpan<T> predicted, ReadOnlySpan<T> target, int width, Activation? outputActivation)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        outputActivation is null ? Total(predicted, target, width)
        : IsFusedWith(outputActivation) ? TotalFromLogits(preActivation, target, width)
        : outputActivation is SoftmaxActivation && TryTotalAfterSoftmax(preActivation, target, width, out T fromLogits) ? fromLogits
        : Total(predicted, target, width);

    // Σ over the samples of their losses, each times its class's weight when the loss has class weights.
    private T SamplesTotal<T>(ReadOnlySpan<T> preActivation, ReadOnlySpan<T> predicted, ReadOnlySpan<T> target, int width, Activation? outputActivation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (_classWeights is null)
        {
            return RowsTotal(preActivation, predicted, target, width, outputActivation);
        }

        T total = T.Zero;
        for (int start = 0; start < target.Length; start += width)
        {
            var y = target.Slice(start, width);
            total += RowWeight(y) * RowsTotal(preActivation.Slice(start, width), predicted.Slice(start, width), y, width, outputActivation);
        }

        return total;
    }

    private void WeighRows<T>(ReadOnlySpan<T> target, Span<T> rows, int width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (_classWeights is null)
        {
            return;
        }

        for (int start = 0; start < target.Length; start += width)
        {
            T w = RowWeight(target.Slice(start, width));
            foreach (ref T v in rows.Slice(start, width))
            {
                v *= w;
            }
        }
    }

    /// <summary>True when the loss has class weights (<see cref="ClassWeights"/> without its copy).</summary>
    internal bool IsClassWeighted => _classWeights is not null;

    /// <summary>The weight of the sample whose target row is <paramref name="target"/>: 1 without class weights.</summary>
    internal T SampleWeight<T>(ReadOnlySpan<T> target)
        where T : unmanaged, IFloatingPointIeee754<T> => _classWeights is null ? T.One : RowWeight(target);

    // The weight of the class a target row names: (1 − y) w₀ + y w₁ for one unit, Σₖ yₖ wₖ for more.
    private T RowWeight<T>(ReadOnlySpan<T> target)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var w = _classWeights!;
        int expected = target.Length == 1 ? 2 : target.Length;
        if (w.Length != expected)
        {
            throw new ArgumentException(
                $"The loss has {w.Length} class weights, but {target.Length} output unit(s) need {expected}: give one weight per class.", nameof(target));
        }

        T sum;
        if (target.Length == 1)
        {
            sum = (T.One - target[0]) * T.CreateChecked(w[0]) + target[0] * T.CreateChecked(w[1]);
        }
        else
        {
            sum = T.Zero;
            for (int k = 0; k < target.Length; k++)
            {
                sum += target[k] * T.CreateChecked(w[k]);
            }
        }

        // A target that is not a class indicator (a number, a negative entry) would weigh its sample by ≤ 0 or ∞ and turn the gradient around.
        return sum > T.Zero && T.IsFinite(sum) ? sum
            : throw new ArgumentException($"A class-weighted loss needs target rows that name a class (one-hot, or 0/1 for one unit), but a row gives the weight {sum}.", nameof(target));
    }

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
