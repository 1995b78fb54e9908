using System.Globalization;
using Nabla.Tensors;

namespace Nabla.Bayes;

/// <summary>
/// The Gaussian class densities of the <see cref="BayesClassifier{T, TLabel}"/> for each <see cref="CovarianceKind"/>:
/// the maximum-likelihood estimates, the shrinkage and the variance smoothing, and an account of every singular estimate
/// (which features are constant or collinear) for the fit's description or its refusal.
/// </summary>
internal static class GaussianClassFit
{
    /// <summary>A feature whose spread (standard deviation) is below this fraction of its largest magnitude is constant: the rounding of the mean leaves about 1e-16.</summary>
    private const double ConstantSpread = 1e-12;

    /// <summary>
    /// A feature whose variance left after regressing it on the features before it is below this fraction of its variance
    /// (R² above 1 − 1e-10) is a linear combination of them to working precision: the rounding of the sums leaves far less.
    /// </summary>
    private const double CollinearResidual = 1e-10;

    /// <summary>Features listed by index in a message, at most.</summary>
    private const int Listed = 8;

    /// <summary>The fitted densities, the singular estimates they were made from, and the ε added to every variance.</summary>
    internal readonly record struct Result(IDensity[] Densities, SingularCovariance[] Singular, double Epsilon);

    /// <summary>Fits one Gaussian per class.</summary>
    /// <param name="classRows">Class k's training rows, nₖ × d with nₖ ≥ 1, finite.</param>
    /// <param name="options">The covariance kind, λ and the variance smoothing (validated).</param>
    /// <param name="className">"class 'a'" for class k, for messages.</param>
    /// <exception cref="ArgumentException">A covariance that stays singular (no smoothing): the message names the class, its rows and the features.</exception>
    public static Result Fit(Matrix<double>[] classRows, BayesClassifierOptions options, Func<int, string> className)
    {
        double epsilon = options.VarianceSmoothing == 0 ? 0 : options.VarianceSmoothing * LargestVariance(classRows);
        return options.Covariance switch
        {
            CovarianceKind.Diagonal => Diagonal(classRows, epsilon, options, className),
            CovarianceKind.Shared => Shared(classRows, epsilon, options, className),
            _ => PerClass(classRows, epsilon, options, className),
        };
    }

    /// <summary>
    /// One sentence on a singular estimate, with features by index ("feature 3", "features 4 and 7"), which the command line
    /// turns into column names: "class 'a' (12 rows): Σ̂ₖ is singular (feature 3 is constant within the class; …)".
    /// </summary>
    /// <param name="s">The estimate.</param>
    /// <param name="featureCount">d.</param>
    /// <param name="kind">The covariance kind fitted: the rows a class has against the d + 1 a full estimate needs are said for the per-class full kinds.</param>
    /// <param name="className">"class 'a'" for class k.</param>
    public static string Explain(SingularCovariance s, int featureCount, CovarianceKind kind, Func<int, string> className)
    {
        var reasons = new List<string>();
        if (s.ConstantFeatures.Count > 0)
        {
            reasons.Add($"{Features(s.ConstantFeatures)} {(s.ConstantFeatures.Count == 1 ? "is" : "are")} constant within {(s.ClassIndex is null ? "every class" : "the class")}");
        }

        if (s.CollinearFeatures.Count > 0)
        {
            reasons.Add($"{Features(s.CollinearFeatures)} {(s.CollinearFeatures.Count == 1 ? "is a linear combination" : "are linear combinations")} of the features before {(s.CollinearFeatures.Count == 1 ? "it" : "them")}");
        }

        // Too few rows make a full estimate rank-deficient; a diagonal one only lacks variances.
        if (s.ClassIndex is not null && s.SampleCount <= featureCount && kind is CovarianceKind.Full or CovarianceKind.Regularized)
        {
            reasons.Add($"{Rows(s.SampleCount)} for {featureCount} features: a full Σ̂ₖ needs at least d + 1 = {featureCount + 1}");
        }

        string what = s.ClassIndex is { } j ? $"{className(j)} ({Rows(s.SampleCount)}): Σ̂ₖ" : $"the pooled Σ̂ ({Rows(s.SampleCount)})";
        return $"{what} is singular ({string.Join("; ", reasons)})";
    }

    /// <summary>"feature 3", "features 3 and 5", "features 1, 2, 3, 4, 5, 6, 7, 8 (and 4 more)".</summary>
    private static string Features(IReadOnlyList<int> features)
    {
        var shown = features.Take(Listed).Select(f => f.ToString(CultureInfo.InvariantCulture)).ToArray();
        string list = shown.Length == 1 ? shown[0] : $"{string.Join(", ", shown[..^1])} and {shown[^1]}";
        return (features.Count == 1 ? "feature " : "features ") + (features.Count > Listed ? $"{string.Join(", ", shown)} (and {features.Count - Listed} more)" : list);
    }

    private static string Rows(int n) => n == 1 ? "1 row" : $"{n} rows";

