namespace Nabla.Losses;

/// <summary>How a loss combines the per-sample losses of a batch of n samples.</summary>
public enum Reduction
{
    /// <summary>The mean over the n samples, (1/n) Σ_i L_i: independent of batch size (the default).</summary>
    Mean,

    /// <summary>The plain sum Σ_i L_i, as in the lectures' ½ Σ_i (ỹ_i − y_i)².</summary>
    Sum,
}
