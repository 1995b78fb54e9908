using System.CommandLine;
using Nabla.Cli.Experiments;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla experiment NAME</c>: the worked examples and experiments of the course notes.</summary>
public static class ExperimentCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("experiment", "Run a worked example or experiment of the course notes and print its numbers.");

        var json = JsonOption();
        var trace = new Option<bool>("--trace") { Description = "Also print every chain-rule factor by name, as the slides walk from the loss back to w^[2]_{1,1} and w^[1]_{1,1}." };
        var backprop = new Command("backprop-example", "The lectures' 2-2-2 sigmoid network: forward pass, loss 0.2984, every gradient by backpropagation, and one gradient-descent step with α = 0.5.")
        {
            json, trace,
        };
        backprop.SetAction(r => NablaCommand.Guard(context, () => BackpropExample.Run(context, r.GetValue(json), r.GetValue(trace))));
        command.Subcommands.Add(backprop);

        var xorJson = JsonOption();
        var xor = new Command("xor", "XOR: a perceptron never gets it right; a 2-2-1 network trained by backpropagation does, and its hidden units compute simpler boolean functions.")
        {
            xorJson,
        };
        xor.SetAction(r => NablaCommand.Guard(context, () => XorExperiment.Run(context, r.GetValue(xorJson))));
        command.Subcommands.Add(xor);

        var mpJson = JsonOption();
        var mp = new Command("mp-neuron", "The McCulloch-Pitts neuron: AND and OR of 2 and 3 inputs with their thresholds and truth tables; the search for a neuron computing XOR fails.")
        {
            mpJson,
        };
        mp.SetAction(r => NablaCommand.Guard(context, () => McCullochPittsExperiment.Run(context, r.GetValue(mpJson))));
        command.Subcommands.Add(mp);
        return command;
    }

    /// <summary>The <c>--json</c> option: exactly one JSON object on standard output.</summary>
    public static Option<bool> JsonOption() => new("--json") { Description = "Print exactly one JSON object on standard output instead of text." };
}
