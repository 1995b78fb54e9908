// The sample eng/check-packages.sh runs in a fresh console project that has only Nabla's packages: CSV in and out with
// Nabla.IO, preprocessing, training and prediction with Nabla, a picture with Nabla.Plotting, an ONNX file with Nabla.Onnx
// and a notebook's HTML with Nabla.Interactive. The script also publishes it with Native AOT, without Nabla.Interactive (a
// notebook package, which reflects over types), defining NO_INTERACTIVE.
// Argument: the folder to work in. Exits 1 with one line when a result is not what it must be.
using System.Globalization;
using Nabla.Data;
using Nabla.Data.Preprocessing;
#if !NO_INTERACTIVE
using Nabla.Interactive;
#endif
using Nabla.IO;
using Nabla.Linear;
using Nabla.Mlp;
using Nabla.Models;
using Nabla.Onnx;
using Nabla.Plotting;

string folder = args.Length == 1 ? args[0] : throw new ArgumentException("usage: PackageSample FOLDER");
string csv = Path.Combine(folder, "moons.csv");

// Write the two moons as CSV (x1, x2, label) and read them back as a table of text cells.
var moons = SyntheticData.Moons(count: 300, noise: 0.1, seed: 1);
using (var writer = new StreamWriter(csv))
{
    var rows = Enumerable.Range(0, moons.Features.Rows).Select(i => (IReadOnlyList<string>)
        [Text(moons.Features[i, 0]), Text(moons.Features[i, 1]), moons.Labels[i].ToString(CultureInfo.InvariantCulture)]);
    CsvFiles.Write(writer, ["x1", "x2", "label"], rows);
}

TabularData table = CsvFiles.Read(csv);
var (preprocessor, features) = Preprocessor.FitTransform(table, new PreprocessorOptions { Targets = ["label"] });
int labelColumn = table.IndexOf("label");
int[] labels = [.. Enumerable.Range(0, table.RowCount).Select(row => int.Parse(table[row, labelColumn], CultureInfo.InvariantCulture))];
Require(table.RowCount == 300 && features.Columns == 2, $"read {table.RowCount} rows and {features.Columns} features, not 300 and 2");

// Two models on the scaled features: a network separates the moons, a line cannot quite.
var network = new MlpClassifier<double, int>(new MlpOptions { HiddenLayers = [16], Seed = 0 }).Fit(features, labels);
var line = new LogisticRegression<double, int>(new LogisticRegressionOptions { L2Penalty = 1e-3 }).Fit(features, labels);
double networkAccuracy = network.Score(features, labels), lineAccuracy = line.Score(features, labels);
Console.WriteLine($"mlp accuracy {networkAccuracy:F3}, logistic accuracy {lineAccuracy:F3} on {table.RowCount} rows of {csv}");
Require(networkAccuracy >= 0.97, $"the network's training accuracy is {networkAccuracy:F3}, below 0.97");
Require(lineAccuracy >= 0.75 && lineAccuracy < networkAccuracy, $"the logistic regression's accuracy is {lineAccuracy:F3}");

// A model on the raw columns, saved for the nabla tool to predict with; the library's own predictions beside it.
var raw = new MlpClassifier<double, int>(new MlpOptions { HiddenLayers = [16], Seed = 0 }).Fit(moons.Features, moons.Labels);
ModelFile.Save(Path.Combine(folder, "library-model.json"), raw);
var loaded = ModelFile.LoadClassifier<double, int>(Path.Combine(folder, "library-model.json")).Model;
int[] predictions = loaded.Predict(moons.Features);
Require(predictions.SequenceEqual(raw.Predict(moons.Features)), "the loaded model predicts otherwise than the saved one");
File.WriteAllLines(Path.Combine(folder, "library-predictions.txt"), predictions.Select(p => p.ToString(CultureInfo.InvariantCulture)));

// A picture: the network's decision regions.
string png = Path.Combine(folder, "regions.png");
Plots.Save(Plots.DecisionRegions(raw, moons.Features, moons.Labels), png);
byte[] head = File.ReadAllBytes(png)[..8];
Require(head.SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), $"{png} is not a PNG file");
Console.WriteLine($"saved library-model.json, {predictions.Length} predictions and regions.png ({new FileInfo(png).Length / 1024} KB)");

// The model as ONNX (a protobuf ModelProto: field 1, the IR version, comes first) and a matrix as a notebook shows it.
string onnx = Path.Combine(folder, "library-model.onnx");
OnnxExporter.ExportModelFile(Path.Combine(folder, "library-model.json"), onnx);
byte[] model = File.ReadAllBytes(onnx);
Require(model.Length > 1000 && model[0] == 0x08, $"{onnx} is not an ONNX model ({model.Length} bytes)");
#if NO_INTERACTIVE
Console.WriteLine($"saved library-model.onnx ({model.Length / 1024} KB)");
#else
string html = NablaHtml.Matrix(raw.Network.Layers[0].Weights, "W^[1]");
Require(html.Contains("<table", StringComparison.Ordinal) && html.Contains("16", StringComparison.Ordinal), "Nabla.Interactive's HTML of W^[1] has no table");
Console.WriteLine($"saved library-model.onnx ({model.Length / 1024} KB); W^[1] as {html.Length} characters of HTML");
#endif

static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

static void Require(bool condition, string failure)
{
    if (!condition)
    {
        Console.Error.WriteLine($"sample: {failure}");
        Environment.Exit(1);
    }
}
