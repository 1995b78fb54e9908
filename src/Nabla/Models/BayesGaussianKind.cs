using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nabla.Bayes;
using Nabla.Estimators;
using Nabla.Serialization;
using Nabla.Tensors;

namespace Nabla.Models;

/// <summary>
/// <c>bayes-gaussian</c>: the Bayes classifier (<see cref="BayesClassifier{T, TLabel}"/>) with one Gaussian per class,
/// its covariance full, diagonal (Gaussian naive Bayes), shared (linear discriminant analysis) or regularized
/// (<see cref="CovarianceKind"/>), deciding the class of least conditional risk. Its file parameters are per class the
/// prior P(Cⱼ), the mean μⱼ and the covariance Σⱼ as used (d × d, smoothing and shrinkage included; zero off the diagonal
/// for diagonal, the same for every class for shared), in <see cref="double"/> whatever the precision.
/// </summary>
public sealed class BayesGaussianKind : ModelKind<BayesClassifierOptions>
{
    /// <summary>How far from 1 the priors may sum, as <see cref="BayesClassifier{T, TLabel}"/> allows.</summary>
    private const double PriorSumTolerance = 1e-9;

    /// <summary>Relative asymmetry a covariance may have, as <see cref="GaussianDensity"/> allows.</summary>
    private const double SymmetryTolerance = 1e-12;

    private const string PriorsRange = "counts (the class frequencies of the training rows), uniform, or one probability per class in sorted class order, comma-separated, summing to 1";
    private static readonly (CovarianceKind Value, string Name)[] CovarianceNames =
    [
        (CovarianceKind.Full, "full"),
        (CovarianceKind.Diagonal, "diagonal"),
        (CovarianceKind.Shared, "shared"),
        (CovarianceKind.Regularized, "regularized"),
    ];

    private const string CostsRange = "0-1, or the matrix c_ij of deciding class i when class j is true: rows split by ';', entries by ',', classes in sorted order, each 0 or more";

    /// <summary>Creates the description (use <see cref="ModelKinds.BayesGaussian"/>).</summary>
    internal BayesGaussianKind()
        : base(
            // Files from before these existed hold full maximum-likelihood covariances without smoothing.
            Bind(d => Hyperparameter.Choice("covariance", d, [.. CovarianceNames.Select(c => c.Name)],
                        "Σₖ of each class's Gaussian: full (maximum likelihood), diagonal (Gaussian naive Bayes), shared (one pooled Σ: linear discriminant analysis) or regularized (shrunk toward its diagonal by shrinkage)",
                        new Dictionary<string, string> { ["naive-bayes"] = "diagonal", ["lda"] = "shared", ["pooled"] = "shared", ["qda"] = "full" })
                    .InOlderFiles("full"),
                o => CovarianceName(o.Covariance), (o, v) => o with { Covariance = CovarianceNames.First(c => c.Name == v).Value }),
            Bind(d => Hyperparameter.Real("shrinkage", d, 0, 1, "regularized: λ in Σₖ = (1 − λ)Σ̂ₖ + λ·diag(Σ̂ₖ): the covariances times 1 − λ, the variances kept (0: full, 1: diagonal)").InOlderFiles(0),
                o => o.Shrinkage, (o, v) => o with { Shrinkage = v }),
            Bind(d => Hyperparameter.Real("var_smoothing", d, 0, double.PositiveInfinity, "ε = var_smoothing × the largest feature variance is added to every variance (each Σₖ's diagonal), as scikit-learn's GaussianNB; 0 for none").InOlderFiles(0),
                o => o.VarianceSmoothing, (o, v) => o with { VarianceSmoothing = v }),
            Bind(d => Hyperparameter.Text("priors", d, PriorsRange, CanonicalPriors, "the class priors P(C)", PriorsToJson, PriorsFromJson),
                o => o.UniformPriors ? "uniform" : o.Priors is null ? "counts" : string.Join(",", o.Priors.Select(Hyperparameter.Text)),
                (o, v) => v switch
                {
                    "counts" => o with { Priors = null, UniformPriors = false },
                    "uniform" => o with { Priors = null, UniformPriors = true },
                    _ => o with { Priors = Numbers(v), UniformPriors = false },
                }),
            Bind(d => Hyperparameter.Text("costs", d, CostsRange, CanonicalCosts, "decision costs: the rule minimizes the conditional risk Σⱼ c_ij P(Cⱼ | x); 0-1 costs decide the most probable class", CostsToJson, CostsFromJson),
                o => o.Costs is null ? "0-1" : CostsText(o.Costs),
                (o, v) => o with { Costs = v == "0-1" ? null : CostsMatrix(v) }))
    {
    }

