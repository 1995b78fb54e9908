using Nabla.Tensors;

namespace Nabla.Bayes;

/// <summary>Hyperparameters of the <see cref="BayesClassifier{T, TLabel}"/>.</summary>
public sealed record BayesClassifierOptions
{
    /// <summary>
    /// The class priors P(Cⱼ), one per class in the order of the sorted classes, non-negative and summing to 1. Null
    /// (the default): the class frequencies of the training labels, Nⱼ / N.
    /// </summary>
    public IReadOnlyList<double>? Priors { get; init; }

    /// <summary>Equal priors P(Cⱼ) = 1/K for the K classes of the training labels, whatever their frequencies (when <see cref="Priors"/> is null). Default false.</summary>
    public bool UniformPriors { get; init; }

    /// <summary>
    /// The cost matrix c: <c>Costs[i, j]</c> = c_ij is the cost of deciding class i when the true class is j (the report's
    /// convention; classes in sorted order). Null (the default): the 0-1 costs c_ii = 0, c_ij = 1, for which the minimum-risk
    /// rule is the maximum-posterior rule and the risk is the error probability.
    /// </summary>
    public double[,]? Costs { get; init; }

    /// <summary>
    /// How a class-conditional density p(x | Cⱼ) is fitted to the training rows of class j. Default:
    /// <see cref="GaussianDensity.Fit"/> (maximum-likelihood Gaussian, full covariance); <see cref="UniformBallDensity.Fit"/>
    /// fits a uniform ball; any function returning an <see cref="IDensity"/> works.
    /// </summary>
    public Func<Matrix<double>, IDensity> DensityEstimator { get; init; } = GaussianDensity.Fit;
}
