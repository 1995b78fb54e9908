using CsCheck;
using Nabla.Estimators;
using Nabla.Linear;
using Nabla.Tensors;
using Nabla.Tests.Linear.Fixtures;
using Xunit.Abstractions;

namespace Nabla.Tests.Linear;

public class LinearRegressionTests(ITestOutputHelper output)
{
    // Refuses a singular XᵀX instead of taking the minimum-norm solution, so that the message can be checked.
    private static readonly LinearRegressionOptions Refusing = new() { MinimumNorm = false };

    // --- The naive reference: written independently of the library, as plainly as possible. -----------------------------

    /// <summary>
    /// Solves the normal equations of J by Gaussian elimination with partial pivoting on the augmented system, one target
    /// at a time: unknowns θ = (w₁ … w_d, b), equations ∂J/∂θ = 0, i.e. (1/n) Σᵢ x̃ᵢ x̃ᵢᵀ θ + λ P θ = (1/n) Σᵢ x̃ᵢ yᵢ with
    /// x̃ = (x, 1) and P = diag(1, …, 1, 0) (no intercept: x̃ = x, P = I). In <see cref="decimal"/> (28 digits), so the
    /// reference is exact to double precision and the comparison measures the library's error alone.
    /// </summary>
    private static (double[,] W, double[] B) NaiveFit(double[,] x, double[,] y, double lambda, bool intercept)
    {
        int n = x.GetLength(0), d = x.GetLength(1), t = y.GetLength(1);
        int m = intercept ? d + 1 : d;
        var w = new double[t, d];
        var b = new double[t];
        for (int k = 0; k < t; k++)
        {
            var a = new decimal[m, m + 1];
            for (int i = 0; i < n; i++)
            {
                for (int r = 0; r < m; r++)
                {
                    decimal xr = r < d ? (decimal)x[i, r] : 1;
                    for (int c = 0; c < m; c++)
                    {
                        decimal xc = c < d ? (decimal)x[i, c] : 1;
                        a[r, c] += xr * xc / n;
                    }

                    a[r, m] += xr * (decimal)y[i, k] / n;
                }
            }

            for (int r = 0; r < d; r++)
            {
                a[r, r] += (decimal)lambda;
            }

            for (int col = 0; col < m; col++)
            {
                int pivot = col;
                for (int r = col + 1; r < m; r++)
                {
                    if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                    {
                        pivot = r;
                    }
                }

                for (int c = 0; c <= m; c++)
                {
                    (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
                }

                for (int r = col + 1; r < m; r++)
                {
                    decimal f = a[r, col] / a[col, col];
                    for (int c = col; c <= m; c++)
                    {
                        a[r, c] -= f * a[col, c];
                    }
                }
            }

            var theta = new decimal[m];
            for (int r = m - 1; r >= 0; r--)
            {
                decimal s = a[r, m];
                for (int c = r + 1; c < m; c++)
                {
                    s -= a[r, c] * theta[c];
                }

                theta[r] = s / a[r, r];
            }

            for (int j = 0; j < d; j++)
            {
                w[k, j] = (double)theta[j];
            }

            b[k] = intercept ? (double)theta[d] : 0;
        }

        return (w, b);
    }

    private sealed record Case(int N, int D, int T, double Lambda, bool Intercept, int Seed)
    {
        public override string ToString() => $"n={N} d={D} t={T} λ={Lambda} intercept={Intercept} seed={Seed}";
    }

    private static readonly Gen<Case> Cases = Gen.Select(Gen.Int[5, 60], Gen.Int[1, 8], Gen.Int[1, 3], Gen.Int[0, 3], Gen.Bool, Gen.Int[0, 1_000_000],
        (n, d, t, kind, intercept, seed) =>
        {
            // λ = 0 only where the problem is determined (n > d + 1); otherwise a penalty from small to strong.
            double lambda = kind switch { 0 when n > d + 1 => 0, 0 or 1 => 1e-3, 2 => 0.1, _ => 10 };
            return new Case(n, d, t, lambda, intercept, seed);
        });

    /// <summary>Features of mixed scales and offsets, targets linear in them plus noise.</summary>
    private static (double[,] X, double[,] Y) RandomProblem(int n, int d, int t, int seed, double noise = 0.5)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var scale = Enumerable.Range(0, d).Select(_ => Math.Pow(10, random.NextDouble() * 2 - 1)).ToArray();
        var offset = Enumerable.Range(0, d).Select(_ => random.NextDouble() * 10 - 5).ToArray();
        var x = new double[n, d];
        var y = new double[n, t];
        var w = new double[t, d];
        for (int k = 0; k < t; k++)
        {
            for (int j = 0; j < d; j++)
            {
                w[k, j] = Normal();
            }
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                x[i, j] = offset[j] + scale[j] * Normal();
            }

            for (int k = 0; k < t; k++)
            {
                double s = k + 1;
                for (int j = 0; j < d; j++)
                {
                    s += w[k, j] * x[i, j];
                }

                y[i, k] = s + noise * Normal();
            }
        }

