namespace Nabla.Training;

/// <summary>The update rules <see cref="Optimizer.Create(OptimizerKind, double, double, LearningRateSchedule?, double, double, double, double)"/> builds; its name in lower case is the one the command line and model files use.</summary>
public enum OptimizerKind
{
    /// <summary>Plain (mini-batch) gradient descent, θ ← θ − α∇L (<see cref="GradientDescent"/>); named <c>sgd</c>.</summary>
    Sgd,

    /// <summary>Gradient descent with momentum μ (<see cref="Training.Momentum"/>).</summary>
    Momentum,

    /// <summary>Nesterov's accelerated gradient, momentum μ.</summary>
    Nesterov,

    /// <summary>Adam with β₁, β₂ and ε (<see cref="Training.Adam"/>).</summary>
    Adam,

    /// <summary>Adam with decoupled weight decay (<see cref="Training.AdamW"/>).</summary>
    AdamW,
}
