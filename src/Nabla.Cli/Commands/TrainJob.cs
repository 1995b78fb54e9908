using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Nabla.Cli.Data;
using Nabla.Cli.Experiments;
using Nabla.Data.Preprocessing;
using Nabla.Estimators;
using Nabla.IO;
using Nabla.Metrics;
using Nabla.Models;
using Nabla.Plotting;
using Nabla.Sampling;
using Nabla.Serialization;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Cli.Commands;

/// <summary>What <c>nabla train</c> does: read, split, preprocess, fit, measure, save, plot, report.</summary>
internal static class TrainJob
{
    /// <summary>Where <c>nabla train</c> without <c>--data</c> saves the model unless told otherwise.</summary>
    public const string DefaultModelPath = "nabla-model.json";

    /// <summary>Where <c>nabla train</c> without <c>--data</c> writes plots unless told otherwise.</summary>
    public const string DefaultPlotsDirectory = "nabla-plots";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(CliContext context, TrainSettings s)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(s);
        var clock = Stopwatch.StartNew();
        if (s.TestFraction is < 0 or >= 1 || double.IsNaN(s.TestFraction))
        {
            throw new CliException($"--test-fraction must be at least 0 and below 1 (0 for no test set), not {s.TestFraction.ToString(Invariant)}.");
        }

        var kind = ModelKinds.Get(s.Model);
        var values = Values(kind, s);
        var (data, targets, targetColumns, regression, notes) = Load(context, s, kind);
        bool builtIn = s.Data is null;
        string? save = s.Save ?? (builtIn && !s.NoSave ? DefaultModelPath : null);
        string? plots = s.Plots ?? (builtIn && !s.NoSave ? DefaultPlotsDirectory : null);
        // The model and the plots are one unit: staged as they are made, moved into place only when all are written.
        using var outputs = new OutputSet();
        var job = new Job(context, s, kind, values, data, targets, save, plots, outputs, clock, notes);
        data = null!; // the job lets go of the table once it has the matrices; so does this method

