using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Nabla.Models;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla cv</c>: k-fold cross-validation of one model setting on a CSV file.</summary>
internal static class CvCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var run = new DataOptions(testFraction: false);
        var folds = SelectionOptions.Folds();
        var json = CommonOptions.Json();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress output." };
        var verbose = CommonOptions.Verbose();
        var hyperparameters = new HyperparameterOptions("seed");
        var command = new Command("cv", """
            Cross-validate a model on a CSV file: the rows are cut into k folds (stratified by class for classification), and a
            fresh model is trained on k − 1 folds and measured on the remaining one, k times. Preprocessing is fitted on each
            fold's training rows only. Prints each metric's mean and standard deviation over the folds, and each fold's value.
            Folds run in parallel; the same seed gives the same figures on any machine.

            Examples:
              nabla cv --data iris.csv --target species --model logistic --l2 0.01
              nabla cv --data houses.csv --target price --model linear --folds 10 --json
            """);
        run.AddTo(command);
        foreach (var option in hyperparameters.All.Concat([folds, json, quiet, verbose]))
        {
            command.Options.Add(option);
        }

        command.SetAction(r => NablaCommand.Guard(context, () =>
        {
            var s = run.Read(r) with { Hyperparameters = hyperparameters.Given(r), Json = r.GetValue(json), Quiet = r.GetValue(quiet) };
            int k = r.GetValue(folds);
            var problem = SelectionProblem.Load(context, s, k);
            var result = CountProgress.Run(context, k, "folds", s.Quiet || s.Json, p => problem.Evaluate(problem.Start, p));
            Write(context, problem, result, s.Json);
            return NablaCommand.Success;
        }, r.GetValue(verbose)));
        return command;
    }

    private static void Write(CliContext context, SelectionProblem problem, CrossValidationResult result, bool json)
    {
        if (json)
        {
            var metrics = new JsonObject();
            foreach (var (name, m) in result.Metrics)
            {
                metrics[name] = new JsonObject { ["mean"] = m.Mean, ["std"] = m.StandardDeviation, ["folds"] = new JsonArray([.. m.Folds.Select(v => (JsonNode)v)]) };
            }

            Json.Write(context.Out, new JsonObject
            {
                ["model"] = problem.Kind.Name,
                ["task"] = problem.Task.ToString().ToLowerInvariant(),
                ["rows"] = problem.Rows,
                ["folds"] = result.Folds,
                ["hyperparameters"] = result.Values.ToJson(),
                ["metrics"] = metrics,
            });
            return;
        }

        var w = context.Out;
        w.WriteLine($"Cross-validation of {problem.Kind.Name} on {problem.Source}: {problem.Rows} rows, {result.Folds} folds{(problem.Task == Estimators.ModelTask.Classification ? " (stratified by class)" : "")}.");
        w.WriteLine($"Model: {string.Join(", ", result.Values.Entries.Where(e => !result.Values.IsDefault(e.Hyperparameter.Name)).Select(e => $"{e.Hyperparameter.Name} {e.Hyperparameter.Format(e.Value)}").DefaultIfEmpty("default hyperparameters"))}.");
        w.WriteLine();
        // The row names as wide as the longest (balanced-accuracy).
        int label = Math.Max(10, result.Metrics.Keys.Max(n => n.Length) + 2);
        w.WriteLine($"{"".PadRight(label)}{"mean",10}{"std",10}{string.Concat(Enumerable.Range(1, result.Folds).Select(f => $"fold {f}".PadLeft(10)))}");
        foreach (var (name, m) in result.Metrics)
        {
            w.WriteLine($"{name.Replace('_', '-').PadRight(label)}{F(m.Mean),10}{F(m.StandardDeviation),10}{string.Concat(m.Folds.Select(v => F(v).PadLeft(10)))}");
        }
    }

    private static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}
