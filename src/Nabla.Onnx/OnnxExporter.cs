using System.Globalization;
using System.Numerics;
using Nabla.Data.Preprocessing;
using Nabla.Estimators;
using Nabla.Models;
using Nabla.Onnx.Graphs;
using Nabla.Onnx.Kinds;
using Nabla.Onnx.Preprocessing;
using Nabla.Onnx.Protobuf;
using Nabla.Serialization;

namespace Nabla.Onnx;

/// <summary>
/// Writes a fitted Nabla model, with the preprocessing saved beside it, as an ONNX model (opset <see cref="Opset"/> of
/// ai.onnx and <see cref="MlOpset"/> of ai.onnx.ml) that ONNX Runtime, and the servers built on it, run to the same
/// predictions. Every kind of <see cref="ModelKinds.All"/> is exported.
/// </summary>
/// <remarks>
/// The contract (docs/model-format.md, "ONNX"): with preprocessing, one input per input column, named as the column,
/// shape [N, 1]: numbers as double with NaN for a missing value, text as string ("" for a missing value, trimmed), dates as
/// double Unix seconds (UTC). Without preprocessing, one input <see cref="FeaturesInput"/>, double [N, d]. A classifier
/// gives <see cref="LabelOutput"/> [N] (int64 for integer labels, else string) and, when the model gives probabilities,
/// <see cref="ProbabilitiesOutput"/> [N, K] in the model's precision, classes in the model's order; a regressor gives
/// <see cref="PredictionsOutput"/> [N, targets].
/// </remarks>
public static class OnnxExporter
{
    /// <summary>The ONNX IR version written (8: the one of opset 17).</summary>
    public const long IrVersion = 8;

    /// <summary>The ai.onnx operator set version: 17, run by ONNX Runtime 1.12 and later.</summary>
    public const int Opset = 17;

    /// <summary>The ai.onnx.ml operator set version (for LabelEncoder, which one-hot encodes text columns): 3.</summary>
    public const int MlOpset = 3;

    /// <summary>The input of a model saved without preprocessing: double [N, d].</summary>
    public const string FeaturesInput = PreprocessingGraph.FeaturesInput;

    /// <summary>The output of a classifier's decided class labels, [N].</summary>
    public const string LabelOutput = "label";

    /// <summary>The output of a classifier's class probabilities, [N, K].</summary>
    public const string ProbabilitiesOutput = "probabilities";

    /// <summary>The output of a regressor's predictions, [N, targets].</summary>
    public const string PredictionsOutput = "predictions";

    /// <summary>The model kinds the exporter writes: every one of <see cref="ModelKinds.All"/>.</summary>
    public static IReadOnlyList<string> ExportedKinds { get; } = [.. KindExporters.All.Select(e => e.Kind)];

    /// <summary>Writes <paramref name="model"/> and its preprocessing as ONNX to <paramref name="output"/>.</summary>
    /// <param name="model">A fitted classifier of a registered kind.</param>
    /// <param name="preprocessing">How table rows become its features (the inputs are then the columns), or null (the input is the feature matrix).</param>
    /// <param name="output">A writable stream; the ONNX bytes are written at its position.</param>
    /// <exception cref="OnnxExportException">The model has a part ONNX cannot express.</exception>
    /// <exception cref="ArgumentException">The preprocessing does not fit the model, or a column is named like an output.</exception>
    public static void Export<T, TLabel>(Classifier<T, TLabel> model, Preprocessor? preprocessing, Stream output)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull
    {
        RequireWritable(output);
        Build(model, preprocessing).WriteTo(output);
    }

    /// <summary>Writes <paramref name="model"/> and its preprocessing as ONNX to <paramref name="output"/>.</summary>
    /// <param name="model">A fitted regressor of a registered kind.</param>
    /// <param name="preprocessing">How table rows become its features, or null.</param>
    /// <param name="output">A writable stream.</param>
    /// <exception cref="OnnxExportException">The model has a part ONNX cannot express.</exception>
    /// <exception cref="ArgumentException">The preprocessing does not fit the model, or a column is named like an output.</exception>
    public static void Export<T>(Regressor<T> model, Preprocessor? preprocessing, Stream output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireWritable(output);
        Build(model, preprocessing).WriteTo(output);
    }

