namespace Nabla.Training;

/// <summary>
/// AdamW (Loshchilov and Hutter): Adam with decoupled weight decay, W ← (1 − αλ)W − α m̂ / (√v̂ + ε); the decay does not pass
/// through the moment estimates. λ = 0.01 by default.
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">α; 0.001 by default.</param>
    /// <param name="beta1">β₁; 0.9 by default.</param>
    /// <param name="beta2">β₂; 0.999 by default.</param>
    /// <param name="epsilon">ε; 1e-8 by default.</param>
    /// <param name="weightDecay">λ; 0.01 by default.</param>
    public AdamW(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0.01)
        : base(learningRate, beta1, beta2, epsilon, weightDecay)
    {
    }

    /// <inheritdoc/>
    public override string Name => "adamw";

    /// <inheritdoc/>
    protected override bool DecoupledDecay => true;
}
