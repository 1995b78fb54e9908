namespace Nabla.Training;

/// <summary>
/// How <see cref="Trainer"/> minimizes the loss: the epochs of (mini-batch) gradient steps of an <see cref="Optimizer"/>, or one
/// of the classic full-batch trainers of small networks, each iteration using every training row. Their names in lower case
/// on the command line and in model files: <c>gd</c>, <c>lbfgs</c>, <c>lm</c>, <c>rprop</c>, <c>scg</c>.
/// </summary>
public enum TrainingSolver
{
    /// <summary>Epochs of gradient steps by <see cref="TrainingOptions.Optimizer"/>, on mini-batches or the full batch; named <c>gd</c>.</summary>
    GradientDescent,

    /// <summary>
    /// L-BFGS (<see cref="Lbfgs"/>) on the full-batch objective over the flattened parameters, as scikit-learn's
    /// <c>solver='lbfgs'</c>; named <c>lbfgs</c>.
    /// </summary>
    Lbfgs,

    /// <summary>
    /// Levenberg–Marquardt for squared-error losses, as MATLAB's <c>trainlm</c>: (JᵀJ + μI)Δθ = −Jᵀe with the Jacobian of
    /// the residuals per sample and output and an adaptive damping μ (<see cref="LevenbergMarquardtOptions"/>); named <c>lm</c>.
    /// </summary>
    LevenbergMarquardt,

    /// <summary>
    /// Resilient backpropagation iRprop+ (Igel and Hüsken), as Encog and MATLAB's <c>trainrp</c>: per-weight step sizes
    /// adapted by the sign of the gradient (<see cref="RpropOptions"/>); named <c>rprop</c>.
    /// </summary>
    Rprop,

    /// <summary>
    /// Møller's scaled conjugate gradient (1993), as MATLAB's <c>trainscg</c>: conjugate directions with a step from a
    /// finite-difference curvature and a Levenberg–Marquardt-like scale λ (<see cref="ScaledConjugateGradientOptions"/>); named <c>scg</c>.
    /// </summary>
    ScaledConjugateGradient,
}
