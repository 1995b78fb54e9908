using System.CommandLine;
using System.Text.Json.Nodes;
using Nabla.Activations;
using Nabla.Cli.Experiments;
using Nabla.Cli.ModelFiles;
using Nabla.Mlp;
using Nabla.Plotting;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla plot</c>: the lectures' pictures, as PNG and SVG.</summary>
internal static class PlotCommand
{
    /// <summary>The activations drawn by default: every element-wise one of the lectures, with parameters that show their shape.</summary>
    public static readonly string[] DefaultActivations =
        ["identity", "linear(0.5,1)", "step", "sigmoid", "generalized-logistic(2,1.5,1)", "tanh", "relu", "leaky-relu(0.1)", "randomized-leaky-relu(0,0.3)"];

    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("plot", "Draw the lectures' pictures as PNG and SVG: the activation functions with their derivatives, a saved network's diagram.");
        command.Subcommands.Add(Activations(context));
        command.Subcommands.Add(Network(context));
        return command;
    }

    private static Option<string> OutputOption() =>
        new("--output", "-o") { HelpName = "DIR", Description = "The directory for the figures (created if missing).", DefaultValueFactory = _ => "." };

    private static Command Activations(CliContext context)
    {
        var list = new Option<string>("--activation") { HelpName = "LIST", Description = "The activations to draw, comma-separated specifications (softmax has no curve).", DefaultValueFactory = _ => string.Join(';', DefaultActivations) };
        var range = new Option<string>("--range") { HelpName = "zmin,zmax", Description = "The range of z.", DefaultValueFactory = _ => "-6,6" };
        var output = OutputOption();
        var json = CommonOptions.Json();
        var command = new Command("activations", """
            Every activation g and its derivative g', one figure each (activation-NAME), and all of them together
            (activations, activation-derivatives); the saturation regions of sigmoid and tanh, where g' is below 5% of its
            maximum, are shaded.

            Examples:
              nabla plot activations
              nabla plot activations --activation 'sigmoid;tanh;generalized-logistic(2,3,0)' --output figures
            """)
        {
            list, range, output, json,
        };
        command.SetAction(r => NablaCommand.Guard(context, () => RunActivations(context, r.GetValue(list)!, r.GetValue(range)!, r.GetValue(output)!, r.GetValue(json))));
        return command;
    }

    private static int RunActivations(CliContext context, string list, string range, string directory, bool json)
    {
        // Specifications hold commas (linear(2,1)), so the list is split on ';', or on commas outside parentheses.
        var activations = SplitSpecifications(list).Select(Activation.Parse).ToList();
        if (activations.Count == 0)
        {
            throw new CliException("--activation needs at least one activation.");
        }

        if (activations.FirstOrDefault(a => !a.IsElementwise) is { } rowWise)
        {
            throw new CliException($"{rowWise.Name} works on whole rows, so it has no curve g(z): leave it out of --activation.");
        }

        var bounds = CommonOptions.List(range);
        if (bounds.Length != 2 || !double.TryParse(bounds[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double zMin)
            || !double.TryParse(bounds[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double zMax) || !(zMin < zMax) || !double.IsFinite(zMax - zMin))
        {
            throw new CliException($"--range takes zmin,zmax with zmin < zmax, for example -6,6; not '{range}'.");
        }

        ExperimentPlots.Prepare(directory);
        using var outputs = new OutputSet();
        var paths = new List<string>();
        paths.AddRange(ExperimentPlots.Write(outputs, Plots.ActivationFamily(activations, derivatives: false, zMin, zMax), directory, "activations", 900, 800));
        paths.AddRange(ExperimentPlots.Write(outputs, Plots.ActivationFamily(activations, derivatives: true, zMin, zMax), directory, "activation-derivatives", 900, 800));
        var saturation = new JsonObject();
        foreach (var a in activations)
        {
            paths.AddRange(ExperimentPlots.Write(outputs, Plots.Activation(a, zMin, zMax), directory, $"activation-{FileName(a)}", 800, 650));
            var regions = Plots.SaturationRegions(a, zMin, zMax);
            if (regions.Count > 0)
            {
                saturation[a.ToString()] = new JsonArray([.. regions.Select(r => (JsonNode)new JsonArray(r.From, r.To))]);
            }
        }

        outputs.Commit();
        if (json)
        {
            Json.Write(context.Out, new JsonObject
            {
                ["activations"] = new JsonArray([.. activations.Select(a => (JsonNode)a.ToString())]),
                ["saturation_fraction"] = Plots.SaturationFraction,
                ["saturation"] = saturation,
                ["plots"] = ExperimentPlots.Json(paths),
            });
            return NablaCommand.Success;
        }

        context.Out.WriteLine($"Drew {activations.Count} activations and their derivatives over [{Numbers.F(zMin)}, {Numbers.F(zMax)}].");
        foreach (var (name, regions) in saturation)
        {
            context.Out.WriteLine($"  {name} saturates (g' < {Numbers.F(100 * Plots.SaturationFraction)}% of its maximum) on {string.Join(" and ", regions!.AsArray().Select(r => $"[{Numbers.F((double)r![0]!)}, {Numbers.F((double)r[1]!)}]"))}");
        }

        ExperimentPlots.Report(context.Out, directory, paths);
        return NablaCommand.Success;
    }

    private static Command Network(CliContext context)
    {
        var model = CommonOptions.ModelFile();
        var output = OutputOption();
        var json = CommonOptions.Json();
        var command = new Command("network", """
            The diagram of a saved network (mlp): units as nodes labelled x_j and a_i^[l] with their biases b_i^[l], weights
            as edges, blue for positive and red for negative, wider for larger |w^[l]_{i,j}|; small layers label every weight.

            Examples:
              nabla plot network --model moons.json
              nabla plot network --model moons.json --output figures
            """)
        {
            model, output, json,
        };
        command.SetAction(r => NablaCommand.Guard(context, () => RunNetwork(context, r.GetValue(model)!, r.GetValue(output)!, r.GetValue(json))));
        return command;
    }

    private static int RunNetwork(CliContext context, string path, string directory, bool json)
    {
        var saved = SavedModel.Load(path);
        var features = saved.Preprocessing?.FeatureNames;
        IReadOnlyList<string>? outputs = saved.IsClassifier ? (saved.Info.Classes.Count == 2 ? [$"P({saved.Info.Classes[1]})"] : saved.Info.Classes) : saved.Targets;
        string title = $"{Path.GetFileName(path)}: {saved.Info.ModelType}";
        ScottPlot.Plot plot = saved.Estimator switch
        {
            MlpClassifier<double, string> c => Plots.Network(c.Network, features, outputs, title + $" {string.Join('-', c.Network.Sizes)}"),
            MlpClassifier<float, string> c => Plots.Network(c.Network, features, outputs, title + $" {string.Join('-', c.Network.Sizes)}"),
            MlpRegressor<double> r => Plots.Network(r.Network, features, outputs, title + $" {string.Join('-', r.Network.Sizes)}"),
            MlpRegressor<float> r => Plots.Network(r.Network, features, outputs, title + $" {string.Join('-', r.Network.Sizes)}"),
            _ => throw new CliException($"plot network draws a network, but {path} holds a {saved.Info.ModelType} model: train one with --model mlp."),
        };

        ExperimentPlots.Prepare(directory);
        using var set = new OutputSet();
        string name = Path.GetFileNameWithoutExtension(path) + "-network";
        var paths = ExperimentPlots.Write(set, plot, directory, name, 1100, 800);
        set.Commit();
        if (json)
        {
            Json.Write(context.Out, new JsonObject { ["model"] = path, ["plots"] = ExperimentPlots.Json(paths) });
            return NablaCommand.Success;
        }

        ExperimentPlots.Report(context.Out, directory, paths);
        return NablaCommand.Success;
    }

    /// <summary>Splits a list of specifications on ';', or on commas outside parentheses.</summary>
    internal static IEnumerable<string> SplitSpecifications(string text)
    {
        int depth = 0, start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || (depth == 0 && (text[i] == ';' || text[i] == ',')))
            {
                string part = text[start..i].Trim();
                if (part.Length > 0)
                {
                    yield return part;
                }

                start = i + 1;
            }
            else if (text[i] == '(')
            {
                depth++;
            }
            else if (text[i] == ')')
            {
                depth--;
            }
        }
    }

    private static string FileName(Activation a) =>
        new string([.. a.ToString().Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_')]).Trim('_').Replace("__", "_", StringComparison.Ordinal);
}
