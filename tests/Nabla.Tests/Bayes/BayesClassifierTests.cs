using Nabla.Bayes;
using Nabla.Estimators;
using Nabla.Tensors;

namespace Nabla.Tests.Bayes;

public class BayesClassifierTests
{
    // The report's classes: A ~ centre (1, 2), B ~ centre (0, 0); priors N_A/(N_A + N_B).
    private static readonly double[] CentreA = [1, 2];
    private static readonly double[] CentreB = [0, 0];

    public static TheoryData<string> GaussianCases => ["gauss-equal", "gauss-unequal", "gauss-unequal-priors"];

    public static TheoryData<string> DiskCases => ["disk-equal", "disk-unequal", "disk-unequal-priors"];

    [Fact]
    public void Posteriors_and_decision_follow_bayes_rule_by_hand()
    {
        // 1-D: p(x|A) = N(0, 1), p(x|B) = N(2, 1), P(A) = 0.25. At x = 1 the densities are equal, so P(A|x) = 0.25.
        var model = BayesClassifier<double, string>.FromDensities(
            ["A", "B"],
            [GaussianDensity.Isotropic([0], 1), GaussianDensity.Isotropic([2], 1)],
            [0.25, 0.75]);
        var post = model.PredictProbabilities(new double[,] { { 1 }, { 0 } });
        Assert.Equal(0.25, post[0, 0], 14);
        Assert.Equal(0.75, post[0, 1], 14);

        // At x = 0: P(A|x) ∝ 0.25 e⁰, P(B|x) ∝ 0.75 e⁻²; so P(A|x) = 1 / (1 + 3e⁻²).
        Assert.Equal(1 / (1 + 3 * Math.Exp(-2)), post[1, 0], 14);

        // The boundary: 0.25 e^(−x²/2) = 0.75 e^(−(x−2)²/2) ⇔ x = 1 − ln(3)/2 ≈ 0.4507; A to its left.
        double boundary = 1 - Math.Log(3) / 2;
        Assert.Equal(["A", "B"], model.Predict(new double[,] { { boundary - 1e-9 }, { boundary + 1e-9 } }));
    }

    [Fact]
    public void Costs_move_the_decision_to_the_least_conditional_risk()
    {
        // Deciding B when A is true costs 3 (c_BA = 3): decide A when 3 P(A|x) > P(B|x), i.e. P(A|x) > 1/4.
        var costs = new double[,] { { 0, 1 }, { 3, 0 } };
        var model = BayesClassifier<double, string>.FromDensities(
            ["A", "B"], [GaussianDensity.Isotropic([0], 1), GaussianDensity.Isotropic([2], 1)], [0.5, 0.5], costs);

        // With equal priors P(A|x) = 1/4 where e^(x−1)·... ⇔ x = 1 + ln 3 / 2.
        double boundary = 1 + Math.Log(3) / 2;
        Assert.Equal(["A", "B"], model.Predict(new double[,] { { boundary - 1e-9 }, { boundary + 1e-9 } }));
        var risks = model.ConditionalRisks(new double[,] { { 1 } });
        Assert.Equal(0.5, risks[0, 0], 14);
        Assert.Equal(1.5, risks[0, 1], 14);
    }

    [Fact]
    public void Fit_uses_class_frequencies_as_priors_and_ml_densities()
    {
        double[][] x = [[0, 0], [1, 0], [0, 1], [5, 5], [6, 5], [5, 6], [6, 6], [5.5, 5.5]];
        string[] y = ["a", "a", "a", "b", "b", "b", "b", "b"];
        var model = new BayesClassifier<double, string>().Fit(x, y);
        Assert.Equal([3 / 8.0, 5 / 8.0], model.Priors);
        var a = Assert.IsType<GaussianDensity>(model.Densities[0]);
        Assert.Equal(1 / 3.0, a.Mean[0], 14);
        Assert.Equal(y, model.Predict(x));
        Assert.Equal(1.0, model.Score(x, y));
    }

