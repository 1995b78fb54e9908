using System.Globalization;
using System.Text.Json.Nodes;
using Nabla.Bayes;
using Nabla.Data;
using Nabla.Neurons;
using Nabla.Tensors;

namespace Nabla.Cli.Experiments;

/// <summary>
/// The report's Problem 1: for each case, generate the training data, train Rosenblatt's perceptron, compute the Bayes
/// rule of the true densities and priors, and measure both (and the report's own rule) on fresh points from the mixture.
/// </summary>
internal static class BayesVsPerceptronExperiment
{
    /// <summary>Default seed of the training data.</summary>
    public const int DefaultSeed = 1;

    /// <summary>Default number of perceptron epochs.</summary>
    public const int DefaultEpochs = 100;

    /// <summary>Default number of fresh test points.</summary>
    public const int DefaultTestSize = 100_000;

    /// <summary>Runs one case.</summary>
    /// <param name="experimentCase">The case.</param>
    /// <param name="seed">Seed of the training data; the perceptron's shuffling uses seed + 1 and the test points seed + 2.</param>
    /// <param name="epochs">The perceptron's epoch limit.</param>
    /// <param name="testSize">Number of fresh test points.</param>
    /// <param name="variant">The perceptron variant reported as "the perceptron" (all three are trained).</param>
    public static BayesVsPerceptronResult Run(BayesVsPerceptronCase experimentCase, int seed = DefaultSeed, int epochs = DefaultEpochs, int testSize = DefaultTestSize, PerceptronVariant variant = PerceptronVariant.Standard)
    {
        ArgumentNullException.ThrowIfNull(experimentCase);
        Validate(epochs, testSize);

        var c = experimentCase;
        var densityA = c.DensityA;
        var densityB = c.DensityB;
        var training = SyntheticData.FromDensities([densityA, densityB], [c.CountA, c.CountB], seed);
        var bayes = BayesClassifier<double, int>.FromDensities([0, 1], [densityA, densityB], [c.PriorA, c.PriorB]);

        // The report's perceptron: d = +1 for A (label 0 here), −1 for B, so it fires for A.
        var d = training.Labels.Select(l => l == 0 ? 1 : -1).ToArray();
        var perceptrons = new Dictionary<PerceptronVariant, Perceptron<double, int>>();
        foreach (var v in Enum.GetValues<PerceptronVariant>())
        {
            perceptrons[v] = new Perceptron<double, int>(new PerceptronOptions { MaxEpochs = epochs, Shuffle = true, Seed = seed + 1, Variant = v }).Fit(training.Features, d);
        }

        var (testX, testTruth) = bayes.SampleMixture(testSize, new Random(seed + 2));
        var bayesTest = bayes.PredictClassIndices(testX);
        var bayesTrain = bayes.PredictClassIndices(training.Features);

        var bayesBoundary = c.IsGaussian ? bayes.DecisionBoundary() : DiskABoundary(c);
        var bayesRule = new DecisionRuleResult(
            bayesBoundary,
            BayesRuleText(c, bayesBoundary),
            ErrorRate(bayesTest, testTruth),
            ExactError(c, densityA, densityB, bayesBoundary),
            ErrorRate(bayesTrain, training.Labels));

        var reportBoundary = ReportBoundary(c);
        var reportRule = Evaluate(c, densityA, densityB, reportBoundary, ReportRuleText(c), testX, testTruth, training);

        var rules = new Dictionary<PerceptronVariant, DecisionRuleResult>();
        foreach (var (v, p) in perceptrons)
        {
            var w = p.Weights.Row(0);
            var line = new QuadraticBoundary(0, 0, 0, w[1], w[2], w[0]);
            var rule = Evaluate(c, densityA, densityB, line, $"A where {Format(w[0])} + {Format(w[1])}·x + {Format(w[2])}·y ≥ 0 (the perceptron fires)", testX, testTruth, training, p);
            rules[v] = rule;
        }

        // Paired difference on the same points: per point (perceptron wrong) − (Bayes wrong).
        var perceptronTest = Decisions(perceptrons[variant], testX);
        double sum = 0, sumSquares = 0;
        for (int i = 0; i < testSize; i++)
        {
            int diff = (perceptronTest[i] != testTruth[i] ? 1 : 0) - (bayesTest[i] != testTruth[i] ? 1 : 0);
            sum += diff;
            sumSquares += diff * diff;
        }

        double mean = sum / testSize;
        double variance = Math.Max(0, (sumSquares - testSize * mean * mean) / (testSize - 1));

        return new BayesVsPerceptronResult
        {
            Case = c,
            Seed = seed,
            TrainingData = training,
            Bayes = bayes,
            BayesRule = bayesRule,
            ReportRule = reportRule,
            Variant = variant,
            Perceptrons = perceptrons,
            PerceptronRules = rules,
            TestSize = testSize,
            TestErrorDifference = mean,
            TestErrorDifferenceStandardError = Math.Sqrt(variance / testSize),
        };
    }

