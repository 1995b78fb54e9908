using System.Numerics;
using System.Numerics.Tensors;
using Nabla.Networks;

namespace Nabla.Training;

/// <summary>
/// AdamW (Loshchilov and Hutter): Adam with decoupled weight decay, W ← (1 − αλ)W − α m̂ / (√v̂ + ε) on weight matrices (not
/// biases); the decay does not pass through the moment estimates. λ = 0.01 by default.
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">α; 0.001 by default.</param>
    /// <param name="beta1">β₁; 0.9 by default.</param>
    /// <param name="beta2">β₂; 0.999 by default.</param>
    /// <param name="epsilon">ε; 1e-8 by default.</param>
    /// <param name="weightDecay">λ ≥ 0; 0.01 by default.</param>
    public AdamW(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0.01)
        : base(learningRate, beta1, beta2, epsilon)
    {
        if (!(weightDecay >= 0) || !double.IsFinite(weightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(weightDecay), $"The weight decay must be 0 or a positive finite number, not {weightDecay}.");
        }

        WeightDecay = weightDecay;
    }

    /// <summary>λ, the decoupled decay rate of the weights.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc/>
    public override string Name => "adamw";

    /// <inheritdoc/>
    protected override void Update<T>(Parameter<T> parameter, double learningRate, int start, int length)
    {
        if (parameter.IsWeight && WeightDecay > 0)
        {
            var w = parameter.Value.AsSpan().Slice(start, length);
            TensorPrimitives.Multiply(w, T.CreateChecked(1 - learningRate * WeightDecay), w);
        }

        base.Update(parameter, learningRate, start, length);
    }
}
