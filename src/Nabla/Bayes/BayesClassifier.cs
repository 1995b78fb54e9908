using System.Numerics;
using Nabla.Estimators;
using Nabla.Metrics;
using Nabla.Tensors;

namespace Nabla.Bayes;

/// <summary>
/// The Bayes minimum-risk classifier. With priors P(Cⱼ), class-conditional densities p(x | Cⱼ) and costs c_ij (deciding
/// class i when class j is true), the posterior is P(Cⱼ | x) = P(Cⱼ) p(x | Cⱼ) / Σₖ P(Cₖ) p(x | Cₖ), the conditional risk
/// of deciding i is Rᵢ(x) = Σⱼ c_ij P(Cⱼ | x), and the rule decides the class of least conditional risk: no other rule
/// has a lower overall risk R = E[c(decision, truth)]. Under 0-1 costs this is the maximum-posterior rule.
/// </summary>
/// <remarks>
/// <para>Everything is computed from log P(Cⱼ) + log p(x | Cⱼ), shifted by its maximum before exponentiating, so tiny
/// densities far in the tails neither underflow to 0/0 nor lose the decision.</para>
/// <para>Ties: conditional risks within <see cref="TieTolerance"/> × max |c_ij| of each other are equal, and the class
/// that comes first in <see cref="Classifier{T, TLabel}.Classes"/> wins. Where every density is zero (outside the
/// support of every class, as outside both disks of a uniform model) the data says nothing: the posteriors are taken to
/// be the priors, so the decision is the one of least prior risk (with 0-1 costs, the most probable class).</para>
/// <para>The densities and costs are in <see cref="double"/> whatever <typeparamref name="T"/> is.</para>
/// <para>A fitted model is safe to use for prediction from many threads at once; Fit is not thread-safe. Prediction only reads the priors, costs and densities; the built-in densities are immutable, and a density
/// of your own (<see cref="IDensity"/>) must allow concurrent <see cref="IDensity.LogDensity"/> calls for this to hold.</para>
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <typeparam name="TLabel">The label type.</typeparam>
public sealed class BayesClassifier<T, TLabel> : Classifier<T, TLabel>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TLabel : notnull
{
    /// <summary>Relative tolerance under which two conditional risks are a tie (rounding of posteriors is far below it).</summary>
    public const double TieTolerance = 1e-12;

    private const int SampleBatch = 8192;

    private IDensity[]? _densities;
    private double[]? _priors;
    private double[]? _logPriors;
    private double[,]? _costs;
    private double _tie;
    private SingularCovariance[] _singular = [];
    private double? _epsilon;

    /// <summary>
    /// Creates an unfitted classifier whose densities are Gaussians with the covariance of
    /// <see cref="BayesClassifierOptions.Covariance"/>, or fitted by <see cref="BayesClassifierOptions.DensityEstimator"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Options that contradict each other or are out of range; the message says which.</exception>
    public BayesClassifier(BayesClassifierOptions? options = null)
    {
        Options = options ?? new BayesClassifierOptions();
        if (Options.UniformPriors && Options.Priors is not null)
        {
            throw new ArgumentException("Give either Priors or UniformPriors = true, not both: they say different things about P(C).", nameof(options));
        }

        if (!Enum.IsDefined(Options.Covariance))
        {
            throw new ArgumentException($"Covariance is {(int)Options.Covariance}, which is not a CovarianceKind (Full, Diagonal, Shared or Regularized).", nameof(options));
        }

        if (!(Options.Shrinkage >= 0 && Options.Shrinkage <= 1))
        {
            throw new ArgumentException($"Shrinkage is λ in (1 − λ)Σ̂ₖ + λ·diag(Σ̂ₖ), from 0 to 1; got {Options.Shrinkage}.", nameof(options));
        }

        if (!(Options.VarianceSmoothing >= 0) || !double.IsFinite(Options.VarianceSmoothing))
        {
            throw new ArgumentException($"VarianceSmoothing is a fraction of the largest feature variance, 0 or more and finite; got {Options.VarianceSmoothing}.", nameof(options));
        }

        var defaults = new BayesClassifierOptions();
        if (Options.DensityEstimator is not null
            && (Options.Covariance != defaults.Covariance || Options.Shrinkage != defaults.Shrinkage || Options.VarianceSmoothing != defaults.VarianceSmoothing))
        {
            throw new ArgumentException("Give either a DensityEstimator or the Gaussian's Covariance, Shrinkage and VarianceSmoothing, not both: a density estimator of your own replaces the Gaussian.", nameof(options));
        }
    }

