using Nabla.Cli.Data;
using Nabla.Data.Preprocessing;
using Nabla.Estimators;
using Nabla.Models;
using Nabla.Tensors;
using System.Collections.Concurrent;

namespace Nabla.Cli.Commands;

/// <summary>
/// A table prepared for model selection (<c>nabla cv</c>, <c>nabla tune</c>): the kind, the task, and a function that
/// cross-validates any setting of the kind on the table, with the preprocessing fitted on each fold's training rows.
/// </summary>
internal sealed class SelectionProblem
{
    private SelectionProblem(ModelKind kind, ModelTask task, int rows, string source, HyperparameterValues start, Func<HyperparameterValues, IProgress<int>?, CrossValidationResult> evaluate,
        ConcurrentDictionary<(int, int), IReadOnlyList<string>> featureNames)
    {
        _featureNames = featureNames;
        Kind = kind;
        Task = task;
        Rows = rows;
        Source = source;
        Start = start;
        _evaluate = evaluate;
    }

    private readonly Func<HyperparameterValues, IProgress<int>?, CrossValidationResult> _evaluate;

    // Each fold's feature names, to name the features of a refusal ("feature 3").
    private readonly ConcurrentDictionary<(int, int), IReadOnlyList<string>> _featureNames;

    /// <summary>The model kind.</summary>
    public ModelKind Kind { get; }

    /// <summary>Classification or regression.</summary>
    public ModelTask Task { get; }

    /// <summary>The number of rows.</summary>
    public int Rows { get; }

    /// <summary>The data's name (file or built-in data set).</summary>
    public string Source { get; }

    /// <summary>The values the command line gives (defaults, the options given, the run's seed).</summary>
    public HyperparameterValues Start { get; }

    /// <summary>
    /// Reads the table and binds it for cross-validation in <paramref name="folds"/> folds, <paramref name="foldThreads"/> of
    /// them at once (0: every core; a search that runs its settings in parallel gives 1, so that the work is parallel at one level).
    /// </summary>
    public static SelectionProblem Load(CliContext context, TrainSettings s, int folds, int foldThreads = 0)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(s);
        if (folds < 2)
        {
            throw new CliException($"--folds must be at least 2, not {folds}.");
        }

        var kind = ModelKinds.Get(s.Model);
        var start = TrainJob.Values(kind, s);
        var (data, targets, columns, regression, _) = TrainJob.Load(context, s, kind);
        var options = TrainJob.Preprocessing(s, targets);

        // Every setting of a search uses the same folds, so each fold's preprocessing is fitted once and shared.
        var cache = new ConcurrentDictionary<(int, int), Lazy<(Matrix<double>, Matrix<double>)>>();
        var names = new ConcurrentDictionary<(int, int), IReadOnlyList<string>>();
        (Matrix<double> Train, Matrix<double> Test) Features(int[] train, int[] test) => cache.GetOrAdd((test[0], test.Length), key => new Lazy<(Matrix<double>, Matrix<double>)>(() =>
        {
            var (prep, xTrain) = Preprocessor.FitTransform(data.SelectRows(train), options);
            names[key] = prep.FeatureNames;
            return (xTrain, prep.Transform(data.SelectRows(test)));
        })).Value;

        Func<HyperparameterValues, IProgress<int>?, CrossValidationResult> evaluate;
        if (regression)
        {
            var y = Preprocessor.Fit(data, options).ReadTargets(data);
            evaluate = (values, progress) => new CrossValidation(folds, s.Seed, foldThreads) { Progress = progress }.Regression(values, y, Features);
        }
        else
        {
            var raw = TrainJob.ClassLabels(data, targets[0], columns[0]);
            evaluate = LabelText.AllNumeric(raw)
                ? Classifier([.. raw.Select(LabelText.Parse)], folds, s.Seed, foldThreads, Features)
                : Classifier(raw, folds, s.Seed, foldThreads, Features);
        }

        return new SelectionProblem(kind, regression ? ModelTask.Regression : ModelTask.Classification, data.RowCount, data.Source, start, evaluate, names);
    }

    /// <summary>Cross-validates one setting; <paramref name="progress"/> counts its finished folds.</summary>
    /// <remarks>A refusal that names features by index names them by column when every fold so far has the same features.</remarks>
    public CrossValidationResult Evaluate(HyperparameterValues values, IProgress<int>? progress = null)
    {
        try
        {
            return _evaluate(values, progress);
        }
        catch (ArgumentException e)
        {
            var folds = _featureNames.Values.ToArray();
            var names = folds.Length > 0 && folds.All(f => f.SequenceEqual(folds[0])) ? folds[0] : null;
            string message = e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
            throw new ArgumentException(LibraryWords.ToCommandLine(message, Kind, names), e);
        }
    }

    private static Func<HyperparameterValues, IProgress<int>?, CrossValidationResult> Classifier<TLabel>(TLabel[] labels, int folds, int seed, int threads, FoldFeatures features)
        where TLabel : notnull =>
        (values, progress) => new CrossValidation(folds, seed, threads) { Progress = progress }.Classification(values, labels, features);
}
