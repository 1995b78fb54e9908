namespace Nabla.Bayes;

/// <summary>
/// How the <see cref="BayesClassifier{T, TLabel}"/> estimates the covariance Σₖ of each class's Gaussian N(μₖ, Σₖ) from
/// the class's nₖ training rows (μ̂ₖ is always the class mean). Every kind starts from the maximum-likelihood class
/// covariance Σ̂ₖ = (1/nₖ) Σ_{i ∈ k} (xᵢ − μ̂ₖ)(xᵢ − μ̂ₖ)ᵀ (divided by nₖ, not nₖ − 1), and then adds
/// ε = <see cref="BayesClassifierOptions.VarianceSmoothing"/> × the largest feature variance to every variance.
/// </summary>
public enum CovarianceKind
{
    /// <summary>
    /// Σₖ = Σ̂ₖ + εI: a full covariance per class (quadratic discriminant analysis; the course notes' fit). Without smoothing it
    /// needs at least d + 1 rows per class and features that are neither constant nor collinear within a class.
    /// </summary>
    Full,

    /// <summary>
    /// Σₖ = diag(Σ̂ₖ) + εI: the features independent within a class (Gaussian naive Bayes, scikit-learn's GaussianNB).
    /// Needs no more rows than one per class.
    /// </summary>
    Diagonal,

    /// <summary>
    /// Σₖ = Σ̂ + εI for every class with the pooled covariance Σ̂ = Σₖ (nₖ/n) Σ̂ₖ = (1/n) Σₖ Σ_{i ∈ k} (xᵢ − μ̂ₖ)(xᵢ − μ̂ₖ)ᵀ,
    /// the maximum-likelihood estimate of a covariance common to the classes (linear discriminant analysis: the decision
    /// boundaries are hyperplanes).
    /// </summary>
    Shared,

    /// <summary>
    /// Σₖ = (1 − λ)Σ̂ₖ + λ·diag(Σ̂ₖ) + εI with λ = <see cref="BayesClassifierOptions.Shrinkage"/>: each class covariance shrunk
    /// toward its own diagonal (the variances are kept, the covariances multiplied by 1 − λ). λ = 0 is <see cref="Full"/>,
    /// λ = 1 is <see cref="Diagonal"/>; for 0 &lt; λ ≤ 1 it is invertible whenever no feature is constant within the class.
    /// </summary>
    Regularized,
}
