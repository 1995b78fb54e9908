using System.Numerics;

namespace Nabla.Losses;

/// <summary>
/// Mean squared error: per sample (1/m) Σ_j (a_j − y_j)² over the m outputs, so with <see cref="Reduction.Mean"/> it is the
/// mean over all n·m entries (scikit-learn's and PyTorch's MSE). ∂L/∂a = 2(a − y)/m per sample.
/// </summary>
public sealed class MeanSquaredErrorLoss : Loss
{
    /// <summary>Creates the loss; <paramref name="reduction"/> combines the per-sample values.</summary>
    public MeanSquaredErrorLoss(Reduction reduction = Reduction.Mean)
        : base(reduction)
    {
    }

    /// <inheritdoc/>
    public override string Name => "mse";

    /// <inheritdoc/>
    protected override T Total<T>(ReadOnlySpan<T> predicted, ReadOnlySpan<T> target, int width)
    {
        T sum = T.Zero;
        for (int i = 0; i < predicted.Length; i++)
        {
            T e = predicted[i] - target[i];
            sum += e * e;
        }

        return width == 0 ? T.Zero : sum / T.CreateChecked(width);
    }

    /// <inheritdoc/>
    protected override void GradientCore<T>(ReadOnlySpan<T> predicted, ReadOnlySpan<T> target, Span<T> gradient, int width, T scale)
    {
        T factor = T.CreateChecked(2) * scale / T.CreateChecked(Math.Max(width, 1));
        for (int i = 0; i < predicted.Length; i++)
        {
            gradient[i] = (predicted[i] - target[i]) * factor;
        }
    }
}