        return (x, y);
    }

    private static double MaxAbs(IEnumerable<double> values) => values.Select(Math.Abs).DefaultIfEmpty(0).Max();

    private static IEnumerable<double> Entries(double[,] m) => m.Cast<double>();

    [Fact]
    public void Matches_naive_gaussian_elimination_on_random_problems()
    {
        double worst = 0;
        var gate = new object();
        Cases.Sample(c =>
        {
            var (x, y) = RandomProblem(c.N, c.D, c.T, c.Seed);
            var (w, b) = NaiveFit(x, y, c.Lambda, c.Intercept);
            var model = new LinearRegression<double>(new LinearRegressionOptions { L2 = c.Lambda, FitIntercept = c.Intercept })
                .Fit(Matrix<double>.FromArray(x), Matrix<double>.FromArray(y));
            var coefficients = model.Coefficients;
            double wScale = MaxAbs(Entries(w)), bScale = Math.Max(1, MaxAbs(b));
            double deviation = 0;
            for (int k = 0; k < c.T; k++)
            {
                for (int j = 0; j < c.D; j++)
                {
                    deviation = Math.Max(deviation, Math.Abs(coefficients[k, j] - w[k, j]) / wScale);
                }

                deviation = Math.Max(deviation, Math.Abs(model.Intercepts[k] - b[k]) / bScale);
            }

            lock (gate)
            {
                worst = Math.Max(worst, deviation);
            }

            Assert.True(deviation <= 1e-9, $"{c}: relative deviation {deviation:E2} from the naive solve");
        }, iter: 500);
        output.WriteLine($"largest relative deviation from the naive reference: {worst:E3}");
    }

    // --- scikit-learn -----------------------------------------------------------------------------------------------------

    public static TheoryData<string> SklearnCases => ["Ols", "OlsNoIntercept", "RidgeTwoTargets", "RidgeNoIntercept", "RidgeStrong"];

    private static (double L2, bool Intercept, int Targets, double[][] W, double[] B, double[][] Predictions) Reference(string name) => name switch
    {
        "Ols" => (SklearnLinearReference.Ols.L2, SklearnLinearReference.Ols.FitIntercept, SklearnLinearReference.Ols.Targets,
            SklearnLinearReference.Ols.Coefficients, SklearnLinearReference.Ols.Intercepts, SklearnLinearReference.Ols.Predictions),
        "OlsNoIntercept" => (SklearnLinearReference.OlsNoIntercept.L2, SklearnLinearReference.OlsNoIntercept.FitIntercept, SklearnLinearReference.OlsNoIntercept.Targets,
            SklearnLinearReference.OlsNoIntercept.Coefficients, SklearnLinearReference.OlsNoIntercept.Intercepts, SklearnLinearReference.OlsNoIntercept.Predictions),
        "RidgeTwoTargets" => (SklearnLinearReference.RidgeTwoTargets.L2, SklearnLinearReference.RidgeTwoTargets.FitIntercept, SklearnLinearReference.RidgeTwoTargets.Targets,
            SklearnLinearReference.RidgeTwoTargets.Coefficients, SklearnLinearReference.RidgeTwoTargets.Intercepts, SklearnLinearReference.RidgeTwoTargets.Predictions),
        "RidgeNoIntercept" => (SklearnLinearReference.RidgeNoIntercept.L2, SklearnLinearReference.RidgeNoIntercept.FitIntercept, SklearnLinearReference.RidgeNoIntercept.Targets,
            SklearnLinearReference.RidgeNoIntercept.Coefficients, SklearnLinearReference.RidgeNoIntercept.Intercepts, SklearnLinearReference.RidgeNoIntercept.Predictions),
        "RidgeStrong" => (SklearnLinearReference.RidgeStrong.L2, SklearnLinearReference.RidgeStrong.FitIntercept, SklearnLinearReference.RidgeStrong.Targets,
            SklearnLinearReference.RidgeStrong.Coefficients, SklearnLinearReference.RidgeStrong.Intercepts, SklearnLinearReference.RidgeStrong.Predictions),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static Matrix<double> DiabetesTargets(int targets) =>
        Matrix<double>.FromRows([.. SklearnLinearReference.Y.Select(row => row[..targets])]);

    /// <summary>Largest |ours − reference| / |reference| over coefficients (normwise: relative to the largest), intercepts and predictions.</summary>
    private static double SklearnDeviation(LinearRegression<double> model, double[][] w, double[] b, double[][] predictions)
    {
        var coefficients = model.Coefficients;
        double wScale = MaxAbs(w.SelectMany(r => r));
        double deviation = 0;
        for (int k = 0; k < w.Length; k++)
        {
            for (int j = 0; j < w[k].Length; j++)
            {
                deviation = Math.Max(deviation, Math.Abs(coefficients[k, j] - w[k][j]) / wScale);
            }

            deviation = Math.Max(deviation, Math.Abs(model.Intercepts[k] - b[k]) / Math.Max(1, Math.Abs(b[k])));
        }

        var predicted = model.Predict(Matrix<double>.FromRows(SklearnLinearReference.X[..SklearnLinearReference.PredictedRows]));
        for (int i = 0; i < predictions.Length; i++)
        {
            for (int k = 0; k < predictions[i].Length; k++)
            {
                deviation = Math.Max(deviation, Math.Abs(predicted[i, k] - predictions[i][k]) / Math.Abs(predictions[i][k]));
            }
        }

        return deviation;
    }

    [Theory]
    [MemberData(nameof(SklearnCases))]
    public void Matches_scikit_learn_on_diabetes(string name)
    {
        var (l2, intercept, targets, w, b, predictions) = Reference(name);
        var model = new LinearRegression<double>(new LinearRegressionOptions { L2 = l2, FitIntercept = intercept })
            .Fit(Matrix<double>.FromRows(SklearnLinearReference.X), DiabetesTargets(targets));
        Assert.Equal(targets, model.TargetCount);
        double deviation = SklearnDeviation(model, w, b, predictions);
        output.WriteLine($"{name}: largest relative deviation from scikit-learn {SklearnLinearReference.SklearnVersion}: {deviation:E3}");
        Assert.True(deviation <= 1e-8, $"{name}: relative deviation {deviation:E2} from scikit-learn");
    }

    [Fact]
    public void Badly_scaled_and_shifted_features_give_the_rescaled_least_squares_solution()
    {
        // Column j times c_j = 10^(j − 5) (from 1e-5 to 1e4) and shifted by 1e3: the least-squares weights become w_j / c_j,
        // the intercept absorbs the shifts, and the predictions do not change. The normal equations of the raw features
        // would have a condition number near 1e18; standardized, they keep the diabetes problem's own.
        var x = SklearnLinearReference.X.Select(row => row.Select((v, j) => v * Math.Pow(10, j - 5) + 1e3).ToArray()).ToArray();
        var model = new LinearRegression<double>().Fit(Matrix<double>.FromRows(x), DiabetesTargets(1));
        var reference = SklearnLinearReference.Ols.Coefficients[0];
        var coefficients = model.Coefficients;
        double scale = MaxAbs(reference);
        for (int j = 0; j < reference.Length; j++)
        {
            Assert.True(Math.Abs(coefficients[0, j] * Math.Pow(10, j - 5) - reference[j]) <= 1e-8 * scale, $"feature {j}");
        }

        var predicted = model.Predict(Matrix<double>.FromRows(x[..SklearnLinearReference.PredictedRows]));
        for (int i = 0; i < SklearnLinearReference.PredictedRows; i++)
        {
            double expected = SklearnLinearReference.Ols.Predictions[i][0];
            Assert.True(Math.Abs(predicted[i, 0] - expected) <= 1e-8 * Math.Abs(expected), $"row {i}: {predicted[i, 0]} vs {expected}");
        }
    }

    // --- Properties of the solution ---------------------------------------------------------------------------------------

    [Fact]
    public void Noise_free_data_is_recovered_exactly()
    {
        var (x, _) = RandomProblem(40, 6, 1, seed: 3);
        double[,] w = { { 1.5, -2, 0.25, 3, -0.5, 0.75 }, { 0, 1, -1, 2, 0.5, -3 } };
        double[] b = [4, -7];
        var y = new double[40, 2];
        for (int i = 0; i < 40; i++)
        {
            for (int k = 0; k < 2; k++)
            {
                y[i, k] = b[k];
                for (int j = 0; j < 6; j++)
                {
                    y[i, k] += w[k, j] * x[i, j];
                }
            }
        }

        var model = new LinearRegression<double>().Fit(Matrix<double>.FromArray(x), Matrix<double>.FromArray(y));
        var coefficients = model.Coefficients;
        for (int k = 0; k < 2; k++)
        {
            for (int j = 0; j < 6; j++)
            {
                Assert.Equal(w[k, j], coefficients[k, j], 1e-10);
            }

            Assert.Equal(b[k], model.Intercepts[k], 1e-10);
        }

        Assert.Equal(1.0, model.Score(Matrix<double>.FromArray(x), Matrix<double>.FromArray(y)), 1e-12);
    }

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(0.3, true)]
    [InlineData(0.3, false)]
    public void Several_targets_fit_as_each_target_alone(double lambda, bool intercept)
    {
        var (x, y) = RandomProblem(30, 4, 3, seed: 11);
        var options = new LinearRegressionOptions { L2 = lambda, FitIntercept = intercept };
        var features = Matrix<double>.FromArray(x);
        var together = new LinearRegression<double>(options).Fit(features, Matrix<double>.FromArray(y));
        for (int k = 0; k < 3; k++)
        {
            var alone = new LinearRegression<double>(options).Fit(features, Enumerable.Range(0, 30).Select(i => y[i, k]).ToArray());
            for (int j = 0; j < 4; j++)
            {
                Assert.Equal(alone.Coefficients[0, j], together.Coefficients[k, j], 1e-12);
            }

            Assert.Equal(alone.Intercepts[0], together.Intercepts[k], 1e-12);
        }
    }

    [Fact]
    public void A_large_penalty_shrinks_the_weights_to_zero_and_the_intercept_to_the_mean()
    {
        var (x, y) = RandomProblem(50, 3, 1, seed: 5);
        double mean = Enumerable.Range(0, 50).Average(i => y[i, 0]);
        double previous = double.PositiveInfinity;
        foreach (double lambda in new[] { 0.0, 1, 100, 1e4, 1e8, 1e12 })
        {
            var model = new LinearRegression<double>(new LinearRegressionOptions { L2 = lambda })
                .Fit(Matrix<double>.FromArray(x), Matrix<double>.FromArray(y));
            double norm = Math.Sqrt(model.Coefficients.AsReadOnlySpan().ToArray().Sum(v => v * v));
            Assert.True(norm < previous, $"‖W‖ = {norm} at λ = {lambda} is not below {previous}");
            previous = norm;
            if (lambda >= 1e12)
            {
                Assert.True(norm < 1e-9, $"‖W‖ = {norm}");
                Assert.Equal(mean, model.Intercepts[0], 1e-8);
            }
        }
    }

    [Fact]
    public void Float_models_agree_with_double_models()
    {
        var (x, y) = RandomProblem(60, 5, 2, seed: 8);
        var options = new LinearRegressionOptions { L2 = 0.01 };
        var exact = new LinearRegression<double>(options).Fit(Matrix<double>.FromArray(x), Matrix<double>.FromArray(y));
        var single = new LinearRegression<float>(options).Fit(ToFloat(x), ToFloat(y));
        var w = exact.Coefficients;
        var wf = single.Coefficients;
        double scale = MaxAbs(w.AsReadOnlySpan().ToArray());
        for (int k = 0; k < 2; k++)
        {
            for (int j = 0; j < 5; j++)
            {
                Assert.True(Math.Abs(wf[k, j] - w[k, j]) <= 1e-4 * scale, $"W[{k},{j}]: {wf[k, j]} vs {w[k, j]}");
            }

            Assert.True(Math.Abs(single.Intercepts[k] - exact.Intercepts[k]) <= 1e-4 * Math.Max(1, Math.Abs(exact.Intercepts[k])));
        }

        var p = exact.Predict(Matrix<double>.FromArray(x));
        var pf = single.Predict(ToFloat(x));
        for (int i = 0; i < 60; i++)
        {
            Assert.True(Math.Abs(pf[i, 0] - p[i, 0]) <= 1e-4 * Math.Max(1, Math.Abs(p[i, 0])), $"row {i}");
        }
    }

    private static Matrix<float> ToFloat(double[,] values)
    {
        var m = new Matrix<float>(values.GetLength(0), values.GetLength(1));
        for (int i = 0; i < m.Rows; i++)
        {
            for (int j = 0; j < m.Columns; j++)
            {
                m[i, j] = (float)values[i, j];
            }
        }

        return m;
    }

    // --- Errors -----------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(-1e-9)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_penalty_that_is_negative_or_not_finite_is_rejected(double lambda)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LinearRegression<double>(new LinearRegressionOptions { L2 = lambda }));
        Assert.Equal("L2", e.ParamName);
        Assert.Contains("0 or more and finite", e.Message);
    }

    [Fact]
    public void Bad_data_is_rejected_with_a_message()
    {
        var model = new LinearRegression<double>();
        var x = Matrix<double>.FromRows([[1.0, 2], [3, double.NaN], [5, 1]]);
        var e = Assert.Throws<ArgumentException>(() => model.Fit(x, [1.0, 2, 3]));
        Assert.Contains("row 1, column 1", e.Message);

        var good = Matrix<double>.FromRows([[1.0, 2], [3, 4], [5, 1], [2, 2]]);
        e = Assert.Throws<ArgumentException>(() => model.Fit(good, [1.0, 2, 3]));
        Assert.Equal("y", e.ParamName);
        Assert.Contains("4 samples", e.Message);

        e = Assert.Throws<ArgumentException>(() => model.Fit(good, [1.0, 2, double.NaN, 3]));
        Assert.Equal("y", e.ParamName);
        Assert.False(model.IsFitted);
    }

    [Fact]
    public void An_unfitted_model_says_to_fit_it()
    {
        var model = new LinearRegression<double>();
        Assert.Throws<NotFittedException>(() => model.Predict(Matrix<double>.FromRows([[1.0]])));
        Assert.Throws<NotFittedException>(() => model.Coefficients);
        Assert.Throws<NotFittedException>(() => model.Intercepts);
    }

    [Fact]
    public void A_changed_feature_count_is_rejected()
    {
        var (x, y) = RandomProblem(20, 3, 1, seed: 2);
        var model = new LinearRegression<double>().Fit(Matrix<double>.FromArray(x), Matrix<double>.FromArray(y));
        var e = Assert.Throws<ArgumentException>(() => model.Predict(Matrix<double>.FromRows([[1.0, 2]])));
        Assert.Contains("fitted on 3 features", e.Message);
    }

    [Fact]
    public void Without_a_penalty_a_constant_feature_is_named()
    {
        var (x, y) = RandomProblem(20, 4, 1, seed: 4);
        for (int i = 0; i < 20; i++)
        {
            x[i, 2] = 0.1; // constant, and not exactly representable: centering must still see no spread
        }

        var e = Assert.Throws<ArgumentException>(() => new LinearRegression<double>(Refusing).Fit(Matrix<double>.FromArray(x), Matrix<double>.FromArray(y)));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("feature 2", e.Message);
        Assert.Contains("constant", e.Message);
        Assert.Contains("set L2 > 0", e.Message);

        // Without an intercept a constant column is an ordinary feature, and ridge gives it weight 0 with one.
        new LinearRegression<double>(new LinearRegressionOptions { FitIntercept = false }).Fit(Matrix<double>.FromArray(x), Matrix<double>.FromArray(y));
        var ridge = new LinearRegression<double>(new LinearRegressionOptions { L2 = 0.1 }).Fit(Matrix<double>.FromArray(x), Matrix<double>.FromArray(y));
        Assert.Equal(0.0, ridge.Coefficients[0, 2]);
    }

    [Fact]
    public void Without_a_penalty_a_collinear_feature_is_named_with_its_partners()
    {
        var (x, y) = RandomProblem(25, 4, 1, seed: 6);
        for (int i = 0; i < 25; i++)
        {
            x[i, 3] = 2 * x[i, 0] - x[i, 2] + 7;
        }

        var e = Assert.Throws<ArgumentException>(() => new LinearRegression<double>(Refusing).Fit(Matrix<double>.FromArray(x), Matrix<double>.FromArray(y)));
        Assert.Contains("feature 3", e.Message);
        Assert.Contains("linear combination of features 0, 2", e.Message);
        Assert.Contains("Drop the column, or set L2 > 0", e.Message);

        // Ridge splits the weight of a duplicated column equally between the two copies.
        for (int i = 0; i < 25; i++)
        {
            x[i, 3] = x[i, 1];
        }

        var ridge = new LinearRegression<double>(new LinearRegressionOptions { L2 = 0.01 }).Fit(Matrix<double>.FromArray(x), Matrix<double>.FromArray(y));
        Assert.Equal(ridge.Coefficients[0, 1], ridge.Coefficients[0, 3], 1e-9);
    }

    [Fact]
    public void Without_a_penalty_too_few_samples_are_explained()
    {
        var (x, y) = RandomProblem(4, 6, 1, seed: 9);
        var e = Assert.Throws<ArgumentException>(() => new LinearRegression<double>(Refusing).Fit(Matrix<double>.FromArray(x), Matrix<double>.FromArray(y)));
        Assert.Contains("only 4 samples for 6 features and an intercept, so at most 3 weights are determined", e.Message);
        Assert.Contains("Give more samples or fewer features, or set L2 > 0", e.Message);

        // Ridge has a unique solution, and with a tiny λ it interpolates the data.
        var ridge = new LinearRegression<double>(new LinearRegressionOptions { L2 = 1e-10 }).Fit(Matrix<double>.FromArray(x), Matrix<double>.FromArray(y));
        Assert.Equal(1.0, ridge.Score(Matrix<double>.FromArray(x), Matrix<double>.FromArray(y)), 1e-6);
    }

    // --- Model files and threads ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Restore_predicts_bit_for_bit_as_the_fitted_model(bool intercept)
    {
        var (x, y) = RandomProblem(30, 5, 2, seed: 12);
        var options = new LinearRegressionOptions { L2 = 0.2, FitIntercept = intercept };
        var fitted = new LinearRegression<float>(options).Fit(ToFloat(x), ToFloat(y));
        var restored = LinearRegression<float>.Restore(options, fitted.Coefficients, fitted.Intercepts);
        Assert.True(restored.IsFitted);
        Assert.Equal(5, restored.FeatureCount);
        Assert.Equal(2, restored.TargetCount);
        Assert.Equal(fitted.Predict(ToFloat(x)), restored.Predict(ToFloat(x)));
    }

    [Fact]
    public void Restore_rejects_parameters_that_do_not_fit_together()
    {
        var w = Matrix<double>.FromRows([[1.0, 2], [3, 4]]);
        var options = new LinearRegressionOptions();
        var shape = Assert.Throws<ArgumentException>(() => LinearRegression<double>.Restore(options, w, [1.0]));
        Assert.Equal("intercepts", shape.ParamName);
        Assert.Contains("2 targets, but 1 intercepts", shape.Message);
        Assert.Equal("coefficients", Assert.Throws<ArgumentException>(() => LinearRegression<double>.Restore(options, Matrix<double>.FromRows([[1.0, double.NaN]]), [1.0])).ParamName);
        Assert.Equal("intercepts", Assert.Throws<ArgumentException>(() => LinearRegression<double>.Restore(options, w, [1.0, double.PositiveInfinity])).ParamName);
        Assert.Equal("coefficients", Assert.Throws<ArgumentException>(() => LinearRegression<double>.Restore(options, new Matrix<double>(0, 2), [])).ParamName);
        var e = Assert.Throws<ArgumentException>(() => LinearRegression<double>.Restore(options with { FitIntercept = false }, w, [0.0, 1.0]));
        Assert.Contains("FitIntercept = false", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => LinearRegression<double>.Restore(options with { L2 = -1 }, w, [0.0, 1.0]));
    }

    [Fact]
    public void Prediction_from_many_threads_at_once_gives_the_serial_result()
    {
        var (x, y) = RandomProblem(300, 8, 3, seed: 13);
        var features = Matrix<double>.FromArray(x);
        var model = new LinearRegression<double>(new LinearRegressionOptions { L2 = 0.01 }).Fit(features, Matrix<double>.FromArray(y));
        var expected = model.Predict(features);
        var results = new Matrix<double>[32];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = model.Predict(features));
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Without_a_penalty_collinear_features_get_the_minimum_norm_weights()
    {
        // x2 = 2·x1 and y = 3·x1 + 1: every w with w1 + 2·w2 = 3 fits exactly. Standardized, the two columns are one z
        // (x1 = s·z, x2 = 2s·z), v1 + v2 = 3s, shortest v1 = v2 = 1.5s, so w1 = 1.5 and w2 = 0.75. A constant third column
        // gets weight 0.
        double[][] rows = [.. Enumerable.Range(0, 12).Select(i => new[] { i * 0.5 - 2, 2 * (i * 0.5 - 2), 7.0 })];
        var x = Matrix<double>.FromRows(rows);
        var y = Matrix<double>.ColumnVector([.. rows.Select(r => 3 * r[0] + 1)]);
        var model = new LinearRegression<double>().Fit(x, y);
        Assert.Equal(1, model.Rank);
        Assert.Equal(1.5, model.Coefficients[0, 0], 10);
        Assert.Equal(0.75, model.Coefficients[0, 1], 10);
        Assert.Equal(0, model.Coefficients[0, 2]);
        Assert.Equal(1, model.Intercepts[0], 10);
        Assert.Contains("rank 1 of 3 features", Nabla.Models.ModelKinds.Linear.DescribeFit<double>(model));
    }

    [Fact]
    public void One_hot_columns_with_the_intercept_predict_the_group_means()
    {
        // Least squares on a full one-hot encoding (collinear with the intercept) predicts each group's mean exactly.
        string[] groups = ["a", "b", "c", "a", "b", "c", "a", "c", "c"];
        double[] y = [1, 5, 9, 2, 6, 10, 3, 11, 12];
        var x = Matrix<double>.FromRows([.. groups.Select(g => new[] { g == "a" ? 1.0 : 0, g == "b" ? 1.0 : 0, g == "c" ? 1.0 : 0 })]);
        var model = new LinearRegression<double>().Fit(x, Matrix<double>.ColumnVector(y));
        Assert.Equal(2, model.Rank);
        var predicted = model.Predict(x);
        for (int i = 0; i < groups.Length; i++)
        {
            double mean = Enumerable.Range(0, groups.Length).Where(j => groups[j] == groups[i]).Average(j => y[j]);
            Assert.Equal(mean, predicted[i, 0], 10);
        }

        // Least norm in standardized units v_j = s_j w_j: v is orthogonal to the null direction (s_1, s_2, s_3) of the
        // centred one-hot columns (Σ_j x_j = 1), so Σ_j s_j² w_j = 0.
        Assert.Equal(0, Enumerable.Range(0, 3).Sum(j => model.Coefficients[0, j] * Std(x, j) * Std(x, j)), 10);

        // A feature of a much larger scale beside them changes nothing: the rank is judged in standardized units.
        double[] pop = [.. Enumerable.Range(0, groups.Length).Select(i => 1e7 + 3e5 * Math.Sin(i))];
        var wide = Matrix<double>.FromRows([.. Enumerable.Range(0, groups.Length).Select(i => new[] { pop[i], x[i, 0], x[i, 1], x[i, 2] })]);
        var withPop = new LinearRegression<double>().Fit(wide, Matrix<double>.ColumnVector([.. y.Select((v, i) => v + 1e-6 * pop[i])]));
        Assert.Equal(3, withPop.Rank);
        var fitted = withPop.Predict(wide);
        for (int i = 0; i < groups.Length; i++)
        {
            Assert.InRange(Math.Abs(fitted[i, 0] - (predicted[i, 0] + 1e-6 * pop[i])), 0, 0.5);
        }
    }

    private static double Std(Matrix<double> x, int j)
    {
        double mean = Enumerable.Range(0, x.Rows).Average(i => x[i, j]);
        return Math.Sqrt(Enumerable.Range(0, x.Rows).Average(i => (x[i, j] - mean) * (x[i, j] - mean)));
    }
}
