using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Nabla.Cli.Data;
using Nabla.Cli.ModelFiles;
using Nabla.Data.Preprocessing;
using Nabla.Estimators;
using Nabla.IO;
using Nabla.Metrics;
using Nabla.Tensors;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla importance</c>: permutation importance of each input column of a saved model on a labelled CSV file.</summary>
internal static class ImportanceCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = CommonOptions.ModelFile();
        var data = CommonOptions.DataFile();
        var target = new Option<string?>("--target", "-t") { HelpName = "COLUMN", Description = "The column with the true values (default: the target the model was trained on)." };
        var repeats = new Option<int>("--repeats") { HelpName = "N", Description = "Shuffles per column; the spread over them is shown.", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { HelpName = "N", Description = "Seed of the shuffles.", DefaultValueFactory = _ => 0 };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var limits = new CsvLimitOptions();
        var command = new Command("importance", """
            Permutation importance of a saved model's input columns: how much its score (accuracy for a classifier, R² for a
            regressor) drops on the given rows when one column's values are shuffled across them, with the spread over
            repeats. Use rows the model was not trained on. A column's one-hot or date features are shuffled together.

            Examples:
              nabla importance --model penguins.json --data penguins-test.csv
              nabla importance --model houses.json --data houses-2024.csv --repeats 20 --json
            """)
        {
            model, data, target, repeats, seed, json, verbose,
        };
        limits.AddTo(command);
        command.SetAction(r => NablaCommand.Guard(context, () => Run(context, r.GetValue(model)!, r.GetValue(data)!, limits.Read(r), r.GetValue(target), r.GetValue(repeats), r.GetValue(seed), r.GetValue(json)), r.GetValue(verbose)));
        return command;
    }

    private static int Run(CliContext context, string modelPath, string dataPath, CsvLimits limits, string? target, int repeats, int seed, bool json)
    {
        if (repeats < 1)
        {
            throw new CliException($"--repeats must be at least 1, not {repeats}.");
        }

        var saved = SavedModel.Load(modelPath);
        var table = CsvFiles.Read(dataPath, limits);
        string[] targets = target is null ? [.. saved.Targets] : CommonOptions.List(target);
        var columns = targets.Select(t => table.RequireColumn(t, "target")).ToArray();

        // Rows without their true value cannot be scored: left out, as evaluate does.
        var (labelled, left, first) = LabelledRows.Keep(table, columns, saved.TrueValueMissing);
        if (labelled.RowCount < 2)
        {
            throw new DataFormatException(dataPath, null, targets[0], $"{dataPath}: {labelled.RowCount} row{(labelled.RowCount == 1 ? " has" : "s have")} the true value ({string.Join(", ", targets)}); shuffling needs at least 2.");
        }

        var notes = new List<string>();
        if (left > 0)
        {
            notes.Add($"{LabelledRows.Rows(left)} without a true value left out (first: line {first}).");
        }

        table = labelled;
        var counts = new PreprocessingCounts();
        var x = saved.Features(table, counts);
        notes.AddRange(counts.Notes().Select(LibraryWords.ToCommandLine));
        foreach (string note in notes)
        {
            context.Error.WriteLine($"nabla: note: {note}");
        }

        Func<Matrix<double>, double> score;
        string metric;
        if (saved.IsClassifier)
        {
            var truth = EvaluateCommand.TrueClasses(saved, table, columns[0]);
            score = m => ClassificationMetrics.Accuracy(truth, saved.PredictClassIndices(m));
            metric = "accuracy";
        }
        else
        {
            if (columns.Length != saved.Info.TargetCount)
            {
                throw new CliException($"The model predicts {saved.Info.TargetCount} target(s) ({string.Join(", ", saved.Targets)}), but --target names {columns.Length}.");
            }

            var y = SavedModel.TrueValues(table, columns);
            score = m => RegressionMetrics.R2(y, saved.PredictValues(m));
            metric = "R²";
        }

        var importances = PermutationImportance.ForScore(x, score, Groups(saved, x.Columns), repeats, seed).OrderByDescending(i => i.Mean).ToArray();
        double baseline = importances[0].Baseline;
        if (json)
        {
            Json.Write(context.Out, new JsonObject
            {
                ["rows"] = x.Rows,
                ["metric"] = saved.IsClassifier ? "accuracy" : "r2",
                ["baseline"] = baseline,
                ["repeats"] = repeats,
                ["columns"] = new JsonArray([.. importances.Select(i => (JsonNode)new JsonObject
                {
                    ["column"] = i.Name, ["mean"] = i.Mean, ["std"] = i.StandardDeviation, ["drops"] = new JsonArray([.. i.Drops.Select(d => (JsonNode)d)]),
                })]),
                ["notes"] = new JsonArray([.. notes.Select(n => (JsonNode)n)]),
            });
            return NablaCommand.Success;
        }

        var o = context.Out;
        o.WriteLine($"Permutation importance of {saved.Info.ModelType} on {dataPath}: {x.Rows} rows, {metric} {F(baseline)}, {repeats} shuffles per column (--seed {seed}).");
        o.WriteLine();
        int width = Math.Max(8, importances.Max(i => i.Name.Length) + 2);
        o.WriteLine($"{"column".PadRight(width)}{"drop",10}{"± std",10}");
        foreach (var i in importances)
        {
            o.WriteLine($"{i.Name.PadRight(width)}{F(i.Mean),10}{F(i.StandardDeviation),10}");
        }

        o.WriteLine();
        o.WriteLine($"drop: {metric} without the column's information (its values shuffled), below {F(baseline)}; a drop within its spread of 0 means the model does not need the column.");
        return NablaCommand.Success;
    }

    // A column's features (one-hot, date parts, indicator) move together, as its cells would.
    private static (string Name, int[] Features)[] Groups(SavedModel saved, int featureCount)
    {
        if (saved.Preprocessing is not { } prep)
        {
            return [.. Enumerable.Range(0, featureCount).Select(j => ($"feature {j}", new[] { j }))];
        }

        var groups = new List<(string, int[])>();
        int offset = 0;
        foreach (var c in prep.Inputs)
        {
            groups.Add((c.Name, [.. Enumerable.Range(offset, c.Width)]));
            offset += c.Width;
        }

        return [.. groups];
    }

    private static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}
