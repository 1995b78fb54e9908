using System.Numerics;
using System.Text.Json.Nodes;
using Nabla.Models;
using Nabla.Bayes;
using Nabla.Linear;
using Nabla.Training;
using Nabla.Sampling;
using Nabla.Serialization;
using Nabla.Tensors;

namespace Nabla.Tests.Serialization;

/// <summary>Model files of logistic regression and the Gaussian Bayes classifier: lossless round trips and damaged files.</summary>
public sealed class LogisticBayesModelFileTests
{
    /// <summary>K Gaussian blobs in d dimensions, class k centred at 2k on the first axis and −k on the second; class sizes as given.</summary>
    private static (Matrix<T> X, int[] Y) Blobs<T>(int[] sizes, int d, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        int n = sizes.Sum();
        var x = new Matrix<T>(n, d);
        var y = new int[n];
        int i = 0;
        for (int k = 0; k < sizes.Length; k++)
        {
            for (int r = 0; r < sizes[k]; r++, i++)
            {
                y[i] = k;
                for (int j = 0; j < d; j++)
                {
                    double centre = j == 0 ? 2 * k : j == 1 ? -k : 0;
                    x[i, j] = T.CreateChecked(centre + random.NextGaussian());
                }
            }
        }

        return (x, y);
    }

    private static void SameBits<T>(Matrix<T> a, Matrix<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(a.Shape, b.Shape);
        Assert.True(a.AsReadOnlySpan().SequenceEqual(b.AsReadOnlySpan()), "values differ after reload");
    }

    [Theory]
    [InlineData(2, LogisticRegressionSolver.Lbfgs)]
    [InlineData(3, LogisticRegressionSolver.Lbfgs)]
    [InlineData(2, LogisticRegressionSolver.GradientDescent)]
    [InlineData(3, LogisticRegressionSolver.GradientDescent)]
    public void Logistic_regression_round_trips_bit_for_bit_in_double(int classes, LogisticRegressionSolver solver)
    {
        var (x, y) = Blobs<double>([.. Enumerable.Repeat(25, classes)], 3, 1);
        var options = new LogisticRegressionOptions { Solver = solver, L2Penalty = 0.01, MaxIterations = 40, LearningRate = 0.3, BatchSize = solver == LogisticRegressionSolver.GradientDescent ? 16 : 0, Seed = 9 };
        var model = new LogisticRegression<double, int>(options).Fit(x, y);
        string json = ModelFile.ToJson(model);
        var loaded = ModelFile.ParseClassifier<double, int>(json, "m.json");
        var copy = Assert.IsType<LogisticRegression<double, int>>(loaded.Model);

        Assert.Equal("logistic", loaded.Info.ModelType);
        Assert.Equal(model.Options, copy.Options);
        Assert.Equal(model.Classes, copy.Classes);
        SameBits(model.Coefficients, copy.Coefficients);
        Assert.Equal(model.Intercepts, copy.Intercepts);
        SameBits(model.PredictProbabilities(x), copy.PredictProbabilities(x));
        SameBits(model.DecisionFunction(x), copy.DecisionFunction(x));
        Assert.Equal(model.Predict(x), copy.Predict(x));
        Assert.Equal(model.StopReason, copy.StopReason);
        Assert.Equal(model.Converged, copy.Converged);
        Assert.Equal(model.Iterations, copy.Iterations);
        Assert.Equal(model.GradientNorm, copy.GradientNorm);
        Assert.Equal(model.LossHistory, copy.LossHistory);
        Assert.Equal(model.Iterations + 1, copy.LossHistory.Count);
        Assert.Equal(model.IsMultinomial, copy.IsMultinomial);
        Assert.Equal(json, ModelFile.ToJson(copy));
    }

    [Fact]
    public void Logistic_regression_round_trips_in_float_with_string_labels_and_a_threshold()
    {
        var (x, y) = Blobs<float>([30, 30], 2, 2);
        string[] labels = [.. y.Select(k => k == 0 ? "no" : "yes")];
        var model = new LogisticRegression<float, string>(new LogisticRegressionOptions { Threshold = 0.8, FitIntercept = false }).Fit(x, labels);
        string json = ModelFile.ToJson(model);
        Assert.Contains("\"precision\": \"float32\"", json);
        var copy = Assert.IsType<LogisticRegression<float, string>>(ModelFile.ParseClassifier<float, string>(json, "m.json").Model);

        SameBits(model.Coefficients, copy.Coefficients);
        Assert.Equal([0f], copy.Intercepts);
        SameBits(model.PredictProbabilities(x), copy.PredictProbabilities(x));
        Assert.Equal(model.Predict(x), copy.Predict(x));
        Assert.Equal(0.8, copy.Options.Threshold);
        Assert.False(copy.Options.FitIntercept);

        // The threshold is in force after reloading: "yes" exactly where P(yes | x) > 0.8.
        var p = copy.PredictProbabilities(x);
        var predicted = copy.Predict(x);
        for (int i = 0; i < x.Rows; i++)
        {
            Assert.Equal(p[i, 1] > 0.8f ? "yes" : "no", predicted[i]);
        }

        Assert.Contains(Enumerable.Range(0, x.Rows), i => p[i, 1] > 0.5f && p[i, 1] <= 0.8f);
    }

