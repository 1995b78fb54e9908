using Nabla.Linear;
using Nabla.Training;
using Nabla.Sampling;
using Nabla.Tensors;
using Nabla.Tests.Linear.Fixtures;

namespace Nabla.Tests.Linear;

public class LogisticRegressionTests
{
    // scikit-learn's L-BFGS-B also stops when f changes by less than 64 ε (relative), at ‖∇J‖∞ ≈ 2e-7 … 9e-7, so its
    // coefficients are up to ReferenceDistance (2.5e-6 … 1.3e-4, stored with the fixture) from the exact optimum, which the
    // fixture script finds by Newton's method (‖∇J‖∞ ≈ 1e-17). We fit to ‖∇J‖∞ ≤ 1e-12; with the smallest curvature of these
    // problems above 5e-3 that is within 2e-10 of the exact optimum, so: exact to 1e-9, and scikit-learn to its own distance.
    private const double ExactTolerance = 1e-9;

    [Fact]
    public void Binary_l2_matches_scikit_learn()
    {
        var model = Fit(SklearnReference.BinaryL2.X, SklearnReference.BinaryL2.Y, SklearnReference.BinaryL2.L2Penalty);
        AssertMatches(model, SklearnReference.BinaryL2.ExactCoefficients, SklearnReference.BinaryL2.ExactIntercepts, ExactTolerance);
        AssertMatches(model, SklearnReference.BinaryL2.Coefficients, SklearnReference.BinaryL2.Intercepts, SklearnReference.BinaryL2.ReferenceDistance + ExactTolerance);
        var x = Matrix<double>.FromRows(SklearnReference.BinaryL2.X);

        // The log-loss alone is first order in the coefficients (its gradient at the optimum is −λw): |Δ| ≤ ‖λw‖₁·distance.
        Assert.Equal(SklearnReference.BinaryL2.LogLoss, model.LogLoss(x, SklearnReference.BinaryL2.Y), 1e-7);

        // The objective is second order: equal to 1e-12, and ours is not above scikit-learn's.
        Assert.True(model.LossHistory[^1] <= SklearnReference.BinaryL2.Objective + 1e-15);
        Assert.Equal(SklearnReference.BinaryL2.Objective, model.LossHistory[^1], 1e-12);
    }

    [Fact]
    public void Binary_unpenalized_matches_scikit_learn()
    {
        var model = Fit(SklearnReference.BinaryUnpenalized.X, SklearnReference.BinaryUnpenalized.Y, 0);
        AssertMatches(model, SklearnReference.BinaryUnpenalized.ExactCoefficients, SklearnReference.BinaryUnpenalized.ExactIntercepts, ExactTolerance);
        AssertMatches(model, SklearnReference.BinaryUnpenalized.Coefficients, SklearnReference.BinaryUnpenalized.Intercepts, SklearnReference.BinaryUnpenalized.ReferenceDistance + ExactTolerance);
        var x = Matrix<double>.FromRows(SklearnReference.BinaryUnpenalized.X);

        // Without a penalty the log-loss is the objective: second order, ½ΔθᵀHΔθ ≈ 4e-12 for scikit-learn's Δθ ≈ 9e-6.
        double loss = model.LogLoss(x, SklearnReference.BinaryUnpenalized.Y);
        Assert.Equal(SklearnReference.BinaryUnpenalized.LogLoss, loss, 1e-11);
        Assert.True(loss <= SklearnReference.BinaryUnpenalized.LogLoss + 1e-15);
    }