    [Fact]
    public void Fit_with_given_priors_and_uniform_balls()
    {
        double[][] x = [[0, 0], [2, 0], [1, 1], [1, -1], [10, 0], [12, 0], [11, 1], [11, -1]];
        int[] y = [0, 0, 0, 0, 1, 1, 1, 1];
        var model = new BayesClassifier<double, int>(new BayesClassifierOptions { Priors = [0.9, 0.1], DensityEstimator = UniformBallDensity.Fit }).Fit(x, y);
        var ball = Assert.IsType<UniformBallDensity>(model.Densities[1]);
        Assert.Equal(11, ball.Centre[0], 12);
        Assert.Equal(1, ball.Radius, 12);
        Assert.Equal([0.9, 0.1], model.Priors);

        // Outside both balls the posteriors are the priors and the more probable class wins.
        var post = model.PredictProbabilities(new double[,] { { 50, 50 } });
        Assert.Equal(0.9, post[0, 0], 14);
        Assert.Equal([0], model.Predict(new double[,] { { 50, 50 } }));
    }

    [Fact]
    public void Any_user_density_works_given_or_fitted()
    {
        // Laplace(μ, 1): p(x) = ½ e^(−|x − μ|). With μ = 0 and 3 and equal priors the boundary is x = 1.5.
        var model = BayesClassifier<double, string>.FromDensities(["left", "right"], [new LaplaceDensity(0), new LaplaceDensity(3)]);
        Assert.Equal(["left", "right"], model.Predict(new double[,] { { 1.49 }, { 1.51 } }));

        // At x = 1: P(left | x) = e^(−1) / (e^(−1) + e^(−2)) = 1 / (1 + e^(−1)).
        Assert.Equal(1 / (1 + Math.Exp(-1)), model.PredictProbabilities(new double[,] { { 1 } })[0, 0], 14);

        // Fitted: the estimator receives each class's rows and returns any IDensity (here the Laplace at the median).
        var fitted = new BayesClassifier<double, int>(new BayesClassifierOptions { DensityEstimator = rows => new LaplaceDensity(Median(rows)) })
            .Fit(new double[,] { { -1 }, { 0 }, { 1 }, { 5 }, { 6 }, { 7 } }, [0, 0, 0, 1, 1, 1]);
        Assert.Equal(6, ((LaplaceDensity)fitted.Densities[1]).Location);
        Assert.Equal([0, 1], fitted.Predict(new double[,] { { 2.9 }, { 3.1 } }));

        // The Monte Carlo risk samples the user density: the Bayes error here is ½ e^(−1.5) ≈ 0.1116 (SE 0.0014 at N = 50 000).
        Assert.Equal(0.5 * Math.Exp(-1.5), model.EstimateRisk(50_000, seed: 9).Risk, 0.007);
    }

    [Fact]
    public void Exact_ties_go_to_the_first_class()
    {
        // Two identical densities with equal priors: every point is a tie.
        var model = BayesClassifier<double, string>.FromDensities(["x", "y"], [GaussianDensity.Isotropic([0, 0], 1), GaussianDensity.Isotropic([0, 0], 1)]);
        Assert.Equal(["x", "x"], model.Predict(new double[,] { { 0, 0 }, { 3, -1 } }));
    }

    [Fact]
    public void Far_tails_give_finite_posteriors()
    {
        // e^(−x²/2) underflows to 0 for both classes at x = 60, but log-densities keep the ratio: P(B|x) → 1.
        var model = BayesClassifier<float, int>.FromDensities([0, 1], [GaussianDensity.Isotropic([0], 1), GaussianDensity.Isotropic([1], 1)]);
        var post = model.PredictProbabilities(new float[,] { { 60f }, { -60f } });
        Assert.Equal(1f, post[0, 1]);
        Assert.Equal(1f, post[1, 0]);
        Assert.Equal([1, 0], model.Predict(new float[,] { { 60f }, { -60f } }));
    }