    private static Result Diagonal(Matrix<double>[] classRows, double epsilon, BayesClassifierOptions options, Func<int, string> className)
    {
        int k = classRows.Length, d = classRows[0].Columns;
        var densities = new IDensity[k];
        var singular = new List<SingularCovariance>();
        for (int j = 0; j < k; j++)
        {
            var variances = GaussianDensity.MaximumLikelihoodVariances(classRows[j], out var mean);
            var constant = Constant(variances, [classRows[j]]);
            if (constant.Count > 0)
            {
                singular.Add(new SingularCovariance(j, classRows[j].Rows, constant, []));
                if (epsilon == 0)
                {
                    RefuseUnsmoothed(singular[^1], d, options, className);
                }
            }

            var covariance = new Matrix<double>(d, d);
            for (int a = 0; a < d; a++)
            {
                covariance[a, a] = variances[a] + epsilon;
            }

            densities[j] = Density(mean, covariance, singular.LastOrDefault(s => s.ClassIndex == j), d, options, className, j);
        }

        return new Result(densities, [.. singular], epsilon);
    }

    private static Result PerClass(Matrix<double>[] classRows, double epsilon, BayesClassifierOptions options, Func<int, string> className)
    {
        int k = classRows.Length, d = classRows[0].Columns;
        double keep = options.Covariance == CovarianceKind.Regularized ? 1 - options.Shrinkage : 1;
        var densities = new IDensity[k];
        var singular = new List<SingularCovariance>();
        for (int j = 0; j < k; j++)
        {
            var covariance = GaussianDensity.MaximumLikelihood(classRows[j], out var mean);
            var note = Diagnose(covariance, [classRows[j]], j, classRows[j].Rows);
            if (note is null && keep == 1 && epsilon == 0 && classRows[j].Rows <= d)
            {
                // Rank nₖ − 1 < d, even if rounding hides it from the diagnosis.
                note = new SingularCovariance(j, classRows[j].Rows, [], []);
            }

            if (note is not null)
            {
                singular.Add(note);

                // Shrinkage toward the diagonal (λ > 0) makes collinear features invertible, but not constant ones.
                if (epsilon == 0 && (keep == 1 || note.ConstantFeatures.Count > 0))
                {
                    RefuseUnsmoothed(note, d, options, className);
                }
            }

            if (keep != 1)
            {
                for (int a = 0; a < d; a++)
                {
                    for (int b = 0; b < d; b++)
                    {
                        if (a != b)
                        {
                            covariance[a, b] *= keep;
                        }
                    }
                }
            }

            AddToDiagonal(covariance, epsilon);
            densities[j] = Density(mean, covariance, note, d, options, className, j);
        }

        return new Result(densities, [.. singular], epsilon);
    }

    private static Result Shared(Matrix<double>[] classRows, double epsilon, BayesClassifierOptions options, Func<int, string> className)
    {
        int k = classRows.Length, d = classRows[0].Columns, n = classRows.Sum(r => r.Rows);

        // Σ̂ = Σₖ (nₖ/n) Σ̂ₖ: the classes' scatter about their own means, pooled, over n.
        var pooled = new Matrix<double>(d, d);
        var means = new double[k][];
        for (int j = 0; j < k; j++)
        {
            var covariance = GaussianDensity.MaximumLikelihood(classRows[j], out means[j]);
            double weight = (double)classRows[j].Rows / n;
            var from = covariance.AsReadOnlySpan();
            var to = pooled.AsSpan();
            for (int i = 0; i < from.Length; i++)
            {
                to[i] += weight * from[i];
            }
        }

        var note = Diagnose(pooled, classRows, null, n);
        var singular = note is null ? Array.Empty<SingularCovariance>() : [note];
        if (note is not null && epsilon == 0)
        {
            RefuseUnsmoothed(note, d, options, className);
        }

        AddToDiagonal(pooled, epsilon);
        var shape = (GaussianDensity)Density(means[0], pooled, note, d, options, className, null);
        var densities = new IDensity[k];
        densities[0] = shape;
        for (int j = 1; j < k; j++)
        {
            densities[j] = new GaussianDensity(means[j], shape);
        }

        return new Result(densities, singular, epsilon);
    }

    /// <summary>The features that make <paramref name="covariance"/> singular, or null when there are none.</summary>
    private static SingularCovariance? Diagnose(Matrix<double> covariance, Matrix<double>[] rows, int? classIndex, int sampleCount)
    {
        int d = covariance.Rows;
        var variances = new double[d];
        for (int a = 0; a < d; a++)
        {
            variances[a] = covariance[a, a];
        }

        var constant = Constant(variances, rows);
        var collinear = Collinear(covariance, constant);
        return constant.Count == 0 && collinear.Count == 0 ? null : new SingularCovariance(classIndex, sampleCount, constant, collinear);
    }