    /// <inheritdoc/>
    public override string Name => "bayes-gaussian";

    /// <inheritdoc/>
    public override string Summary => "Bayes classifier with one Gaussian per class (covariance full, diagonal = naive Bayes, shared = LDA, or regularized), minimum-risk decisions";

    /// <inheritdoc/>
    public override IReadOnlyList<ModelTask> Tasks { get; } = [ModelTask.Classification];

    /// <inheritdoc/>
    public override IReadOnlyList<string> RetiredFileKeys { get; } = ["density"];

    /// <inheritdoc/>
    public override Classifier<T, TLabel> CreateClassifier<T, TLabel>(HyperparameterValues values, FitControl? control = null) => new BayesClassifier<T, TLabel>(ToOptions(values));

    /// <inheritdoc/>
    public override bool Describes<T, TLabel>(Classifier<T, TLabel> model) => model is BayesClassifier<T, TLabel>;

    /// <inheritdoc/>
    public override HyperparameterValues ValuesOf<T, TLabel>(Classifier<T, TLabel> model) => FromOptions(Cast(model).Options);

    /// <inheritdoc/>
    public override string DescribeSetup(HyperparameterValues values, ModelShape shape)
    {
        var o = ToOptions(values);
        string priors = values.Text("priors") switch { "counts" => "priors from the class frequencies", "uniform" => "uniform priors", var p => $"priors {p}" };
        string costs = values.Text("costs");
        return $"bayes-gaussian (one Gaussian N(μₖ, Σₖ) per class, fitted by maximum likelihood; {CovarianceText(o)}; {priors}; "
            + (costs == "0-1" ? "0-1 costs: decides the most probable class)" : $"costs {costs}: decides the class of least conditional risk Σⱼ c_ij P(Cⱼ | x))");
    }

    /// <inheritdoc/>
    public override IEnumerable<string> Notes(HyperparameterValues values, ModelShape shape, IReadOnlyCollection<string> given)
    {
        ArgumentNullException.ThrowIfNull(given);
        var o = ToOptions(values);
        if (given.Contains("shrinkage") && o.Covariance != CovarianceKind.Regularized)
        {
            yield return $"shrinkage applies to covariance regularized; covariance {CovarianceName(o.Covariance)} does not use it.";
        }
    }

    /// <inheritdoc/>
    public override string? DescribeFit<T, TLabel>(Classifier<T, TLabel> model)
    {
        var m = Cast(model);
        if (m.SingularCovariances.Count == 0)
        {
            return null;
        }

        var o = m.Options;
        string epsilon = $"var_smoothing {Hyperparameter.Text(o.VarianceSmoothing)} (ε = {DescriptionText.Sci(m.VarianceEpsilon ?? 0)} added to every variance)";
        var explained = m.DescribeSingularCovariances();
        var lines = new List<string>();
        for (int i = 0; i < explained.Count; i++)
        {
            var s = m.SingularCovariances[i];
            bool shrunk = o.Covariance == CovarianceKind.Regularized && o.Shrinkage > 0 && s.CollinearFeatures.Count > 0;
            bool smoothed = o.VarianceSmoothing > 0;
            string cure = (shrunk, smoothed, s.ConstantFeatures.Count > 0) switch
            {
                (true, true, true) => $"shrinkage {Hyperparameter.Text(o.Shrinkage)} toward the diagonal and {epsilon} keep it invertible",
                (true, _, false) => $"shrinkage {Hyperparameter.Text(o.Shrinkage)} toward the diagonal keeps it invertible",
                (_, true, _) => $"{epsilon} keeps it invertible",
                _ => "it was inverted as it is (var_smoothing 0): expect unstable probabilities",
            };
            lines.Add($"{explained[i]}; {cure}.");
        }

        return string.Join("\n", lines);
    }