    /// <summary>Writes a classifier loaded from a model file, with its saved preprocessing, as ONNX.</summary>
    /// <exception cref="OnnxExportException">The model has a part ONNX cannot express.</exception>
    public static void Export<T, TLabel>(LoadedModel<Classifier<T, TLabel>> model, Stream output)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(model);
        Export(model.Model, model.Preprocessing, output);
    }

    /// <summary>Writes a regressor loaded from a model file, with its saved preprocessing, as ONNX.</summary>
    /// <exception cref="OnnxExportException">The model has a part ONNX cannot express.</exception>
    public static void Export<T>(LoadedModel<Regressor<T>> model, Stream output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        Export(model.Model, model.Preprocessing, output);
    }

    /// <summary>
    /// Reads the Nabla model file at <paramref name="modelPath"/> (any kind, precision and label type) and writes it as ONNX
    /// to <paramref name="output"/>. Labels stored as whole numbers become int64 labels, others strings.
    /// </summary>
    /// <exception cref="ModelFormatException">The file is missing or not a valid model file.</exception>
    /// <exception cref="OnnxExportException">The model has a part ONNX cannot express.</exception>
    public static void ExportModelFile(string modelPath, Stream output)
    {
        RequireWritable(output);
        FromModelFile(modelPath).WriteTo(output);
    }

    /// <summary>
    /// Reads the Nabla model file at <paramref name="modelPath"/> and writes it as ONNX to the file <paramref name="onnxPath"/>,
    /// atomically: the file is complete or unchanged, never half written.
    /// </summary>
    /// <exception cref="ModelFormatException">The model file is missing or not valid.</exception>
    /// <exception cref="OnnxExportException">The model has a part ONNX cannot express.</exception>
    /// <exception cref="IOException">The ONNX file cannot be written.</exception>
    public static void ExportModelFile(string modelPath, string onnxPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(onnxPath);
        var model = FromModelFile(modelPath); // before the output is touched: a bad model leaves it as it was
        AtomicFile.Write(onnxPath, model.WriteTo);
    }

    private static ModelProto FromModelFile(string modelPath)
    {
        var info = ModelFile.ReadInfo(modelPath);
        return info.IsDouble ? FromModelFile<double>(modelPath, info) : FromModelFile<float>(modelPath, info);
    }

    private static ModelProto FromModelFile<T>(string path, ModelInfo info)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (info.Task == ModelTask.Regression)
        {
            var regressor = ModelFile.LoadRegressor<T>(path);
            return Build(regressor.Model, regressor.Preprocessing);
        }

        if (HasIntegerLabels(info))
        {
            var numbered = ModelFile.LoadClassifier<T, long>(path);
            return Build(numbered.Model, numbered.Preprocessing);
        }

        var classifier = ModelFile.LoadClassifier<T, string>(path);
        return Build(classifier.Model, classifier.Preprocessing);
    }

    /// <summary>True when a model file's classes are whole numbers: the exported labels are then int64, else strings.</summary>
    internal static bool HasIntegerLabels(ModelInfo info) =>
        info.LabelType == "number" && info.Classes.All(c => long.TryParse(c, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));

    /// <summary>The ONNX model of a classifier.</summary>
    internal static ModelProto Build<T, TLabel>(Classifier<T, TLabel> model, Preprocessor? preprocessing)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.IsFitted)
        {
            throw new NotFittedException(model.ModelName);
        }

        var kind = ModelKinds.Of(model);
        var g = Start<T>(preprocessing, model.FeatureCount, model.SupportsProbabilities ? [LabelOutput, ProbabilitiesOutput] : [LabelOutput]);
        var outputs = KindExporters.For(kind.Name).Classifier(model, g, g.FromDouble(PreprocessingGraph.Features(g, preprocessing, model.FeatureCount)));
        int k = model.Classes.Count;
        bool integral = IsIntegral<TLabel>();
        string classes = integral
            ? g.Longs("classes", [k], [.. model.Classes.Select(c => Convert.ToInt64(c, CultureInfo.InvariantCulture))])
            : g.Strings("classes", [k], [.. model.Classes.Select(c => Convert.ToString(c, CultureInfo.InvariantCulture) ?? "")]);
        g.Output(g.Op("Gather", [classes, outputs.ClassIndex], AttributeProto.Int("axis", 0)), LabelOutput, integral ? TensorType.Int64 : TensorType.String, [null],
            "the decided class of each row");
        if (outputs.Probabilities is { } p && model.SupportsProbabilities)
        {
            g.Output(p, ProbabilitiesOutput, g.Precision, [null, k],
                $"P(class | row) for the classes {string.Join(", ", model.Classes.Select(c => Convert.ToString(c, CultureInfo.InvariantCulture)))}, in that order");
        }

        return Finish(g, kind, ModelTask.Classification, typeof(T), preprocessing is not null);
    }

    /// <summary>The ONNX model of a regressor.</summary>
    internal static ModelProto Build<T>(Regressor<T> model, Preprocessor? preprocessing)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.IsFitted)
        {
            throw new NotFittedException(model.ModelName);
        }

        var kind = ModelKinds.Of(model);
        var g = Start<T>(preprocessing, model.FeatureCount, [PredictionsOutput]);
        string predictions = KindExporters.For(kind.Name).Regressor(model, g, g.FromDouble(PreprocessingGraph.Features(g, preprocessing, model.FeatureCount)));
        string targets = preprocessing is { Targets.Count: > 0 } ? $" ({string.Join(", ", preprocessing.Targets)})" : "";
        g.Output(predictions, PredictionsOutput, g.Precision, [null, model.TargetCount], $"the predicted value of each target{targets}");
        return Finish(g, kind, ModelTask.Regression, typeof(T), preprocessing is not null);
    }

    private static OnnxGraph Start<T>(Preprocessor? preprocessing, int featureCount, string[] outputs)
    {
        if (preprocessing is not null)
        {
            if (preprocessing.FeatureCount != featureCount)
            {
                throw new ArgumentException($"The preprocessing makes {preprocessing.FeatureCount} features but the model takes {featureCount}: give the preprocessing the model was trained with.", nameof(preprocessing));
            }

            if (preprocessing.Inputs.FirstOrDefault(c => outputs.Contains(c.Name)) is { } clash)
            {
                throw new ArgumentException(
                    $"Input column '{clash.Name}' has the name of an ONNX output of the model ({string.Join(", ", outputs)}), and ONNX names must be distinct: rename the column and retrain.", nameof(preprocessing));
            }
        }

        return new OnnxGraph(typeof(T) == typeof(float) ? TensorType.Float : typeof(T) == typeof(double)
            ? TensorType.Double
            : throw new OnnxExportException($"The ONNX export writes float and double models, not {typeof(T).Name}: train the model in float or double."));
    }

    private static ModelProto Finish(OnnxGraph g, ModelKind kind, ModelTask task, Type precision, bool withPreprocessing)
    {
        string inputs = withPreprocessing ? "with the preprocessing saved with it" : "without preprocessing (one input, 'features')";
        string doc = $"Nabla {kind.Name} {task.ToString().ToLowerInvariant()} ({kind.Summary}), exported {inputs}. See Nabla's docs/model-format.md, \"ONNX\".";
        return new ModelProto(IrVersion, [("", Opset), (OnnxGraph.MlDomain, MlOpset)], "Nabla", ModelFile.NablaVersion, doc, g.Build($"nabla-{kind.Name}", doc),
        [
            new("nabla.model", kind.Name),
            new("nabla.task", task.ToString().ToLowerInvariant()),
            new("nabla.precision", precision == typeof(float) ? ModelFile.Float32 : ModelFile.Float64),
        ]);
    }

    private static bool IsIntegral<TLabel>() => Type.GetTypeCode(typeof(TLabel)) is TypeCode.SByte or TypeCode.Byte or TypeCode.Int16 or TypeCode.UInt16
        or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64;

    private static void RequireWritable(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanWrite)
        {
            throw new ArgumentException("The output stream cannot be written to: give a writable stream (for example a FileStream opened for writing).", nameof(output));
        }
    }
}