    /// <summary>The features whose standard deviation is at most <see cref="ConstantSpread"/> × their largest magnitude in <paramref name="rows"/>.</summary>
    private static List<int> Constant(double[] variances, Matrix<double>[] rows)
    {
        int d = variances.Length;
        var largest = new double[d];
        foreach (var m in rows)
        {
            for (int i = 0; i < m.Rows; i++)
            {
                var row = m.Row(i);
                for (int a = 0; a < d; a++)
                {
                    largest[a] = Math.Max(largest[a], Math.Abs(row[a]));
                }
            }
        }

        var constant = new List<int>();
        for (int a = 0; a < d; a++)
        {
            if (!(Math.Sqrt(variances[a]) > ConstantSpread * largest[a]))
            {
                constant.Add(a);
            }
        }

        return constant;
    }

    /// <summary>
    /// The features (constant ones left out) that are linear combinations of the earlier ones kept: a Cholesky
    /// factorization in feature order that skips a pivot whose residual variance is at most <see cref="CollinearResidual"/>
    /// of the feature's variance, so each listed feature depends on the kept features before it.
    /// </summary>
    private static List<int> Collinear(Matrix<double> covariance, List<int> constant)
    {
        int d = covariance.Rows;
        var skip = new bool[d];
        foreach (int a in constant)
        {
            skip[a] = true;
        }

        var l = new double[d * d];
        var collinear = new List<int>();
        var s = covariance.AsReadOnlySpan();
        for (int j = 0; j < d; j++)
        {
            if (skip[j])
            {
                continue;
            }

            double residual = s[j * d + j];
            for (int c = 0; c < j; c++)
            {
                residual -= l[j * d + c] * l[j * d + c];
            }

            if (!(residual > CollinearResidual * s[j * d + j]))
            {
                skip[j] = true;
                collinear.Add(j);
                continue;
            }

            double pivot = Math.Sqrt(residual);
            for (int i = j + 1; i < d; i++)
            {
                if (skip[i])
                {
                    continue;
                }

                double v = s[i * d + j];
                for (int c = 0; c < j; c++)
                {
                    v -= l[i * d + c] * l[j * d + c];
                }

                l[i * d + j] = v / pivot;
            }

            l[j * d + j] = pivot;
        }

        return collinear;
    }

    /// <summary>The largest variance of a feature over all rows (divided by n), or 1 when every feature is constant (so ε stays a variance).</summary>
    private static double LargestVariance(Matrix<double>[] classRows)
    {
        int d = classRows[0].Columns;
        long n = 0;
        var mean = new double[d];
        foreach (var m in classRows)
        {
            n += m.Rows;
            for (int i = 0; i < m.Rows; i++)
            {
                var row = m.Row(i);
                for (int a = 0; a < d; a++)
                {
                    mean[a] += row[a];
                }
            }
        }

        for (int a = 0; a < d; a++)
        {
            mean[a] /= n;
        }

        var sum = new double[d];
        foreach (var m in classRows)
        {
            for (int i = 0; i < m.Rows; i++)
            {
                var row = m.Row(i);
                for (int a = 0; a < d; a++)
                {
                    double z = row[a] - mean[a];
                    sum[a] += z * z;
                }
            }
        }

        double largest = sum.Max() / n;
        return largest > 0 && double.IsFinite(largest) ? largest : 1;
    }

    private static void AddToDiagonal(Matrix<double> covariance, double epsilon)
    {
        // ε = 0 leaves the maximum-likelihood matrix untouched (bit for bit: full with no smoothing is the notes' fit).
        if (epsilon != 0)
        {
            for (int a = 0; a < covariance.Rows; a++)
            {
                covariance[a, a] += epsilon;
            }
        }
    }

    private static IDensity Density(double[] mean, Matrix<double> covariance, SingularCovariance? note, int d, BayesClassifierOptions options, Func<int, string> className, int? classIndex)
    {
        try
        {
            return new GaussianDensity(mean, covariance);
        }
        catch (ArgumentException e)
        {
            // Still not positive definite: rounding against features of very different scales, or too little smoothing.
            string what = note is not null ? Explain(note, d, options.Covariance, className) : $"{(classIndex is { } j ? className(j) : "the pooled Σ̂")}: Σ is not positive definite to working precision (features of very different scales?)";
            throw new ArgumentException(
                $"Fitting the Gaussian of {what}, and var_smoothing {Text(options.VarianceSmoothing)} does not make it invertible. Raise var_smoothing, standardize the features, or leave those features out.",
                nameof(covariance),
                e);
        }
    }

    private static void RefuseUnsmoothed(SingularCovariance note, int d, BayesClassifierOptions options, Func<int, string> className)
    {
        string kind = options.Covariance.ToString().ToLowerInvariant();
        string fix = options.Covariance switch
        {
            CovarianceKind.Regularized or CovarianceKind.Diagonal => "Set var_smoothing above 0 (it adds ε to every variance), or leave the constant features out.",
            _ => "Set var_smoothing above 0 (it adds ε to every variance), use covariance regularized (shrunk toward the diagonal) or diagonal, or leave those features out.",
        };
        throw new ArgumentException($"Cannot fit the Gaussian (covariance {kind}, var_smoothing {Text(options.VarianceSmoothing)}) of {Explain(note, d, options.Covariance, className)}. {fix}", "x");
    }

    private static string Text(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