    [Fact]
    public void Multinomial_iris_matches_scikit_learn()
    {
        var model = Fit(SklearnReference.IrisMultinomialL2.X, SklearnReference.IrisMultinomialL2.Y, SklearnReference.IrisMultinomialL2.L2Penalty);
        Assert.True(model.IsMultinomial);
        AssertMatches(model, SklearnReference.IrisMultinomialL2.ExactCoefficients, SklearnReference.IrisMultinomialL2.ExactIntercepts, ExactTolerance);
        AssertMatches(model, SklearnReference.IrisMultinomialL2.Coefficients, SklearnReference.IrisMultinomialL2.Intercepts, SklearnReference.IrisMultinomialL2.ReferenceDistance + ExactTolerance);
        var x = Matrix<double>.FromRows(SklearnReference.IrisMultinomialL2.X);
        Assert.Equal(SklearnReference.IrisMultinomialL2.LogLoss, model.LogLoss(x, SklearnReference.IrisMultinomialL2.Y), 1e-6);
        Assert.True(model.LossHistory[^1] <= SklearnReference.IrisMultinomialL2.Objective + 1e-15);
        Assert.Equal(SklearnReference.IrisMultinomialL2.Objective, model.LossHistory[^1], 1e-9);
    }

    [Fact]
    public void Gradient_is_zero_at_the_solution_by_an_independent_formula()
    {
        // ∂J/∂w = (1/n) Σ (σ(wᵀx + b) − y) x + λw, ∂J/∂b = (1/n) Σ (σ(wᵀx + b) − y), written out here from scratch.
        var xs = SklearnReference.BinaryL2.X;
        var ys = SklearnReference.BinaryL2.Y;
        double lambda = SklearnReference.BinaryL2.L2Penalty;
        var model = Fit(xs, ys, lambda);
        var w = model.Coefficients.Row(0).ToArray();
        double b = model.Intercepts[0];
        var grad = new double[w.Length + 1];
        for (int i = 0; i < xs.Length; i++)
        {
            double z = b + xs[i].Select((v, j) => v * w[j]).Sum();
            double r = 1 / (1 + Math.Exp(-z)) - ys[i];
            for (int j = 0; j < w.Length; j++)
            {
                grad[j] += r * xs[i][j] / xs.Length;
            }

            grad[^1] += r / xs.Length;
        }

        for (int j = 0; j < w.Length; j++)
        {
            grad[j] += lambda * w[j];
        }

        Assert.All(grad, g => Assert.True(Math.Abs(g) < 1e-11, $"gradient component {g}"));
        Assert.True(model.Converged);
        Assert.True(model.GradientNorm <= 1e-12);
        Assert.Equal(OptimizationStopReason.GradientTolerance, model.StopReason);
    }

    [Theory]
    [InlineData(1, 0.0, false)]
    [InlineData(1, 0.1, true)]
    [InlineData(3, 0.01, true)]
    public void Objective_gradient_matches_central_differences(int units, double lambda, bool intercept)
    {
        var random = new Random(units);
        var x = new Matrix<double>(30, 4);
        var y = new int[30];
        for (int i = 0; i < 30; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                x[i, j] = random.NextGaussian();
            }

            y[i] = units == 1 ? i % 2 : i % 3;
        }

        var objective = new LogLossObjective(x, y, units, lambda, intercept);
        var theta = Enumerable.Range(0, objective.Size).Select(_ => random.NextGaussian()).ToArray();
        if (!intercept)
        {
            Array.Clear(theta, units * 4, units);
        }

