using Nabla.Bayes;
using Nabla.Tensors;
using Nabla.Tests.Bayes.Fixtures;

namespace Nabla.Tests.Bayes;

/// <summary>
/// Each covariance kind against scikit-learn (GaussianNB, LinearDiscriminantAnalysis, QuadraticDiscriminantAnalysis) and
/// against Gaussian posteriors computed independently from the formulas, on iris (Fixtures/make_bayes_reference.py says
/// what each reference is). Predictions are equal; probabilities agree within 1e-12 (measured: within 1e-13 for LDA, whose
/// scikit-learn side goes through least squares, and within 1e-14 for the rest; the two sides sum in different orders).
/// </summary>
public sealed class SklearnBayesTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string, CovarianceKind, double, double> Cases => new()
    {
        { "NaiveBayes", CovarianceKind.Diagonal, 0, 1e-9 },
        { "NaiveBayesSmoothed", CovarianceKind.Diagonal, 0, 0.1 },
        { "NaiveBayesIndicator", CovarianceKind.Diagonal, 0, 1e-9 },
        { "Lda", CovarianceKind.Shared, 0, 0 },
        { "Full", CovarianceKind.Full, 0, 0 },
        { "FullSmoothed", CovarianceKind.Full, 0, 0.01 },
        { "Regularized", CovarianceKind.Regularized, 0.3, 0.01 },
        { "SharedSmoothed", CovarianceKind.Shared, 0, 0.05 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_covariance_kind_predicts_as_its_reference(string name, CovarianceKind covariance, double shrinkage, double smoothing)
    {
        bool indicator = name.EndsWith("Indicator", StringComparison.Ordinal);
        var model = new BayesClassifier<double, int>(new BayesClassifierOptions { Covariance = covariance, Shrinkage = shrinkage, VarianceSmoothing = smoothing })
            .Fit(indicator ? SklearnBayesReference.XTrainIndicator : SklearnBayesReference.XTrain, SklearnBayesReference.YTrain);
        var x = Matrix<double>.FromRows(indicator ? SklearnBayesReference.XTestIndicator : SklearnBayesReference.XTest);
        var reference = typeof(SklearnBayesReference);
        var predictions = (int[])reference.GetField(name + "Predictions")!.GetValue(null)!;
        var probabilities = (double[][])reference.GetField(name + "Probabilities")!.GetValue(null)!;

        Assert.Equal(predictions, model.Predict(x));
        AssertClose(probabilities, model.PredictProbabilities(x));
    }

    [Fact]
    public void The_shared_covariance_is_scikit_learns_pooled_covariance()
    {
        var model = new BayesClassifier<double, int>(new BayesClassifierOptions { Covariance = CovarianceKind.Shared, VarianceSmoothing = 0 })
            .Fit(SklearnBayesReference.XTrain, SklearnBayesReference.YTrain);
        foreach (var density in model.Densities)
        {
            AssertClose(SklearnBayesReference.LdaCovariance, ((GaussianDensity)density).Covariance, 1e-12);
        }
    }

    [Fact]
    public void Full_is_qda_once_the_covariances_are_unbiased()
    {
        // QDA divides by nₖ − 1; Nabla's maximum-likelihood fit by nₖ. Rescaled, they are the same densities.
        var model = new BayesClassifier<double, int>(new BayesClassifierOptions { Covariance = CovarianceKind.Full, VarianceSmoothing = 0 })
            .Fit(SklearnBayesReference.XTrain, SklearnBayesReference.YTrain);
        double[][][] qda = [SklearnBayesReference.QdaCovariance0, SklearnBayesReference.QdaCovariance1, SklearnBayesReference.QdaCovariance2];
        var unbiased = new IDensity[3];
        for (int k = 0; k < 3; k++)
        {
            int n = SklearnBayesReference.YTrain.Count(y => y == k);
            var g = (GaussianDensity)model.Densities[k];
            var sigma = g.Covariance;
            MatrixMath.Scale(sigma, n / (n - 1.0));
            AssertClose(qda[k], sigma, 1e-12);
            unbiased[k] = new GaussianDensity(g.Mean, sigma);
        }

        var asQda = BayesClassifier<double, int>.FromDensities([0, 1, 2], unbiased, model.Priors);
        var x = Matrix<double>.FromRows(SklearnBayesReference.XTest);
        Assert.Equal(SklearnBayesReference.QdaPredictions, asQda.Predict(x));
        AssertClose(SklearnBayesReference.QdaProbabilities, asQda.PredictProbabilities(x));
    }

    [Fact]
    public void A_column_constant_within_every_class_is_named_and_smoothed()
    {
        var model = new BayesClassifier<double, int>(new BayesClassifierOptions { Covariance = CovarianceKind.Diagonal })
            .Fit(SklearnBayesReference.XTrainIndicator, SklearnBayesReference.YTrain);
        Assert.Equal([0, 1, 2], model.SingularCovariances.Select(s => s.ClassIndex!.Value));
        Assert.All(model.SingularCovariances, s => Assert.Equal([4], s.ConstantFeatures));
        Assert.Equal("class '1' (40 rows): Σ̂ₖ is singular (feature 4 is constant within the class)", model.DescribeSingularCovariances()[1]);

        // ε = 1e-9 × the largest variance over all training rows, as GaussianNB's epsilon_.
        double[] column = [.. SklearnBayesReference.XTrain.Select(r => r[2])];
        double mean = column.Average();
        Assert.Equal(1e-9 * column.Sum(v => (v - mean) * (v - mean)) / column.Length, model.VarianceEpsilon!.Value, 1e-20);
    }

    private static void AssertClose(double[][] expected, Matrix<double> actual, double tolerance = Tolerance)
    {
        Assert.Equal(expected.Length, actual.Rows);
        for (int i = 0; i < expected.Length; i++)
        {
            for (int j = 0; j < expected[i].Length; j++)
            {
                Assert.True(Math.Abs(expected[i][j] - actual[i, j]) <= tolerance * Math.Max(1, Math.Abs(expected[i][j])), $"[{i}, {j}]: expected {expected[i][j]:R}, got {actual[i, j]:R}");
            }
        }
    }
}
