using System.CommandLine;
using System.Text.Json.Nodes;
using Nabla.Cli.ModelFiles;
using Nabla.Data.Preprocessing;
using Nabla.Onnx;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla export</c>: a saved model, with its preprocessing, in another format (ONNX), for the engines that serve models.</summary>
internal static class ExportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = CommonOptions.ModelFile();
        var format = new Option<string>("--format", "-f") { HelpName = "FORMAT", Description = "The format to write: onnx.", DefaultValueFactory = _ => "onnx" };
        format.AcceptOnlyFromAmong("onnx");
        var output = new Option<string>("--output", "-o") { HelpName = "FILE.onnx", Description = "The file to write (atomically; replaced if it exists).", Required = true };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("export", $"""
            Export a saved model, with the preprocessing saved beside it, as an ONNX model (opset {OnnxExporter.Opset}, ai.onnx.ml {OnnxExporter.MlOpset})
            for ONNX Runtime and the servers built on it (Triton, Spark, the cloud ML services). Every model kind is exported.
            Inputs: one per input column, shape [N, 1], named as the column: numbers as double (NaN when missing), text as
            string ("" when missing), dates as double Unix seconds (UTC). Outputs: 'label' and, for models that give them,
            'probabilities' (classifiers), or 'predictions' (regression). See docs/model-format.md, "ONNX".

            Examples:
              nabla export --model iris.json --format onnx --output iris.onnx
              nabla export --model prices.json --output prices.onnx --json
            """)
        {
            model, format, output, json, verbose,
        };
        command.SetAction(r => NablaCommand.Guard(context, () => Run(context, r.GetValue(model)!, r.GetValue(output)!, r.GetValue(json)), r.GetValue(verbose)));
        return command;
    }

    private static int Run(CliContext context, string modelPath, string outputPath, bool json)
    {
        if (string.Equals(Path.GetFullPath(modelPath), Path.GetFullPath(outputPath), StringComparison.Ordinal))
        {
            throw new CliException($"--output {outputPath} is the model file itself: give another path, such as {Path.ChangeExtension(outputPath, ".onnx")}.");
        }

        var saved = SavedModel.Load(modelPath);
        OnnxExporter.ExportModelFile(modelPath, outputPath);
        var inputs = saved.Preprocessing is { } prep
            ? prep.Inputs.Select(c => (c.Name, Type: c.Kind == ColumnKind.Categorical ? "string" : "double", Shape: "[N, 1]",
                What: c.Kind switch { ColumnKind.Categorical => "text", ColumnKind.Date => "date as Unix seconds", _ => "number" })).ToArray()
            : [(OnnxExporter.FeaturesInput, "double", $"[N, {saved.Info.FeatureCount}]", "features")];
        string real = saved.Info.IsDouble ? "double" : "float";
        var outputs = saved.IsClassifier
            ? new List<(string Name, string Type, string Shape)> { (OnnxExporter.LabelOutput, OnnxExporter.HasIntegerLabels(saved.Info) ? "int64" : "string", "[N]") }
            : [(OnnxExporter.PredictionsOutput, real, $"[N, {saved.Info.TargetCount}]")];
        if (saved.SupportsProbabilities)
        {
            outputs.Add((OnnxExporter.ProbabilitiesOutput, real, $"[N, {saved.Info.Classes.Count}]"));
        }

        long bytes = new FileInfo(outputPath).Length;
        if (json)
        {
            Json.Write(context.Out, new JsonObject
            {
                ["model"] = modelPath,
                ["output"] = outputPath,
                ["format"] = "onnx",
                ["opset"] = OnnxExporter.Opset,
                ["ml_opset"] = OnnxExporter.MlOpset,
                ["bytes"] = bytes,
                ["inputs"] = new JsonArray([.. inputs.Select(i => (JsonNode)new JsonObject { ["name"] = i.Name, ["type"] = i.Type, ["shape"] = i.Shape })]),
                ["outputs"] = new JsonArray([.. outputs.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["type"] = o.Type, ["shape"] = o.Shape })]),
            });
            return 0;
        }

        context.Out.WriteLine($"Wrote {outputPath}: {saved.Info.ModelType} {(saved.IsClassifier ? "classifier" : "regressor")} as ONNX (opset {OnnxExporter.Opset}, ai.onnx.ml {OnnxExporter.MlOpset}), {bytes:N0} bytes.");
        context.Out.WriteLine($"Inputs:  {string.Join(", ", inputs.Select(i => $"{i.Name} ({i.Type} {i.Shape}, {i.What})"))}");
        context.Out.WriteLine($"Outputs: {string.Join(", ", outputs.Select(o => $"{o.Name} ({o.Type} {o.Shape})"))}");
        return 0;
    }
}
