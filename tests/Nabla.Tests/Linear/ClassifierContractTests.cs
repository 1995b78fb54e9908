using Nabla.Bayes;
using Nabla.Estimators;
using Nabla.Linear;
using Nabla.Neurons;
using Nabla.Tensors;

namespace Nabla.Tests.Linear;

/// <summary>Every error path of the estimator contract, for every classifier of the classic models.</summary>
public class ClassifierContractTests
{
    private static readonly double[][] X = [[0, 0], [1, 0.2], [0.3, 1], [4, 4], [5, 4.2], [4.1, 5], [0.5, 0.4], [4.6, 4.4]];
    private static readonly string[] Y = ["no", "no", "no", "yes", "yes", "yes", "no", "yes"];

    public static TheoryData<string> Models => ["perceptron", "logistic", "bayes"];

    [Theory]
    [MemberData(nameof(Models))]
    public void Fit_returns_the_model_and_maps_labels_both_ways(string name)
    {
        var model = Create(name);
        Assert.False(model.IsFitted);
        Assert.Same(model, model.Fit(X, Y));
        Assert.True(model.IsFitted);
        Assert.Equal(["no", "yes"], model.Classes);
        Assert.Equal(2, model.FeatureCount);
        Assert.Equal(Y, model.Predict(X));
        Assert.Equal(1.0, model.Score(X, Y));
        Assert.Equal(Y, model.Predict(Matrix<double>.FromRows(X)));
        Assert.Equal(1.0, model.Score(new double[,] { { 0, 0 }, { 5, 5 } }, ["no", "yes"]));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Using_a_model_before_fit_says_to_call_fit(string name)
    {
        var model = Create(name);
        var e = Assert.Throws<NotFittedException>(() => model.Predict(X));
        Assert.Contains("not fitted yet: call Fit(x, y)", e.Message);
        Assert.Throws<NotFittedException>(() => model.Classes);
        Assert.Throws<NotFittedException>(() => model.FeatureCount);
        if (model.SupportsProbabilities)
        {
            Assert.Throws<NotFittedException>(() => model.PredictProbabilities(X));
        }
        else
        {
            Assert.Contains("no probabilities", Assert.Throws<NotSupportedException>(() => model.PredictProbabilities(X)).Message);
        }
    }

    [Fact]
    public void Fitted_parameters_are_not_available_before_fit()
    {
        Assert.Throws<NotFittedException>(() => new Perceptron<double, int>().Weights);
        Assert.Throws<NotFittedException>(() => new LogisticRegression<double, int>().Coefficients);
        Assert.Throws<NotFittedException>(() => new LogisticRegression<double, int>().Intercepts);
        Assert.Throws<NotFittedException>(() => new BayesClassifier<double, int>().Priors);
        Assert.Throws<NotFittedException>(() => new BayesClassifier<double, int>().Densities);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Empty_data_is_rejected(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => Create(name).Fit(new Matrix<double>(0, 2), []));
        Assert.Contains("at least one sample", e.Message);
        Assert.Contains("at least one sample", Assert.Throws<ArgumentException>(() => Create(name).Fit(Array.Empty<double[]>(), [])).Message);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Nan_and_infinite_features_are_rejected_with_their_place(string name)
    {
        var nan = X.Select(r => (double[])r.Clone()).ToArray();
        nan[2][1] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => Create(name).Fit(nan, Y));
        Assert.Contains("row 2, column 1", e.Message);
        Assert.Contains("finite", e.Message);

        var inf = X.Select(r => (double[])r.Clone()).ToArray();
        inf[5][0] = double.PositiveInfinity;
        Assert.Contains("row 5, column 0", Assert.Throws<ArgumentException>(() => Create(name).Fit(inf, Y)).Message);

        var fitted = Create(name).Fit(X, Y);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => fitted.Predict(new double[,] { { 1, double.NegativeInfinity } })).Message);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void A_different_feature_count_at_predict_is_rejected(string name)
    {
        var fitted = Create(name).Fit(X, Y);
        var e = Assert.Throws<ArgumentException>(() => fitted.Predict(new double[,] { { 1, 2, 3 } }));
        Assert.Contains("fitted on 2 features", e.Message);
        Assert.Contains("3 columns", e.Message);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void A_single_class_is_rejected(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => Create(name).Fit(X, [.. Enumerable.Repeat("no", X.Length)]));
        Assert.Contains("at least two classes", e.Message);
        Assert.Contains("'no'", e.Message);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Label_count_and_missing_labels_are_rejected(string name)
    {
        Assert.Contains("8 samples but 3 labels", Assert.Throws<ArgumentException>(() => Create(name).Fit(X, ["no", "yes", "no"])).Message);
        var withNull = (string[])Y.Clone();
        withNull[4] = null!;
        Assert.Contains("Label 4 is missing", Assert.Throws<ArgumentException>(() => Create(name).Fit(X, withNull)).Message);
        var fitted = Create(name).Fit(X, Y);
        Assert.Contains("2 samples but 1 labels", Assert.Throws<ArgumentException>(() => fitted.Score(new double[,] { { 0, 0 }, { 1, 1 } }, ["no"])).Message);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Refitting_replaces_the_classes(string name)
    {
        var model = Create(name).Fit(X, Y);
        string[] other = [.. Y.Select(v => v == "no" ? "cold" : "hot")];
        model.Fit(X, other);
        Assert.Equal(["cold", "hot"], model.Classes);
        Assert.Equal(other, model.Predict(X));
    }

    private static Classifier<double, string> Create(string name) => name switch
    {
        "perceptron" => new Perceptron<double, string>(),
        "logistic" => new LogisticRegression<double, string>(),
        _ => new BayesClassifier<double, string>(),
    };
}
