using System.Numerics;

namespace Nabla.Losses;

/// <summary>The lectures' squared error L = ½‖a^[L] − y‖² per sample, with ∂L/∂a = a − y.</summary>
public sealed class HalfSquaredErrorLoss : Loss
{
    /// <summary>Creates the loss; <paramref name="reduction"/> combines the per-sample values.</summary>
    public HalfSquaredErrorLoss(Reduction reduction = Reduction.Mean)
        : base(reduction)
    {
    }

    /// <inheritdoc/>
    public override string Name => "half-squared-error";

    /// <inheritdoc/>
    protected override T Total<T>(ReadOnlySpan<T> predicted, ReadOnlySpan<T> target, int width)
    {
        T sum = T.Zero;
        for (int i = 0; i < predicted.Length; i++)
        {
            T e = predicted[i] - target[i];
            sum += e * e;
        }

        return sum / T.CreateChecked(2);
    }

    /// <inheritdoc/>
    protected override void GradientCore<T>(ReadOnlySpan<T> predicted, ReadOnlySpan<T> target, Span<T> gradient, int width, T scale)
    {
        for (int i = 0; i < predicted.Length; i++)
        {
            gradient[i] = (predicted[i] - target[i]) * scale;
        }
    }
}
