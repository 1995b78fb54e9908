using Nabla.IO;
using Nabla.Models;
using Nabla.Onnx;

namespace Nabla.Tests.Onnx;

/// <summary>Model files as earlier versions of Nabla wrote them (format version 1) export and run like new ones.</summary>
public sealed class OnnxModelFileTests
{
    [Theory]
    [InlineData("mlp")]
    [InlineData("perceptron")]
    [InlineData("logistic")]
    [InlineData("bayes")]
    [InlineData("mlp-regression")]
    public void A_version_1_model_file_exports_to_what_it_predicts(string name)
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "Serialization", "Fixtures", "BeforeRegistry");
        string path = Path.Combine(directory, $"{name}.json");
        var data = CsvFiles.Read(Path.Combine(directory, "moons.csv"));
        using var stream = new MemoryStream();
        OnnxExporter.ExportModelFile(path, stream);
        var info = ModelFile.ReadInfo(path);
        Assert.Equal(1, info.Version);
        if (info.Task == Nabla.Estimators.ModelTask.Regression)
        {
            var regressor = ModelFile.LoadRegressor<double>(path);
            var run = OnnxRun.Of(stream.ToArray(), OnnxInputs.FromTable(regressor.Preprocessing, data));
            var expected = regressor.Model.Predict(regressor.Preprocessing!.Transform(data)).AsReadOnlySpan();
            var actual = run.Reals(OnnxExporter.PredictionsOutput);
            for (int i = 0; i < actual.Length; i++)
            {
                Assert.Equal(expected[i], actual[i], 1e-9 * Math.Max(1, Math.Abs(expected[i])));
            }

            return;
        }

        // The labels are whole numbers, so the ONNX labels are int64.
        var classifier = ModelFile.LoadClassifier<double, long>(path);
        var labels = OnnxRun.Of(stream.ToArray(), OnnxInputs.FromTable(classifier.Preprocessing, data)).Values<long>(OnnxExporter.LabelOutput);
        Assert.Equal(classifier.Model.Predict(classifier.Preprocessing!.Transform(data)), labels);
        Assert.Equal(2, labels.Distinct().Count());
    }
}
