using Nabla.Training;

namespace Nabla.Linear;

/// <summary>How <see cref="LogisticRegression{T, TLabel}"/> minimizes its objective.</summary>
public enum LogisticRegressionSolver
{
    /// <summary>
    /// L-BFGS with a strong Wolfe line search (<see cref="Lbfgs"/>), on the whole data set: fast and precise, converging to
    /// the optimum to the gradient tolerance. The default.
    /// </summary>
    Lbfgs,

    /// <summary>
    /// Gradient descent θ ← θ − α∇J, on the whole data set each step (batch) or on mini-batches of
    /// <see cref="LogisticRegressionOptions.BatchSize"/> rows in a shuffled order each epoch (mini-batch).
    /// </summary>
    GradientDescent,
}
