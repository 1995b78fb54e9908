using System.CommandLine;
using System.Globalization;
using Nabla.Models;
using Nabla.Cli.ModelFiles;
using Nabla.Data.Preprocessing;
using Nabla.IO;
using Nabla.Serialization;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla predict</c>: predictions of a saved model for the rows of a CSV file, as CSV.</summary>
internal static class PredictCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = CommonOptions.ModelFile();
        var data = CommonOptions.DataFile();
        var probabilities = new Option<bool>("--probabilities", "-p") { Description = "Also write the probability of each class (mlp, logistic and bayes-gaussian classifiers; a perceptron gives none)." };
        var output = new Option<string?>("--output", "-o") { HelpName = "FILE.csv", Description = "Write the CSV to this file (atomically) instead of standard output." };
        var verbose = CommonOptions.Verbose();
        var limits = new CsvLimitOptions();
        var command = new Command("predict", """
            Predict with a saved model: the rows of a CSV file with the training columns (the target column may be there or not),
            written back as CSV with a 'prediction' column added (one 'predicted_<target>' column per target for regression).

            Examples:
              nabla predict --model iris.json --data new-flowers.csv
              nabla predict --model iris.json --data new-flowers.csv --probabilities --output predictions.csv
            """)
        {
            model, data, probabilities, output, verbose,
        };
        limits.AddTo(command);
        command.SetAction(r => NablaCommand.Guard(context, () => Run(context, r.GetValue(model)!, r.GetValue(data)!, limits.Read(r), r.GetValue(probabilities), r.GetValue(output)), r.GetValue(verbose)));
        return command;
    }

    /// <summary>Rows read, predicted and written at a time: memory stays flat whatever the file's size.</summary>
    internal const int ChunkRows = 8192;

    private static int Run(CliContext context, string modelPath, string dataPath, CsvLimits limits, bool probabilities, string? output)
    {
        var saved = SavedModel.Load(modelPath);
        if (probabilities && !saved.IsClassifier)
        {
            throw new CliException($"--probabilities applies to classifiers, but {modelPath} holds a regression model: leave it out.");
        }

        int rows = 0;
        var counts = new PreprocessingCounts();
        void Predict(TextWriter writer)
        {
            List<string>? header = null;
            foreach (var chunk in CsvFiles.ReadChunks(dataPath, ChunkRows, limits))
            {
                if (header is null)
                {
                    header = Header(saved, chunk.Columns, probabilities);
                    CsvFiles.Write(writer, header, []);
                }

                CsvFiles.WriteRows(writer, Rows(saved, chunk, probabilities, counts));
                rows += chunk.RowCount;
            }
        }

        if (output is null)
        {
            Predict(context.Out);
        }
        else
        {
            // Written to a temporary file beside the destination and moved into place only when every row is written.
            AtomicFile.Write(output, stream =>
            {
                using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
                Predict(writer);
            });
            context.Error.WriteLine($"Wrote {rows} predictions to {output}.");
        }

        SavedModel.WriteNotes(context, counts);
        return NablaCommand.Success;
    }

    private static List<string> Header(SavedModel saved, IReadOnlyList<string> columns, bool probabilities)
    {
        var header = new List<string>(columns);
        if (saved.IsClassifier)
        {
            header.Add(Unique(header, "prediction"));
            if (probabilities)
            {
                header.AddRange(saved.Info.Classes.Select(c => Unique(header, $"p({c})")));
            }
        }
        else
        {
            header.AddRange(saved.Targets.Select(t => Unique(header, $"predicted_{t}")));
        }

        return header;
    }

    // The chunk's rows with the predictions appended: the class (and each class's probability), or each target's value.
    private static IEnumerable<IReadOnlyList<string>> Rows(SavedModel saved, TabularData table, bool probabilities, PreprocessingCounts counts)
    {
        var x = saved.Features(table, counts);
        string[][] extra;
        if (saved.IsClassifier)
        {
            var classes = saved.Info.Classes;
            var predicted = saved.PredictClassIndices(x);
            var p = probabilities ? saved.PredictProbabilities(x) : null;
            extra = [.. Enumerable.Range(0, table.RowCount).Select(i => (string[])[classes[predicted[i]], .. p is null ? [] : Enumerable.Range(0, classes.Count).Select(k => p[i, k].ToString("R", CultureInfo.InvariantCulture))])];
        }
        else
        {
            var y = saved.PredictValues(x);
            extra = [.. Enumerable.Range(0, table.RowCount).Select(i => Enumerable.Range(0, y.Columns).Select(j => y[i, j].ToString("R", CultureInfo.InvariantCulture)).ToArray())];
        }

        return Enumerable.Range(0, table.RowCount).Select(i => (IReadOnlyList<string>)[.. Enumerable.Range(0, table.Columns.Count).Select(j => table[i, j]), .. extra[i]]);
    }

    // A column named like an output column (such as 'prediction') is not overwritten: the new one gets a suffix.
    private static string Unique(List<string> header, string name)
    {
        string candidate = name;
        for (int n = 2; header.Contains(candidate); n++)
        {
            candidate = $"{name}_{n}";
        }

        return candidate;
    }
}
