using System.CommandLine;
using System.Globalization;
using Nabla.Models;
using Nabla.Cli.ModelFiles;
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

    private static int Run(CliContext context, string modelPath, string dataPath, CsvLimits limits, bool probabilities, string? output)
    {
        var saved = SavedModel.Load(modelPath);
        var table = CsvFiles.Read(dataPath, limits);
        var x = saved.Features(table);
        var header = new List<string>(table.Columns);
        var extra = new string[table.RowCount][];
        if (saved.IsClassifier)
        {
            var classes = saved.Info.Classes;
            var predicted = saved.PredictClassIndices(x);
            var p = probabilities ? saved.PredictProbabilities(x) : null;
            header.Add(Unique(header, "prediction"));
            if (p is not null)
            {
                header.AddRange(classes.Select(c => Unique(header, $"p({c})")));
            }

            for (int i = 0; i < table.RowCount; i++)
            {
                extra[i] = [classes[predicted[i]], .. p is null ? [] : Enumerable.Range(0, classes.Count).Select(k => p[i, k].ToString("R", CultureInfo.InvariantCulture))];
            }
        }
        else
        {
            if (probabilities)
            {
                throw new CliException($"--probabilities applies to classifiers, but {modelPath} holds a regression model: leave it out.");
            }

            var y = saved.PredictValues(x);
            header.AddRange(saved.Targets.Select(t => Unique(header, $"predicted_{t}")));
            for (int i = 0; i < table.RowCount; i++)
            {
                extra[i] = [.. Enumerable.Range(0, y.Columns).Select(j => y[i, j].ToString("R", CultureInfo.InvariantCulture))];
            }
        }

        var rows = Enumerable.Range(0, table.RowCount).Select(i => (IReadOnlyList<string>)[.. Enumerable.Range(0, table.Columns.Count).Select(j => table[i, j]), .. extra[i]]);
        if (output is null)
        {
            CsvFiles.Write(context.Out, header, rows);
        }
        else
        {
            var text = new StringWriter(CultureInfo.InvariantCulture);
            CsvFiles.Write(text, header, rows);
            AtomicFile.WriteAllText(output, text.ToString());
            context.Error.WriteLine($"Wrote {table.RowCount} predictions to {output}.");
        }

        return NablaCommand.Success;
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