    /// <summary>The hyperparameters.</summary>
    public BayesClassifierOptions Options { get; }

    /// <inheritdoc/>
    public override bool SupportsProbabilities => true;

    /// <summary>p(x | Cⱼ) for each class j, in the order of <see cref="Classifier{T, TLabel}.Classes"/>.</summary>
    public IReadOnlyList<IDensity> Densities => _densities ?? throw new NotFittedException(ModelName);

    /// <summary>
    /// The maximum-likelihood covariance estimates that were singular when this model was fitted (by class, or the pooled
    /// one), with the constant and collinear features that made them so; the smoothing ε (and for
    /// <see cref="CovarianceKind.Regularized"/> the shrinkage) made them invertible. Empty when none was, when the densities
    /// came from <see cref="BayesClassifierOptions.DensityEstimator"/>, or for a model built from densities or read from a file.
    /// </summary>
    public IReadOnlyList<SingularCovariance> SingularCovariances
    {
        get
        {
            RequireFitted();
            return _singular;
        }
    }

    /// <summary>
    /// ε, the variance added to the diagonal of every class covariance by the fit (<see cref="BayesClassifierOptions.VarianceSmoothing"/>
    /// × the largest feature variance); null when it is not known (densities from a <see cref="BayesClassifierOptions.DensityEstimator"/>,
    /// given, or read from a file, which stores the smoothed covariances).
    /// </summary>
    public double? VarianceEpsilon
    {
        get
        {
            RequireFitted();
            return _epsilon;
        }
    }

    /// <summary>One line per <see cref="SingularCovariances"/> entry, features by index ("feature 3"): "class 'a' (12 rows): Σ̂ₖ is singular (feature 3 is constant within the class)".</summary>
    public IReadOnlyList<string> DescribeSingularCovariances()
    {
        RequireFitted();
        return [.. _singular.Select(s => GaussianClassFit.Explain(s, FeatureCount, Options.Covariance, j => $"class '{Classes[j]}'"))];
    }

    /// <summary>P(Cⱼ) for each class j.</summary>
    public IReadOnlyList<double> Priors => _priors ?? throw new NotFittedException(ModelName);

    /// <summary>The cost matrix in use (a copy): entry (i, j) is the cost of deciding class i when class j is true.</summary>
    public double[,] Costs => (double[,])(_costs ?? throw new NotFittedException(ModelName)).Clone();

    /// <inheritdoc/>
    public override double[,]? DecisionCosts => Options.Costs is null ? null : (double[,])Options.Costs.Clone();

    /// <summary>
    /// A fitted classifier from known densities (no data needed): the Bayes rule of the true model. The classes must be
    /// distinct and in ascending order, as <c>Fit</c> would sort them; densities and priors follow that order.
    /// </summary>
    /// <param name="classes">The class labels, ascending.</param>
    /// <param name="densities">p(x | Cⱼ), one per class, all of the same dimension.</param>
    /// <param name="priors">P(Cⱼ), non-negative, summing to 1; null for equal priors.</param>
    /// <param name="costs">c_ij, K × K; null for 0-1 costs.</param>
    /// <exception cref="ArgumentException">Fewer than two classes, classes not ascending, or densities, priors or costs that do not match them.</exception>
    public static BayesClassifier<T, TLabel> FromDensities(
        IReadOnlyList<TLabel> classes,
        IReadOnlyList<IDensity> densities,
        IReadOnlyList<double>? priors = null,
        double[,]? costs = null)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(densities);
        int k = classes.Count;
        if (k < 2)
        {
            throw new ArgumentException($"A classifier needs at least two classes, not {k}.", nameof(classes));
        }

        var order = LabelOrder.Comparer<TLabel>(); // the order Fit numbers classes in
        for (int j = 1; j < k; j++)
        {
            if (order.Compare(classes[j - 1], classes[j]) >= 0)
            {
                throw new ArgumentException($"Give the classes distinct and in ascending order, as Fit sorts them ('{classes[j - 1]}' comes before '{classes[j]}'), with densities and priors in the same order.", nameof(classes));
            }
        }

