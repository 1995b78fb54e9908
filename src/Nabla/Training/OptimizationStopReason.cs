namespace Nabla.Training;

/// <summary>Why an optimizer stopped.</summary>
public enum OptimizationStopReason
{
    /// <summary>Converged: the gradient's largest absolute component fell to the tolerance.</summary>
    GradientTolerance,

    /// <summary>The iteration limit was reached first.</summary>
    MaxIterations,

    /// <summary>
    /// No step along the search direction (nor along −∇f) decreased f enough: usually f is already minimal to machine
    /// precision and the tolerance is tighter than rounding allows.
    /// </summary>
    LineSearchFailed,

    /// <summary>f or its gradient became NaN or infinite.</summary>
    NotFinite,

    /// <summary>The caller's iteration callback asked to stop (early stopping, cancellation, a stopping condition).</summary>
    Stopped,

    /// <summary>
    /// Levenberg–Marquardt: the damping μ rose above its maximum without a step that decreased f; f is minimal along
    /// every direction the linearization trusts (often: to machine precision).
    /// </summary>
    DampingLimit,
}
