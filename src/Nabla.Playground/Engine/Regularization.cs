namespace Nabla.Playground.Engine;

/// <summary>The weight penalty added to the loss.</summary>
public enum Regularization
{
    /// <summary>No penalty.</summary>
    None,

    /// <summary>λ₁ Σ |w| (subgradient λ₁ sign w).</summary>
    L1,

    /// <summary>(λ/2) Σ w² (gradient λw).</summary>
    L2,
}