    [Theory]
    [MemberData(nameof(GaussianCases))]
    public void Gaussian_boundaries_match_the_closed_form_derivation(string name)
    {
        // Derived by hand in docs/classic-models.md: q = log[P_A p_A] − log[P_B p_B] with σ_A = 1.
        //   equal:         q = x + 2y − 5/2
        //   unequal:       q = −(x² + y²)/4 + x + 2y − 5/2 + ln 2      (σ_B² = 2: normaliser σ_B²/σ_A² = 2)
        //   unequal prior: q = −(x² + y²)/4 + x + 2y − 5/2             (ln 2 − ln(P_B/P_A) = ln 2 − ln 2)
        var expected = name switch
        {
            "gauss-equal" => new QuadraticBoundary(0, 0, 0, 1, 2, -2.5),
            "gauss-unequal" => new QuadraticBoundary(-0.25, -0.25, 0, 1, 2, -2.5 + Math.Log(2)),
            _ => new QuadraticBoundary(-0.25, -0.25, 0, 1, 2, -2.5),
        };
        var boundary = Case(name).DecisionBoundary();
        Assert.Equal(expected.Xx, boundary.Xx, 14);
        Assert.Equal(expected.Yy, boundary.Yy, 14);
        Assert.Equal(expected.Xy, boundary.Xy, 14);
        Assert.Equal(expected.X, boundary.X, 14);
        Assert.Equal(expected.Y, boundary.Y, 14);
        Assert.Equal(expected.Constant, boundary.Constant, 14);
        Assert.Equal(name == "gauss-equal", boundary.IsLinear);
    }

    [Theory]
    [MemberData(nameof(GaussianCases))]
    public void Classifier_decides_the_first_class_exactly_where_q_is_positive(string name)
    {
        var model = Case(name);
        var q = model.DecisionBoundary();
        var (x, _) = model.SampleMixture(20000, new Random(5));
        var decided = model.PredictClassIndices(x);
        for (int i = 0; i < x.Rows; i++)
        {
            Assert.Equal(q.Evaluate(x[i, 0], x[i, 1]) > 0 ? 0 : 1, decided[i]);
        }
    }

    [Fact]
    public void General_boundary_with_correlated_covariances_and_costs_agrees_with_the_classifier()
    {
        var a = new GaussianDensity([1, -1], Matrix<double>.FromArray(new double[,] { { 2, 0.7 }, { 0.7, 1 } }));
        var b = new GaussianDensity([-1, 0.5], Matrix<double>.FromArray(new double[,] { { 1, -0.3 }, { -0.3, 0.5 } }));
        var costs = new double[,] { { 0.1, 2 }, { 1, 0.2 } };
        var model = BayesClassifier<double, string>.FromDensities(["A", "B"], [a, b], [0.3, 0.7], costs);
        var q = model.DecisionBoundary();
        Assert.NotEqual(0, q.Xy);
        var (x, _) = model.SampleMixture(20000, new Random(6));
        var decided = model.PredictClassIndices(x);
        for (int i = 0; i < x.Rows; i++)
        {
            Assert.Equal(q.Evaluate(x[i, 0], x[i, 1]) > 0 ? 0 : 1, decided[i]);
        }
    }

    [Theory]
    [MemberData(nameof(GaussianCases))]
    public void No_perturbed_boundary_has_a_lower_monte_carlo_risk(string name)
    {
        var model = Case(name);
        var q = model.DecisionBoundary();
        var (x, truth) = model.SampleMixture(200_000, new Random(17));
        var bayesWrong = Wrong(q, x, truth);

        // Paired comparison on common points: only the points between the two boundaries count. Offline with 200 000
        // points the expected excess of each perturbation is ≥ 5 standard errors of the paired difference (≥ 0.0009
        // against SE ≤ 0.0002 for the weakest, the ±0.25 quadratic terms), so a fixed seed cannot flip the sign by chance.
        var perturbations = new (string Name, QuadraticBoundary Boundary)[]
        {
            ("f + 0.5", q with { Constant = q.Constant + 0.5 }),
            ("f − 0.5", q with { Constant = q.Constant - 0.5 }),
            ("x² + 0.25", q with { Xx = q.Xx + 0.25 }),
            ("x² − 0.25", q with { Xx = q.Xx - 0.25 }),
            ("y² + 0.25", q with { Yy = q.Yy + 0.25 }),
            ("y² − 0.25", q with { Yy = q.Yy - 0.25 }),
            ("xy + 0.3", q with { Xy = q.Xy + 0.3 }),
            ("xy − 0.3", q with { Xy = q.Xy - 0.3 }),
            ("x + 0.4", q with { X = q.X + 0.4 }),
            ("y − 0.4", q with { Y = q.Y - 0.4 }),
        };
        foreach (var (label, perturbed) in perturbations)
        {
            var wrong = Wrong(perturbed, x, truth);
            Assert.True(wrong > bayesWrong, $"{name}: the boundary with {label} misclassifies {wrong} points, the Bayes boundary {bayesWrong}.");
        }
    }

