using System.CommandLine;
using Nabla.Models;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla train</c>: train a model on a CSV file (or the built-in data set), report metrics, save it and plot it.</summary>
internal static class TrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var run = new DataOptions();
        var save = new Option<string?>("--save", "-o") { HelpName = "FILE.json", Description = $"Save the model to this JSON file (written atomically). Without --data the default is {TrainJob.DefaultModelPath}." };
        var plots = new Option<string?>("--plots") { HelpName = "DIR", Description = $"Write plots (PNG and SVG) into this directory: loss per epoch or iteration, confusion matrix, decision regions for 2-D data. Without --data the default is {TrainJob.DefaultPlotsDirectory}/." };
        var noSave = new Option<bool>("--no-save") { Description = "Without --data: do not save the model or write plots by default." };
        var json = CommonOptions.Json();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress output." };
        var verbose = CommonOptions.Verbose();
        var hyperparameters = new HyperparameterOptions("seed");

        var command = new Command("train", """
            Train a model on a CSV file and report how it does on held-out test rows.
            The target column (--target, default: the last) is predicted from all other columns: numbers are scaled, text is one-hot
            encoded. Progress goes to standard error; Ctrl+C stops after the current batch and keeps the best model so far.
            Each model's hyperparameters are options of their own; an option the chosen model does not use is an error.

            Examples:
              nabla train                                   the built-in data set; saves nabla-model.json and plots in nabla-plots/
              nabla train --data iris.csv --target species --save iris.json --plots plots
              nabla train --data houses.csv --target price --hidden 64,32 --epochs 500 --impute median --save houses.json
              nabla train --data points.csv --model perceptron --json
              nabla train --data iris.csv --model logistic --l2 0.01 --save iris-logistic.json
              nabla train --data points.csv --model bayes-gaussian --priors uniform --plots plots
              nabla train --data points.csv --model bayes-gaussian --costs '0,1;5,0'
            """);
        run.AddTo(command);
        foreach (var option in hyperparameters.All.Concat([save, plots, noSave, json, quiet, verbose]))
        {
            command.Options.Add(option);
        }

        command.SetAction(r => NablaCommand.Guard(context, () => TrainJob.Run(context, run.Read(r) with
        {
            Hyperparameters = hyperparameters.Given(r),
            Save = r.GetValue(save),
            Plots = r.GetValue(plots),
            NoSave = r.GetValue(noSave),
            Json = r.GetValue(json),
            Quiet = r.GetValue(quiet),
            Verbose = r.GetValue(verbose),
        }), r.GetValue(verbose)));
        return command;
    }
}