        if (densities.Count != k || densities.Any(d => d is null))
        {
            throw new ArgumentException($"Give one density per class: {k} classes but {densities.Count} densities (or a null one).", nameof(densities));
        }

        int dimension = densities[0].Dimension;
        if (dimension < 1 || densities.Any(d => d.Dimension != dimension))
        {
            throw new ArgumentException($"Every class density must have the same dimension; they have {string.Join(", ", densities.Select(d => d.Dimension))}.", nameof(densities));
        }

        var model = new BayesClassifier<T, TLabel>(new BayesClassifierOptions { Priors = priors, Costs = costs });
        model.SetParameters([.. densities], priors is null ? [.. Enumerable.Repeat(1.0 / k, k)] : CheckPriors(priors, k), costs);
        model.SetFittedState(classes, dimension);
        return model;
    }

    /// <summary>Fits; see <see cref="Classifier{T, TLabel}.Fit(Matrix{T}, IReadOnlyList{TLabel})"/>.</summary>
    public new BayesClassifier<T, TLabel> Fit(Matrix<T> x, IReadOnlyList<TLabel> y) => (BayesClassifier<T, TLabel>)base.Fit(x, y);

    /// <summary>Fits on a jagged array of rows.</summary>
    public new BayesClassifier<T, TLabel> Fit(T[][] x, IReadOnlyList<TLabel> y) => (BayesClassifier<T, TLabel>)base.Fit(x, y);

    /// <summary>Fits on a rectangular array.</summary>
    public new BayesClassifier<T, TLabel> Fit(T[,] x, IReadOnlyList<TLabel> y) => (BayesClassifier<T, TLabel>)base.Fit(x, y);

    /// <summary>Rᵢ(x) = Σⱼ c_ij P(Cⱼ | x) for each row of <paramref name="x"/> and each class i: an n × K matrix.</summary>
    public Matrix<T> ConditionalRisks(Matrix<T> x)
    {
        var posteriors = PredictProbabilities(x);
        int k = _priors!.Length;
        var risks = new Matrix<T>(x.Rows, k);
        Span<double> post = stackalloc double[k];
        Span<double> risk = stackalloc double[k];
        for (int r = 0; r < x.Rows; r++)
        {
            for (int j = 0; j < k; j++)
            {
                post[j] = double.CreateChecked(posteriors[r, j]);
            }

            Risks(post, risk);
            for (int i = 0; i < k; i++)
            {
                risks[r, i] = T.CreateChecked(risk[i]);
            }
        }

        return risks;
    }

    /// <summary>Conditional risks for a rectangular array of points.</summary>
    public Matrix<T> ConditionalRisks(T[,] x) => ConditionalRisks(Matrix<T>.FromArray(x));

    /// <summary>
    /// The decision boundary in closed form for two Gaussian classes in 2-D (see <see cref="QuadraticBoundary.BetweenGaussians"/>):
    /// q &gt; 0 where the first class of <see cref="Classifier{T, TLabel}.Classes"/> is decided; a line when the covariances are equal.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not two classes, not 2-D, or a density that is not a <see cref="GaussianDensity"/>.</exception>
    public QuadraticBoundary DecisionBoundary()
    {
        RequireFitted();
        if (_densities!.Length != 2 || FeatureCount != 2 || _densities[0] is not GaussianDensity first || _densities[1] is not GaussianDensity second)
        {
            throw new InvalidOperationException(
                $"A closed-form boundary q(x, y) exists here for two Gaussian classes in 2-D; this model has {_densities.Length} classes, {FeatureCount} features and densities {string.Join(", ", _densities.Select(d => d.GetType().Name))}.");
        }

        return QuadraticBoundary.BetweenGaussians(first, second, _priors![0], _priors[1], _costs);
    }

    /// <summary>
    /// Draws <paramref name="count"/> points from the mixture Σⱼ P(Cⱼ) p(x | Cⱼ): each point's class is drawn from the
    /// priors, then the point from that class's density. Returns the points and their true class indices.
    /// </summary>
    public (Matrix<T> X, int[] ClassIndices) SampleMixture(int count, Random random)
    {
        RequireFitted();
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int d = FeatureCount;
        var x = new Matrix<T>(count, d);
        var classes = new int[count];
        Span<double> point = stackalloc double[d];
        for (int i = 0; i < count; i++)
        {
            int j = DrawClass(random);
            _densities![j].Sample(random, point);
            classes[i] = j;
            var row = x.Row(i);
            for (int t = 0; t < d; t++)
            {
                row[t] = T.CreateChecked(point[t]);
            }
        }

        return (x, classes);
    }

    /// <summary>
    /// The Monte Carlo risk of any decision rule: <paramref name="sampleCount"/> points are drawn from the mixture (seeded by
    /// <paramref name="seed"/>) and the mean cost c(decision, truth) is returned with its standard error. The points depend
    /// only on the seed, so rules estimated with the same seed are compared on the same points.
    /// </summary>
    /// <param name="decide">Maps a batch of points (rows) to decided class indices into <see cref="Classifier{T, TLabel}.Classes"/>.</param>
    /// <param name="sampleCount">N, at least 2.</param>
    /// <param name="seed">Seed of the draws.</param>
    public RiskEstimate EstimateRisk(Func<Matrix<T>, int[]> decide, int sampleCount, int seed)
    {
        RequireFitted();
        ArgumentNullException.ThrowIfNull(decide);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleCount, 2);
        var random = new Random(seed);
        int k = _priors!.Length;
        double sum = 0, sumSquares = 0;
        long wrong = 0;
        for (int done = 0; done < sampleCount; done += SampleBatch)
        {
            var (x, truth) = SampleMixture(Math.Min(SampleBatch, sampleCount - done), random);
            var decided = decide(x) ?? throw new InvalidOperationException("The decision rule returned null.");
            if (decided.Length != truth.Length)
            {
                throw new InvalidOperationException($"The decision rule returned {decided.Length} decisions for {truth.Length} points.");
            }

            for (int i = 0; i < truth.Length; i++)
            {
                if ((uint)decided[i] >= (uint)k)
                {
                    throw new InvalidOperationException($"The decision rule returned class index {decided[i]}; indices go from 0 to {k - 1}.");
                }

                double cost = _costs![decided[i], truth[i]];
                sum += cost;
                sumSquares += cost * cost;
                if (decided[i] != truth[i])
                {
                    wrong++;
                }
            }
        }

        double mean = sum / sampleCount;
        double variance = Math.Max(0, (sumSquares - sampleCount * mean * mean) / (sampleCount - 1));
        return new RiskEstimate(mean, Math.Sqrt(variance / sampleCount), (double)wrong / sampleCount, sampleCount);
    }

    /// <summary>The Monte Carlo risk of another classifier trained on the same labels; see <see cref="EstimateRisk(Func{Matrix{T}, int[]}, int, int)"/>.</summary>
    /// <exception cref="InvalidOperationException">The classifier predicts a label that is not one of these classes.</exception>
    public RiskEstimate EstimateRisk(Classifier<T, TLabel> classifier, int sampleCount, int seed)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        RequireFitted();
        var index = new Dictionary<TLabel, int>();
        for (int j = 0; j < Classes.Count; j++)
        {
            index[Classes[j]] = j;
        }

        return EstimateRisk(
            x => [.. classifier.Predict(x).Select(label => index.TryGetValue(label, out int j) ? j : throw new InvalidOperationException($"The classifier predicted '{label}', which is not one of this model's classes."))],
            sampleCount,
            seed);
    }

    /// <summary>The Monte Carlo risk of this (Bayes) rule itself: the Bayes risk, the least any rule can reach.</summary>
    public RiskEstimate EstimateRisk(int sampleCount, int seed) => EstimateRisk(PredictClassIndices, sampleCount, seed);

    /// <summary>
    /// Rebuilds a fitted classifier from its parameters (for model files), exactly as given: the classes in their saved order
    /// (not re-sorted, so that labels read back as text keep their class indices) and the priors as stored (not renormalized,
    /// so that a reloaded model predicts bit for bit the same).
    /// </summary>
    /// <exception cref="ArgumentException">Densities, priors or costs that do not match the classes.</exception>
    internal static BayesClassifier<T, TLabel> Restore(
        BayesClassifierOptions options,
        IReadOnlyList<TLabel> classes,
        IReadOnlyList<IDensity> densities,
        IReadOnlyList<double> priors,
        double[,] costs)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(densities);
        ArgumentNullException.ThrowIfNull(priors);
        int k = classes.Count;
        if (densities.Count != k || densities.Any(d => d is null) || densities.Select(d => d.Dimension).Distinct().Count() != 1)
        {
            throw new ArgumentException($"Give one density per class, all of the same dimension: {k} classes but {densities.Count} densities of dimensions {string.Join(", ", densities.Select(d => d?.Dimension))}.", nameof(densities));
        }

        CheckPriors(priors, k);
        var model = new BayesClassifier<T, TLabel>(options);
        model.SetParameters([.. densities], [.. priors], costs);
        model.SetFittedState(classes, densities[0].Dimension);
        return model;
    }

    /// <inheritdoc/>
    protected override void FitCore(Matrix<T> x, int[] classIndices, int classCount)
    {
        var counts = new int[classCount];
        foreach (int j in classIndices)
        {
            counts[j]++;
        }

        var priors = Options.Priors is null
            ? Options.UniformPriors ? [.. Enumerable.Repeat(1.0 / classCount, classCount)] : counts.Select(c => (double)c / classIndices.Length).ToArray()
            : CheckPriors(Options.Priors, classCount);

        var classRows = new Matrix<double>[classCount];
        for (int j = 0; j < classCount; j++)
        {
            classRows[j] = new Matrix<double>(counts[j], x.Columns);
        }

        var filled = new int[classCount];
        for (int i = 0; i < classIndices.Length; i++)
        {
            var source = x.Row(i);
            var target = classRows[classIndices[i]].Row(filled[classIndices[i]]++);
            for (int t = 0; t < source.Length; t++)
            {
                target[t] = double.CreateChecked(source[t]);
            }
        }

        IDensity[] densities;
        if (Options.DensityEstimator is null)
        {
            var fit = GaussianClassFit.Fit(classRows, Options, j => $"class '{ClassLabel(j)}'");
            densities = fit.Densities;
            _singular = fit.Singular;
            _epsilon = fit.Epsilon;
        }
        else
        {
            densities = new IDensity[classCount];
            for (int j = 0; j < classCount; j++)
            {
                densities[j] = Estimate(classRows[j], j, x.Columns);
            }

            _singular = [];
            _epsilon = null;
        }

        SetParameters(densities, priors, Options.Costs);
    }

    /// <summary>Class j's density from the user's <see cref="BayesClassifierOptions.DensityEstimator"/>.</summary>
    private IDensity Estimate(Matrix<double> rows, int j, int featureCount)
    {
        IDensity density;
        try
        {
            density = Options.DensityEstimator!(rows);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Fitting the density of class '{ClassLabel(j)}' ({rows.Rows} samples) failed: {e.Message.Split(" (Parameter")[0]} Leave out features that are constant within a class or collinear (one-hot encoded columns always are), use more samples, or use another model.", "x", e);
        }

        return density is null || density.Dimension != featureCount
            ? throw new InvalidOperationException($"The density estimator returned {(density is null ? "null" : $"a {density.Dimension}-dimensional density")} for {featureCount}-dimensional data.")
            : density;
    }

    /// <inheritdoc/>
    protected override void PredictCore(Matrix<T> x, Span<int> classIndices)
    {
        int k = _priors!.Length;
        Span<double> point = x.Columns <= 128 ? stackalloc double[x.Columns] : new double[x.Columns]; // many features: the heap, not a thread's stack
        Span<double> post = stackalloc double[k];
        Span<double> risk = stackalloc double[k];
        for (int r = 0; r < x.Rows; r++)
        {
            ToDouble(x.Row(r), point);
            Posteriors(point, post);
            Risks(post, risk);

            // Least risk; a later class must beat the current best by more than the tie tolerance, so ties go to the first.
            int best = 0;
            for (int i = 1; i < k; i++)
            {
                if (risk[i] < risk[best] - _tie)
                {
                    best = i;
                }
            }

            classIndices[r] = best;
        }
    }

    /// <inheritdoc/>
    protected override void PredictProbabilitiesCore(Matrix<T> x, Matrix<T> probabilities)
    {
        int k = _priors!.Length;
        Span<double> point = x.Columns <= 128 ? stackalloc double[x.Columns] : new double[x.Columns]; // many features: the heap, not a thread's stack
        Span<double> post = stackalloc double[k];
        for (int r = 0; r < x.Rows; r++)
        {
            ToDouble(x.Row(r), point);
            Posteriors(point, post);
            var row = probabilities.Row(r);
            for (int j = 0; j < k; j++)
            {
                row[j] = T.CreateChecked(post[j]);
            }
        }
    }

    private static double[] CheckPriors(IReadOnlyList<double> priors, int classCount)
    {
        if (priors.Count != classCount)
        {
            throw new ArgumentException($"Give one prior per class: there are {classCount} classes but {priors.Count} priors.", nameof(priors));
        }

        double sum = 0;
        foreach (double p in priors)
        {
            if (!(p >= 0) || !double.IsFinite(p))
            {
                throw new ArgumentException($"Priors are probabilities, so each must be 0 or more and finite; got {p}.", nameof(priors));
            }

            sum += p;
        }

        if (Math.Abs(sum - 1) > 1e-9)
        {
            throw new ArgumentException($"The priors must sum to 1, but [{string.Join(", ", priors)}] sums to {sum}.", nameof(priors));
        }

        return [.. priors.Select(p => p / sum)];
    }

    private static string Ordinal(int n) => n + (n % 100 is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });

    private static void ToDouble(ReadOnlySpan<T> source, Span<double> target)
    {
        for (int t = 0; t < source.Length; t++)
        {
            target[t] = double.CreateChecked(source[t]);
        }
    }

    private void SetParameters(IDensity[] densities, double[] priors, double[,]? costs)
    {
        int k = priors.Length;
        costs ??= ZeroOneCosts(k);
        if (costs.GetLength(0) != k || costs.GetLength(1) != k)
        {
            throw new ArgumentException($"With {k} classes the cost matrix must be {k}×{k}, not {costs.GetLength(0)}×{costs.GetLength(1)}.", nameof(costs));
        }

        double largest = 0;
        foreach (double c in costs)
        {
            if (!double.IsFinite(c))
            {
                throw new ArgumentException($"Every cost must be a finite number; the cost matrix holds {c}.", nameof(costs));
            }

            largest = Math.Max(largest, Math.Abs(c));
        }

        _densities = densities;
        _priors = priors;
        _logPriors = [.. priors.Select(p => Math.Log(p))];
        _costs = (double[,])costs.Clone();
        _tie = TieTolerance * largest;
    }

    private static double[,] ZeroOneCosts(int k)
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

    private void Posteriors(ReadOnlySpan<double> x, Span<double> posteriors)
    {
        int k = _priors!.Length;
        double max = double.NegativeInfinity;
        for (int j = 0; j < k; j++)
        {
            double logDensity = _densities![j].LogDensity(x);
            if (double.IsNaN(logDensity) || logDensity == double.PositiveInfinity)
            {
                throw new InvalidOperationException($"The density of class {j} returned log p(x) = {logDensity}; a density's logarithm must be finite or −∞.");
            }

            posteriors[j] = _logPriors![j] + logDensity;
            max = Math.Max(max, posteriors[j]);
        }

        if (max == double.NegativeInfinity)
        {
            // No class can produce x: keep the priors (see the remarks on the class).
            _priors.CopyTo(posteriors);
            return;
        }

        double sum = 0;
        for (int j = 0; j < k; j++)
        {
            posteriors[j] = Math.Exp(posteriors[j] - max);
            sum += posteriors[j];
        }

        for (int j = 0; j < k; j++)
        {
            posteriors[j] /= sum;
        }
    }

    private void Risks(ReadOnlySpan<double> posteriors, Span<double> risks)
    {
        int k = posteriors.Length;
        for (int i = 0; i < k; i++)
        {
            double r = 0;
            for (int j = 0; j < k; j++)
            {
                r += _costs![i, j] * posteriors[j];
            }

            risks[i] = r;
        }
    }

    private int DrawClass(Random random)
    {
        double u = random.NextDouble();
        double cumulative = 0;
        for (int j = 0; j < _priors!.Length - 1; j++)
        {
            cumulative += _priors[j];
            if (u < cumulative)
            {
                return j;
            }
        }

        return _priors.Length - 1;
    }
}