    /// <summary>The CLI entry: runs one case or <c>all</c>, prints text or JSON, and with <paramref name="plotsDirectory"/> writes each case's figures.</summary>
    /// <param name="context">Where to write.</param>
    /// <param name="caseName">A case name or <c>all</c>.</param>
    /// <param name="json">Print one JSON object instead of text.</param>
    /// <param name="seed">Seed of the training data.</param>
    /// <param name="epochs">The perceptron's epoch limit.</param>
    /// <param name="testSize">Number of fresh test points.</param>
    /// <param name="variantName">The headline perceptron variant: standard, averaged or pocket.</param>
    /// <param name="plotsDirectory">Where to write the figures (<see cref="BayesVsPerceptronPlots"/>), or null for none.</param>
    public static int Execute(CliContext context, string caseName, bool json, int seed, int epochs, int testSize, string variantName, string? plotsDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var variant = variantName switch
        {
            "standard" => PerceptronVariant.Standard,
            "averaged" => PerceptronVariant.Averaged,
            "pocket" => PerceptronVariant.Pocket,
            _ => throw new CliException($"Unknown perceptron variant '{variantName}'; use standard, averaged or pocket."),
        };
        var cases = caseName == "all" ? BayesVsPerceptronCase.All : [BayesVsPerceptronCase.Get(caseName)];
        Validate(epochs, testSize);
        if (plotsDirectory is not null)
        {
            ExperimentPlots.Prepare(plotsDirectory);
        }

        var results = cases.Select(c => Run(c, seed, epochs, testSize, variant)).ToList();
        // Every case's figures or none.
        using var outputs = new OutputSet();
        var plots = results.Select(r => plotsDirectory is null ? null : BayesVsPerceptronPlots.Write(outputs, r, plotsDirectory)).ToList();
        outputs.Commit();
        if (json)
        {
            var objects = results.Select((r, i) =>
            {
                var o = ToJson(r);
                if (plots[i] is { } paths)
                {
                    o["plots"] = ExperimentPlots.Json(paths);
                }

                return o;
            }).ToList();
            Json.Write(context.Out, objects.Count == 1 ? objects[0] : new JsonObject { ["cases"] = new JsonArray([.. objects.Select(o => (JsonNode)o)]) });
            return NablaCommand.Success;
        }

        for (int i = 0; i < results.Count; i++)
        {
            PrintText(context.Out, results[i]);
            if (plots[i] is { } paths)
            {
                ExperimentPlots.Report(context.Out, plotsDirectory!, paths);
                context.Out.WriteLine();
            }
        }

        return NablaCommand.Success;
    }

    private static void Validate(int epochs, int testSize)
    {
        if (epochs < 1)
        {
            throw new CliException($"--epochs must be at least 1, not {epochs}.");
        }

        if (testSize < 2)
        {
            throw new CliException($"--test-samples must be at least 2, not {testSize}.");
        }
    }

    /// <summary>The result as the JSON object of <c>--json</c>.</summary>
    public static JsonObject ToJson(BayesVsPerceptronResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var c = r.Case;
        var p = r.Perceptron;
        var perceptron = RuleJson(r.PerceptronRule);
        perceptron["variant"] = VariantName(r.Variant);
        perceptron["weights"] = Json.Array(p.Weights.Row(0));
        perceptron["converged"] = p.Converged;
        perceptron["epochs"] = p.Epochs;
        perceptron["updates"] = p.Updates;
        perceptron["errors_per_epoch"] = Json.Array(p.ErrorsPerEpoch);

        var variants = new JsonObject();
        foreach (var (v, rule) in r.PerceptronRules.OrderBy(kv => kv.Key))
        {
            var node = RuleJson(rule);
            node["weights"] = Json.Array(r.Perceptrons[v].Weights.Row(0));
            variants[VariantName(v)] = node;
        }

        var bayes = RuleJson(r.BayesRule);
        if (!c.IsGaussian)
        {
            bayes["overlap"] = OverlapDecision(c);
        }

        var report = RuleJson(r.ReportRule);
        report["is_bayes_optimal"] = Math.Abs(r.ReportRule.ExactError - r.BayesRule.ExactError) < 1e-12;

        return new JsonObject
        {
            ["case"] = c.Name,
            ["report_part"] = c.ReportPart,
            ["description"] = c.Describe(),
            ["seed"] = r.Seed,
            ["classes"] = new JsonObject
            {
                ["A"] = ClassJson(c.IsGaussian, c.ScaleA, BayesVsPerceptronCase.CentreA, c.CountA, c.PriorA),
                ["B"] = ClassJson(c.IsGaussian, c.ScaleB, BayesVsPerceptronCase.CentreB, c.CountB, c.PriorB),
            },
            ["bayes"] = bayes,
            ["perceptron"] = perceptron,
            ["perceptron_variants"] = variants,
            ["report"] = report,
            ["test"] = new JsonObject
            {
                ["samples"] = r.TestSize,
                ["perceptron_minus_bayes"] = r.TestErrorDifference,
                ["standard_error"] = r.TestErrorDifferenceStandardError,
            },
        };
    }

