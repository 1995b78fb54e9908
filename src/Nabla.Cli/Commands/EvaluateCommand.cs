using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Nabla.Models;
using Nabla.Cli.Data;
using Nabla.Cli.Evaluation;
using Nabla.Cli.ModelFiles;
using Nabla.Data.Preprocessing;
using Nabla.IO;
using Nabla.Metrics;
using Nabla.Tensors;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla evaluate</c>: metrics of a saved model on a labelled CSV file.</summary>
internal static class EvaluateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = CommonOptions.ModelFile();
        var data = CommonOptions.DataFile();
        var target = new Option<string?>("--target", "-t") { HelpName = "COLUMN", Description = "The column with the true values (default: the target the model was trained on)." };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var limits = new CsvLimitOptions();
        var command = new Command("evaluate", """
            Measure a saved model on a CSV file that has the true values: for a classifier accuracy, balanced accuracy, log-loss,
            ROC AUC (more than two classes: the mean of each against the rest), precision, recall and F1 per class, macro F1 and
            the confusion matrix; for a regressor MSE, MAE and R². Rows without their true value are left out, with a note.

            Examples:
              nabla evaluate --model iris.json --data iris-test.csv
              nabla evaluate --model houses.json --data houses-2024.csv --target price --json
            """)
        {
            model, data, target, json, verbose,
        };
        limits.AddTo(command);
        command.SetAction(r => NablaCommand.Guard(context, () => Run(context, r.GetValue(model)!, r.GetValue(data)!, limits.Read(r), r.GetValue(target), r.GetValue(json)), r.GetValue(verbose)));
        return command;
    }

    private static int Run(CliContext context, string modelPath, string dataPath, CsvLimits limits, string? target, bool json)
    {
        var saved = SavedModel.Load(modelPath);
        string[] targets = target is null ? [.. saved.Targets] : CommonOptions.List(target);

        // The file is read a chunk of rows at a time, and each chunk is scored and let go: never the whole table.
        var classification = saved.IsClassifier ? new ClassificationTally(saved.Info.Classes, saved.SupportsProbabilities) : null;
        var regression = saved.IsClassifier ? null : new RegressionTally(saved.Info.TargetCount);
        string[] targetNames = [];
        var counts = new PreprocessingCounts();
        int unlabelled = 0, firstUnlabelled = 0;
        foreach (var chunk in CsvFiles.ReadChunks(dataPath, PredictCommand.ChunkRows, limits))
        {
            var columns = targets.Select(t => chunk.RequireColumn(t, "target")).ToArray();
            targetNames = [.. columns.Select(j => chunk.Columns[j])];

            // A row without its true value cannot be scored: it is left out, and counted.
            var (table, left, first) = LabelledRows.Keep(chunk, columns, saved.TrueValueMissing);
            firstUnlabelled = unlabelled == 0 ? first : firstUnlabelled;
            unlabelled += left;
            if (table.RowCount == 0)
            {
                continue;
            }

            var x = saved.Features(table, counts);
            if (classification is not null)
            {
                classification.Add(TrueClasses(saved, table, columns[0]), saved.PredictClassIndices(x), saved.SupportsProbabilities ? saved.PredictProbabilities(x) : null);
            }
            else
            {
                if (columns.Length != saved.Info.TargetCount)
                {
                    throw new CliException($"The model predicts {saved.Info.TargetCount} target(s) ({string.Join(", ", saved.Targets)}), but --target names {columns.Length}.");
                }

                regression!.Add(SavedModel.TrueValues(table, columns), saved.PredictValues(x));
            }
        }

        if ((classification?.Rows ?? regression!.Rows) == 0)
        {
            throw new DataFormatException(dataPath, null, targets[0], $"{dataPath}: no row has its true value ({string.Join(", ", targets)}), so there is nothing to measure. Check --target.");
        }

        string[] notes = [.. (unlabelled == 0 ? [] : new[] { $"{LabelledRows.Rows(unlabelled)} without a true value left out of the scores (first: line {firstUnlabelled})." }),
            .. counts.Notes().Select(LibraryWords.ToCommandLine)];
        foreach (string note in notes)
        {
            context.Error.WriteLine($"nabla: note: {note}");
        }

        return classification is not null
            ? Classification(context, saved, dataPath, classification, json, notes)
            : Regression(context, saved, dataPath, targetNames, regression!, json, notes);
    }

    // The class index of each row's true label, as the model numbers its classes.
    internal static int[] TrueClasses(SavedModel saved, TabularData table, int column)
    {
        var classes = saved.Info.Classes;
        var index = classes.Select((c, k) => (c, k)).ToDictionary(p => p.c, p => p.k, StringComparer.Ordinal);
        var truth = new int[table.RowCount];
        for (int i = 0; i < truth.Length; i++)
        {
            string cell = table[i, column].Trim();
            string label = saved.Info.LabelType == "number" && Cells.TryParseNumber(cell, out double v) && double.IsFinite(v) ? LabelText.Format(v) : cell;
            if (cell.Length == 0)
            {
                throw new DataFormatException(table.Source, table.LineOf(i), table.Columns[column], $"{table.Where(i, column)}: the true class is missing; every row to evaluate needs one. Fill it in or remove the row.");
            }

            if (!index.TryGetValue(label, out truth[i]))
            {
                throw new DataFormatException(table.Source, table.LineOf(i), table.Columns[column],
                    $"{table.Where(i, column)}: '{cell}' is not one of the model's classes ({string.Join(", ", classes)}). Check --target, or remove rows of classes the model never saw.");
            }
        }

        return truth;
    }

    private static int Classification(CliContext context, SavedModel saved, string source, ClassificationTally tally, bool json, string[] notes)
    {
        var classes = saved.Info.Classes;
        int rows = tally.Rows;
        var matrix = tally.Matrix;
        double? logLoss = tally.LogLoss;
        var roc = tally.RocAuc();
        double? auc = roc?.Auc;
        if (json)
        {
            var cm = new JsonArray();
            for (int i = 0; i < classes.Count; i++)
            {
                cm.Add(new JsonArray([.. Enumerable.Range(0, classes.Count).Select(j => (JsonNode)matrix[i, j])]));
            }

            Json.Write(context.Out, new JsonObject
            {
                ["rows"] = rows,
                ["classes"] = new JsonArray([.. classes.Select(c => (JsonNode)c)]),
                ["accuracy"] = matrix.Accuracy,
                ["balanced_accuracy"] = matrix.BalancedAccuracy,
                ["mean_cost"] = saved.Costs is { } c ? matrix.MeanCost(c) : null,
                ["log_loss"] = logLoss,
                ["roc_auc"] = auc,
                ["roc_auc_error_bound"] = roc?.ErrorBound,
                ["confusion_matrix"] = cm,
                ["per_class"] = new JsonArray([.. matrix.PerClass().Select(c => (JsonNode)new JsonObject
                {
                    ["class"] = c.Class, ["precision"] = c.Precision, ["recall"] = c.Recall, ["f1"] = c.F1, ["support"] = c.Support,
                })]),
                ["macro_f1"] = matrix.MacroF1,
                ["notes"] = new JsonArray([.. notes.Select(n => (JsonNode)n)]),
            });
            return NablaCommand.Success;
        }

        var o = context.Out;
        o.WriteLine($"{saved.Info.ModelType} classifier ({classes.Count} classes) on {source}: {rows} rows.");
        o.WriteLine();
        o.WriteLine($"accuracy  {F(matrix.Accuracy)}");
        o.WriteLine($"balanced  {F(matrix.BalancedAccuracy)}   (mean recall over the classes)");
        if (saved.Costs is { } costs)
        {
            o.WriteLine($"mean cost {F(matrix.MeanCost(costs))}   (the average of c_ij over the rows: the risk the model's costs minimize)");
        }

        if (logLoss is double l)
        {
            o.WriteLine($"log-loss  {F(l)}");
        }

        if (roc is var (a, bound))
        {
            int bins = classes.Count == 2 ? ClassificationTally.HistogramBins : ClassificationTally.ClassBins;
            string how = bound == 0 ? "" : $"; from histograms of {bins.ToString("N0", CultureInfo.InvariantCulture)} score bins, as there are more than {ClassificationTally.ExactAucRows.ToString("N0", CultureInfo.InvariantCulture)} rows: within ±{bound.ToString("0.0e0", CultureInfo.InvariantCulture)}";
            string which = classes.Count == 2 ? $"class '{classes[1]}' as positive" : "the mean over the classes of each against the rest";
            o.WriteLine($"ROC AUC   {F(a)}   ({which}{how})");
        }

        o.WriteLine($"macro F1  {F(matrix.MacroF1)}");
        o.WriteLine();
        int width = Math.Max(8, classes.Max(c => c.Length) + 2);
        o.WriteLine($"{"class".PadRight(width)}{"precision",10}{"recall",10}{"f1",10}{"support",10}");
        foreach (var c in matrix.PerClass())
        {
            o.WriteLine($"{c.Class.PadRight(width)}{F(c.Precision),10}{F(c.Recall),10}{F(c.F1),10}{c.Support,10}");
        }

        o.WriteLine();
        o.WriteLine("Confusion matrix (rows: true class, columns: predicted class):");
        int cellWidth = Math.Max(6, classes.Max(c => c.Length) + 2);
        o.WriteLine($"{"".PadRight(width)}{string.Concat(classes.Select(c => c.PadLeft(cellWidth)))}");
        for (int i = 0; i < classes.Count; i++)
        {
            o.WriteLine($"{classes[i].PadRight(width)}{string.Concat(Enumerable.Range(0, classes.Count).Select(j => matrix[i, j].ToString(CultureInfo.InvariantCulture).PadLeft(cellWidth)))}");
        }

        return NablaCommand.Success;
    }

    private static int Regression(CliContext context, SavedModel saved, string source, string[] targets, RegressionTally tally, bool json, string[] notes)
    {
        var report = tally.Report();
        if (json)
        {
            Json.Write(context.Out, new JsonObject { ["rows"] = tally.Rows, ["mse"] = report.MeanSquaredError, ["mae"] = report.MeanAbsoluteError, ["r2"] = report.R2, ["notes"] = new JsonArray([.. notes.Select(n => (JsonNode)n)]) });
            return NablaCommand.Success;
        }

        context.Out.WriteLine($"{saved.Info.ModelType} regressor ({string.Join(", ", targets)}) on {source}: {tally.Rows} rows.");
        context.Out.WriteLine();
        context.Out.WriteLine($"MSE  {F(report.MeanSquaredError)}");
        context.Out.WriteLine($"MAE  {F(report.MeanAbsoluteError)}");
        context.Out.WriteLine($"R²   {F(report.R2)}");
        return NablaCommand.Success;
    }

    private static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}
