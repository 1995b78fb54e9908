using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Nabla.Bayes;
using Nabla.Cli.Data;
using Nabla.Cli.Experiments;
using Nabla.Data.Preprocessing;
using Nabla.Estimators;
using Nabla.IO;
using Nabla.Linear;
using Nabla.Metrics;
using Nabla.Networks;
using Nabla.Neurons;
using Nabla.Plotting;
using Nabla.Serialization;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Cli.Commands;

/// <summary>What <c>nabla train</c> does: read, split, preprocess, fit, measure, save, plot, report.</summary>
public static class TrainJob
{
    /// <summary>Where <c>nabla train</c> without <c>--data</c> saves the model unless told otherwise.</summary>
    public const string DefaultModelPath = "nabla-model.json";

    /// <summary>Where <c>nabla train</c> without <c>--data</c> writes plots unless told otherwise.</summary>
    public const string DefaultPlotsDirectory = "nabla-plots";

    /// <summary>The model types of <c>--model</c>.</summary>
    public static IReadOnlyList<string> Models { get; } = ["mlp", "perceptron", "logistic", "bayes-gaussian"];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(CliContext context, TrainSettings s)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(s);
        var clock = Stopwatch.StartNew();
        Check(s);
        bool builtIn = s.Data is null;
        var data = builtIn ? BuiltInData.TwoGaussians() : CsvFiles.Read(s.Data!);
        string? save = s.Save ?? (builtIn && !s.NoSave ? DefaultModelPath : null);
        string? plots = s.Plots ?? (builtIn && !s.NoSave ? DefaultPlotsDirectory : null);

        string[] targets = s.Target is null ? [data.Columns[^1]] : CommonOptions.List(s.Target);
        if (targets.Length == 0)
        {
            throw new CliException("--target names no column: give a column name, such as --target price.");
        }

