using Microsoft.ML.OnnxRuntime;
using Nabla.Data.Preprocessing;
using Nabla.Models;
using Nabla.Onnx;
using Nabla.Tests.Contracts;

namespace Nabla.Tests.Onnx;

/// <summary>The inputs and outputs an exported model declares, as docs/model-format.md ("ONNX") describes them.</summary>
public sealed class OnnxContractTests
{
    [Fact]
    public void Inputs_are_the_columns_and_outputs_are_typed_by_the_precision_and_the_labels()
    {
        var train = OnnxTables.Mixed(200, seed: 1, classes: 3);
        var (prep, x) = Preprocessor.FitTransform(train, new PreprocessorOptions { Targets = ["y"] });
        var model = ModelKinds.Logistic.CreateClassifier<float, string>(ModelKinds.Logistic.Defaults).Fit(OnnxExportTests.Cast<float>(x), prep.ReadLabels(train));
        using var session = new InferenceSession(OnnxExportTests.Bytes(s => OnnxExporter.Export(model, prep, s)));
        Assert.Equal(["size", "weight", "color", "when", "stamp"], session.InputNames);
        foreach (var (name, meta) in session.InputMetadata)
        {
            Assert.Equal(name == "color" ? typeof(string) : typeof(double), meta.ElementType);
            Assert.Equal([-1, 1], meta.Dimensions);
            Assert.Equal(["N", ""], meta.SymbolicDimensions);
        }

        Assert.Equal([OnnxExporter.LabelOutput, OnnxExporter.ProbabilitiesOutput], session.OutputNames);
        Assert.Equal(typeof(string), session.OutputMetadata[OnnxExporter.LabelOutput].ElementType);
        Assert.Equal([-1], session.OutputMetadata[OnnxExporter.LabelOutput].Dimensions);
        Assert.Equal(typeof(float), session.OutputMetadata[OnnxExporter.ProbabilitiesOutput].ElementType);
        Assert.Equal([-1, 3], session.OutputMetadata[OnnxExporter.ProbabilitiesOutput].Dimensions);
        var metadata = session.ModelMetadata;
        Assert.Equal("Nabla", metadata.ProducerName);
        Assert.Equal("nabla-logistic", metadata.GraphName);
        Assert.Equal("logistic", metadata.CustomMetadataMap["nabla.model"]);
        Assert.Equal("float32", metadata.CustomMetadataMap["nabla.precision"]);
    }

    [Theory]
    [MemberData(nameof(KindCases.Regressors), MemberType = typeof(KindCases))]
    public void Several_targets_are_the_columns_of_predictions(string name)
    {
        var (kind, _) = KindCases.Parse(name);
        var data = ContractData.Linear(rows: 80, features: 3, targets: 2);
        var model = kind.CreateRegressor<double>(KindCases.Small(kind)).Fit(data.X, data.Y);
        var fresh = ContractData.Linear(rows: 40, features: 3, targets: 2, seed: 12).X;
        var run = OnnxRun.Of(OnnxExportTests.Bytes(s => OnnxExporter.Export(model, null, s)), [new OnnxInputColumn(OnnxExporter.FeaturesInput, 3, fresh.AsSpan().ToArray(), null)]);
        Assert.Equal([40, 2], run.Shape(OnnxExporter.PredictionsOutput));
        var expected = model.Predict(fresh).AsReadOnlySpan();
        var actual = run.Reals(OnnxExporter.PredictionsOutput);
        for (int i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-9 * Math.Max(1, Math.Abs(expected[i])));
        }
    }
}
