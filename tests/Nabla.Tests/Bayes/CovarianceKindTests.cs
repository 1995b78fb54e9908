using Nabla.Bayes;
using Nabla.Tensors;

namespace Nabla.Tests.Bayes;

/// <summary>The covariance kinds on the cases real tables bring: one-hot columns, constant columns, small classes.</summary>
public sealed class CovarianceKindTests
{
    // Two numeric features and a one-hot pair (c0, c1: always one of them, so c0 + c1 = 1), three classes; class 'z' has
    // two rows for four features, and c1 is 0 throughout class 'x'.
    private static readonly double[][] X =
    [
        [0.1, 1.2, 1, 0], [0.9, 0.4, 1, 0], [0.5, 0.8, 1, 0], [1.3, 1.1, 1, 0], [0.2, 0.3, 1, 0],
        [3.1, 2.2, 0, 1], [2.6, 3.0, 1, 0], [3.4, 2.9, 0, 1], [2.8, 2.1, 0, 1], [3.0, 2.5, 1, 0],
        [6.0, 0.5, 0, 1], [5.5, 1.0, 1, 0],
    ];

    private static readonly string[] Y = ["x", "x", "x", "x", "x", "y", "y", "y", "y", "y", "z", "z"];

    [Theory]
    [InlineData(CovarianceKind.Full)]
    [InlineData(CovarianceKind.Diagonal)]
    [InlineData(CovarianceKind.Shared)]
    [InlineData(CovarianceKind.Regularized)]
    public void Every_kind_fits_one_hot_columns_and_small_classes_with_smoothing(CovarianceKind kind)
    {
        var model = new BayesClassifier<double, string>(new BayesClassifierOptions { Covariance = kind }).Fit(X, Y);
        Assert.Equal(Y, model.Predict(X));
        Assert.NotEmpty(model.SingularCovariances);
        Assert.True(model.VarianceEpsilon > 0);
    }

    [Fact]
    public void The_default_is_shared_with_smoothing_and_says_what_was_singular()
    {
        var model = new BayesClassifier<double, string>().Fit(X, Y);
        Assert.Equal(CovarianceKind.Shared, model.Options.Covariance);
        var pooled = Assert.Single(model.SingularCovariances);
        Assert.Null(pooled.ClassIndex);
        Assert.Equal(12, pooled.SampleCount);
        Assert.Equal([3], pooled.CollinearFeatures);
        Assert.Equal("the pooled Σ̂ (12 rows) is singular (feature 3 is a linear combination of the features before it)", Assert.Single(model.DescribeSingularCovariances()));
        Assert.Equal(((GaussianDensity)model.Densities[0]).Covariance.AsReadOnlySpan().ToArray(), ((GaussianDensity)model.Densities[2]).Covariance.AsReadOnlySpan().ToArray());
    }

    [Fact]
    public void Per_class_kinds_name_the_constant_and_collinear_features_of_each_class()
    {
        var model = new BayesClassifier<double, string>(new BayesClassifierOptions { Covariance = CovarianceKind.Regularized }).Fit(X, Y);
        var notes = model.DescribeSingularCovariances();
        Assert.Equal("class 'x' (5 rows): Σ̂ₖ is singular (features 2 and 3 are constant within the class)", notes[0]);
        Assert.Equal("class 'y' (5 rows): Σ̂ₖ is singular (feature 3 is a linear combination of the features before it)", notes[1]);
        Assert.Equal("class 'z' (2 rows): Σ̂ₖ is singular (features 1, 2 and 3 are linear combinations of the features before them; 2 rows for 4 features: a full Σ̂ₖ needs at least d + 1 = 5)", notes[2]);
    }

