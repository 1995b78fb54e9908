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
    /// How each class's Gaussian covariance Σₖ is estimated (see <see cref="CovarianceKind"/>). Default
    /// <see cref="CovarianceKind.Shared"/> (linear discriminant analysis): with the default <see cref="VarianceSmoothing"/>
    /// it fits any table, one-hot encoded columns and classes with fewer rows than features included (the pooled estimate
    /// uses every row), and on real tables it was the most accurate kind more often than any other (docs/classic-models.md).
    /// Singular estimates are reported with their features (<see cref="BayesClassifier{T, TLabel}.SingularCovariances"/>).
    /// <see cref="CovarianceKind.Full"/> with <see cref="VarianceSmoothing"/> 0 is the course notes' maximum-likelihood fit.
    /// </summary>
    public CovarianceKind Covariance { get; init; } = CovarianceKind.Shared;

    /// <summary>
    /// λ of <see cref="CovarianceKind.Regularized"/>, in [0, 1]: Σₖ = (1 − λ)Σ̂ₖ + λ·diag(Σ̂ₖ) + εI, the covariances multiplied
    /// by 1 − λ and the variances kept (0: the full covariance, 1: the diagonal). Unused by the other kinds. Default 0.1.
    /// </summary>
    public double Shrinkage { get; init; } = 0.1;

    /// <summary>
    /// The variance smoothing, 0 or more: ε = VarianceSmoothing × the largest variance of a feature over all training rows
    /// (biased, divided by n; or × 1 when every feature is constant) is added to the diagonal of every class covariance, as
    /// scikit-learn's GaussianNB <c>var_smoothing</c> does. It keeps a covariance invertible when a feature is constant within
    /// a class. Default 1e-9, scikit-learn's.
    /// </summary>
    public double VarianceSmoothing { get; init; } = 1e-9;

    /// <summary>
    /// How a class-conditional density p(x | Cⱼ) is fitted to the training rows of class j, in place of the Gaussian of
    /// <see cref="Covariance"/>: <see cref="GaussianDensity.Fit"/> (maximum-likelihood Gaussian, full covariance, refusing
    /// a singular one), <see cref="UniformBallDensity.Fit"/> (a uniform ball), or any function returning an
    /// <see cref="IDensity"/>. Null (the default): a Gaussian per class with the covariance of <see cref="Covariance"/>,
    /// <see cref="Shrinkage"/> and <see cref="VarianceSmoothing"/>, which must then keep their defaults.
    /// </summary>
    public Func<Matrix<double>, IDensity>? DensityEstimator { get; init; }
}