        var gradient = new double[objective.Size];
        objective.Evaluate(theta, gradient);
        var scratch = new double[objective.Size];
        const double h = 1e-5;
        for (int k = 0; k < theta.Length - (intercept ? 0 : units); k++)
        {
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[k] += h;
            minus[k] -= h;
            double numeric = (objective.Evaluate(plus, scratch) - objective.Evaluate(minus, scratch)) / (2 * h);

            // Central differences: truncation O(h²) ≈ 1e-10, rounding ≈ ε·J/h ≈ 1e-11.
            Assert.Equal(numeric, gradient[k], 1e-8);
        }
    }

    [Fact]
    public void Batch_gradient_descent_reaches_the_lbfgs_optimum()
    {
        var xs = SklearnReference.BinaryL2.X;
        var ys = SklearnReference.BinaryL2.Y;
        double lambda = SklearnReference.BinaryL2.L2Penalty;
        var lbfgs = Fit(xs, ys, lambda);
        var gd = new LogisticRegression<double, int>(new LogisticRegressionOptions
        {
            Solver = LogisticRegressionSolver.GradientDescent,
            L2Penalty = lambda,
            LearningRate = 2,
            MaxIterations = 20000,
            Tolerance = 1e-9,
        }).Fit(xs, ys);
        Assert.True(gd.Converged);

        // ‖∇J‖∞ ≤ 1e-9 with curvature above 0.01 puts the weights within 1e-7 of the optimum.
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(lbfgs.Coefficients[0, j], gd.Coefficients[0, j], 1e-6);
        }

        // Gradient descent with a small enough step decreases J every epoch.
        for (int e = 1; e < gd.LossHistory.Count; e++)
        {
            Assert.True(gd.LossHistory[e] <= gd.LossHistory[e - 1] + 1e-15);
        }
    }

    [Fact]
    public void Mini_batch_gradient_descent_gets_close()
    {
        var xs = SklearnReference.BinaryL2.X;
        var ys = SklearnReference.BinaryL2.Y;
        var sgd = new LogisticRegression<double, int>(new LogisticRegressionOptions
        {
            Solver = LogisticRegressionSolver.GradientDescent,
            L2Penalty = SklearnReference.BinaryL2.L2Penalty,
            LearningRate = 0.05,
            BatchSize = 16,
            MaxIterations = 300,
            Seed = 1,
        }).Fit(xs, ys);

        // Constant-step SGD hovers around the optimum: its objective stays within a few 1e-4 of the minimum.
        Assert.InRange(sgd.LossHistory[^1] - SklearnReference.BinaryL2.Objective, 0, 2e-3);
        Assert.Equal(300, sgd.Iterations);
    }

    [Fact]
    public void Probabilities_are_the_sigmoid_of_the_decision_function_and_sum_to_one()
    {
        var model = Fit(SklearnReference.BinaryL2.X, SklearnReference.BinaryL2.Y, SklearnReference.BinaryL2.L2Penalty);
        var x = Matrix<double>.FromRows(SklearnReference.BinaryL2.X);
        var p = model.PredictProbabilities(x);
        var z = model.DecisionFunction(x);
        for (int i = 0; i < x.Rows; i++)
        {
            Assert.Equal(1 / (1 + Math.Exp(-z[i, 0])), p[i, 1], 14);
            Assert.Equal(1.0, p[i, 0] + p[i, 1], 14);
        }

        var iris = Fit(SklearnReference.IrisMultinomialL2.X, SklearnReference.IrisMultinomialL2.Y, SklearnReference.IrisMultinomialL2.L2Penalty);
        var pi = iris.PredictProbabilities(Matrix<double>.FromRows(SklearnReference.IrisMultinomialL2.X));
        for (int i = 0; i < pi.Rows; i++)
        {
            Assert.Equal(1.0, pi[i, 0] + pi[i, 1] + pi[i, 2], 14);
        }

        Assert.True(iris.Score(SklearnReference.IrisMultinomialL2.X, SklearnReference.IrisMultinomialL2.Y) > 0.95);
    }

    [Fact]
    public void Threshold_moves_the_decision()
    {
        var xs = SklearnReference.BinaryL2.X;
        var ys = SklearnReference.BinaryL2.Y;
        var strict = new LogisticRegression<double, int>(new LogisticRegressionOptions { L2Penalty = 0.01, Threshold = 0.9 }).Fit(xs, ys);
        var usual = new LogisticRegression<double, int>(new LogisticRegressionOptions { L2Penalty = 0.01 }).Fit(xs, ys);
        var x = Matrix<double>.FromRows(xs);
        var p = strict.PredictProbabilities(x);
        var predicted = strict.Predict(x);
        for (int i = 0; i < x.Rows; i++)
        {
            Assert.Equal(p[i, 1] > 0.9 ? 1 : 0, predicted[i]);
        }

        Assert.True(predicted.Count(v => v == 1) < usual.Predict(x).Count(v => v == 1));
    }

    [Fact]
    public void Labels_of_any_type_and_float_features()
    {
        string[] names = ["no", "yes"];
        var labels = SklearnReference.BinaryL2.Y.Select(v => names[v]).ToArray();
        var xf = SklearnReference.BinaryL2.X.Select(r => r.Select(v => (float)v).ToArray()).ToArray();
        var model = new LogisticRegression<float, string>(new LogisticRegressionOptions { L2Penalty = SklearnReference.BinaryL2.L2Penalty, Tolerance = 1e-12 }).Fit(xf, labels);
        Assert.Equal(names, model.Classes);

        // The optimization runs in double; only the float features (≈ 6e-8 relative rounding) move the optimum.
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(SklearnReference.BinaryL2.ExactCoefficients[0][j], model.Coefficients[0, j], 1e-5);
        }

        Assert.Equal("yes", model.Predict(new float[,] { { 0, 0, 5 } })[0]);
    }

    [Fact]
    public void Restored_model_predicts_as_the_fitted_one()
    {
        var model = Fit(SklearnReference.IrisMultinomialL2.X, SklearnReference.IrisMultinomialL2.Y, SklearnReference.IrisMultinomialL2.L2Penalty);
        var restored = LogisticRegression<double, int>.Restore(model.Options, model.Classes, model.FeatureCount, model.Coefficients, model.Intercepts);
        var x = Matrix<double>.FromRows(SklearnReference.IrisMultinomialL2.X);
        Assert.Equal(model.PredictProbabilities(x), restored.PredictProbabilities(x));
        Assert.Throws<ArgumentException>(() => LogisticRegression<double, int>.Restore(model.Options, model.Classes, 4, new Matrix<double>(1, 4), [0.0]));
    }

    [Fact]
    public void Overflowing_gradient_descent_says_to_lower_the_learning_rate()
    {
        // The log-loss gradient is bounded by ‖x‖, so plain steps never make it NaN; features near the top of the double
        // range do: the first step puts θᵀx beyond 1e308 and the loss becomes infinite.
        double[][] x = [[1e300], [-1e300], [2e300], [-2e300]];
        int[] y = [1, 0, 0, 1];
        var e = Assert.Throws<Nabla.Training.TrainingDivergedException>(() => new LogisticRegression<double, int>(new LogisticRegressionOptions
        {
            Solver = LogisticRegressionSolver.GradientDescent,
            LearningRate = 1,
        }).Fit(x, y));
        Assert.Contains("lower the learning rate", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, e.Epoch);
    }

    [Fact]
    public void Bad_options_and_labels_say_what_is_wrong()
    {
        Assert.Contains("strictly between 0 and 1", Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression<double, int>(new LogisticRegressionOptions { Threshold = 1 })).Message);
        Assert.Contains("λ", Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression<double, int>(new LogisticRegressionOptions { L2Penalty = -1 })).Message);
        Assert.Contains("learning rate", Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression<double, int>(new LogisticRegressionOptions { LearningRate = 0 })).Message);
        Assert.Contains("batch size", Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression<double, int>(new LogisticRegressionOptions { BatchSize = -2 })).Message);
        var model = Fit(SklearnReference.BinaryL2.X, SklearnReference.BinaryL2.Y, 0.01);
        Assert.Contains("not one of the classes", Assert.Throws<ArgumentException>(() => model.LogLoss(Matrix<double>.FromRows([[0.0, 0, 0]]), [7])).Message);
    }

    internal static LogisticRegression<double, int> Fit(double[][] x, int[] y, double lambda) =>
        new LogisticRegression<double, int>(new LogisticRegressionOptions { L2Penalty = lambda, Tolerance = 1e-12 }).Fit(x, y);

    private static void AssertMatches(LogisticRegression<double, int> model, double[][] coefficients, double[] intercepts, double tolerance)
    {
        var w = model.Coefficients;
        Assert.Equal(coefficients.Length, w.Rows);
        for (int k = 0; k < w.Rows; k++)
        {
            for (int j = 0; j < w.Columns; j++)
            {
                Assert.Equal(coefficients[k][j], w[k, j], tolerance);
            }

            Assert.Equal(intercepts[k], model.Intercepts[k], tolerance);
        }
    }
}