        var targetColumns = targets.Select(t => data.RequireColumn(t, "target")).ToArray();
        bool regression = DecideTask(context, s, data, targets, targetColumns);
        var job = new Job(context, s, data, targets, save, plots, clock);
        return regression ? job.Regression() : job.Classification(targetColumns[0]);
    }

    private static void Check(TrainSettings s)
    {
        if (s.TestFraction is < 0 or >= 1 || double.IsNaN(s.TestFraction))
        {
            throw new CliException($"--test-fraction must be at least 0 and below 1 (0 for no test set), not {s.TestFraction.ToString(Invariant)}.");
        }

        if (s.ValidationFraction is < 0 or >= 1 || double.IsNaN(s.ValidationFraction))
        {
            throw new CliException($"--validation-fraction must be at least 0 and below 1 (0 for no early stopping), not {s.ValidationFraction.ToString(Invariant)}.");
        }

        if (s.LearningRate is double lr && !(lr > 0 && double.IsFinite(lr)))
        {
            throw new CliException($"--learning-rate must be a positive number, such as 0.05, not {lr.ToString(Invariant)}.");
        }

        if (s.Epochs is int e && e < 1)
        {
            throw new CliException($"--epochs must be at least 1, not {e}.");
        }

        if (s.Costs is not null && s.Model != "bayes-gaussian")
        {
            throw new CliException($"--costs sets the decision costs of --model bayes-gaussian; --model {s.Model} does not use them. Add --model bayes-gaussian, or leave --costs out.");
        }

        if (s.Threads is int threadCount && threadCount < 1)
        {
            throw new CliException($"--threads must be at least 1, not {threadCount}.");
        }

        if (s.BatchSize < 0)
        {
            throw new CliException($"--batch-size must be a positive number of rows (or 0 for the whole training set), not {s.BatchSize}.");
        }

        if (!(s.L2 >= 0) || !double.IsFinite(s.L2))
        {
            throw new CliException($"--l2 must be 0 or a positive number, not {s.L2.ToString(Invariant)}.");
        }

        if (s.Patience < 0)
        {
            throw new CliException($"--patience must be 0 (never stop early) or a positive number of epochs, not {s.Patience}.");
        }

        if (s.Threshold is double t && !(t > 0 && t < 1))
        {
            throw new CliException($"--threshold is a probability strictly between 0 and 1, such as 0.5, not {t.ToString(Invariant)}.");
        }
    }

    private static bool DecideTask(CliContext context, TrainSettings s, TabularData data, string[] targets, int[] columns)
    {
        bool numeric = columns.All(j => Enumerable.Range(0, data.RowCount).All(i => Cells.IsEmpty(data[i, j]) || (Cells.TryParseNumber(data[i, j], out double v) && double.IsFinite(v))));
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
                var distinct = columns.Select(j => Enumerable.Range(0, data.RowCount).Select(i => data[i, j].Trim()).Where(c => c.Length > 0)
                    .Select(c => Cells.TryParseNumber(c, out double v) ? v : double.NaN).Distinct().ToArray()).ToArray();
                regression = numeric && distinct.Any(d => d.Length > 20 || d.Any(v => v != Math.Round(v)));
                if (!s.Json && !s.Quiet && numeric)
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

        if (regression && s.Model != "mlp")
        {
            throw new CliException($"--model {s.Model} is a classifier, but the task is regression: use --model mlp, or --task classification.");
        }

        return regression;
    }

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

    // 0.12, 3.46e-8: plain in [0.001, 10⁴), scientific outside.
    private static string Sci(double value) => Math.Abs(value) is >= 1e-3 and < 1e4 ? value.ToString("G3", Invariant) : value.ToString("0.##e+0", Invariant);

    /// <summary>One training run; holds what every step needs.</summary>
    private sealed class Job(CliContext context, TrainSettings s, TabularData data, string[] targets, string? save, string? plots, Stopwatch clock)
    {
        private readonly List<string> _plotFiles = [];

        private bool Talk => !s.Json;

        public int Classification(int targetColumn)
        {
            var raw = new string[data.RowCount];
            for (int i = 0; i < raw.Length; i++)
            {
                raw[i] = data[i, targetColumn].Trim();
                if (raw[i].Length == 0)
                {
                    throw new DataFormatException(data.Source, data.LineOf(i), targets[0],
                        $"{data.Where(i, targetColumn)}: the target value is missing; every row used for training needs one. Fill it in or remove the row.");
                }
            }

            if (raw.Distinct(StringComparer.Ordinal).Count() < 2)
            {
                throw new DataFormatException(data.Source, null, targets[0],
                    $"{data.Source}: every row has the target '{raw[0]}' in column '{targets[0]}': a classifier needs at least two classes. Check --target.");
            }

            if (LabelText.AllNumeric(raw))
            {
                return Classify([.. raw.Select(LabelText.Parse)], [.. raw.Select(r => LabelText.Format(LabelText.Parse(r)))]);
            }

            return Classify(raw, raw);
        }

        public int Regression()
        {
            var (train, test) = DataSplit.TrainTest(data.RowCount, s.TestFraction, s.Seed);
            var (prep, xTrain, xTest, trainData, testData) = Prepare(train, test);
            var yTrain = prep.ReadTargets(trainData);
            var yTest = testData is null ? null : prep.ReadTargets(testData);
            Describe(prep, train.Length, test.Length, $"{targets.Length} numeric target{(targets.Length > 1 ? "s" : "")} ({string.Join(", ", targets)})");

            using var cancel = new CtrlC();
            var options = MlpOptions(cancel.Token, regression: true);
            ShowModel($"mlp {string.Join('-', [prep.FeatureCount, .. options.HiddenLayers, targets.Length])} ({options.Activation} hidden, identity output, {new MlpRegressor<double>(options).Loss.Name})");
            var model = TrainingProgress.Run(context, options.Epochs, s.Quiet, p => new MlpRegressor<double>(options with { Progress = p }).Fit(xTrain, yTrain));
            var history = model.History;
            ReportStop(history, model.Options.Epochs);

            var trainReport = RegressionMetrics.Evaluate(model, xTrain, yTrain);
            var testReport = xTest is null ? null : RegressionMetrics.Evaluate(model, xTest, yTest!);
            var trainMetrics = Metrics(trainReport);
            var testMetrics = testReport is null ? null : Metrics(testReport);
            var meta = Metadata(train.Length, test.Length, history, trainMetrics, testMetrics);
            if (save is not null)
            {
                ModelFile.Save(save, model, prep, meta);
            }

            if (plots is not null)
            {
                Plot(Plots.LossCurves(history, "mlp: loss per epoch"), "loss");
            }

            return Finish("mlp", null, trainMetrics, testMetrics, history);
        }

        private int Classify<TLabel>(TLabel[] labels, string[] strata)
            where TLabel : notnull
        {
            var (train, test) = DataSplit.TrainTest(data.RowCount, s.TestFraction, s.Seed, strata);
            var (prep, xTrain, xTest, _, _) = Prepare(train, test);
            TLabel[] yTrain = [.. train.Select(i => labels[i])];
            TLabel[] yTest = [.. test.Select(i => labels[i])];
            var classes = LabelOrder.SortedDistinct(labels);
            Describe(prep, train.Length, test.Length, $"target '{targets[0]}' ({classes.Length} classes: {Preview(classes.Select(LabelText.Format))})");

            Classifier<double, TLabel> model;
            TrainingHistory? history = null;
            if (s.Model == "perceptron")
            {
                var options = new PerceptronOptions
                {
                    LearningRate = s.LearningRate ?? 1.0,
                    MaxEpochs = s.Epochs ?? 1000,
                    Shuffle = true,
                    Seed = s.Seed,
                    Variant = Enum.Parse<PerceptronVariant>(s.Variant, ignoreCase: true),
                };
                ShowModel($"perceptron ({s.Variant}, {(classes.Length == 2 ? "one unit" : $"{classes.Length} units one-vs-rest")}), learning rate {options.LearningRate.ToString(Invariant)}, at most {options.MaxEpochs} epochs");
                var perceptron = new Perceptron<double, TLabel>(options).Fit(xTrain, yTrain);
                if (Talk)
                {
                    context.Out.WriteLine(perceptron.Converged
                        ? $"Converged: an epoch without errors after {perceptron.Epochs} epochs."
                        : $"Did not converge in {perceptron.Epochs} epochs (the classes are not linearly separable); kept the {s.Variant} weights.");
                }

                model = perceptron;
            }
            else if (s.Model == "logistic")
            {
                var logistic = FitLogistic(xTrain, yTrain, classes);
                history = new TrainingHistory(logistic.LossHistory.Skip(1).Select((loss, i) => new EpochRecord(i + 1, loss)), logistic.Iterations);
                model = logistic;
            }
            else if (s.Model == "bayes-gaussian")
            {
                model = FitBayes(prep, xTrain, yTrain, classes);
            }
            else
            {
                using var cancel = new CtrlC();
                var options = MlpOptions(cancel.Token, regression: false);
                int outputs = classes.Length == 2 ? 1 : classes.Length;
                var probe = new MlpClassifier<double, TLabel>(options);
                ShowModel($"mlp {string.Join('-', [prep.FeatureCount, .. options.HiddenLayers, outputs])} ({options.Activation} hidden, {(outputs == 1 ? "sigmoid" : "softmax")} output, {(options.Loss ?? (outputs == 1 ? "log-loss" : "cross-entropy"))})");
                var mlp = TrainingProgress.Run(context, options.Epochs, s.Quiet, p => new MlpClassifier<double, TLabel>(options with { Progress = p }).Fit(xTrain, yTrain));
                history = mlp.History;
                ReportStop(history, options.Epochs);
                model = mlp;
            }

            var trainReport = ClassificationMetrics.Evaluate(model, xTrain, yTrain);
            var testReport = xTest is null ? null : ClassificationMetrics.Evaluate(model, xTest, yTest);
            var costs = (model as BayesClassifier<double, TLabel>)?.Options.Costs;
            var trainMetrics = Metrics(trainReport, costs);
            var testMetrics = testReport is null ? null : Metrics(testReport, costs);
            var meta = Metadata(train.Length, test.Length, history, trainMetrics, testMetrics);
            if (save is not null)
            {
                ModelFile.Save(save, model, prep, meta);
            }

            if (plots is not null)
            {
                if (history is { Epochs.Count: > 0 })
                {
                    bool lbfgs = s.Model == "logistic" && s.Solver != "gd";
                    string title = s.Model != "logistic" ? $"{s.Model}: loss per epoch"
                        : lbfgs ? "logistic: log-loss + L2 penalty per L-BFGS iteration" : "logistic: log-loss + L2 penalty per epoch";
                    Plot(Plots.LossCurves(history, title, lbfgs ? "L-BFGS iteration" : "epoch"), "loss");
                }

                var report = testReport ?? trainReport;
                Plot(Plots.ConfusionMatrix(Relabel(report.ConfusionMatrix), $"{s.Model}: confusion matrix ({(testReport is null ? "training" : "test")} rows)"), "confusion-matrix");
                if (prep.FeatureCount == 2 && prep.Inputs.All(c => c.Kind == ColumnKind.Numeric))
                {
                    // Plot in the data's own units: undo the scaling for the points, redo it for the grid.
                    var points = prep.Scaler.InverseTransform(xTrain);
                    var index = model.Classes.Select((c, k) => (c, k)).ToDictionary(p => p.c, p => p.k);
                    Plot(Plots.DecisionRegions(grid => model.PredictClassIndices(prep.Scaler.Transform(grid)), points, [.. yTrain.Select(l => index[l])],
                        [.. model.Classes.Select(LabelText.Format)], $"{s.Model}: decision regions (training rows)", prep.FeatureNames), "decision-regions");
                }
            }

            return Finish(s.Model, model.Classes.Select(LabelText.Format).ToArray(), trainMetrics, testMetrics, history);
        }

        private LogisticRegression<double, TLabel> FitLogistic<TLabel>(Matrix<double> xTrain, TLabel[] yTrain, TLabel[] classes)
            where TLabel : notnull
        {
            bool binary = classes.Length == 2;
            var options = new LogisticRegressionOptions
            {
                Solver = s.Solver == "gd" ? LogisticRegressionSolver.GradientDescent : LogisticRegressionSolver.Lbfgs,
                L2Penalty = s.L2,
                Threshold = s.Threshold ?? 0.5,
                MaxIterations = s.Epochs ?? 1000,
                LearningRate = s.LearningRate ?? 0.1,
                BatchSize = s.BatchSize ?? 0,
                Seed = s.Seed,
            };
            if (s.BatchSize is not null && options.Solver == LogisticRegressionSolver.Lbfgs && !s.Quiet)
            {
                context.Error.WriteLine("nabla: note: --batch-size applies to --solver gd; L-BFGS always uses the whole training set.");
            }

            if (!binary && s.Threshold is not null && !s.Quiet)
            {
                context.Error.WriteLine($"nabla: note: --threshold applies to two classes; with {classes.Length} classes logistic regression decides the most probable one.");
            }

            string solver = options.Solver == LogisticRegressionSolver.Lbfgs
                ? "L-BFGS"
                : $"gradient descent with learning rate {options.LearningRate.ToString(Invariant)}, batch {BatchText(options.BatchSize)}";
            ShowModel((binary
                ? $"logistic regression (binary: P({LabelText.Format(classes[1])} | x) = σ(w·x + b), deciding {LabelText.Format(classes[1])} when it exceeds {options.Threshold.ToString(Invariant)})"
                : $"logistic regression (multinomial: P(k | x) = softmax(Wx + b)ₖ over {classes.Length} classes)")
                + $"; {solver}, L2 {options.L2Penalty.ToString(Invariant)}, at most {options.MaxIterations} iterations");
            var logistic = new LogisticRegression<double, TLabel>(options).Fit(xTrain, yTrain);
            if (Talk)
            {
                string gradient = $"‖∇J‖∞ = {Sci(logistic.GradientNorm)}";
                context.Out.WriteLine(logistic.StopReason switch
                {
                    OptimizationStopReason.GradientTolerance => $"Converged after {logistic.Iterations} iterations: {gradient} ≤ {Sci(options.Tolerance)}.",
                    OptimizationStopReason.LineSearchFailed => $"Stopped after {logistic.Iterations} iterations at the optimum to rounding precision ({gradient}).",
                    _ => $"Did not converge in {logistic.Iterations} iterations ({gradient}, tolerance {Sci(options.Tolerance)}): raise --epochs"
                        + (options.Solver == LogisticRegressionSolver.GradientDescent ? " or --learning-rate, or use --solver lbfgs." : "."),
                });
            }

            return logistic;
        }

        private BayesClassifier<double, TLabel> FitBayes<TLabel>(Preprocessor prep, Matrix<double> xTrain, TLabel[] yTrain, TLabel[] classes)
            where TLabel : notnull
        {
            int k = classes.Length, d = xTrain.Columns;
            bool uniform = s.Priors == "uniform";
            var costs = s.Costs is null ? null : ParseCosts(s.Costs, classes);
            var options = new BayesClassifierOptions { Priors = uniform ? [.. Enumerable.Repeat(1.0 / k, k)] : null, Costs = costs };
            ShowModel($"bayes-gaussian (one Gaussian N(μ, Σ) with full covariance per class, fitted by maximum likelihood; {(uniform ? "uniform priors" : "priors from the class frequencies")}; "
                + (costs is null ? "0-1 costs: decides the most probable class)" : $"costs {s.Costs!.Trim()}: decides the class of least conditional risk Σⱼ c_ij P(Cⱼ | x))"));
            try
            {
                return new BayesClassifier<double, TLabel>(options).Fit(xTrain, yTrain);
            }
            catch (ArgumentException)
            {
                // Say which class failed and why, in the CLI's terms.
                foreach (var c in classes)
                {
                    int[] rows = [.. Enumerable.Range(0, yTrain.Length).Where(i => EqualityComparer<TLabel>.Default.Equals(yTrain[i], c))];
                    string label = LabelText.Format(c);
                    if (rows.Length < d + 1)
                    {
                        throw new CliException($"--model bayes-gaussian fits a Gaussian with a {d}×{d} covariance to each class, which takes at least {d + 1} training rows, but class '{label}' has {rows.Length}. "
                            + "Use more rows, fewer features (--drop), or --model logistic.");
                    }

                    try
                    {
                        GaussianDensity.Fit(xTrain.SelectRows(rows));
                    }
                    catch (ArgumentException)
                    {
                        var oneHot = prep.Inputs.Where(i => i.Kind == ColumnKind.Categorical).Select(i => i.Name).ToArray();
                        throw new CliException($"--model bayes-gaussian cannot fit a Gaussian to class '{label}': the covariance of its {rows.Length} training rows is singular (a feature is constant within the class, or features are collinear"
                            + (oneHot.Length > 0
                                ? $"; one-hot encoded columns always are). Leave them out with --drop {string.Join(',', oneHot)}, or use --model logistic."
                                : "). Leave such columns out with --drop, or use --model logistic."));
                    }
                }

                throw;
            }
        }

        /// <summary>The --costs matrix: one row per decided class, one entry per true class, both in the order of <paramref name="classes"/>.</summary>
        private static double[,] ParseCosts<TLabel>(string text, TLabel[] classes)
            where TLabel : notnull
        {
            int k = classes.Length;
            string order = string.Join(", ", classes.Select(LabelText.Format));
            string[] rows = text.Split(';', StringSplitOptions.TrimEntries);
            if (rows.Length != k)
            {
                throw new CliException($"--costs has {rows.Length} row(s), but there are {k} classes ({order}): give {k} rows separated by ';', row i holding the costs of deciding class i.");
            }

            var costs = new double[k, k];
            for (int i = 0; i < k; i++)
            {
                string[] entries = rows[i].Split(',', StringSplitOptions.TrimEntries);
                if (entries.Length != k)
                {
                    throw new CliException($"--costs row {i + 1} ('{rows[i]}') has {entries.Length} entries, but there are {k} classes ({order}): give one cost per true class, separated by ','.");
                }

                for (int j = 0; j < k; j++)
                {
                    if (!double.TryParse(entries[j], NumberStyles.Float, Invariant, out costs[i, j]) || !double.IsFinite(costs[i, j]))
                    {
                        throw new CliException($"--costs row {i + 1}, entry {j + 1} is '{entries[j]}', not a finite number (use '.' for decimals).");
                    }
                }
            }

            return costs;
        }

        private (Preprocessor Prep, Matrix<double> XTrain, Matrix<double>? XTest, TabularData TrainData, TabularData? TestData) Prepare(int[] train, int[] test)
        {
            var trainData = data.SelectRows(train);
            var testData = test.Length > 0 ? data.SelectRows(test) : null;
            var prep = Preprocessor.Fit(trainData, new PreprocessorOptions
            {
                Targets = targets,
                Scale = Enum.Parse<ScalerKind>(s.Scale, ignoreCase: true),
                Impute = Enum.Parse<ImputeStrategy>(s.Impute, ignoreCase: true),
                Categorical = CommonOptions.List(s.Categorical),
                Drop = CommonOptions.List(s.Drop),
            });
            foreach (var column in prep.Inputs.Where(c => c.Width > 50 || (c.Width > 10 && c.Width > train.Length / 2)))
            {
                if (!s.Quiet)
                {
                    context.Error.WriteLine($"nabla: note: column '{column.Name}' has {column.Width} distinct text values, each a feature of its own; if it is an identifier or free text, leave it out with --drop {column.Name}.");
                }
            }

            var features = (prep, prep.Transform(trainData), testData is null ? null : prep.Transform(testData), trainData, testData);
            if (plots is not null)
            {
                // The data is valid: check the plot directory now, before training, not after the model has been saved.
                ExperimentPlots.Prepare(plots);
            }

            return features;
        }

        private MlpOptions MlpOptions(CancellationToken token, bool regression) => new()
        {
            HiddenLayers = Hidden(s.Hidden),
            Activation = s.Activation,
            Loss = s.Loss,
            Optimizer = s.Optimizer,
            Momentum = s.Momentum,
            Schedule = s.Schedule,
            LearningRate = s.LearningRate ?? 0.05,
            Epochs = s.Epochs ?? 200,
            BatchSize = MlpBatchSize,
            L2 = s.L2,
            Seed = s.Seed,
            Threads = s.Threads ?? 0,
            ValidationFraction = s.ValidationFraction,
            Patience = s.Patience,
            CancellationToken = token,
        };

        private void Describe(Preprocessor prep, int trainRows, int testRows, string target)
        {
            if (!Talk)
            {
                return;
            }

            int categorical = prep.Inputs.Count(c => c.Kind == ColumnKind.Categorical);
            context.Out.WriteLine($"Data: {data.Source}: {data.RowCount} rows; {prep.Inputs.Count} input column{(prep.Inputs.Count == 1 ? "" : "s")} ({Preview(prep.Inputs.Select(c => c.Name))})"
                + $"{(categorical > 0 ? $", {categorical} one-hot encoded" : "")} → {prep.FeatureCount} features, {s.Scale} scaling; {target}.");
            context.Out.WriteLine(testRows > 0
                ? $"Split: {trainRows} training rows, {testRows} test rows (--test-fraction {s.TestFraction.ToString(Invariant)}, --seed {s.Seed})."
                : $"Split: all {trainRows} rows for training, no test set (--test-fraction 0).");
        }

        /// <summary>The mlp's mini-batch size: --batch-size, or 32.</summary>
        private int MlpBatchSize => s.BatchSize ?? 32;

        private static string BatchText(int batch) => batch == 0 ? "full" : batch.ToString(Invariant);

        private void ShowModel(string text)
        {
            if (Talk)
            {
                string training = s.Model == "mlp"
                    ? $"; {s.Optimizer}, learning rate {(s.LearningRate ?? 0.05).ToString(Invariant)}, batch {BatchText(MlpBatchSize)}, L2 {s.L2.ToString(Invariant)}, at most {s.Epochs ?? 200} epochs"
                        + (s.ValidationFraction > 0 ? $", early stopping on {s.ValidationFraction.ToString(Invariant)} of the training rows (patience {s.Patience})" : "")
                    : "";
                context.Out.WriteLine($"Model: {text}{training}.");
            }
        }

        private void ReportStop(TrainingHistory history, int epochs)
        {
            if (history.Cancelled)
            {
                context.Error.WriteLine($"nabla: training stopped by Ctrl+C after {history.Epochs.Count} epochs; keeping the best model so far (epoch {history.BestEpoch}){(save is null ? " (not saved: no --save)" : "")}.");
            }
            else if (Talk && history.StoppedEarly)
            {
                context.Out.WriteLine($"Stopped early at epoch {history.Epochs.Count} of {epochs}: no validation improvement for {s.Patience} epochs; kept the weights of epoch {history.BestEpoch}.");
            }
        }

        private static Dictionary<string, double> Metrics<TLabel>(ClassificationReport<TLabel> r, double[,]? costs = null)
            where TLabel : notnull
        {
            var m = new Dictionary<string, double> { ["accuracy"] = r.Accuracy };
            if (costs is not null)
            {
                m["mean_cost"] = r.ConfusionMatrix.MeanCost(costs);
            }

            if (r.LogLoss is double loss)
            {
                m["loss"] = loss;
            }

            m["macro_f1"] = r.MacroF1;
            return m;
        }

        private static Dictionary<string, double> Metrics(RegressionReport r) => new() { ["mse"] = r.MeanSquaredError, ["mae"] = r.MeanAbsoluteError, ["r2"] = r.R2 };

        private static ConfusionMatrix<string> Relabel<TLabel>(ConfusionMatrix<TLabel> m)
            where TLabel : notnull
        {
            var actual = new List<string>();
            var predicted = new List<string>();
            var names = m.Classes.Select(LabelText.Format).ToArray();
            for (int i = 0; i < names.Length; i++)
            {
                for (int j = 0; j < names.Length; j++)
                {
                    for (int c = 0; c < m[i, j]; c++)
                    {
                        actual.Add(names[i]);
                        predicted.Add(names[j]);
                    }
                }
            }

            return new ConfusionMatrix<string>(actual, predicted, names);
        }

        private TrainingMetadata Metadata(int trainRows, int testRows, TrainingHistory? history, Dictionary<string, double> train, Dictionary<string, double>? test) => new()
        {
            Created = DateTimeOffset.UtcNow,
            NablaVersion = ModelFile.NablaVersion,
            Data = data.Source,
            TrainingRows = trainRows,
            TestRows = testRows,
            Seed = s.Seed,
            Seconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
            BestEpoch = history?.BestEpoch,
            StoppedEarly = history?.StoppedEarly ?? false,
            Cancelled = history?.Cancelled ?? false,
            History = history?.Epochs ?? [],
            TrainMetrics = train,
            TestMetrics = test ?? new Dictionary<string, double>(),
        };

        private void Plot(ScottPlot.Plot plot, string name) => _plotFiles.AddRange(ExperimentPlots.Write(plot, plots!, name));

        private int Finish(string model, string[]? classes, Dictionary<string, double> train, Dictionary<string, double>? test, TrainingHistory? history)
        {
            double seconds = Math.Round(clock.Elapsed.TotalSeconds, 3);
            if (s.Json)
            {
                var o = new JsonObject { ["model"] = model, ["task"] = classes is null ? "regression" : "classification" };
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
                var h = new JsonArray();
                foreach (var e in history?.Epochs ?? [])
                {
                    h.Add(TrainingJson.Epoch(e));
                }

                o["history"] = h;
                o["best_epoch"] = history?.BestEpoch;
                o["stopped_early"] = history?.StoppedEarly ?? false;
                o["cancelled"] = history?.Cancelled ?? false;
                o["seconds"] = seconds;
                o["saved"] = save;
                o["plots"] = new JsonArray([.. _plotFiles.Select(p => (JsonNode)p)]);
                Json.Write(context.Out, o);
            }
            else
            {
                var names = train.Keys.ToArray();
                context.Out.WriteLine();
                context.Out.WriteLine($"{"",-10}{string.Concat(names.Select(n => n.Replace('_', '-').PadLeft(10)))}");
                context.Out.WriteLine($"{"training",-10}{string.Concat(names.Select(n => F(train[n]).PadLeft(10)))}");
                if (test is not null)
                {
                    context.Out.WriteLine($"{"test",-10}{string.Concat(names.Select(n => F(test[n]).PadLeft(10)))}");
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

        private static int[] Hidden(string text)
        {
            if (string.IsNullOrWhiteSpace(text) || text.Trim() is "none" or "0")
            {
                return [];
            }

            var parts = CommonOptions.List(text);
            var sizes = new int[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
                {
                    throw new CliException($"--hidden takes layer sizes separated by commas, such as 64,32 (or none), but '{parts[i]}' is not a positive whole number.");
                }
            }

            return sizes;
        }

        private static string Preview(IEnumerable<string> names)
        {
            var list = names.ToList();
            return list.Count <= 6 ? string.Join(", ", list) : $"{string.Join(", ", list.Take(5))}, … ({list.Count})";
        }
    }

    /// <summary>Turns Ctrl+C into a cancellation of training, for as long as it lives.</summary>
    private sealed class CtrlC : IDisposable
    {
        private readonly CancellationTokenSource _source = new();

        public CtrlC() => Console.CancelKeyPress += OnCancel;

        public CancellationToken Token => _source.Token;

        public void Dispose()
        {
            Console.CancelKeyPress -= OnCancel;
            _source.Dispose();
        }

        private void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            // A second Ctrl+C ends the process as usual.
            if (!_source.IsCancellationRequested)
            {
                e.Cancel = true;
                _source.Cancel();
            }
        }
    }
}