    private static void PrintText(TextWriter o, BayesVsPerceptronResult r)
    {
        var c = r.Case;
        var p = r.Perceptron;
        o.WriteLine($"Case {c.Name} (report {c.ReportPart}): {c.Describe()}; priors P_A = {Format(c.PriorA)}, P_B = {Format(c.PriorB)}.");
        o.WriteLine($"  Bayes rule:      {r.BayesRule.Rule}");
        o.WriteLine($"                   q(x, y) = {r.BayesRule.Boundary}");
        o.WriteLine($"                   test error {Format(r.BayesRule.TestError)}, exact {Format(r.BayesRule.ExactError)}, training {Format(r.BayesRule.TrainingError)}");
        o.WriteLine($"  Perceptron ({VariantName(r.Variant)}, {p.Epochs} epochs, {(p.Converged ? "converged" : "did not converge")}, {p.Updates} updates):");
        o.WriteLine($"                   w = [{string.Join(", ", p.Weights.Row(0).ToArray().Select(Format))}], {r.PerceptronRule.Rule}");
        o.WriteLine($"                   test error {Format(r.PerceptronRule.TestError)}, exact {Format(r.PerceptronRule.ExactError)}, training {Format(r.PerceptronRule.TrainingError)}");
        o.WriteLine($"                   errors in the last epochs: {string.Join(' ', p.ErrorsPerEpoch.TakeLast(10))}");
        foreach (var (v, rule) in r.PerceptronRules.Where(kv => kv.Key != r.Variant).OrderBy(kv => kv.Key))
        {
            o.WriteLine($"  ({VariantName(v)} perceptron: w = [{string.Join(", ", r.Perceptrons[v].Weights.Row(0).ToArray().Select(Format))}], test error {Format(rule.TestError)}, exact {Format(rule.ExactError)})");
        }

        o.WriteLine($"  The report's rule: {r.ReportRule.Rule}");
        o.WriteLine($"                   test error {Format(r.ReportRule.TestError)}, exact {Format(r.ReportRule.ExactError)}{(Math.Abs(r.ReportRule.ExactError - r.BayesRule.ExactError) < 1e-12 ? " (Bayes-optimal)" : " (not Bayes-optimal)")}");
        o.WriteLine($"  On {r.TestSize} test points the perceptron errs {Format(r.TestErrorDifference)} more often than the Bayes rule (standard error {Format(r.TestErrorDifferenceStandardError)}).");
        o.WriteLine();
    }

    private static JsonObject RuleJson(DecisionRuleResult rule) => new()
    {
        ["boundary"] = new JsonObject
        {
            ["xx"] = rule.Boundary.Xx,
            ["yy"] = rule.Boundary.Yy,
            ["xy"] = rule.Boundary.Xy,
            ["x"] = rule.Boundary.X,
            ["y"] = rule.Boundary.Y,
            ["c"] = rule.Boundary.Constant,
        },
        ["rule"] = rule.Rule,
        ["test_error"] = rule.TestError,
        ["exact_error"] = rule.ExactError,
        ["training_error"] = rule.TrainingError,
    };

    private static JsonObject ClassJson(bool gaussian, double scale, IReadOnlyList<double> centre, int count, double prior) => new()
    {
        ["distribution"] = gaussian ? "gaussian" : "uniform-disk",
        ["centre"] = Json.Array([.. centre]),
        [gaussian ? "sigma" : "radius"] = scale,
        ["n"] = count,
        ["prior"] = prior,
    };

    private static DecisionRuleResult Evaluate(
        BayesVsPerceptronCase c,
        IDensity densityA,
        IDensity densityB,
        QuadraticBoundary boundary,
        string rule,
        Matrix<double> testX,
        int[] testTruth,
        SyntheticDataset training,
        Perceptron<double, int>? perceptron = null)
    {
        // A perceptron decides by its own rule (A where wᵀx ≥ 0, sgn(0) = +1); other rules decide A where q > 0.
        int[] Decide(Matrix<double> x) => perceptron is null
            ? [.. Enumerable.Range(0, x.Rows).Select(i => boundary.Evaluate(x[i, 0], x[i, 1]) > 0 ? 0 : 1)]
            : Decisions(perceptron, x);

        return new DecisionRuleResult(
            boundary,
            rule,
            ErrorRate(Decide(testX), testTruth),
            ExactError(c, densityA, densityB, boundary),
            ErrorRate(Decide(training.Features), training.Labels));
    }

