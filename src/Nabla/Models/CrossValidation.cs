using System.Globalization;
using Nabla.Estimators;
using Nabla.Metrics;
using Nabla.Sampling;
using Nabla.Tensors;

namespace Nabla.Models;

/// <summary>
/// k-fold cross-validation of any registered model kind: the rows are cut into k folds (stratified by class for
/// classification, <see cref="DataSplit.Folds"/>), and for each fold a fresh model is trained on the other k − 1 folds and
/// measured on it. Folds run in parallel on up to <see cref="Threads"/> threads; every fold's result depends only on the
/// data, the values and the seed, so the result is the same whatever the core count. (A <c>threads</c> hyperparameter
/// left at 0, every core, is set to 1 inside the folds: the folds themselves share the cores, and a model's summation
/// order would otherwise follow the machine's core count.)
/// </summary>
public sealed class CrossValidation
{
    /// <summary>Creates a cross-validation.</summary>
    /// <param name="folds">k, at least 2. Default 5.</param>
    /// <param name="seed">Seed of the folds. Default 0.</param>
    /// <param name="threads">Folds trained at once; 0 for <see cref="ComputeSettings.MaxThreads"/>. Default 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">k is below 2 or threads is negative.</exception>
    public CrossValidation(int folds = 5, int seed = 0, int threads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        Folds = folds;
        Seed = seed;
        Threads = threads;
    }

    /// <summary>k, the number of folds.</summary>
    public int Folds { get; }

    /// <summary>The seed of the folds.</summary>
    public int Seed { get; }

    /// <summary>Folds trained at once (0: every core).</summary>
    public int Threads { get; }

    /// <summary>Reports each finished fold (the count finished so far), from the thread that finished it.</summary>
    public IProgress<int>? Progress { get; init; }

    /// <summary>Cross-validates a classifier of <paramref name="values"/>' kind on features <paramref name="x"/> (n × d) and labels <paramref name="y"/>.</summary>
    public CrossValidationResult Classification<TLabel>(HyperparameterValues values, Matrix<double> x, IReadOnlyList<TLabel> y)
        where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(x);
        return Classification(values, y, (train, test) => (x.SelectRows(train), x.SelectRows(test)));
    }

    /// <summary>
    /// Cross-validates a classifier on labels <paramref name="y"/> whose fold features come from <paramref name="features"/>
    /// (for preprocessing fitted on each fold's training rows).
    /// </summary>
    /// <exception cref="ArgumentException">The kind does not classify, or a class has fewer rows than folds.</exception>
    public CrossValidationResult Classification<TLabel>(HyperparameterValues values, IReadOnlyList<TLabel> y, FoldFeatures features)
        where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(features);
        RequireTask(values.Kind, ModelTask.Classification);
        var fit = OneThreadEach(values);
        // Strata by class index (in the classes' ordinal order), so the folds never depend on how the current culture writes a label.
        var classes = LabelOrder.SortedDistinct(y);
        var index = classes.Select((c, k) => (c, k)).ToDictionary(p => p.c, p => p.k.ToString("D6", CultureInfo.InvariantCulture));
        var strata = y.Select(l => index[l]).ToArray();
        var folds = DataSplit.Folds(y.Count, Folds, Seed, strata);
        var perFold = Run(folds, y.Count, (train, test) =>
        {
            var (xTrain, xTest) = features(train, test);
            var model = fit.Kind.CreateClassifier<double, TLabel>(fit).Fit(xTrain, [.. train.Select(i => y[i])]);
            var report = model.Evaluate(xTest, [.. test.Select(i => y[i])]);
            var m = new Dictionary<string, double> { ["accuracy"] = report.Accuracy, ["balanced_accuracy"] = report.BalancedAccuracy, ["macro_f1"] = report.MacroF1 };
            if (report.LogLoss is double loss)
            {
                m["log_loss"] = loss;
            }

            return m;
        });
        return Summarize(values, perFold);
    }

    /// <summary>Cross-validates a regressor of <paramref name="values"/>' kind on features <paramref name="x"/> (n × d) and targets <paramref name="y"/> (n × t).</summary>
    public CrossValidationResult Regression(HyperparameterValues values, Matrix<double> x, Matrix<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Regression(values, y, (train, test) => (x.SelectRows(train), x.SelectRows(test)));
    }

    /// <summary>Cross-validates a regressor on targets <paramref name="y"/> (n × t) whose fold features come from <paramref name="features"/>.</summary>
    /// <exception cref="ArgumentException">The kind does not do regression.</exception>
    public CrossValidationResult Regression(HyperparameterValues values, Matrix<double> y, FoldFeatures features)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(features);
        RequireTask(values.Kind, ModelTask.Regression);
        var fit = OneThreadEach(values);
        var folds = DataSplit.Folds(y.Rows, Folds, Seed);
        var perFold = Run(folds, y.Rows, (train, test) =>
        {
            var (xTrain, xTest) = features(train, test);
            var model = fit.Kind.CreateRegressor<double>(fit).Fit(xTrain, y.SelectRows(train));
            var report = model.Evaluate(xTest, y.SelectRows(test));
            return new Dictionary<string, double> { ["mse"] = report.MeanSquaredError, ["mae"] = report.MeanAbsoluteError, ["r2"] = report.R2 };
        });
        return Summarize(values, perFold);
    }

    private static HyperparameterValues OneThreadEach(HyperparameterValues values) =>
        values.Kind.Find("threads") is not null && values["threads"] is 0 ? values.With("threads", 1) : values;

    private static void RequireTask(ModelKind kind, ModelTask task)
    {
        if (!kind.Serves(task))
        {
            throw new ArgumentException($"{kind.Name} does not do {task.ToString().ToLowerInvariant()}; choose a kind that does ({string.Join(", ", ModelKinds.All.Where(k => k.Serves(task)).Select(k => k.Name))}).", "values");
        }
    }

    private Dictionary<string, double>[] Run(int[][] folds, int rows, Func<int[], int[], Dictionary<string, double>> fold)
    {
        var results = new Dictionary<string, double>[folds.Length];
        var failures = new Exception?[folds.Length];
        int done = 0;
        int threads = Threads == 0 ? ComputeSettings.MaxThreads : Threads;
        Parallel.For(0, folds.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, f =>
        {
            int[] train = DataSplit.TrainingRows(rows, folds[f]);
            try
            {
                results[f] = fold(train, folds[f]);
            }
            catch (Exception e)
            {
                failures[f] = e;
                return;
            }

            Progress?.Report(Interlocked.Increment(ref done));
        });

        // The first failing fold by index, whatever the scheduling: the same data gives the same error.
        int failed = Array.FindIndex(failures, e => e is not null);
        if (failed >= 0)
        {
            var e = failures[failed]!;
            string where = $"Fold {failed + 1} of {folds.Length} ({rows - folds[failed].Length} training rows)";
            if (e is ArgumentException)
            {
                throw new ArgumentException($"{where}: {e.Message.Split(" (Parameter")[0]}", e);
            }

            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e).Throw();
        }

        return results;
    }

    private CrossValidationResult Summarize(HyperparameterValues values, Dictionary<string, double>[] perFold)
    {
        // A metric is summarized only when every fold measured it (log-loss needs probabilities on every fold).
        var names = perFold[0].Keys.Where(k => perFold.All(f => f.ContainsKey(k)));
        var metrics = names.ToDictionary(k => k, k => MetricSummary.Of([.. perFold.Select(f => f[k])]), StringComparer.Ordinal);
        return new CrossValidationResult(values, Folds, metrics);
    }
}