    [Fact]
    public void Without_smoothing_a_singular_full_covariance_is_refused_naming_class_rows_and_features()
    {
        var e = Assert.Throws<ArgumentException>(() => new BayesClassifier<double, string>(new BayesClassifierOptions { Covariance = CovarianceKind.Full, VarianceSmoothing = 0 }).Fit(X, Y));
        Assert.Equal(
            "Cannot fit the Gaussian (covariance full, var_smoothing 0) of class 'x' (5 rows): Σ̂ₖ is singular (features 2 and 3 are constant within the class). "
            + "Set var_smoothing above 0 (it adds ε to every variance), use covariance regularized (shrunk toward the diagonal) or diagonal, or leave those features out. (Parameter 'x')",
            e.Message);

        // Shrinkage cures collinearity but not a constant feature; the diagonal needs the variances.
        Assert.Contains("class 'x' (5 rows)", Assert.Throws<ArgumentException>(() => new BayesClassifier<double, string>(new BayesClassifierOptions { Covariance = CovarianceKind.Regularized, VarianceSmoothing = 0 }).Fit(X, Y)).Message);
        Assert.Contains("features 2 and 3 are constant", Assert.Throws<ArgumentException>(() => new BayesClassifier<double, string>(new BayesClassifierOptions { Covariance = CovarianceKind.Diagonal, VarianceSmoothing = 0 }).Fit(X, Y)).Message);
    }

    [Fact]
    public void Full_without_smoothing_is_the_maximum_likelihood_fit_bit_for_bit()
    {
        double[][] x = [[0, 0.3], [1.1, 0.2], [0.4, 1.7], [0.9, 0.8], [5, 5.2], [6.1, 5], [5.3, 6.4], [6.6, 6.1], [5.5, 5.9]];
        string[] y = ["a", "a", "a", "a", "b", "b", "b", "b", "b"];
        var model = new BayesClassifier<double, string>(new BayesClassifierOptions { Covariance = CovarianceKind.Full, VarianceSmoothing = 0 }).Fit(x, y);
        Assert.Empty(model.SingularCovariances);
        var reference = GaussianDensity.Fit(Matrix<double>.FromRows(x[4..]));
        var fitted = (GaussianDensity)model.Densities[1];
        Assert.Equal(reference.Mean, fitted.Mean);
        Assert.Equal(reference.Covariance.AsReadOnlySpan().ToArray(), fitted.Covariance.AsReadOnlySpan().ToArray());
        Assert.Equal(reference.LogDeterminant, fitted.LogDeterminant);

        // Shrinkage 0 is full; shrinkage 1 is diagonal.
        var zero = new BayesClassifier<double, string>(new BayesClassifierOptions { Covariance = CovarianceKind.Regularized, Shrinkage = 0, VarianceSmoothing = 0 }).Fit(x, y);
        Assert.Equal(reference.Covariance.AsReadOnlySpan().ToArray(), ((GaussianDensity)zero.Densities[1]).Covariance.AsReadOnlySpan().ToArray());
        var one = new BayesClassifier<double, string>(new BayesClassifierOptions { Covariance = CovarianceKind.Regularized, Shrinkage = 1, VarianceSmoothing = 0 }).Fit(x, y);
        var diagonal = new BayesClassifier<double, string>(new BayesClassifierOptions { Covariance = CovarianceKind.Diagonal, VarianceSmoothing = 0 }).Fit(x, y);
        Assert.Equal(((GaussianDensity)diagonal.Densities[1]).Covariance.AsReadOnlySpan().ToArray(), ((GaussianDensity)one.Densities[1]).Covariance.AsReadOnlySpan().ToArray());
    }

    [Fact]
    public void A_user_density_estimator_reports_no_smoothing()
    {
        double[][] x = [[0, 0], [1, 0], [0, 1], [5, 5], [6, 5], [5, 6]];
        var model = new BayesClassifier<double, int>(new BayesClassifierOptions { DensityEstimator = GaussianDensity.Fit }).Fit(x, [0, 0, 0, 1, 1, 1]);
        Assert.Null(model.VarianceEpsilon);
        Assert.Empty(model.SingularCovariances);
    }
}