    [Theory]
    [InlineData("gauss-equal", 0.131776)]
    [InlineData("gauss-unequal", 0.165289336)]
    [InlineData("gauss-unequal-priors", 0.164915780)]
    [InlineData("disk-equal", 0.0556836)]
    [InlineData("disk-unequal", 0.0818448)]
    [InlineData("disk-unequal-priors", 0.1091264)]
    public void Monte_carlo_bayes_risk_matches_the_exact_bayes_error(string name, double exact)
    {
        // Exact values (scipy, offline): Φ(−√5/2) for equal Gaussians; noncentral χ² CDFs for the circular boundaries of
        // the unequal ones; for disks P_B·|A∩B|/(π r_B²) with the lens area |A∩B| (see the docs). With N = 200 000 the
        // standard error is ≤ 0.00084; a 4.5 SE margin is safe for any fixed seed.
        var estimate = Case(name).EstimateRisk(200_000, seed: 23);
        Assert.Equal(estimate.Risk, estimate.ErrorRate);
        Assert.True(estimate.StandardError < 0.00084);
        Assert.InRange(estimate.Risk, exact - 4.5 * estimate.StandardError, exact + 4.5 * estimate.StandardError);
    }

    [Theory]
    [MemberData(nameof(DiskCases))]
    public void Disk_rule_is_a_inside_disk_a_and_b_elsewhere_in_disk_b(string name)
    {
        // Inside disk A the decision is A: forced where only p_A > 0, and in the overlap P_A/(π r_A²) ≥ P_B/(π r_B²)
        // (strictly for disk-unequal, a tie broken towards A, the first class, for the other two).
        var model = Case(name);
        var (x, _) = model.SampleMixture(20000, new Random(8));
        var decided = model.PredictClassIndices(x);
        var diskA = (UniformBallDensity)model.Densities[0];
        for (int i = 0; i < x.Rows; i++)
        {
            Assert.Equal(diskA.Contains(x.Row(i)) ? 0 : 1, decided[i]);
        }
    }

    [Theory]
    [InlineData("disk-equal", false)]
    [InlineData("disk-unequal", true)]
    [InlineData("disk-unequal-priors", false)]
    public void Reports_radical_axis_line_is_bayes_only_when_the_overlap_is_a_tie(string name, bool worse)
    {
        // The report decides A where 2x + 4y − 5 > 0 (equal radii) or 2x + 4y − 7 > 0 (radii √2 and 2). That splits the
        // overlap along the common chord. Where the overlap is a tie any split is optimal; in disk-unequal the overlap
        // belongs to A, and the line loses the part of it on B's side (exact excess risk 0.1343 − 0.0818 = 0.052).
        var model = Case(name);
        double constant = name == "disk-equal" ? -5 : -7;
        var line = new QuadraticBoundary(0, 0, 0, 2, 4, constant);
        var bayes = model.EstimateRisk(200_000, seed: 31);
        var report = model.EstimateRisk(x => [.. Enumerable.Range(0, x.Rows).Select(i => line.Evaluate(x[i, 0], x[i, 1]) > 0 ? 0 : 1)], 200_000, seed: 31);
        if (worse)
        {
            Assert.InRange(report.Risk - bayes.Risk, 0.045, 0.060);
        }
        else
        {
            // Same points, tie region only: the paired difference has mean 0 and SE below 0.0007; 5 SE.
            Assert.InRange(report.Risk - bayes.Risk, -0.0035, 0.0035);
        }
    }

