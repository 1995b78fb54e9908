using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Nabla.Models;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla tune</c>: grid or random search over a model's hyperparameters, scored by cross-validation; refits and saves the best.</summary>
internal static class TuneCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var run = new DataOptions(testFraction: false);
        var grid = new Option<string>("--grid", "-g")
        {
            HelpName = "GRID",
            Required = true,
            Description = "The search space: name=values parts separated by ';', names as in the model file (l2, hidden, learning_rate, …), values by ','; "
                + "a list value in brackets (hidden=[16,8],[32]); with --random, name=low..high is a range (whole numbers uniform, positive numbers log-uniform).",
        };
        var random = new Option<int?>("--random") { HelpName = "N", Description = "Try N settings drawn at random from the grid and ranges instead of every combination." };
        var folds = SelectionOptions.Folds();
        var save = new Option<string?>("--save", "-o") { HelpName = "FILE.json", Description = "Refit the best setting on all rows and save it to this model file." };
        var json = CommonOptions.Json();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress output." };
        var verbose = CommonOptions.Verbose();
        var hyperparameters = new HyperparameterOptions("seed");
        var command = new Command("tune", """
            Search a model's hyperparameters: every setting of the grid (or N random draws) is scored by k-fold cross-validation
            (accuracy for classes, R² for numbers); prints the settings ranked by their mean score ± standard deviation, refits
            the best on all rows and saves it (--save). Settings and folds run in parallel; the same seed gives the same table
            and the same model on any machine. Options outside the grid fix the other hyperparameters.

            Examples:
              nabla tune --data iris.csv --target species --model logistic --grid 'l2=1e-4,1e-3,1e-2,1e-1'
              nabla tune --data moons.csv --model mlp --grid 'l2=1e-4,1e-3; hidden=16,32,64' --epochs 100 --save best.json
              nabla tune --data moons.csv --model mlp --grid 'learning_rate=0.001..0.3; hidden=[16],[16,16]' --random 12
            """);
        run.AddTo(command);
        foreach (var option in hyperparameters.All.Concat([grid, random, folds, save, json, quiet, verbose]))
        {
            command.Options.Add(option);
        }

        command.SetAction(r => NablaCommand.Guard(context, () =>
        {
            var s = run.Read(r) with { Hyperparameters = hyperparameters.Given(r), Json = r.GetValue(json), Quiet = r.GetValue(quiet) };
            return Run(context, s, r.GetValue(grid)!, r.GetValue(random), r.GetValue(folds), r.GetValue(save));
        }, r.GetValue(verbose)));
        return command;
    }

    private static int Run(CliContext context, TrainSettings s, string gridText, int? randomCount, int folds, string? save)
    {
        if (randomCount is < 1)
        {
            throw new CliException($"--random must be at least 1 setting, not {randomCount}.");
        }

        var problem = SelectionProblem.Load(context, s, folds, foldThreads: 1);
        var kind = problem.Kind;
        (IReadOnlyList<(string Name, IReadOnlyList<object?> Values)> Choices, IReadOnlyList<(string Name, double Low, double High)> Ranges) grid;
        try
        {
            grid = HyperparameterSearch.ParseGrid(kind, gridText);
        }
        catch (FormatException e)
        {
            throw new CliException($"--grid: {e.Message} See nabla tune --help.");
        }

        var searched = grid.Choices.Select(c => c.Name).Concat(grid.Ranges.Select(r => r.Name)).ToArray();
        if (searched.FirstOrDefault(s.Hyperparameters.ContainsKey) is { } both)
        {
            throw new CliException($"--grid searches {both}, so {kind.Find(both)!.OptionName} cannot also fix it: leave one out.");
        }

        if (grid.Ranges.Count > 0 && randomCount is null)
        {
            throw new CliException($"--grid gives a range for {grid.Ranges[0].Name}: ranges are sampled by random search; add --random N, or list values instead.");
        }

        var settings = randomCount is int n
            ? HyperparameterSearch.Random(problem.Start, grid.Choices, grid.Ranges, n, s.Seed)
            : HyperparameterSearch.Grid(problem.Start, grid.Choices);
        var result = CountProgress.Run(context, settings.Count, "settings", s.Quiet || s.Json,
            p => HyperparameterSearch.Run(settings, v => problem.Evaluate(v), problem.Task, progress: p));

        string? saved = null;
        if (save is not null)
        {
            // The refit is an ordinary training run on every row, so the saved model is what nabla train would make of the best setting.
            var texts = new Dictionary<string, string>(s.Hyperparameters, StringComparer.Ordinal);
            foreach (string name in searched)
            {
                texts[name] = result.Best.Values.Text(name);
            }

            // As in the folds: a threads hyperparameter left at every core would make the refit follow the machine's core count.
            if (kind.Find("threads") is not null && !texts.ContainsKey("threads"))
            {
                texts["threads"] = "1";
            }

            var silent = new CliContext(TextWriter.Null, TextWriter.Null);
            int code = TrainJob.Run(silent, s with { Hyperparameters = texts, TestFraction = 0, Save = save, Plots = null, NoSave = true, Json = false, Quiet = true });
            if (code != NablaCommand.Success)
            {
                throw new CliException($"Refitting the best setting on all rows failed (exit {code}); nothing was saved.");
            }

            saved = save;
        }

        Write(context, problem, result, searched, saved, s.Json);
        return NablaCommand.Success;
    }

    private static void Write(CliContext context, SelectionProblem problem, SearchResult result, string[] searched, string? saved, bool json)
    {
        string metric = result.Metric;
        if (json)
        {
            var best = result.Best;
            Json.Write(context.Out, new JsonObject
            {
                ["model"] = problem.Kind.Name,
                ["task"] = problem.Task.ToString().ToLowerInvariant(),
                ["metric"] = metric,
                ["folds"] = best.Folds,
                ["best"] = new JsonObject { ["params"] = best.Values.ToJson(searched), ["score"] = best.Metrics[metric].Mean },
                ["results"] = new JsonArray([.. result.Results.Select(r => (JsonNode)new JsonObject
                {
                    ["params"] = r.Values.ToJson(searched),
                    ["mean"] = r.Metrics[metric].Mean,
                    ["std"] = r.Metrics[metric].StandardDeviation,
                })]),
                ["saved"] = saved,
            });
            return;
        }

        var w = context.Out;
        w.WriteLine($"Search over {string.Join(", ", searched)} for {problem.Kind.Name} on {problem.Source}: {result.Results.Count} settings, each by {result.Best.Folds}-fold cross-validation ({metric}, higher is better).");
        w.WriteLine();
        w.WriteLine($"{"rank",4}  {$"{metric} mean ± std",-20}  setting");
        int rank = 1;
        foreach (var r in result.Results)
        {
            var m = r.Metrics[metric];
            w.WriteLine($"{rank++,4}  {$"{F(m.Mean)} ± {F(m.StandardDeviation)}",-20}  {string.Join(", ", searched.Select(n => $"{n}={r.Values.Text(n)}"))}");
        }

        w.WriteLine();
        w.WriteLine(saved is null
            ? "Best setting not saved: add --save best.json to refit it on all rows and keep it."
            : $"Refitted the best setting on all {problem.Rows} rows and saved it to {saved}. Use it with: nabla predict --model {saved} --data FILE.csv");
    }

    private static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}