    private static int[] Decisions(Perceptron<double, int> perceptron, Matrix<double> x) =>
        [.. perceptron.Predict(x).Select(label => label == 1 ? 0 : 1)];

    private static double ErrorRate(IReadOnlyList<int> decided, IReadOnlyList<int> truth)
    {
        int wrong = 0;
        for (int i = 0; i < truth.Count; i++)
        {
            wrong += decided[i] != truth[i] ? 1 : 0;
        }

        return (double)wrong / truth.Count;
    }

    private static double ExactError(BayesVsPerceptronCase c, IDensity a, IDensity b, QuadraticBoundary q) =>
        c.PriorA * (1 - RegionProbabilities.Positive(a, q)) + c.PriorB * RegionProbabilities.Positive(b, q);

    /// <summary>The circle of disk A as q = r_A² − ‖x − (1, 2)‖² = −x² − y² + 2x + 4y + r_A² − 5: positive inside disk A.</summary>
    private static QuadraticBoundary DiskABoundary(BayesVsPerceptronCase c) => new(-1, -1, 0, 2, 4, c.ScaleA * c.ScaleA - 5);

    private static QuadraticBoundary ReportBoundary(BayesVsPerceptronCase c) => c.Name switch
    {
        // 1(a) and 1(g)(a): 2x + 4y − 5 > 0 is class A.
        "gauss-equal" or "disk-equal" => new QuadraticBoundary(0, 0, 0, 2, 4, -5),

        // 1(c) and 1(e): x² + y² − 4x − 8y + 10 < 0, i.e. (x − 2)² + (y − 4)² < 10, is class A.
        "gauss-unequal" or "gauss-unequal-priors" => new QuadraticBoundary(-1, -1, 0, 4, 8, -10),

        // 1(g)(c) and 1(g)(e): y ≥ 7/4 − x/2, i.e. 2x + 4y − 7 ≥ 0, is class A.
        _ => new QuadraticBoundary(0, 0, 0, 2, 4, -7),
    };

    private static string ReportRuleText(BayesVsPerceptronCase c) => c.Name switch
    {
        "gauss-equal" or "disk-equal" => "A where 2x + 4y − 5 > 0",
        "gauss-unequal" or "gauss-unequal-priors" => "A where (x − 2)² + (y − 4)² < 10",
        _ => "A where 2x + 4y − 7 ≥ 0",
    };

    private static string BayesRuleText(BayesVsPerceptronCase c, QuadraticBoundary q)
    {
        if (c.IsGaussian)
        {
            if (q.IsLinear)
            {
                return $"A where q(x, y) > 0: the line {Format(q.X)}·x + {Format(q.Y)}·y = {Format(-q.Constant)}, A on the side away from (0, 0)";
            }

            double cx = -q.X / (2 * q.Xx), cy = -q.Y / (2 * q.Xx);
            double radius = Math.Sqrt(cx * cx + cy * cy - q.Constant / q.Xx);
            return $"A where q(x, y) > 0: inside the circle (x − {Format(cx)})² + (y − {Format(cy)})² = {Format(radius)}²";
        }

        double densityA = c.PriorA / (Math.PI * c.ScaleA * c.ScaleA), densityB = c.PriorB / (Math.PI * c.ScaleB * c.ScaleB);
        return $"A inside disk A, (x − 1)² + (y − 2)² ≤ {Format(c.ScaleA * c.ScaleA)}; B in the rest of disk B. " +
               $"Forced where one density is zero; in the overlap P_A/(πr_A²) = {Format(densityA)} vs P_B/(πr_B²) = {Format(densityB)}: {OverlapDecision(c)}. " +
               "Outside both disks no point is ever drawn (the classifier falls back to the priors there)";
    }

    private static string OverlapDecision(BayesVsPerceptronCase c)
    {
        double a = c.PriorA / (Math.PI * c.ScaleA * c.ScaleA), b = c.PriorB / (Math.PI * c.ScaleB * c.ScaleB);
        return Math.Abs(a - b) <= 1e-12 * Math.Max(a, b)
            ? "a tie, so any split of the overlap is optimal; the tie rule gives it to A, the first class"
            : a > b ? "A wins the whole overlap" : "B wins the whole overlap";
    }

    private static string VariantName(PerceptronVariant v) => v.ToString().ToLowerInvariant();

    private static string Format(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
