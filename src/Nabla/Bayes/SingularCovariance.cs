namespace Nabla.Bayes;

/// <summary>
/// A maximum-likelihood covariance estimate that was singular when the <see cref="BayesClassifier{T, TLabel}"/> was fitted,
/// and why: features constant within the class (variance 0) and features that are linear combinations of others (one-hot
/// encoded columns of one text column always are: they sum to 1). The classifier made it invertible by
/// <see cref="BayesClassifierOptions.VarianceSmoothing"/> (and, for the constant-free collinear case, by
/// <see cref="BayesClassifierOptions.Shrinkage"/>); see <see cref="BayesClassifier{T, TLabel}.SingularCovariances"/>.
/// </summary>
/// <param name="ClassIndex">The class, an index into <c>Classes</c>; null for the pooled covariance of <see cref="CovarianceKind.Shared"/>.</param>
/// <param name="SampleCount">The training rows the estimate came from (the class's, or all rows for the pooled covariance).</param>
/// <param name="ConstantFeatures">Features (0-based column indices of x) with zero variance within the class (within every class for the pooled covariance), ascending.</param>
/// <param name="CollinearFeatures">
/// Features that are, to working precision, linear combinations of the features before them that are neither constant nor
/// in this list (so dropping these and the constant ones leaves an invertible estimate), ascending. Empty for
/// <see cref="CovarianceKind.Diagonal"/>, which has no covariances.
/// </param>
public sealed record SingularCovariance(int? ClassIndex, int SampleCount, IReadOnlyList<int> ConstantFeatures, IReadOnlyList<int> CollinearFeatures);