    /// <inheritdoc/>
    public override ModelDescription Describe<T, TLabel>(Classifier<T, TLabel> model, IReadOnlyList<string>? featureNames = null)
    {
        var m = Cast(model);
        var costs = m.Costs;
        int k = m.Classes.Count;
        bool zeroOne = Enumerable.Range(0, k).All(i => Enumerable.Range(0, k).All(j => costs[i, j] == (i == j ? 0 : 1)));
        var lines = new List<string>
        {
            $"Gaussian Bayes classifier over {m.FeatureCount} features: P(k | x) ∝ P(k) N(x; μₖ, Σₖ), {CovarianceText(m.Options)}; "
                + (m.Options.Priors is null && !m.Options.UniformPriors ? "priors from the class frequencies; " : "priors as given; ")
                + (zeroOne ? "0-1 costs: decides the most probable class" : $"decides the class of least risk under the costs [{string.Join("; ", Enumerable.Range(0, k).Select(i => string.Join(", ", Enumerable.Range(0, k).Select(j => DescriptionText.G(costs[i, j])))))}]"),
        };
        var perClass = new JsonArray();
        for (int j = 0; j < k; j++)
        {
            var g = (GaussianDensity)m.Densities[j];
            var sigma = g.Covariance;
            int d = sigma.Rows;
            string covariance = d <= 4
                ? $"Σ = [{string.Join("; ", Enumerable.Range(0, d).Select(r => string.Join(", ", sigma.Row(r).ToArray().Select(DescriptionText.G))))}]"
                : $"Σ: {d}×{d}, variances {DescriptionText.Named([.. Enumerable.Range(0, d).Select(r => sigma[r, r])], featureNames)}, log det Σ = {DescriptionText.G(g.LogDeterminant)}";
            lines.Add($"{m.Classes[j]}: prior {m.Priors[j].ToString("0.0000", CultureInfo.InvariantCulture)}, μ = {DescriptionText.Named([.. g.Mean], featureNames)}, {covariance}");
            perClass.AddNode(new JsonObject
            {
                ["class"] = m.Classes[j].ToString(),
                ["prior"] = m.Priors[j],
                ["mean"] = JsonValues.Doubles(g.Mean),
                ["covariance"] = JsonValues.Rows(sigma),
            });
        }

        int dim = m.FeatureCount;
        var json = new JsonObject { ["classes"] = perClass, ["costs"] = JsonValues.Rows(Matrix<double>.FromArray(costs)) };
        // Per class a prior and d means, and the distinct entries of the covariances: d(d + 1)/2 per class (one matrix for
        // shared), d per class for diagonal.
        long symmetric = (long)dim * (dim + 1) / 2;
        long count = (long)k * (1 + dim) + m.Options.Covariance switch
        {
            CovarianceKind.Diagonal => (long)k * dim,
            CovarianceKind.Shared => symmetric,
            _ => k * symmetric,
        };
        return new ModelDescription("densities", lines, count, json);
    }

