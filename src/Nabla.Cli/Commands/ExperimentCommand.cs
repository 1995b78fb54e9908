using System.CommandLine;
using Nabla.Cli.Experiments;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla experiment NAME</c>: the worked examples and experiments of the course notes.</summary>
internal static class ExperimentCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("experiment", "Run a worked example or experiment of the course notes and print its numbers.");

        var json = CommonOptions.Json();
        var trace = new Option<bool>("--trace") { Description = "Also print every chain-rule factor by name, as the slides walk from the loss back to w^[2]_{1,1} and w^[1]_{1,1}." };
        var backprop = new Command("backprop-example", "The lectures' 2-2-2 sigmoid network: forward pass, loss 0.2984, every gradient by backpropagation, and one gradient-descent step with α = 0.5.")
        {
            json, trace,
        };
        backprop.SetAction(r => NablaCommand.Guard(context, () => BackpropExample.Run(context, r.GetValue(json), r.GetValue(trace))));
        command.Subcommands.Add(backprop);

        var xorJson = CommonOptions.Json();
        var xorPlots = PlotsOption("decision regions of the network over [-0.5, 1.5]² with the hidden units' lines (xor-decision-regions), its loss per epoch (xor-loss), the perceptron's errors per epoch (xor-perceptron-errors)");
        var xor = new Command("xor", "XOR: a perceptron never gets it right; a 2-2-1 network trained by backpropagation does, and its hidden units compute simpler boolean functions.")
        {
            xorJson, xorPlots,
        };
        xor.SetAction(r => NablaCommand.Guard(context, () => XorExperiment.Run(context, r.GetValue(xorJson), r.GetValue(xorPlots))));
        command.Subcommands.Add(xor);

        var mpJson = CommonOptions.Json();
        var mp = new Command("mp-neuron", "The McCulloch-Pitts neuron: AND and OR of 2 and 3 inputs with their thresholds and truth tables; the search for a neuron computing XOR fails.")
        {
            mpJson,
        };
        mp.SetAction(r => NablaCommand.Guard(context, () => McCullochPittsExperiment.Run(context, r.GetValue(mpJson))));
        command.Subcommands.Add(mp);
        command.Subcommands.Add(BayesVsPerceptron(context));

        var rulesJson = CommonOptions.Json();
        var rulesActivation = new Option<string>("--activation") { Description = $"f, in every layer: {string.Join(", ", MlpRulesExperiment.Activations)}.", DefaultValueFactory = _ => "sigmoid" };
        rulesActivation.AcceptOnlyFromAmong(MlpRulesExperiment.Activations);
        var rules = new Command("mlp-rules", "The report's Problem 2: the backpropagation rules of a 3-layer MLP as the report writes them and as corrected, each slip as a number next to backpropagation and a numerical gradient.")
        {
            rulesActivation, rulesJson,
        };
        rules.SetAction(r => NablaCommand.Guard(context, () => MlpRulesExperiment.Execute(context, r.GetValue(rulesActivation)!, r.GetValue(rulesJson))));
        command.Subcommands.Add(rules);

        var oneJson = CommonOptions.Json();
        var oneActivation = new Option<string>("--hidden-activation") { Description = "σ₁ of the hidden units: tanh or sigmoid.", DefaultValueFactory = _ => "tanh" };
        oneActivation.AcceptOnlyFromAmong(OneHiddenLayerExperiment.HiddenActivations);
        var oneSeed = new Option<int>("--seed") { Description = "Seed of the data and the parameters θ and β.", DefaultValueFactory = _ => OneHiddenLayerExperiment.DefaultSeed };
        var one = new Command("one-hidden-layer", "The hand derivation 004: J, ∂J/∂β and ∂J/∂θ of a one-hidden-layer classifier by its closed forms next to backpropagation and numerical derivatives, with the derivation's slips evaluated.")
        {
            oneActivation, oneSeed, oneJson,
        };
        one.SetAction(r => NablaCommand.Guard(context, () => OneHiddenLayerExperiment.Execute(context, r.GetValue(oneActivation)!, r.GetValue(oneSeed), r.GetValue(oneJson))));
        command.Subcommands.Add(one);

        var uaJson = CommonOptions.Json();
        var uaUnits = new Option<string>("--units") { HelpName = "LIST", Description = "The hidden widths, one network each.", DefaultValueFactory = _ => UniversalApproximationExperiment.DefaultUnits };
        var uaActivation = new Option<string>("--activation") { Description = "g of the hidden units (any differentiable element-wise activation).", DefaultValueFactory = _ => "tanh" };
        var uaEpochs = new Option<int>("--epochs") { Description = "Epochs of full-batch Adam per network.", DefaultValueFactory = _ => UniversalApproximationExperiment.DefaultEpochs };
        var uaSeed = new Option<int>("--seed") { Description = "Seed of the initial weights.", DefaultValueFactory = _ => UniversalApproximationExperiment.DefaultSeed };
        var uaPlots = PlotsOption("the fits for every width against sin x (universal-approximation), and per width each hidden unit's contribution with their sum (universal-approximation-units-H)");
        var ua = new Command("universal-approximation", "The universal approximation theorem: one hidden layer with a linear output fitting sin x on [−π, π], one network per width, with each hidden unit's contribution.")
        {
            uaUnits, uaActivation, uaEpochs, uaSeed, uaJson, uaPlots,
        };
        ua.SetAction(r => NablaCommand.Guard(context, () => UniversalApproximationExperiment.Execute(
            context, r.GetValue(uaUnits)!, r.GetValue(uaActivation)!, r.GetValue(uaEpochs), r.GetValue(uaSeed), r.GetValue(uaJson), r.GetValue(uaPlots))));
        command.Subcommands.Add(ua);
        return command;
    }

    private static Command BayesVsPerceptron(CliContext context)
    {
        var json = CommonOptions.Json();
        var caseOption = new Option<string>("--case")
        {
            Description = $"The report's case: {string.Join(", ", BayesVsPerceptronCase.All.Select(c => c.Name))}, or all.",
            Required = true,
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the training data (the perceptron shuffles with seed + 1, the test points use seed + 2).", DefaultValueFactory = _ => BayesVsPerceptronExperiment.DefaultSeed };
        var epochs = new Option<int>("--epochs") { Description = "The perceptron's epoch limit.", DefaultValueFactory = _ => BayesVsPerceptronExperiment.DefaultEpochs };
        var testSamples = new Option<int>("--test-samples") { Description = "Fresh points drawn from the mixture to measure the errors.", DefaultValueFactory = _ => BayesVsPerceptronExperiment.DefaultTestSize };
        var variant = new Option<string>("--variant") { Description = "The perceptron reported first: standard (the report's rule), averaged or pocket. All three are trained.", DefaultValueFactory = _ => "standard" };
        var plots = PlotsOption("per case: the training points with the Bayes boundary, the report's own rule and the perceptron's line (CASE-boundaries), the perceptron's errors per epoch (CASE-perceptron-errors)");
        var command = new Command(
            "bayes-vs-perceptron",
            "The report's Problem 1: the Bayes minimum-risk rule of the true densities versus a trained perceptron, on Gaussian or uniform-disk classes, with the errors of both (and of the report's rule) on fresh points.")
        {
            caseOption, json, seed, epochs, testSamples, variant, plots,
        };
        command.SetAction(r => NablaCommand.Guard(context, () => BayesVsPerceptronExperiment.Execute(
            context, r.GetValue(caseOption)!, r.GetValue(json), r.GetValue(seed), r.GetValue(epochs), r.GetValue(testSamples), r.GetValue(variant)!, r.GetValue(plots))));
        return command;
    }

    /// <summary>The <c>--plots DIR</c> option of an experiment whose figures are <paramref name="figures"/>.</summary>
    private static Option<string?> PlotsOption(string figures) =>
        new("--plots") { HelpName = "DIR", Description = $"Write {ExperimentPlots.OptionHelp}: {figures}." };

}
