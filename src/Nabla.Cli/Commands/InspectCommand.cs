using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Nabla.Models;
using Nabla.Cli.ModelFiles;
using Nabla.Data.Preprocessing;
using Nabla.Estimators;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla inspect</c>: what a model file holds.</summary>
internal static class InspectCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = CommonOptions.ModelFile();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("inspect", """
            Show what a model file holds: the model and its architecture with parameter counts (logistic regression: the
            intercept and weights of each class; bayes-gaussian: each class's prior, mean and covariance), the classes or
            targets, the preprocessing (columns, one-hot categories, imputation, scaling) and how it was trained (data, epochs,
            metrics).

            Examples:
              nabla inspect --model nabla-model.json
              nabla inspect --model iris.json --json
            """)
        {
            model, json, verbose,
        };
        command.SetAction(r => NablaCommand.Guard(context, () => Run(context, r.GetValue(model)!, r.GetValue(json)), r.GetValue(verbose)));
        return command;
    }

    private static int Run(CliContext context, string path, bool json)
    {
        var saved = SavedModel.Load(path);
        var info = saved.Info;
        var description = saved.Describe();
        var prep = saved.Preprocessing;
        string heading = description.Heading;
        long parameters = description.ParameterCount;
        var layers = description.Lines.ToList();
        if (prep is not null && prep.Scaler.Kind != ScalerKind.None)
        {
            layers.Add($"(values for the features after {prep.Scaler.Kind.ToString().ToLowerInvariant()} scaling; see preprocessing)");
        }

        var hyperparameters = saved.Hyperparameters.ToJson();

        var training = saved.Training;
        if (json)
        {
            var o = new JsonObject
            {
                ["file"] = path,
                ["format_version"] = info.Version,
                ["model"] = info.ModelType,
                ["task"] = info.Task.ToString().ToLowerInvariant(),
                ["precision"] = info.Precision,
                ["features"] = info.FeatureCount,
                ["classes"] = info.Task == ModelTask.Classification ? new JsonArray([.. info.Classes.Select(c => (JsonNode)c)]) : null,
                ["targets"] = new JsonArray([.. saved.Targets.Select(t => (JsonNode)t)]),
                ["layers"] = new JsonArray([.. layers.Select(l => (JsonNode)l)]),
                ["parameters"] = parameters,
                ["learned"] = description.Parameters.DeepClone(),
                ["hyperparameters"] = hyperparameters,
            };
            if (prep is not null)
            {
                o["preprocessing"] = new JsonObject
                {
                    ["impute"] = prep.Impute.ToString().ToLowerInvariant(),
                    ["scale"] = prep.Scaler.Kind.ToString().ToLowerInvariant(),
                    ["columns"] = new JsonArray([.. prep.Inputs.Select(c => (JsonNode)new JsonObject
                    {
                        ["name"] = c.Name,
                        ["kind"] = c.Kind.ToString().ToLowerInvariant(),
                        ["features"] = c.Width,
                        ["categories"] = c.Encoder is null ? null : new JsonArray([.. c.Encoder.Categories.Select(k => (JsonNode)k)]),
                        ["rare"] = c.Encoder is { Other: true } e ? new JsonArray([.. e.Rare.Select(k => (JsonNode)k)]) : null,
                        ["missing_indicator"] = c.MissingIndicator,
                    })]),
                    ["unknown_categories"] = prep.UnknownCategories.ToString().ToLowerInvariant(),
                    ["notes"] = new JsonArray([.. prep.Notes.Select(n => (JsonNode)LibraryWords.ToCommandLine(n))]),
                };
            }

            if (training is not null)
            {
                o["training"] = new JsonObject
                {
                    ["data"] = training.Data,
                    ["created"] = training.Created?.ToString("O", CultureInfo.InvariantCulture),
                    ["nabla_version"] = training.NablaVersion,
                    ["training_rows"] = training.TrainingRows,
                    ["test_rows"] = training.TestRows,
                    ["epochs_run"] = training.History.Count,
                    ["best_epoch"] = training.BestEpoch,
                    ["stopped_early"] = training.StoppedEarly,
                    ["seconds"] = training.Seconds,
                    ["train_metrics"] = Metrics(training.TrainMetrics),
                    ["test_metrics"] = Metrics(training.TestMetrics),
                };
            }

            Json.Write(context.Out, o);
            return NablaCommand.Success;
        }

        var w = context.Out;
        w.WriteLine($"{path}: Nabla model (format version {info.Version})");
        w.WriteLine($"  model       {info.ModelType} ({info.Task.ToString().ToLowerInvariant()}, {info.Precision})");
        w.WriteLine(info.Task == ModelTask.Classification
            ? $"  classes     {string.Join(", ", info.Classes)} ({info.LabelType} labels)"
            : $"  targets     {string.Join(", ", saved.Targets)}");
        w.WriteLine($"  features    {info.FeatureCount}");
        w.WriteLine($"  {heading}");
        foreach (var l in layers)
        {
            w.WriteLine($"    {l}");
        }

        w.WriteLine($"  parameters  {parameters.ToString("N0", CultureInfo.InvariantCulture)}");
        w.WriteLine($"  settings    {string.Join(", ", saved.Hyperparameters.Entries.Select(e => $"{e.Hyperparameter.Name} {e.Hyperparameter.Format(e.Value)}"))}");
        if (prep is not null)
        {
            w.WriteLine($"  preprocessing: {prep.Scaler.Kind.ToString().ToLowerInvariant()} scaling (fitted on the training rows), impute {prep.Impute.ToString().ToLowerInvariant()}, unknown categories {prep.UnknownCategories.ToString().ToLowerInvariant()}, target {string.Join(", ", prep.Targets)}");
            foreach (var c in prep.Inputs)
            {
                w.WriteLine($"    {c.Name}: {Describe(c)}");
            }

            foreach (string note in prep.Notes)
            {
                w.WriteLine($"    note: {LibraryWords.ToCommandLine(note)}");
            }
        }

        if (training is not null)
        {
            w.WriteLine($"  training: {training.Data}; {training.TrainingRows} training rows, {training.TestRows} test rows, seed {training.Seed}");
            if (training.History.Count > 0)
            {
                w.WriteLine($"    {training.History.Count} {training.Unit}s, best {training.Unit} {training.BestEpoch}{(training.StoppedEarly ? " (stopped early)" : "")}{(training.Cancelled ? " (cancelled)" : "")}, {training.Seconds?.ToString("0.0", CultureInfo.InvariantCulture)} s");
            }

            w.WriteLine($"    training metrics  {Text(training.TrainMetrics)}");
            if (training.TestMetrics.Count > 0)
            {
                w.WriteLine($"    test metrics      {Text(training.TestMetrics)}");
            }

            w.WriteLine($"    saved {training.Created?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)} by Nabla {training.NablaVersion}");
        }

        return NablaCommand.Success;
    }

    private static JsonObject Metrics(IReadOnlyDictionary<string, double> m)
    {
        var o = new JsonObject();
        foreach (var (k, v) in m)
        {
            o[k] = v;
        }

        return o;
    }

    private static string Text(IReadOnlyDictionary<string, double> m) =>
        string.Join(", ", m.Select(p => $"{p.Key.Replace('_', ' ')} {p.Value.ToString("0.0000", CultureInfo.InvariantCulture)}"));

    // One input column as inspect shows it: its kind, how it becomes features, and what fills a missing value.
    private static string Describe(FeatureColumn c)
    {
        string fill = c.Fill is double f ? $", missing → {f.ToString("G6", CultureInfo.InvariantCulture)}"
            : c.FillCategory is string s ? $", missing → {s}"
            : c.FillDate is DateTime d ? $", missing → {d.ToString(c.HasTime ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "";
        string indicator = c.MissingIndicator ? $", with the indicator {c.Name}=(missing)" : "";
        string kind = c.Kind switch
        {
            ColumnKind.Categorical => $"categorical, one-hot over {c.Encoder!.Categories.Count} categories ({string.Join(", ", c.Encoder.Categories.Take(8))}{(c.Encoder.Categories.Count > 8 ? ", …" : "")})"
                + (c.Encoder.Other ? $" and (other) for {c.Encoder.Rare.Count} rare one{(c.Encoder.Rare.Count == 1 ? "" : "s")}" : ""),
            ColumnKind.Date => $"date{(c.HasTime ? "-time" : "")}, {c.ValueWidth} features ({string.Join(", ", c.FeatureNames.Take(c.ValueWidth).Select(n => n[(c.Name.Length + 1)..]))})",
            _ => c.ThousandsSeparators ? "numeric, digits may be grouped by commas" : "numeric",
        };
        return kind + fill + indicator;
    }
}