    internal override void WriteParameters<T, TLabel>(Classifier<T, TLabel> model, JsonObject parameters)
    {
        var bayes = Cast(model);
        if (bayes.Densities.FirstOrDefault(d => d is not GaussianDensity) is { } other)
        {
            throw new NotSupportedException(
                $"{bayes.ModelName} cannot be saved: the model file format stores Gaussian class densities (bayes-gaussian), but this one has a {other.GetType().Name}.");
        }

        var costs = bayes.Costs;
        int k = costs.GetLength(0);
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                if (costs[i, j] < 0)
                {
                    throw new NotSupportedException(
                        $"{bayes.ModelName} cannot be saved: the model file format stores costs of 0 or more, but cost ({i}, {j}) is {JsonValues.Text(costs[i, j])}. Add a constant to that column of the cost matrix: the decisions stay the same.");
                }
            }
        }

        var gaussians = bayes.Densities.Cast<GaussianDensity>().ToArray();
        parameters["priors"] = JsonValues.Doubles(bayes.Priors);
        parameters["means"] = new JsonArray([.. gaussians.Select(g => (JsonNode)JsonValues.Doubles(g.Mean))]);
        parameters["covariances"] = new JsonArray([.. gaussians.Select(g => (JsonNode)JsonValues.Rows(g.Covariance))]);
    }

    internal override Classifier<T, TLabel> ReadClassifier<T, TLabel>(HyperparameterValues values, JsonSection parameters, TLabel[] classes, int featureCount, Training.TrainingHistory? history)
    {
        int k = classes.Length, d = featureCount;
        var options = ToOptions(values);
        if (options.Priors is { } given && given.Count != k)
        {
            throw new ModelFormatException(parameters.File, $"{parameters.File}: hyperparameters.priors has {given.Count} entries but the model has {k} classes. The file is damaged or was edited; re-save the model with Nabla.");
        }

        if (options.Costs is { } c && (c.GetLength(0) != k || c.GetLength(1) != k))
        {
            throw new ModelFormatException(parameters.File, $"{parameters.File}: hyperparameters.costs is {c.GetLength(0)}×{c.GetLength(1)} but the model has {k} classes. The file is damaged or was edited; re-save the model with Nabla.");
        }

        var priors = Priors(parameters, k);
        var means = parameters.Matrix<double>("means", k, d);
        var covariancesArray = parameters.Array("covariances", k);
        var densities = new IDensity[k];
        for (int j = 0; j < k; j++)
        {
            string name = $"covariances[{j}]";
            var covariance = new JsonSection(parameters.File, parameters.Path, new JsonObject { [name] = covariancesArray[j]?.DeepClone() }).Matrix<double>(name, d, d);
            RequireSymmetric(parameters, name, covariance);
            try
            {
                densities[j] = new GaussianDensity(means.Row(j).ToArray(), covariance);
            }
            catch (ArgumentException)
            {
                throw parameters.Fail(name, "is not positive definite (a variance is zero or negative, or features are collinear), so it is not the covariance of a Gaussian");
            }
        }

        RequireKindShape(parameters, options.Covariance, densities);
        try
        {
            return BayesClassifier<T, TLabel>.Restore(options, classes, densities, priors, options.Costs ?? ZeroOne(k));
        }
        catch (ArgumentException e)
        {
            throw parameters.Fail("", $"do not fit together ({e.Message.Split(" (Parameter")[0].TrimEnd('.')})");
        }
    }

    private static string CovarianceName(CovarianceKind kind) => CovarianceNames.First(c => c.Value == kind).Name;

    /// <summary>The covariance estimate in words, for the setup line and inspect (no hyperparameter name stands alone in it but as the option it is).</summary>
    private static string CovarianceText(BayesClassifierOptions o)
    {
        string smoothing = o.VarianceSmoothing == 0 ? "no variance smoothing" : $"ε = {Hyperparameter.Text(o.VarianceSmoothing)} × the largest feature variance";
        return o.Covariance switch
        {
            CovarianceKind.Full => $"full Σₖ = Σ̂ₖ + εI, {smoothing}",
            CovarianceKind.Diagonal => $"diagonal Σₖ = diag(Σ̂ₖ) + εI (Gaussian naive Bayes), {smoothing}",
            CovarianceKind.Shared => $"one shared Σ = Σₖ (nₖ/n) Σ̂ₖ + εI (linear discriminant analysis), {smoothing}",
            _ => $"regularized Σₖ = (1 − λ)Σ̂ₖ + λ·diag(Σ̂ₖ) + εI with λ = {Hyperparameter.Text(o.Shrinkage)}, {smoothing}",
        };
    }

    /// <summary>A diagonal model's covariances are diagonal and a shared model's are one matrix: an edited file that breaks this is refused.</summary>
    private static void RequireKindShape(JsonSection parameters, CovarianceKind kind, IDensity[] densities)
    {
        if (kind == CovarianceKind.Diagonal)
        {
            for (int j = 0; j < densities.Length; j++)
            {
                var sigma = ((GaussianDensity)densities[j]).Covariance;
                for (int a = 0; a < sigma.Rows; a++)
                {
                    for (int b = 0; b < sigma.Columns; b++)
                    {
                        if (a != b && sigma[a, b] != 0)
                        {
                            throw parameters.Fail($"covariances[{j}]", $"has [{a}][{b}] = {JsonValues.Text(sigma[a, b])}, but the covariances of hyperparameters.covariance diagonal are 0 off the diagonal");
                        }
                    }
                }
            }
        }
        else if (kind == CovarianceKind.Shared)
        {
            var first = ((GaussianDensity)densities[0]).Covariance.AsReadOnlySpan().ToArray();
            for (int j = 1; j < densities.Length; j++)
            {
                if (!((GaussianDensity)densities[j]).Covariance.AsReadOnlySpan().SequenceEqual(first))
                {
                    throw parameters.Fail($"covariances[{j}]", "differs from covariances[0], but hyperparameters.covariance shared has one covariance for every class");
                }
            }
        }
    }

    private static BayesClassifier<T, TLabel> Cast<T, TLabel>(Classifier<T, TLabel> model)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull =>
        model as BayesClassifier<T, TLabel> ?? throw new ArgumentException($"{model?.ModelName} is not a Bayes classifier.", nameof(model));

    private static double[] Numbers(string text) =>
        [.. text.Split(',').Select(p => double.TryParse(p.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : throw new FormatException($"'{p.Trim()}' is not a finite number"))];

    private static string CanonicalPriors(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        if (t is "counts" or "uniform")
        {
            return t;
        }

        var p = Numbers(t);
        if (p.Length < 2 || p.Any(v => v < 0) || Math.Abs(p.Sum() - 1) > PriorSumTolerance)
        {
            throw new FormatException("priors are two or more probabilities, each 0 or more, summing to 1");
        }

        return string.Join(",", p.Select(Hyperparameter.Text));
    }

    private static JsonNode? PriorsToJson(string v) => v is "counts" or "uniform" ? JsonValue.Create(v) : JsonValues.Doubles(Numbers(v));

    // Files before the schema stored null (counts) or the priors as an array.
    private static string PriorsFromJson(JsonNode? node) => node switch
    {
        null => "counts",
        JsonValue s when s.GetValueKind() == JsonValueKind.String => CanonicalPriors(s.GetValue<string>()),
        JsonArray a => CanonicalPriors(string.Join(",", a.Select(e => e is JsonValue n && n.GetValueKind() == JsonValueKind.Number ? Hyperparameter.Text(n.GetValue<double>()) : throw new FormatException("must hold numbers")))),
        _ => throw new FormatException($"must be {PriorsRange}"),
    };

    private static string CanonicalCosts(string text)
    {
        string t = text.Trim();
        if (t is "0-1" or "zero-one")
        {
            return "0-1";
        }

        string[] rows = t.Split(';');
        if (rows.Length < 2)
        {
            throw new FormatException("a cost matrix has one row per class, at least two");
        }

        var entries = rows.Select(r => r.Split(',')).ToArray();
        for (int i = 0; i < entries.Length; i++)
        {
            if (entries[i].Length != rows.Length)
            {
                throw new FormatException($"row {i + 1} ('{rows[i].Trim()}') has {entries[i].Length} entries, but a cost matrix with {rows.Length} rows is {rows.Length}×{rows.Length}");
            }

            for (int j = 0; j < entries[i].Length; j++)
            {
                if (!double.TryParse(entries[i][j].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                {
                    throw new FormatException($"row {i + 1}, entry {j + 1} is '{entries[i][j].Trim()}', not a finite number (use '.' for decimals)");
                }

                if (v < 0)
                {
                    throw new FormatException($"row {i + 1}, entry {j + 1} is {Hyperparameter.Text(v)}, but costs are 0 or more");
                }
            }
        }

        return CostsText(CostsMatrixUnchecked(entries));
    }

    private static double[,] CostsMatrix(string text) => CostsMatrixUnchecked([.. CanonicalCosts(text).Split(';').Select(r => r.Split(','))]);

    private static double[,] CostsMatrixUnchecked(string[][] entries)
    {
        int k = entries.Length;
        var c = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                c[i, j] = double.Parse(entries[i][j].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        return c;
    }

    private static string CostsText(double[,] c) =>
        string.Join(";", Enumerable.Range(0, c.GetLength(0)).Select(i => string.Join(",", Enumerable.Range(0, c.GetLength(1)).Select(j => Hyperparameter.Text(c[i, j])))));

    private static JsonNode? CostsToJson(string v) => v == "0-1" ? null : JsonValues.Rows(Matrix<double>.FromArray(CostsMatrixUnchecked([.. v.Split(';').Select(r => r.Split(','))])));

    // A matrix as an array of rows; null (or absent) for 0-1 costs.
    private static string CostsFromJson(JsonNode? node) => node switch
    {
        null => "0-1",
        JsonValue s when s.GetValueKind() == JsonValueKind.String => CanonicalCosts(s.GetValue<string>()),
        JsonArray rows => CanonicalCosts(string.Join(";", rows.Select(r => r is JsonArray row
            ? string.Join(",", row.Select(e => e is JsonValue n && n.GetValueKind() == JsonValueKind.Number ? Hyperparameter.Text(n.GetValue<double>()) : throw new FormatException("must hold numbers")))
            : throw new FormatException("must be an array of rows")))),
        _ => throw new FormatException($"must be {CostsRange}"),
    };

    /// <summary>Reads K priors: finite, 0 or more, summing to 1 within <see cref="PriorSumTolerance"/>.</summary>
    private static double[] Priors(JsonSection section, int k)
    {
        var priors = section.Vector<double>("priors", k);
        double sum = 0;
        for (int j = 0; j < k; j++)
        {
            if (priors[j] < 0)
            {
                throw section.Fail($"priors[{j}]", $"is {JsonValues.Text(priors[j])}, but a prior is a probability, 0 or more");
            }

            sum += priors[j];
        }

        if (Math.Abs(sum - 1) > PriorSumTolerance)
        {
            throw section.Fail("priors", $"sum to {JsonValues.Text(sum)}, but priors are probabilities summing to 1");
        }

        return priors;
    }

    private static void RequireSymmetric(JsonSection section, string name, Matrix<double> m)
    {
        double scale = 0;
        foreach (double v in m.AsReadOnlySpan())
        {
            scale = Math.Max(scale, Math.Abs(v));
        }

        for (int i = 0; i < m.Rows; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (Math.Abs(m[i, j] - m[j, i]) > SymmetryTolerance * scale)
                {
                    throw section.Fail(name, $"is not symmetric: [{i}][{j}] is {JsonValues.Text(m[i, j])} but [{j}][{i}] is {JsonValues.Text(m[j, i])}; a covariance matrix is symmetric");
                }
            }
        }
    }

    private static double[,] ZeroOne(int k)
    {
        var c = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                c[i, j] = i == j ? 0 : 1;
            }
        }

        return c;
    }
}