    [Fact]
    public void Monte_carlo_risk_uses_the_costs()
    {
        // A rule that always says A costs c_AB = 4 on every B point: risk = 4 P_B, error rate P_B.
        var model = BayesClassifier<double, string>.FromDensities(
            ["A", "B"], [GaussianDensity.Isotropic([0], 1), GaussianDensity.Isotropic([3], 1)], [0.4, 0.6], new double[,] { { 0, 4 }, { 1, 0 } });
        var always = model.EstimateRisk(x => new int[x.Rows], 50_000, seed: 2);

        // Binomial SE of the B fraction ≈ 0.0022; 5 SE on the error rate, ×4 on the risk.
        Assert.Equal(0.6, always.ErrorRate, 0.011);
        Assert.Equal(4 * always.ErrorRate, always.Risk, 12);
        Assert.True(model.EstimateRisk(50_000, seed: 2).Risk < always.Risk);
    }

    [Fact]
    public void Risk_of_another_classifier_maps_its_labels()
    {
        double[][] x = [[0, 0], [1, 0], [0, 1], [1, 1], [5, 5], [6, 5], [5, 6], [6, 6]];
        string[] y = ["a", "a", "a", "a", "b", "b", "b", "b"];
        var fitted = new BayesClassifier<double, string>().Fit(x, y);
        var truth = BayesClassifier<double, string>.FromDensities(["a", "b"], [GaussianDensity.Isotropic([0.5, 0.5], 1), GaussianDensity.Isotropic([5.5, 5.5], 1)]);
        var ofFitted = truth.EstimateRisk(fitted, 20_000, seed: 4);
        var ofBayes = truth.EstimateRisk(20_000, seed: 4);
        Assert.True(ofFitted.Risk >= ofBayes.Risk);
        Assert.True(ofFitted.Risk < 0.01);
    }

    [Fact]
    public void Bad_configuration_says_what_is_wrong()
    {
        double[][] x = [[0, 0], [1, 0], [0, 1], [5, 5], [6, 5], [5, 6]];
        string[] y = ["a", "a", "a", "b", "b", "b"];
        Assert.Contains("sums to", Assert.Throws<ArgumentException>(() => new BayesClassifier<double, string>(new BayesClassifierOptions { Priors = [0.5, 0.6] }).Fit(x, y)).Message);
        Assert.Contains("one prior per class", Assert.Throws<ArgumentException>(() => new BayesClassifier<double, string>(new BayesClassifierOptions { Priors = [1.0] }).Fit(x, y)).Message);
        Assert.Contains("2×2", Assert.Throws<ArgumentException>(() => new BayesClassifier<double, string>(new BayesClassifierOptions { Costs = new double[3, 3] }).Fit(x, y)).Message);
        var strict = new BayesClassifierOptions { Covariance = CovarianceKind.Full, VarianceSmoothing = 0 };
        Assert.Contains("class 'a' (2 rows)", Assert.Throws<ArgumentException>(() => new BayesClassifier<double, string>(strict).Fit([[0, 0], [1, 1], [5, 5], [6, 5], [5, 6]], ["a", "a", "b", "b", "b"])).Message);
        Assert.Contains("from 0 to 1", Assert.Throws<ArgumentException>(() => new BayesClassifier<double, string>(new BayesClassifierOptions { Shrinkage = 1.5 })).Message);
        Assert.Contains("0 or more and finite", Assert.Throws<ArgumentException>(() => new BayesClassifier<double, string>(new BayesClassifierOptions { VarianceSmoothing = -1 })).Message);
        Assert.Contains("not a CovarianceKind", Assert.Throws<ArgumentException>(() => new BayesClassifier<double, string>(new BayesClassifierOptions { Covariance = (CovarianceKind)9 })).Message);
        Assert.Contains("not both", Assert.Throws<ArgumentException>(() => new BayesClassifier<double, string>(new BayesClassifierOptions { Covariance = CovarianceKind.Full, DensityEstimator = GaussianDensity.Fit })).Message);
        Assert.Contains("ascending", Assert.Throws<ArgumentException>(() => BayesClassifier<double, string>.FromDensities(["b", "a"], [GaussianDensity.Isotropic([0], 1), GaussianDensity.Isotropic([1], 1)])).Message);
        var disks = new BayesClassifier<double, string>(new BayesClassifierOptions { DensityEstimator = UniformBallDensity.Fit }).Fit(x, y);
        Assert.Contains("two Gaussian classes in 2-D", Assert.Throws<InvalidOperationException>(() => disks.DecisionBoundary()).Message);
        Assert.Throws<NotFittedException>(() => new BayesClassifier<double, string>().DecisionBoundary());
        Assert.Contains("cost more", Assert.Throws<ArgumentException>(() => QuadraticBoundary.BetweenGaussians(GaussianDensity.Isotropic([0, 0], 1), GaussianDensity.Isotropic([1, 1], 1), 0.5, 0.5, new double[,] { { 1, 1 }, { 1, 0 } })).Message);
    }