    [Fact]
    public void Logistic_regression_that_did_not_converge_reloads_as_not_converged()
    {
        var (x, y) = Blobs<double>([20, 20], 2, 3);
        var model = new LogisticRegression<double, int>(new LogisticRegressionOptions { MaxIterations = 2 }).Fit(x, y);
        Assert.False(model.Converged);
        var copy = (LogisticRegression<double, int>)ModelFile.ParseClassifier<double, int>(ModelFile.ToJson(model), "m.json").Model;
        Assert.False(copy.Converged);
        Assert.Equal(OptimizationStopReason.MaxIterations, copy.StopReason);
        Assert.Equal(2, copy.Iterations);
        Assert.Contains("\"stop_reason\": \"max-iterations\"", ModelFile.ToJson(copy));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Bayes_gaussian_round_trips_bit_for_bit_in_double(int classes)
    {
        // Class sizes 7, 11, 12 (of 30): the priors 7/30 + 11/30 + 12/30 need not add up to exactly 1 in binary floating point.
        int[] sizes = classes == 2 ? [13, 21] : [7, 11, 12];
        var (x, y) = Blobs<double>(sizes, 3, 4);
        var model = new BayesClassifier<double, int>().Fit(x, y);
        string json = ModelFile.ToJson(model);
        var loaded = ModelFile.ParseClassifier<double, int>(json, "m.json");
        var copy = Assert.IsType<BayesClassifier<double, int>>(loaded.Model);

        Assert.Equal("bayes-gaussian", loaded.Info.ModelType);
        Assert.Equal(model.Classes, copy.Classes);
        Assert.Equal(model.Priors, copy.Priors);
        Assert.Equal(sizes.Select(s => (double)s / sizes.Sum()), copy.Priors);
        for (int k = 0; k < classes; k++)
        {
            var a = (GaussianDensity)model.Densities[k];
            var b = Assert.IsType<GaussianDensity>(copy.Densities[k]);
            Assert.Equal(a.Mean, b.Mean);
            SameBits(a.Covariance, b.Covariance);
            Assert.Equal(a.LogDeterminant, b.LogDeterminant);
        }

        Assert.Equal(model.Costs, copy.Costs);
        Assert.Null(copy.Options.Priors);
        Assert.Null(copy.Options.Costs);
        SameBits(model.PredictProbabilities(x), copy.PredictProbabilities(x));
        SameBits(model.ConditionalRisks(x), copy.ConditionalRisks(x));
        Assert.Equal(model.Predict(x), copy.Predict(x));
        Assert.Equal(json, ModelFile.ToJson(copy));
    }

    [Theory]
    [InlineData(CovarianceKind.Full)]
    [InlineData(CovarianceKind.Diagonal)]
    [InlineData(CovarianceKind.Shared)]
    [InlineData(CovarianceKind.Regularized)]
    public void Every_covariance_kind_round_trips_bit_for_bit(CovarianceKind kind)
    {
        var (x, y) = Blobs<double>([9, 14, 11], 3, 12);
        var options = new BayesClassifierOptions { Covariance = kind, Shrinkage = 0.25, VarianceSmoothing = 1e-3 };
        var model = new BayesClassifier<double, int>(options).Fit(x, y);
        string json = ModelFile.ToJson(model);
        var copy = Assert.IsType<BayesClassifier<double, int>>(ModelFile.ParseClassifier<double, int>(json, "m.json").Model);

        Assert.Equal(options, copy.Options);
        SameBits(model.PredictProbabilities(x), copy.PredictProbabilities(x));
        Assert.Equal(json, ModelFile.ToJson(copy));
    }

    [Fact]
    public void Bayes_gaussian_keeps_given_priors_and_costs()
    {
        var (x, y) = Blobs<double>([20, 20, 20], 2, 5);
        double[,] costs = { { 0, 1, 1 }, { 10, 0, 1 }, { 1, 1, 0 } };
        var model = new BayesClassifier<double, int>(new BayesClassifierOptions { Priors = [0.2, 0.3, 0.5], Costs = costs }).Fit(x, y);
        string json = ModelFile.ToJson(model);
        var copy = (BayesClassifier<double, int>)ModelFile.ParseClassifier<double, int>(json, "m.json").Model;

        Assert.Equal([0.2, 0.3, 0.5], copy.Options.Priors!);
        Assert.Equal(costs, copy.Options.Costs);
        Assert.Equal(costs, copy.Costs);
        Assert.Equal(model.Priors, copy.Priors);
        SameBits(model.ConditionalRisks(x), copy.ConditionalRisks(x));
        Assert.Equal(model.Predict(x), copy.Predict(x));

        // The costs change decisions (deciding 1 when 0 is true costs 10), and the reloaded model keeps them.
        var zeroOne = new BayesClassifier<double, int>(new BayesClassifierOptions { Priors = [0.2, 0.3, 0.5] }).Fit(x, y);
        Assert.NotEqual(zeroOne.Predict(x), copy.Predict(x));
    }

    [Fact]
    public void Bayes_gaussian_round_trips_in_float_with_string_labels()
    {
        var (x, y) = Blobs<float>([15, 25], 2, 6);
        string[] labels = [.. y.Select(k => k == 0 ? "cat" : "dog")];
        var model = new BayesClassifier<float, string>().Fit(x, labels);
        string json = ModelFile.ToJson(model);
        Assert.Contains("\"precision\": \"float32\"", json);
        var copy = ModelFile.ParseClassifier<float, string>(json, "m.json").Model;
        SameBits(model.PredictProbabilities(x), copy.PredictProbabilities(x));
        Assert.Equal(model.Predict(x), copy.Predict(x));
    }

    [Fact]
    public void Numeric_labels_read_back_as_text_keep_their_class_order()
    {
        // 2 < 10 as numbers but "10" < "2" as text: the saved order must be kept, not re-sorted.
        var (x, y) = Blobs<double>([12, 12, 12], 2, 7);
        int[] labels = [.. y.Select(k => new[] { 1, 2, 10 }[k])];
        foreach (var model in new Nabla.Estimators.Classifier<double, int>[] { new BayesClassifier<double, int>().Fit(x, labels), new LogisticRegression<double, int>().Fit(x, labels) })
        {
            var copy = ModelFile.ParseClassifier<double, string>(ModelFile.ToJson(model), "m.json").Model;
            Assert.Equal(["1", "2", "10"], copy.Classes);
            Assert.Equal(model.Predict(x).Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)), copy.Predict(x));
            SameBits(model.PredictProbabilities(x), copy.PredictProbabilities(x));
        }
    }

    [Fact]
    public void Models_the_format_cannot_hold_are_refused_when_saving()
    {
        var (x, y) = Blobs<double>([10, 10], 2, 8);
        var ball = new BayesClassifier<double, int>(new BayesClassifierOptions { DensityEstimator = UniformBallDensity.Fit }).Fit(x, y);
        var e = Assert.Throws<NotSupportedException>(() => ModelFile.ToJson(ball));
        Assert.Equal("BayesClassifier cannot be saved: the model file format stores Gaussian class densities (bayes-gaussian), but this one has a UniformBallDensity.", e.Message);

        var negative = new BayesClassifier<double, int>(new BayesClassifierOptions { Costs = new double[,] { { -1, 1 }, { 1, 0 } } }).Fit(x, y);
        Assert.Contains("cost (0, 0) is -1", Assert.Throws<NotSupportedException>(() => ModelFile.ToJson(negative)).Message);
    }

    [Fact]
    public void The_format_knows_every_registered_kind() =>
        Assert.Equal(["mlp", "perceptron", "logistic", "bayes-gaussian", "linear"], ModelFile.KnownModelTypes);

    private static string Edit(string good, Action<JsonObject> edit)
    {
        var d = JsonNode.Parse(good)!.AsObject();
        edit(d);
        return d.ToJsonString();
    }

    private static JsonObject P(JsonObject d) => d["parameters"]!.AsObject();

    private static JsonObject H(JsonObject d) => d["hyperparameters"]!.AsObject();

    public static TheoryData<string, string> LogisticCorruptions()
    {
        var (x, y) = Blobs<double>([10, 10, 10], 2, 9);
        string good = ModelFile.ToJson(new LogisticRegression<double, string>(new LogisticRegressionOptions { MaxIterations = 50 }).Fit(x, [.. y.Select(k => "abc"[k].ToString())]));
        string binary = ModelFile.ToJson(new LogisticRegression<double, string>(new LogisticRegressionOptions { FitIntercept = false }).Fit(x, [.. y.Select(k => k == 0 ? "a" : "b")]));
        string With(Action<JsonObject> edit) => Edit(good, edit);
        return new TheoryData<string, string>
        {
            { With(d => P(d).Remove("coefficients")), "m.json: parameters.coefficients is missing." },
            { With(d => P(d)["coefficients"]!.AsArray().RemoveAt(2)), "m.json: parameters.coefficients has 2 rows but must have 3." },
            { With(d => P(d)["coefficients"]![1]!.AsArray().Add(0.5)), "m.json: parameters.coefficients[1] must be an array of 2 numbers." },
            { With(d => P(d)["coefficients"]![0]![1] = JsonNode.Parse("1e999")), "m.json: parameters.coefficients[0][1] is 1e999, which is not a finite float64 number." },
            { With(d => P(d)["coefficients"]![0]![1] = "0.5"), "m.json: parameters.coefficients[0][1] must be a number." },
            { With(d => P(d)["intercepts"]!.AsArray().RemoveAt(0)), "m.json: parameters.intercepts has 2 entries but must have 3." },
            { With(d => d["classes"] = new JsonArray("a", "b")), "m.json: parameters.coefficients has 3 rows but must have 1." },
            { With(d => d["features"] = 3), "m.json: parameters.coefficients[0] must be an array of 3 numbers." },
            { Edit(binary, d => P(d)["intercepts"]![0] = 0.25), "m.json: parameters.intercepts[0] is 0.25, but the model was fitted without intercepts (hyperparameters.fit_intercept is false), so it must be 0." },
            { With(d => H(d)["solver"] = "newton"), "m.json: hyperparameters.solver is \"newton\", but must be one of lbfgs, gd." },
            { With(d => H(d)["threshold"] = 1.5), "m.json: hyperparameters.threshold is 1.5, but must be a number > 0 and < 1." },
            { With(d => H(d)["l2"] = -1), "m.json: hyperparameters.l2 is -1, but must be a number ≥ 0, or auto (cross-validation over λ = 1/(C n), C = 1e-4 … 1e4, on 10 to 10,000 rows; 1/n outside)." },
            { With(d => H(d)["epochs"] = 0), "m.json: hyperparameters.epochs is 0, but must be a whole number ≥ 1." },
            { With(d => H(d)["fit_intercept"] = "yes"), "m.json: hyperparameters.fit_intercept is \"yes\", but must be true or false." },
            { With(d => H(d)["tolerance"] = "small"), "m.json: hyperparameters.tolerance is \"small\", but must be a number ≥ 0." },
            { With(d => P(d)["stop_reason"] = "bored"), "m.json: parameters.stop_reason is 'bored', not one of gradient-tolerance, max-iterations, line-search-failed, not-finite." },
            { With(d => P(d)["iterations"] = 51), "m.json: parameters.iterations is 51, outside [0, 50]." },
            { With(d => { P(d)["iterations"] = 3; P(d)["loss_history"] = new JsonArray(0.7, 0.5, 0.4); }), "m.json: parameters.loss_history has 3 entries but must have 4." },
            { With(d => P(d)["loss_history"]![0] = -0.5), "m.json: parameters.loss_history[0] is -0.5 but the objective (log-loss plus penalty) is 0 or more." },
            { With(d => P(d)["gradient_norm"] = -1), "m.json: parameters.gradient_norm is -1 but a norm is 0 or more." },
            { With(d => d["model"] = "bayes-gaussian"), "m.json: hyperparameters.solver is not a hyperparameter of bayes-gaussian (it has covariance, shrinkage, var_smoothing, priors, costs)." },
            { With(d => d["model"] = "perceptron"), "m.json: hyperparameters.solver is not a hyperparameter of perceptron" },
        };
    }

    public static TheoryData<string, string> BayesCorruptions()
    {
        var (x, y) = Blobs<double>([10, 10, 10], 2, 10);
        string good = ModelFile.ToJson(new BayesClassifier<double, string>().Fit(x, [.. y.Select(k => "abc"[k].ToString())]));
        string With(Action<JsonObject> edit) => Edit(good, edit);
        JsonArray Covariance(JsonObject d, int k) => P(d)["covariances"]![k]!.AsArray();
        return new TheoryData<string, string>
        {
            { With(d => P(d)["priors"]![1] = -0.1), "m.json: parameters.priors[1] is -0.1, but a prior is a probability, 0 or more." },
            { With(d => P(d)["priors"] = new JsonArray(0.5, 0.3, 0.3)), "m.json: parameters.priors sum to 1.1, but priors are probabilities summing to 1." },
            { With(d => P(d)["priors"]!.AsArray().RemoveAt(0)), "m.json: parameters.priors has 2 entries but must have 3." },
            { With(d => P(d)["priors"]![0] = JsonNode.Parse("-1e999")), "m.json: parameters.priors[0] is -1e999, which is not a finite float64 number." },
            { With(d => P(d)["means"]!.AsArray().RemoveAt(0)), "m.json: parameters.means has 2 rows but must have 3." },
            { With(d => P(d)["means"]![2]!.AsArray().Add(1.0)), "m.json: parameters.means[2] must be an array of 2 numbers." },
            { With(d => P(d)["covariances"]!.AsArray().RemoveAt(0)), "m.json: parameters.covariances has 2 entries but must have 3." },
            { With(d => Covariance(d, 1)[0]![1] = 0.75), "m.json: parameters.covariances[1] is not symmetric: [1][0] is" },
            { With(d => { Covariance(d, 0)[0]![0] = -1.0; }), "m.json: parameters.covariances[0] is not positive definite (a variance is zero or negative, or features are collinear), so it is not the covariance of a Gaussian." },
            { With(d => { Covariance(d, 2)[0]![1] = 100.0; Covariance(d, 2)[1]![0] = 100.0; }), "m.json: parameters.covariances[2] is not positive definite" },
            { With(d => Covariance(d, 0).RemoveAt(1)), "m.json: parameters.covariances[0] has 1 rows but must have 2." },
            { With(d => Covariance(d, 0)[1]![1] = JsonNode.Parse("1e999")), "m.json: parameters.covariances[0][1][1] is 1e999, which is not a finite float64 number." },
            { With(d => P(d)["covariances"]![1] = "identity"), "m.json: parameters.covariances[1] must be a JSON array." },
            { With(d => H(d)["radius"] = 1), "m.json: hyperparameters.radius is not a hyperparameter of bayes-gaussian (it has covariance, shrinkage, var_smoothing, priors, costs)." },
            { With(d => H(d)["costs"] = JsonNode.Parse("[[0, 1], [1, 0]]")), "m.json: hyperparameters.costs is 2×2 but the model has 3 classes." },
            { With(d => H(d)["costs"] = JsonNode.Parse("[[0, 1, 1], [1, 0, -2], [1, 1, 0]]")), "(row 2, entry 3 is -2, but costs are 0 or more)." },
            { With(d => H(d)["priors"] = JsonNode.Parse("[0.5, 0.5, 0.5]")), "m.json: hyperparameters.priors is [0.5,0.5,0.5], but must be" },
            { With(d => d["features"] = 3), "m.json: parameters.means[0] must be an array of 3 numbers." },
            { With(d => { Covariance(d, 1)[0]![0] = 2.0; }), "m.json: parameters.covariances[1] differs from covariances[0], but hyperparameters.covariance shared has one covariance for every class." },
            { With(d => { H(d)["covariance"] = "diagonal"; Covariance(d, 0)[0]![1] = 0.01; Covariance(d, 0)[1]![0] = 0.01; }), "m.json: parameters.covariances[0] has [0][1] = 0.01, but the covariances of hyperparameters.covariance diagonal are 0 off the diagonal." },
            { With(d => H(d)["covariance"] = "spherical"), "m.json: hyperparameters.covariance is \"spherical\", but must be one of full, diagonal, shared, regularized." },
            { With(d => H(d)["shrinkage"] = 2), "m.json: hyperparameters.shrinkage is 2, but must be a number ≥ 0 and ≤ 1." },
            { With(d => H(d)["var_smoothing"] = -1), "m.json: hyperparameters.var_smoothing is -1, but must be a number ≥ 0." },
            { With(d => d["model"] = "logistic"), "m.json: hyperparameters.covariance is not a hyperparameter of logistic" },
            { With(d => d["model"] = "mlp"), "m.json: hyperparameters.covariance is not a hyperparameter of mlp" },
        };
    }

    [Theory]
    [MemberData(nameof(LogisticCorruptions))]
    [MemberData(nameof(BayesCorruptions))]
    public void Damaged_logistic_and_bayes_files_give_a_clear_error(string json, string expected)
    {
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.ParseClassifier<double, string>(json, "m.json"));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("m.json: ", e.Message);
        Assert.EndsWith(" The file is damaged or was edited; re-save the model with Nabla.", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }
}
