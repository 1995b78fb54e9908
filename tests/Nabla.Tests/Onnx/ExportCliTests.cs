using System.Globalization;
using System.Text.Json.Nodes;
using Nabla.IO;
using Nabla.Models;
using Nabla.Onnx;
using Nabla.Tests.Cli;
using Nabla.Tests.Contracts;

namespace Nabla.Tests.Onnx;

/// <summary><c>nabla export</c>: the ONNX file it writes gives in ONNX Runtime what <c>nabla predict</c> prints.</summary>
public sealed class ExportCliTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [MemberData(nameof(KindCases.Kinds), MemberType = typeof(KindCases))]
    public void The_exported_file_predicts_what_nabla_predict_prints(string kind)
    {
        var model = ModelKinds.Get(kind);
        bool classify = model.Serves(Nabla.Estimators.ModelTask.Classification);
        var table = OnnxTables.Mixed(200, seed: 21, classes: classify ? 3 : 0, unseen: true);
        string data = _cli.Write("mixed.csv", ToCsv(table));
        string saved = _cli.PathOf($"{kind}.json"), onnx = _cli.PathOf($"{kind}.onnx");
        var (code, _, error) = _cli.Run("train", "--data", data, "--target", "y", "--model", kind, "--save", saved);
        Assert.True(code == 0, error);

        (code, var output, error) = _cli.Run("export", "--model", saved, "--format", "onnx", "--output", onnx, "--json");
        Assert.True(code == 0, error);
        var report = JsonNode.Parse(output)!;
        Assert.Equal(OnnxExporter.Opset, (int)report["opset"]!);
        Assert.Equal(new FileInfo(onnx).Length, (long)report["bytes"]!);
        Assert.Equal(["size", "weight", "color", "when", "stamp"], report["inputs"]!.AsArray().Select(i => (string)i!["name"]!));

        bool probabilities = classify && kind != "perceptron";
        string[] predict = probabilities ? ["--probabilities"] : [];
        (code, var predictions, error) = _cli.Run(["predict", "--model", saved, "--data", data, .. predict]);
        Assert.True(code == 0, error);
        var printed = CsvFiles.Read(new StringReader(predictions), "predictions.csv");
        var loaded = ModelFile.ReadInfo(saved);
        var run = OnnxRun.Of(File.ReadAllBytes(onnx), OnnxInputs.FromTable(classify
            ? ModelFile.LoadClassifier<double, string>(saved).Preprocessing
            : ModelFile.LoadRegressor<double>(saved).Preprocessing, table));
        if (classify)
        {
            int column = printed.RequireColumn("prediction");
            Assert.Equal(Enumerable.Range(0, printed.RowCount).Select(i => printed[i, column]), run.Values<string>(OnnxExporter.LabelOutput));
            if (probabilities)
            {
                var p = run.Values<double>(OnnxExporter.ProbabilitiesOutput);
                for (int k = 0; k < loaded.Classes.Count; k++)
                {
                    int pk = printed.RequireColumn($"p({loaded.Classes[k]})");
                    for (int i = 0; i < printed.RowCount; i++)
                    {
                        Assert.Equal(double.Parse(printed[i, pk], CultureInfo.InvariantCulture), p[i * loaded.Classes.Count + k], 1e-5);
                    }
                }
            }
        }
        else
        {
            int column = printed.RequireColumn("predicted_y");
            var p = run.Values<double>(OnnxExporter.PredictionsOutput);
            for (int i = 0; i < printed.RowCount; i++)
            {
                double want = double.Parse(printed[i, column], CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(want - p[i]) <= 1e-5 * Math.Max(1, Math.Abs(want)), $"row {i}: {p[i]} against {want}");
            }
        }
    }

    [Fact]
    public void Errors_are_one_line_with_exit_code_1()
    {
        var (code, output, error) = _cli.Run("export", "--model", _cli.PathOf("none.json"), "--output", _cli.PathOf("none.onnx"));
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("nabla: ", error, StringComparison.Ordinal);
        Assert.Contains("no such model file", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.PathOf("none.onnx")));

        string data = _cli.Write("mixed.csv", ToCsv(OnnxTables.Mixed(120, seed: 2, classes: 2)));
        string saved = _cli.PathOf("m.json");
        Assert.Equal(0, _cli.Run("train", "--data", data, "--target", "y", "--model", "logistic", "--save", saved).Code);
        (code, _, error) = _cli.Run("export", "--model", saved, "--output", saved);
        Assert.Equal(1, code);
        Assert.Equal("nabla: --output " + saved + " is the model file itself: give another path, such as " + Path.ChangeExtension(saved, ".onnx") + ".\n", error);
        Assert.StartsWith("{", File.ReadAllText(saved), StringComparison.Ordinal);

        (code, _, _) = _cli.Run("export", "--model", saved, "--format", "pmml", "--output", _cli.PathOf("m.pmml"));
        Assert.Equal(2, code);

        // A file that is there is replaced whole, and only by a complete export.
        string onnx = _cli.Write("m.onnx", "old");
        (code, output, error) = _cli.Run("export", "--model", saved, "--output", onnx);
        Assert.True(code == 0, error);
        Assert.StartsWith($"Wrote {onnx}: logistic classifier as ONNX (opset 17, ai.onnx.ml 3)", output, StringComparison.Ordinal);
        Assert.Contains("Inputs:  size (double [N, 1], number), weight (double [N, 1], number), color (string [N, 1], text), when (double [N, 1], date as Unix seconds)", output, StringComparison.Ordinal);
        Assert.Contains("Outputs: label (string [N]), probabilities (double [N, 2])", output, StringComparison.Ordinal);
        Assert.True(new FileInfo(onnx).Length > 1000);
    }

    private static string ToCsv(Nabla.Data.Preprocessing.TabularData table)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        CsvFiles.Write(writer, table.Columns, Enumerable.Range(0, table.RowCount).Select(i => Enumerable.Range(0, table.Columns.Count).Select(j => table[i, j]).ToArray()));
        return writer.ToString();
    }
}