    [Fact]
    public void Boundary_prints_as_a_polynomial()
    {
        Assert.Equal("-0.25·x² - 0.25·y² + 1·x + 2·y - 2.5", new QuadraticBoundary(-0.25, -0.25, 0, 1, 2, -2.5).ToString());
        Assert.Equal(-2.5 + 1 + 4 - 0.25 - 1, new QuadraticBoundary(-0.25, -0.25, 0, 1, 2, -2.5).Evaluate(1, 2), 14);
    }

    internal static BayesClassifier<double, string> Case(string name)
    {
        double nA = name.EndsWith("priors", StringComparison.Ordinal) ? 700 : 1000;
        double nB = name.EndsWith("priors", StringComparison.Ordinal) ? 1400 : 1000;
        bool unequal = name.Contains("unequal", StringComparison.Ordinal);
        IDensity a, b;
        if (name.StartsWith("gauss", StringComparison.Ordinal))
        {
            a = GaussianDensity.Isotropic(CentreA, 1);
            b = GaussianDensity.Isotropic(CentreB, unequal ? Math.Sqrt(2) : 1);
        }
        else
        {
            a = new UniformBallDensity(CentreA, Math.Sqrt(2));
            b = new UniformBallDensity(CentreB, unequal ? 2 : Math.Sqrt(2));
        }

        return BayesClassifier<double, string>.FromDensities(["A", "B"], [a, b], [nA / (nA + nB), nB / (nA + nB)]);
    }

    private static double Median(Matrix<double> rows)
    {
        var v = rows.AsReadOnlySpan().ToArray();
        Array.Sort(v);
        return v[v.Length / 2];
    }

    private static int Wrong(QuadraticBoundary q, Matrix<double> x, int[] truth)
    {
        int wrong = 0;
        for (int i = 0; i < x.Rows; i++)
        {
            wrong += (q.Evaluate(x[i, 0], x[i, 1]) > 0 ? 0 : 1) != truth[i] ? 1 : 0;
        }

        return wrong;
    }
}

/// <summary>A user density: the Laplace distribution of scale 1 on the line.</summary>
internal sealed class LaplaceDensity(double location) : IDensity
{
    public double Location => location;

    public int Dimension => 1;

    public double LogDensity(ReadOnlySpan<double> x) => Math.Log(0.5) - Math.Abs(x[0] - location);

    public void Sample(Random random, Span<double> destination)
    {
        // Inverse CDF: a uniform u in (−½, ½) maps to μ − sgn(u) ln(1 − 2|u|).
        double u = random.NextDouble() - 0.5;
        destination[0] = location - Math.Sign(u) * Math.Log(1 - 2 * Math.Abs(u));
    }
}
