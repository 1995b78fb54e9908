using Nabla.Activations;
using Nabla.Bayes;
using Nabla.Data.Preprocessing;
using Nabla.Mlp;
using Nabla.Networks;
using Nabla.Onnx;
using Nabla.Tensors;

namespace Nabla.Tests.Onnx;

/// <summary>What cannot be exported says what is missing.</summary>
public sealed class OnnxExportErrorTests
{
    [Fact]
    public void An_activation_defined_outside_Nabla_is_named()
    {
        var hidden = new DenseLayer<double>(2, 2, new Cube());
        var output = new DenseLayer<double>(2, 1, Activation.Sigmoid);
        var model = MlpClassifier<double, string>.Restore(new MlpOptions(), ["a", "b"], new NeuralNetwork<double>(hidden, output));
        var e = Assert.Throws<OnnxExportException>(() => OnnxExporter.Export(model, null, new MemoryStream()));
        Assert.StartsWith("Layer 1 of the network has the activation 'cube' (Cube), which has no ONNX form", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_density_that_is_not_Gaussian_is_named()
    {
        var model = BayesClassifier<double, string>.FromDensities(["a", "b"], [new UniformBallDensity([0.0, 0.0], 1), new UniformBallDensity([3.0, 0.0], 1)]);
        var e = Assert.Throws<OnnxExportException>(() => OnnxExporter.Export(model, null, new MemoryStream()));
        Assert.Equal("Class 'a' has a UniformBallDensity density; the ONNX export expresses Gaussian class densities only (bayes-gaussian).", e.Message);
    }

    [Fact]
    public void Bad_arguments_are_refused_before_anything_is_written()
    {
        var data = Contracts.ContractData.Blobs(["a", "b"], perClass: 10);
        var model = new Nabla.Linear.LogisticRegression<double, string>().Fit(data.X, data.Labels);
        Assert.Throws<Nabla.Estimators.NotFittedException>(() => OnnxExporter.Export(new Nabla.Linear.LogisticRegression<double, string>(), null, new MemoryStream()));
        var readOnly = new MemoryStream([], writable: false);
        Assert.Contains("cannot be written to", Assert.Throws<ArgumentException>(() => OnnxExporter.Export(model, null, readOnly)).Message, StringComparison.Ordinal);

        var wrongWidth = new Preprocessor([FeatureColumn.Numeric("x")], ["y"], ImputeStrategy.None, new Scaler(ScalerKind.None, [0.0], [1.0]));
        Assert.StartsWith("The preprocessing makes 1 features but the model takes 2", Assert.Throws<ArgumentException>(() => OnnxExporter.Export(model, wrongWidth, new MemoryStream())).Message, StringComparison.Ordinal);

        var clash = new Preprocessor([FeatureColumn.Numeric("label"), FeatureColumn.Numeric("x")], ["y"], ImputeStrategy.None, new Scaler(ScalerKind.None, [0.0, 0.0], [1.0, 1.0]));
        var stream = new MemoryStream();
        Assert.StartsWith("Input column 'label' has the name of an ONNX output of the model (label, probabilities)",
            Assert.Throws<ArgumentException>(() => OnnxExporter.Export(model, clash, stream)).Message, StringComparison.Ordinal);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void A_model_file_that_cannot_be_read_leaves_the_output_untouched()
    {
        string directory = Directory.CreateTempSubdirectory("nabla-onnx-").FullName;
        try
        {
            string bad = Path.Combine(directory, "bad.json"), onnx = Path.Combine(directory, "bad.onnx");
            File.WriteAllText(bad, "{\"format\": \"nabla-model\", \"version\": 2");
            File.WriteAllText(onnx, "before");
            var e = Assert.Throws<Nabla.Serialization.ModelFormatException>(() => OnnxExporter.ExportModelFile(bad, onnx));
            Assert.StartsWith($"{bad} is not a", e.Message, StringComparison.Ordinal);
            Assert.Equal("before", File.ReadAllText(onnx));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class Cube : Activation
    {
        public override string Name => "cube";

        public override T Value<T>(T z) => z * z * z;

        public override T Derivative<T>(T z, T a) => T.CreateChecked(3) * z * z;

        public override void Forward<T>(ReadOnlySpan<T> z, Span<T> a, int width)
        {
            for (int i = 0; i < z.Length; i++)
            {
                a[i] = Value(z[i]);
            }
        }

        public override void Backward<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> gradientA, Span<T> gradientZ, int width)
        {
            for (int i = 0; i < z.Length; i++)
            {
                gradientZ[i] = gradientA[i] * Derivative(z[i], a[i]);
            }
        }
    }
}