        return regression ? job.Regression() : job.Classification(targetColumns[0]);
    }

    /// <summary>
    /// Reads the data (or the built-in data set), finds the target columns and decides the task, as every command that
    /// learns from a table does (train, cv, tune).
    /// </summary>
    /// <remarks>Rows without a target value are left out, with a note (printed unless quiet, and returned).</remarks>
    internal static (TabularData Data, string[] Targets, int[] TargetColumns, bool Regression, string[] Notes) Load(CliContext context, TrainSettings s, ModelKind kind)
    {
        var data = s.Data is null ? BuiltInData.TwoGaussians() : CsvFiles.Read(s.Data, s.Limits);
        string[] targets = s.Target is null ? [data.Columns[^1]] : CommonOptions.List(s.Target);
        if (targets.Length == 0)
        {
            throw new CliException("--target names no column: give a column name, such as --target price.");
        }

        var targetColumns = targets.Select(t => data.RequireColumn(t, "target")).ToArray();
        bool regression = DecideTask(context, s, kind, data, targets, targetColumns);

        // A row without a target teaches nothing: it is left out. A target of numbers (a regression's, or class codes 0/1/2)
        // may also say NA, NaN, ? for missing; text classes only by an empty cell (NA may be a class, as North America).
        bool numbers = regression || NumbersAndGaps(data, targetColumns);
        Func<string, bool> missing = numbers ? Cells.IsMissingNumber : Cells.IsEmpty;
        var (labelled, left, first) = LabelledRows.Keep(data, targetColumns, missing);
        if (labelled.RowCount == 0)
        {
            throw new DataFormatException(data.Source, null, targets[0], $"{data.Source}: every row's target ({string.Join(", ", targets)}) is missing, so there is nothing to learn from. Check --target.");
        }

        string[] notes = left == 0 ? [] : [$"{LabelledRows.Rows(left)} without a target value left out (first: line {first}); nabla predict can predict them."];
        data = labelled;

        if (!s.Quiet)
        {
            foreach (string note in notes)
            {
                context.Error.WriteLine($"nabla: note: {note}");
            }
        }

        return (data, targets, targetColumns, regression, notes);
    }

    /// <summary>The class label of every row (trimmed text), after checking that none is missing and that there are two classes or more.</summary>
    internal static string[] ClassLabels(TabularData data, string target, int column)
    {
        var raw = new string[data.RowCount];
        var distinct = new Dictionary<string, string>(StringComparer.Ordinal); // one string per class, not per row
        for (int i = 0; i < raw.Length; i++)
        {
            string label = data[i, column].Trim();
            raw[i] = distinct.TryGetValue(label, out var known) ? known : distinct[label] = label;
            if (raw[i].Length == 0)
            {
                throw new DataFormatException(data.Source, data.LineOf(i), target,
                    $"{data.Where(i, column)}: the target value is missing; every row used for training needs one. Fill it in or remove the row.");
            }
        }

        if (distinct.Count < 2)
        {
            throw new DataFormatException(data.Source, null, target,
                $"{data.Source}: every row has the target '{raw[0]}' in column '{target}': a classifier needs at least two classes. Check --target.");
        }

        return raw;
    }

    /// <summary>The preprocessing the data options ask for.</summary>
    internal static PreprocessorOptions Preprocessing(TrainSettings s, string[] targets) => new()
    {
        Targets = targets,
        Scale = Enum.Parse<ScalerKind>(s.Scale, ignoreCase: true),
        Impute = Enum.Parse<ImputeStrategy>(s.Impute, ignoreCase: true),
        MinCategoryCount = s.MinCategoryCount,
        UnknownCategories = Enum.Parse<UnknownCategoryHandling>(s.UnknownCategories, ignoreCase: true),
        Categorical = CommonOptions.List(s.Categorical),
        Drop = CommonOptions.List(s.Drop),
    };

    /// <summary>The kind's values: its defaults, the hyperparameters given, and the run's seed as the model's seed.</summary>
    public static HyperparameterValues Values(ModelKind kind, TrainSettings s)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(s);
        var values = HyperparameterOptions.Apply(kind, s.Hyperparameters);
        return kind.Find("seed") is null ? values : values.With("seed", s.Seed);
    }

    private static bool DecideTask(CliContext context, TrainSettings s, ModelKind kind, TabularData data, string[] targets, int[] columns)
    {
        bool numeric = columns.All(j => Enumerable.Range(0, data.RowCount).All(i => Cells.IsEmpty(data[i, j]) || (Cells.TryParseNumber(data[i, j], out double v) && double.IsFinite(v))));

        // Numbers with a few cells missing or infinite are still a numeric target: the regression path then names the bad cell.
        bool numbersAndGaps = NumbersAndGaps(data, columns);
        bool regression;
        switch (s.Task)
        {
            case "classification":
                regression = false;
                break;
            case "regression":
                if (!numeric)
                {
                    var (row, column) = FirstNonNumber(data, columns);
                    throw new DataFormatException(data.Source, data.LineOf(row), data.Columns[column],
                        $"{data.Where(row, column)}: expected a number for the regression target, found '{data[row, column]}'. Fix the cell, or train a classifier (--task classification).");
                }

                regression = true;
                break;
            default:
                var distinct = columns.Select(j => Enumerable.Range(0, data.RowCount).Select(i => data[i, j].Trim()).Where(c => !Cells.IsMissingNumber(c))
                    .Select(c => Cells.TryParseNumber(c, out double v) && double.IsFinite(v) ? v : double.NaN).Where(double.IsFinite).Distinct().ToArray()).ToArray();
                regression = numbersAndGaps && distinct.Any(d => d.Length > 20 || d.Any(v => v != Math.Round(v)));
                if (!s.Json && !s.Quiet && numbersAndGaps)
                {
                    context.Out.WriteLine(regression
                        ? $"Task: regression (target {Quote(targets)} holds numbers with {distinct.Max(d => d.Length)} distinct values; use --task classification to treat them as classes)."
                        : $"Task: classification (target {Quote(targets)} holds {distinct.Max(d => d.Length)} distinct whole numbers; use --task regression to predict them as numbers).");
                }

                break;
        }

        if (!regression && targets.Length > 1)
        {
            throw new CliException($"A classifier predicts one target column, but --target names {targets.Length}: {string.Join(", ", targets)}. Give one, or use --task regression.");
        }

        if (regression && !kind.Serves(ModelTask.Regression))
        {
            var regressors = ModelKinds.All.Where(k => k.Serves(ModelTask.Regression)).Select(k => $"--model {k.Name}");
            throw new CliException($"--model {kind.Name} is a classifier, but the task is regression: use {string.Join(" or ", regressors)}, or --task classification.");
        }

        return regression;
    }

    // Every cell of the columns a number, or a missing one (empty, NA, NaN, …).
    private static bool NumbersAndGaps(TabularData data, int[] columns) =>
        columns.All(j => Enumerable.Range(0, data.RowCount).All(i => Cells.IsMissingNumber(data[i, j]) || Cells.TryParseNumber(data[i, j], out _)));

    private static (int Row, int Column) FirstNonNumber(TabularData data, int[] columns)
    {
        foreach (int j in columns)
        {
            for (int i = 0; i < data.RowCount; i++)
            {
                if (!Cells.IsEmpty(data[i, j]) && !(Cells.TryParseNumber(data[i, j], out double v) && double.IsFinite(v)))
                {
                    return (i, j);
                }
            }
        }

        return (0, columns[0]);
    }

    private static string Quote(string[] names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private static string F(double value) => value.ToString("0.0000", Invariant);

    /// <summary>One training run; holds what every step needs.</summary>
    private sealed class Job(CliContext context, TrainSettings s, ModelKind kind, HyperparameterValues values, TabularData data, string[] targets, string? save, string? plots, OutputSet outputs, Stopwatch clock, string[] loadNotes)
    {
        private readonly List<string> _notes = [.. loadNotes];
        private readonly string _source = data.Source;
        private readonly int _rowCount = data.RowCount;
        private readonly List<string> _plotFiles = [];
        private string _stoppedBy = "Ctrl+C";
        private string _unit = "epoch";

        // Below this, the table's text is small enough to leave to the collector.
        private const int CollectAfterRows = 100_000;

        private bool Talk => !s.Json;

        public int Classification(int targetColumn)
        {
            var raw = ClassLabels(data, targets[0], targetColumn);
            if (LabelText.AllNumeric(raw))
            {
                // One string per class, not per row: a table of millions of rows has a few distinct labels.
                var formatted = new Dictionary<string, string>(StringComparer.Ordinal);
                return Classify([.. raw.Select(LabelText.Parse)], [.. raw.Select(r => formatted.TryGetValue(r, out var f) ? f : formatted[r] = LabelText.Format(LabelText.Parse(r)))]);
            }

            return Classify(raw, raw);
        }

        public int Regression()
        {
            var (train, test) = DataSplit.TrainTest(_rowCount, s.TestFraction, s.Seed);
            var (prep, xTrain, xTest, yTrain, yTest) = Prepare(train, test, regression: true);
            Describe(prep, train.Length, test.Length, $"{targets.Length} numeric target{(targets.Length > 1 ? "s" : "")} ({string.Join(", ", targets)})");

            ShowModel(new ModelShape(prep.FeatureCount, [], targets.Length, train.Length));
            var model = Fit(control => kind.CreateRegressor<double>(values, control).Fit(xTrain, yTrain!), prep.FeatureNames);
            var history = kind.HistoryOf(model);
            Report(kind.DescribeFit(model), history, prep.FeatureNames);

            var trainReport = model.Evaluate(xTrain, yTrain!);
            var testReport = xTest is null ? null : model.Evaluate(xTest, yTest!);
            var trainMetrics = Metrics(trainReport);
            var testMetrics = testReport is null ? null : Metrics(testReport);
            var meta = Metadata(train.Length, test.Length, history, trainMetrics, testMetrics);
            if (save is not null)
            {
                outputs.StageText(save, ModelFile.ToJson(model, prep, meta));
            }

            if (plots is not null)
            {
                PlotHistory(history);
                var (x, y, rows) = xTest is null ? (xTrain, yTrain!, "training") : (xTest, yTest!, "test");
                var predicted = model.Predict(x);
                for (int t = 0; t < targets.Length; t++)
                {
                    Plot(Plots.PredictedVersusActual([.. Enumerable.Range(0, y.Rows).Select(i => y[i, t])], [.. Enumerable.Range(0, y.Rows).Select(i => predicted[i, t])], $"{kind.Name}: predicted against true {targets[t]} ({rows} rows)", targets[t]),
                        targets.Length == 1 ? "predicted-vs-true" : $"predicted-vs-true-{t + 1}");
                }
            }

            return Finish(null, trainMetrics, testMetrics, history, kind.Describe(model, prep.FeatureNames).Parameters, null);
        }

        private int Classify<TLabel>(TLabel[] labels, string[] strata)
            where TLabel : notnull
        {
            var (train, test) = DataSplit.TrainTest(_rowCount, s.TestFraction, s.Seed, strata);
            var (prep, xTrain, xTest, _, _) = Prepare(train, test, regression: false);
            TLabel[] yTrain = [.. train.Select(i => labels[i])];
            TLabel[] yTest = [.. test.Select(i => labels[i])];
            var classes = LabelOrder.SortedDistinct(labels);
            Describe(prep, train.Length, test.Length, $"target '{targets[0]}' ({classes.Length} classes: {Preview(classes.Select(LabelText.Format))})");

            ShowModel(new ModelShape(prep.FeatureCount, [.. classes.Select(LabelText.Format)], 0, train.Length));
            var model = Fit(control => kind.CreateClassifier<double, TLabel>(values, control).Fit(xTrain, yTrain), prep.FeatureNames);
            var history = kind.HistoryOf(model);
            Report(kind.DescribeFit(model), history, prep.FeatureNames);

            var trainReport = model.Evaluate(xTrain, yTrain);
            var testReport = xTest is null ? null : model.Evaluate(xTest, yTest);
            var costs = model.DecisionCosts;
            var trainMetrics = Metrics(trainReport, costs);
            var testMetrics = testReport is null ? null : Metrics(testReport, costs);
            var meta = Metadata(train.Length, test.Length, history, trainMetrics, testMetrics);
            if (save is not null)
            {
                outputs.StageText(save, ModelFile.ToJson(model, prep, meta));
            }

            if (plots is not null)
            {
                PlotHistory(history);
                var report = testReport ?? trainReport;
                Plot(Plots.ConfusionMatrix(Relabel(report.ConfusionMatrix), $"{kind.Name}: confusion matrix ({(testReport is null ? "training" : "test")} rows)"), "confusion-matrix");
                if (model.SupportsProbabilities)
                {
                    var (x, y) = xTest is null ? (xTrain, yTrain) : (xTest, yTest);
                    PlotRanking(model.Classes, model.PredictProbabilities(x), y, xTest is null ? "training" : "test");
                }

                if (prep.FeatureCount == 2 && prep.Inputs.All(c => c.Kind == ColumnKind.Numeric))
                {
                    // Plot in the data's own units: undo the scaling for the points, redo it for the grid.
                    var points = prep.Scaler.InverseTransform(xTrain);
                    var index = model.Classes.Select((c, k) => (c, k)).ToDictionary(p => p.c, p => p.k);
                    Plot(Plots.DecisionRegions(grid => model.PredictClassIndices(prep.Scaler.Transform(grid)), points, [.. yTrain.Select(l => index[l])],
                        [.. model.Classes.Select(LabelText.Format)], $"{kind.Name}: decision regions (training rows)", prep.FeatureNames), "decision-regions");
                }
            }

            // Per-class recall on the rows that score the model: the figure that shows a class never predicted.
            var scored = (testReport ?? trainReport).ConfusionMatrix;
            // A class with no rows among them has no recall (NaN: "n/a", null in --json), unlike one never predicted (0).
            double[] recall = [.. Enumerable.Range(0, model.Classes.Count).Select(k => scored.Support(k) == 0 ? double.NaN : scored.Recall(k))];
            return Finish(model.Classes.Select(LabelText.Format).ToArray(), trainMetrics, testMetrics, history, kind.Describe(model, prep.FeatureNames).Parameters, recall);
        }

        /// <summary>
        /// Fits, with the progress display and Ctrl+C for kinds that train in epochs or iterations; a refusal naming features
        /// by index ("feature 3") names them by column instead.
        /// </summary>
        private TModel Fit<TModel>(Func<FitControl?, TModel> fit, IReadOnlyList<string> featureNames)
        {
            try
            {
                if (!kind.ReportsProgress)
                {
                    return fit(null);
                }

                using var cancel = new StopSignals();
                int epochs = kind.Find("epochs") is null ? 0 : (int)values["epochs"]!;
                var model = TrainingProgress.Run(context, epochs, s.Quiet, p => fit(new FitControl(p, cancel.Token)), _unit);
                _stoppedBy = cancel.StoppedBy ?? _stoppedBy;
                return model;
            }
            catch (ArgumentException e)
            {
                string message = e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
                throw new ArgumentException(LibraryWords.ToCommandLine(message, kind, featureNames), e);
            }
        }

        /// <summary>
        /// ROC and precision–recall curves and the reliability diagram of the probabilities on the given rows: for two classes
        /// of the second class, for more of each class against the rest (the classes the rows hold both ways).
        /// </summary>
        private void PlotRanking<TLabel>(IReadOnlyList<TLabel> classes, Matrix<double> p, TLabel[] y, string rows)
            where TLabel : notnull
        {
            var comparer = EqualityComparer<TLabel>.Default;
            var ranked = (classes.Count == 2 ? [1] : Enumerable.Range(0, classes.Count))
                .Select(k => (Name: LabelText.Format(classes[k]), Scores: Enumerable.Range(0, p.Rows).Select(i => p[i, k]).ToArray(), Positive: y.Select(l => comparer.Equals(l, classes[k])).ToArray()))
                .Where(c => c.Positive.Contains(true) && c.Positive.Contains(false)).ToArray();
            if (ranked.Length == 0)
            {
                return;
            }

            string which = classes.Count == 2 ? $"'{ranked[0].Name}' as positive" : "each class against the rest";
            Plot(Plots.RocCurves([.. ranked.Select(c => (c.Name, ClassificationMetrics.RocCurve(c.Scores, c.Positive)))], $"{kind.Name}: ROC ({which}; {rows} rows)"), "roc");
            Plot(Plots.PrecisionRecallCurves([.. ranked.Select(c => (c.Name, ClassificationMetrics.PrecisionRecallCurve(c.Scores, c.Positive), ClassificationMetrics.AveragePrecision(c.Scores, c.Positive)))], $"{kind.Name}: precision–recall ({which}; {rows} rows)"), "precision-recall");
            Plot(Plots.Calibration([.. ranked.Select(c => (c.Name, ClassificationMetrics.CalibrationCurve(c.Scores, c.Positive)))], $"{kind.Name}: calibration ({which}; {rows} rows)"), "calibration");
        }

        /// <summary>The loss (or errors) per epoch or iteration, when the kind records a history.</summary>
        private void PlotHistory(TrainingHistory? history)
        {
            if (history is { Epochs.Count: > 0 })
            {
                Plot(Plots.LossCurves(history, $"{kind.Name}: {history.Quantity} per {history.Unit}", history.Unit), "loss");
            }
        }

        /// <summary>
        /// The preprocessing fitted on the training rows, their features and (for regression) targets, and the test rows'.
        /// Afterwards the job lets go of the table: its text is often most of the memory in use, and training needs only the
        /// matrices.
        /// </summary>
        private (Preprocessor Prep, Matrix<double> XTrain, Matrix<double>? XTest, Matrix<double>? YTrain, Matrix<double>? YTest) Prepare(int[] train, int[] test, bool regression)
        {
            TabularData? trainData = data.SelectRows(train);
            var testData = test.Length > 0 ? data.SelectRows(test) : null;
            var (prep, xTrain) = Preprocessor.FitTransform(trainData, Preprocessing(s, targets));
            foreach (string note in prep.Notes)
            {
                Note(LibraryWords.ToCommandLine(note));
            }

            foreach (var column in prep.Inputs.Where(c => c.Encoder is { } e && (e.Categories.Count > 50 || (e.Categories.Count > 10 && e.Categories.Count > train.Length / 2))))
            {
                Note($"column '{column.Name}' has {column.Encoder!.Categories.Count} distinct text values, each a feature of its own; if it is an identifier or free text, leave it out with --drop {column.Name}.");
            }

            var features = (prep, xTrain, testData is null ? null : prep.Transform(testData),
                regression ? prep.ReadTargets(trainData) : null, regression && testData is not null ? prep.ReadTargets(testData) : null);
            data = null!;
            trainData = testData = null;
            // A large table leaves its text behind as garbage now: give it back before the model allocates its own memory.
            if (_rowCount >= CollectAfterRows)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }

            if (plots is not null)
            {
                // The data is valid: check the plot directory now, before training, not after the model has been saved.
                bool existed = Directory.Exists(plots);
                ExperimentPlots.Prepare(plots);
                if (!existed)
                {
                    outputs.Created(plots);
                }
            }

            return features;
        }

        // A decision taken on the user's behalf: printed unless quiet, and in --json.
        private void Note(string note)
        {
            _notes.Add(note);
            if (!s.Quiet)
            {
                context.Error.WriteLine($"nabla: note: {note}");
            }
        }

        private void Describe(Preprocessor prep, int trainRows, int testRows, string target)
        {
            if (!Talk)
            {
                return;
            }

            int categorical = prep.Inputs.Count(c => c.Kind == ColumnKind.Categorical);
            context.Out.WriteLine($"Data: {_source}: {_rowCount} rows; {prep.Inputs.Count} input column{(prep.Inputs.Count == 1 ? "" : "s")} ({Preview(prep.Inputs.Select(c => c.Name))})"
                + $"{(categorical > 0 ? $", {categorical} one-hot encoded" : "")} → {prep.FeatureCount} features, {s.Scale} scaling; {target}.");
            context.Out.WriteLine(testRows > 0
                ? $"Split: {trainRows} training rows, {testRows} test rows (--test-fraction {s.TestFraction.ToString(Invariant)}, --seed {s.Seed})."
                : $"Split: all {trainRows} rows for training, no test set (--test-fraction 0).");
        }

        private void ShowModel(ModelShape shape)
        {
            _unit = kind.HistoryUnit(values, shape);
            if (!s.Quiet)
            {
                foreach (string note in kind.Notes(values, shape, [.. s.Hyperparameters.Keys]))
                {
                    context.Error.WriteLine($"nabla: note: {LibraryWords.ToCommandLine(note, kind)}");
                }
            }

            if (Talk)
            {
                context.Out.WriteLine($"Model: {kind.DescribeSetup(values, shape)}.");
            }
        }

        private void Report(string? fit, TrainingHistory? history, IReadOnlyList<string> featureNames)
        {
            if (Talk && fit is not null)
            {
                context.Out.WriteLine(LibraryWords.NameFeatures(LibraryWords.ToCommandLine(fit, kind), featureNames));
            }

            if (history is null)
            {
                return;
            }

            if (history.Cancelled)
            {
                context.Error.WriteLine($"nabla: training stopped by {_stoppedBy} after {history.Epochs.Count} {history.Unit}s; keeping the best model so far ({history.Unit} {history.BestEpoch}){(save is null ? " (not saved: no --save)" : "")}.");
            }
            else if (Talk && history.StoppedEarly)
            {
                string patience = kind.Find("patience") is null ? "" : $" for {values.Text("patience")} {history.Unit}s";
                context.Out.WriteLine($"Stopped early at {history.Unit} {history.Epochs.Count}: no validation improvement{patience}; kept the weights of {history.Unit} {history.BestEpoch}.");
            }
        }

        private static Dictionary<string, double> Metrics<TLabel>(ClassificationReport<TLabel> r, double[,]? costs = null)
            where TLabel : notnull
        {
            var m = new Dictionary<string, double> { ["accuracy"] = r.Accuracy, ["balanced_accuracy"] = r.BalancedAccuracy };
            if (costs is not null)
            {
                m["mean_cost"] = r.ConfusionMatrix.MeanCost(costs);
            }

            if (r.LogLoss is double loss)
            {
                m["loss"] = loss;
            }

            if (r.RocAuc is double auc)
            {
                m["roc_auc"] = auc;
            }

            m["macro_f1"] = r.MacroF1;
            return m;
        }

        private static Dictionary<string, double> Metrics(RegressionReport r) => new() { ["mse"] = r.MeanSquaredError, ["mae"] = r.MeanAbsoluteError, ["r2"] = r.R2 };

        private static ConfusionMatrix<string> Relabel<TLabel>(ConfusionMatrix<TLabel> m)
            where TLabel : notnull => new([.. m.Classes.Select(LabelText.Format)], m.ToArray());

        private TrainingMetadata Metadata(int trainRows, int testRows, TrainingHistory? history, Dictionary<string, double> train, Dictionary<string, double>? test) => new()
        {
            Created = DateTimeOffset.UtcNow,
            NablaVersion = ModelFile.NablaVersion,
            Data = _source,
            TrainingRows = trainRows,
            TestRows = testRows,
            Seed = s.Seed,
            Seconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
            BestEpoch = history?.BestEpoch,
            StoppedEarly = history?.StoppedEarly ?? false,
            Cancelled = history?.Cancelled ?? false,
            History = history?.Epochs ?? [],
            Unit = history?.Unit ?? "epoch",
            Quantity = history?.Quantity ?? "loss",
            TrainMetrics = train,
            TestMetrics = test ?? new Dictionary<string, double>(),
        };

        private void Plot(ScottPlot.Plot plot, string name) => _plotFiles.AddRange(ExperimentPlots.Write(outputs, plot, plots!, name));

        private int Finish(string[]? classes, Dictionary<string, double> train, Dictionary<string, double>? test, TrainingHistory? history, JsonNode learned, double[]? recall)
        {
            string recallRows = test is null ? "training" : "test";
            // Everything is written: only now do the model and the plots replace what was there.
            outputs.Commit();
            double seconds = Math.Round(clock.Elapsed.TotalSeconds, 3);
            if (s.Json)
            {
                var o = new JsonObject { ["model"] = kind.Name, ["task"] = classes is null ? "regression" : "classification" };
                if (classes is not null)
                {
                    o["classes"] = new JsonArray([.. classes.Select(c => (JsonNode)c)]);
                }
                else
                {
                    o["targets"] = new JsonArray([.. targets.Select(t => (JsonNode)t)]);
                }

                o["train"] = Object(train);
                o["test"] = test is null ? null : Object(test);
                if (classes is not null && recall is not null)
                {
                    var perClass = new JsonObject();
                    for (int k = 0; k < classes.Length; k++)
                    {
                        perClass[classes[k]] = double.IsNaN(recall[k]) ? null : recall[k];
                    }

                    o["recall"] = new JsonObject { ["rows"] = recallRows, ["per_class"] = perClass };
                }
                var h = new JsonArray();
                foreach (var e in history?.Epochs ?? [])
                {
                    h.Add(TrainingJson.Epoch(e));
                }

                o["history"] = h;
                // The learned parameters as inspect shows them (a perceptron's w = [b, w₁, …], errors per epoch and convergence figures).
                o["learned"] = learned.DeepClone();
                o["best_epoch"] = history?.BestEpoch;
                o["stopped_early"] = history?.StoppedEarly ?? false;
                o["cancelled"] = history?.Cancelled ?? false;
                o["seconds"] = seconds;
                o["notes"] = new JsonArray([.. _notes.Select(n => (JsonNode)n)]);
                o["saved"] = save;
                o["plots"] = new JsonArray([.. _plotFiles.Select(p => (JsonNode)p)]);
                Json.Write(context.Out, o);
            }
            else
            {
                var names = train.Keys.ToArray();
                context.Out.WriteLine();
                // Each column as wide as its name needs (balanced-accuracy), at least 10.
                int Width(string n) => Math.Max(10, n.Length + 2);
                context.Out.WriteLine($"{"",-10}{string.Concat(names.Select(n => n.Replace('_', '-').PadLeft(Width(n))))}");
                context.Out.WriteLine($"{"training",-10}{string.Concat(names.Select(n => F(train[n]).PadLeft(Width(n))))}");
                if (test is not null)
                {
                    context.Out.WriteLine($"{"test",-10}{string.Concat(names.Select(n => F(test[n]).PadLeft(Width(n))))}");
                }

                if (classes is not null && recall is not null)
                {
                    context.Out.WriteLine($"Recall per class ({recallRows} rows): {string.Join(", ", classes.Select((c, k) => $"{c} {(double.IsNaN(recall[k]) ? $"n/a (no {recallRows} rows)" : F(recall[k]))}"))}");
                }

                context.Out.WriteLine();
                if (save is not null)
                {
                    context.Out.WriteLine($"Saved the model to {save}. Use it with: nabla predict --model {save} --data FILE.csv   (or: nabla evaluate, nabla inspect)");
                }
                else
                {
                    context.Out.WriteLine("Not saved: add --save model.json to keep the model.");
                }

                if (_plotFiles.Count > 0)
                {
                    ExperimentPlots.Report(context.Out, plots!, _plotFiles);
                }

                context.Out.WriteLine($"Took {seconds.ToString("0.0", Invariant)} s.");
            }

            return history?.Cancelled == true ? NablaCommand.BadInput : NablaCommand.Success;
        }

        private static JsonObject Object(Dictionary<string, double> metrics)
        {
            var o = new JsonObject();
            foreach (var (k, v) in metrics)
            {
                o[k] = v;
            }

            return o;
        }

        private static string Preview(IEnumerable<string> names)
        {
            var list = names.ToList();
            return list.Count <= 6 ? string.Join(", ", list) : $"{string.Join(", ", list.Take(5))}, … ({list.Count})";
        }
    }

    /// <summary>
    /// Turns Ctrl+C (SIGINT) and SIGTERM into a cancellation of training, for as long as it lives: the first stops training after
    /// the current batch; a second ends the process as usual.
    /// </summary>
    private sealed class StopSignals : IDisposable
    {
        private readonly CancellationTokenSource _source = new();
        private readonly PosixSignalRegistration? _term;
        private string? _stoppedBy;

        public StopSignals()
        {
            Console.CancelKeyPress += OnCancel;
            try
            {
                _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnTerm);
            }
            catch (PlatformNotSupportedException)
            {
                // No SIGTERM here (browser, mobile): Ctrl+C still works.
            }
        }

        public CancellationToken Token => _source.Token;

        /// <summary>What stopped training, for the message; null if nothing did.</summary>
        public string? StoppedBy => Volatile.Read(ref _stoppedBy);

        public void Dispose()
        {
            Console.CancelKeyPress -= OnCancel;
            _term?.Dispose();
            _source.Dispose();
        }

        private void OnCancel(object? sender, ConsoleCancelEventArgs e) => e.Cancel = Stop("Ctrl+C");

        private void OnTerm(PosixSignalContext context) => context.Cancel = Stop("SIGTERM");

        /// <summary>Cancels training the first time; returns whether the signal was taken (false lets a second one end the process).</summary>
        private bool Stop(string signal)
        {
            if (Interlocked.CompareExchange(ref _stoppedBy, signal, null) is not null)
            {
                return false;
            }

            try
            {
                _source.Cancel();
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false; // training is over: let the signal end the process
            }
        }
    }
}
