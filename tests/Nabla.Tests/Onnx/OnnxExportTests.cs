using System.Numerics;
using Nabla.Data.Preprocessing;
using Nabla.Estimators;
using Nabla.Models;
using Nabla.Onnx;
using Nabla.Tensors;
using Nabla.Tests.Contracts;

namespace Nabla.Tests.Onnx;

/// <summary>
/// Every model kind, exported with its preprocessing and run in ONNX Runtime, predicts what Nabla predicts: labels
/// identical, probabilities and regression predictions within 1e-5, in float64 and float32, on rows the model has not seen
/// (with missing cells and an unseen category) and on a real table.
/// </summary>
public sealed class OnnxExportTests
{
    /// <summary>Every kind and task of the registry at its defaults (two and three classes), then variants of each kind.</summary>
    public static TheoryData<string, string, int> Cases
    {
        get
        {
            var data = new TheoryData<string, string, int>();
            foreach (var kind in ModelKinds.All)
            {
                if (kind.Serves(ModelTask.Classification))
                {
                    data.Add(kind.Name, "", 2);
                    data.Add(kind.Name, "", 3);
                }

                if (kind.Serves(ModelTask.Regression))
                {
                    data.Add(kind.Name, "", 0);
                }
            }

            foreach (string activation in new[] { "tanh", "sigmoid", "leaky-relu(0.2)", "randomized-leaky-relu(0.1,0.3)", "generalized-logistic(2,1.5,0.5)", "linear(0.5,0.1)", "identity" })
            {
                data.Add("mlp", $"activation={activation};hidden=8,4", 3);
            }

            data.Add("mlp", "hidden=none", 2);
            data.Add("mlp", "activation=tanh;hidden=6", 0);
            data.Add("mlp", "standardize_targets=false;hidden=4", 0);
            data.Add("logistic", "threshold=0.3", 2);
            data.Add("logistic", "fit_intercept=false", 3);
            data.Add("perceptron", "variant=standard", 3);
            data.Add("perceptron", "variant=averaged", 2);
            foreach (string covariance in new[] { "full", "diagonal", "shared", "regularized" })
            {
                data.Add("bayes-gaussian", $"covariance={covariance}", 3);
            }

            data.Add("bayes-gaussian", "costs=0,1;5,0", 2);
            data.Add("bayes-gaussian", "costs=0,1,4;1,0,1;2,1,0;priors=uniform", 3);
            data.Add("linear", "fit_intercept=false", 0);
            data.Add("linear", "l2=0.5", 0);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Onnx_Runtime_predicts_what_Nabla_predicts_on_new_rows(string kind, string settings, int classes)
    {
        var train = OnnxTables.Mixed(240, seed: 1, classes);
        var fresh = OnnxTables.Mixed(150, seed: 2, classes, unseen: true);
        Check<double>(kind, settings, train, fresh, "y");
        Check<float>(kind, settings, train, fresh, "y");
    }

    [Theory]
    [MemberData(nameof(KindCases.Kinds), MemberType = typeof(KindCases))]
    public void Onnx_Runtime_predicts_what_Nabla_predicts_on_a_real_table(string kind)
    {
        var model = ModelKinds.Get(kind);
        foreach (bool regression in new[] { false, true }.Where(r => model.Serves(r ? ModelTask.Regression : ModelTask.Classification)))
        {
            var table = OnnxTables.Grunfeld(regression);
            var target = table.Columns[^1];
            var train = table.SelectRows([.. Enumerable.Range(0, table.RowCount).Where(i => i % 4 != 0)]);
            var test = table.SelectRows([.. Enumerable.Range(0, table.RowCount).Where(i => i % 4 == 0)]);
            Check<double>(kind, "", train, test, target);
            Check<float>(kind, "", train, test, target);
        }
    }

    [Fact]
    public void Every_model_kind_has_an_exporter() => Assert.Equal(ModelKinds.Names.Order(), OnnxExporter.ExportedKinds.Order());

    [Fact]
    public void Whole_number_labels_are_int64_labels()
    {
        var train = OnnxTables.Mixed(200, seed: 3, classes: 3);
        var fresh = OnnxTables.Mixed(80, seed: 4, classes: 3, unseen: true);
        var (prep, x) = Preprocessor.FitTransform(train, new PreprocessorOptions { Targets = ["y"] });
        int[] codes = [.. prep.ReadLabels(train).Select(l => l == "low" ? -1 : l == "mid" ? 0 : 7)];
        foreach (var kind in ModelKinds.All.Where(k => k.Serves(ModelTask.Classification)))
        {
            var model = kind.CreateClassifier<double, int>(Small(kind)).Fit(x, codes);
            var run = OnnxRun.Of(Bytes(s => OnnxExporter.Export(model, prep, s)), OnnxInputs.FromTable(prep, fresh));
            var expected = model.Predict(prep.Transform(fresh));
            Assert.Equal(expected.Select(v => (long)v), run.Values<long>(OnnxExporter.LabelOutput));
            Assert.True(expected.Distinct().Count() > 1, kind.Name);
        }
    }

    [Fact]
    public void A_model_without_preprocessing_takes_its_feature_matrix()
    {
        var data = ContractData.Blobs(["a", "b", "c"], perClass: 30, features: 3);
        foreach (var kind in ModelKinds.All.Where(k => k.Serves(ModelTask.Classification)))
        {
            var model = kind.CreateClassifier<double, string>(Small(kind)).Fit(data.X, data.Labels);
            var rows = RandomRows(50, 3, seed: 9, spread: 6);
            var run = OnnxRun.Of(Bytes(s => OnnxExporter.Export(model, null, s)), [new OnnxInputColumn(OnnxExporter.FeaturesInput, 3, rows.AsSpan().ToArray(), null)]);
            Assert.Equal(model.Predict(rows), run.Values<string>(OnnxExporter.LabelOutput));
        }
    }

    [Fact]
    public void The_step_activation_is_exported()
    {
        var hidden = new Nabla.Networks.DenseLayer<double>(2, 3, Nabla.Activations.Activation.Step);
        hidden.SetWeights([[1, -1], [0.5, 2], [-1, 0.25]]);
        hidden.SetBias([0.1, -0.2, 0]);
        var output = new Nabla.Networks.DenseLayer<double>(3, 1, Nabla.Activations.Activation.Sigmoid);
        output.SetWeights([[1.5, -2, 0.7]]);
        output.SetBias([0.2]);
        var model = Nabla.Mlp.MlpClassifier<double, string>.Restore(new Nabla.Mlp.MlpOptions(), ["off", "on"], new Nabla.Networks.NeuralNetwork<double>(hidden, output));
        var rows = RandomRows(200, 2, seed: 5, spread: 2);
        var run = OnnxRun.Of(Bytes(s => OnnxExporter.Export(model, null, s)), [new OnnxInputColumn(OnnxExporter.FeaturesInput, 2, rows.AsSpan().ToArray(), null)]);
        Assert.Equal(model.Predict(rows), run.Values<string>(OnnxExporter.LabelOutput));
        AssertClose(model.PredictProbabilities(rows), run.Reals(OnnxExporter.ProbabilitiesOutput), 1e-12);
        Assert.Equal(2, model.Predict(rows).Distinct().Count());
    }

    /// <summary>Trains <paramref name="kind"/> on <paramref name="train"/> and compares Nabla and ONNX Runtime on <paramref name="test"/>.</summary>
    internal static void Check<T>(string kind, string settings, TabularData train, TabularData test, string target)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var k = ModelKinds.Get(kind);
        var values = Small(k);
        // "costs=0,1;5,0" holds ';' itself: a part without '=' continues the one before.
        var parts = new List<string>();
        foreach (string part in settings.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Contains('=', StringComparison.Ordinal) || parts.Count == 0)
            {
                parts.Add(part);
            }
            else
            {
                parts[^1] += ";" + part;
            }
        }

        foreach (string setting in parts)
        {
            values = values.WithText(setting[..setting.IndexOf('=')], setting[(setting.IndexOf('=') + 1)..]);
        }

        var (prep, x) = Preprocessor.FitTransform(train, new PreprocessorOptions { Targets = [target] });
        var xTest = Cast<T>(prep.Transform(test));
        string where = $"{kind} {settings} {typeof(T).Name}";
        bool classify = k.Serves(ModelTask.Classification) && !double.TryParse(train[0, train.Columns.Count - 1], System.Globalization.CultureInfo.InvariantCulture, out _);
        if (classify)
        {
            var model = k.CreateClassifier<T, string>(values).Fit(Cast<T>(x), prep.ReadLabels(train));
            var run = OnnxRun.Of(Bytes(s => OnnxExporter.Export(model, prep, s)), OnnxInputs.FromTable(prep, test));
            var labels = model.Predict(xTest);
            Assert.Equal(labels, run.Values<string>(OnnxExporter.LabelOutput));
            Assert.True(labels.Distinct().Count() > 1, $"{where}: the test rows should get more than one class");
            if (model.SupportsProbabilities)
            {
                Assert.Equal([test.RowCount, model.Classes.Count], run.Shape(OnnxExporter.ProbabilitiesOutput));
                AssertClose(model.PredictProbabilities(xTest), run.Reals(OnnxExporter.ProbabilitiesOutput), 1e-5, where);
            }
            else
            {
                Assert.DoesNotContain(OnnxExporter.ProbabilitiesOutput, run.Names);
            }
        }
        else
        {
            var model = k.CreateRegressor<T>(values).Fit(Cast<T>(x), Cast<T>(prep.ReadTargets(train)));
            var run = OnnxRun.Of(Bytes(s => OnnxExporter.Export(model, prep, s)), OnnxInputs.FromTable(prep, test));
            var expected = model.Predict(xTest);
            Assert.Equal([test.RowCount, model.TargetCount], run.Shape(OnnxExporter.PredictionsOutput));
            AssertClose(expected, run.Reals(OnnxExporter.PredictionsOutput), 1e-5, where, relative: true);
        }
    }

    internal static HyperparameterValues Small(ModelKind kind) => KindCases.Small(kind);

    internal static byte[] Bytes(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }

    internal static Matrix<T> Cast<T>(Matrix<double> m)
        where T : unmanaged, IFloatingPointIeee754<T> => ContractModel<T>.Cast(m);

    private static Matrix<double> RandomRows(int rows, int columns, int seed, double spread)
    {
        var random = new Random(seed);
        var x = new Matrix<double>(rows, columns);
        foreach (ref double v in x.AsSpan())
        {
            v = spread * (2 * random.NextDouble() - 1);
        }

        return x;
    }

    private static void AssertClose<T>(Matrix<T> expected, double[] actual, double tolerance, string where = "", bool relative = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        var e = expected.AsReadOnlySpan();
        for (int i = 0; i < actual.Length; i++)
        {
            double want = double.CreateChecked(e[i]);
            double allowed = relative ? tolerance * Math.Max(1, Math.Abs(want)) : tolerance;
            Assert.True(Math.Abs(want - actual[i]) <= allowed, $"{where}: entry {i} is {actual[i]:R} in ONNX Runtime, {want:R} in Nabla");
        }
    }
}
