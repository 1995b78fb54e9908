using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nabla.Data.Preprocessing;
using Nabla.Estimators;
using Nabla.Serialization;
using Nabla.Training;

namespace Nabla.Models;

/// <summary>
/// Nabla's model files: one versioned JSON format for every model type, holding the parameters, the hyperparameters, the
/// class labels, the preprocessing and the training metadata. Files are written atomically; loading validates the format,
/// version, model type and every shape and value, so a truncated, edited or foreign file gives a
/// <see cref="ModelFormatException"/> naming the file and field, never a silently wrong model. Parameters are stored in
/// shortest round-trip form: a reloaded model predicts bit for bit the same. See docs/model-format.md.
/// </summary>
public static class ModelFile
{
    /// <summary>The value of the <c>format</c> field.</summary>
    public const string Format = "nabla-model";

    /// <summary>The format version this Nabla writes and the newest it reads (2: date columns, missing-value indicators, rare categories and digit grouping in the preprocessing, and hyperparameters version 1 did not have).</summary>
    public const int CurrentVersion = 2;

    /// <summary>The <c>precision</c> of <see cref="double"/> parameters.</summary>
    public const string Float64 = "float64";

    /// <summary>The <c>precision</c> of <see cref="float"/> parameters.</summary>
    public const string Float32 = "float32";

    /// <summary>
    /// Largest model file read, in bytes: 256 MiB, room for about ten million parameters. Reading parses the file's UTF-8
    /// bytes as they are (no text copy), so memory stays a small multiple of this whatever the file holds.
    /// </summary>
    public const long MaxFileBytes = 256L << 20;

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The model types this Nabla can read and write.</summary>
    public static IEnumerable<string> KnownModelTypes => ModelKinds.Names;

    /// <summary>The version of the Nabla library, as written into model files.</summary>
    public static string NablaVersion =>
        typeof(ModelFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>Saves a fitted classifier to <paramref name="path"/> atomically. The class labels are stored as strings, numbers
    /// or booleans (an enum as its number, a char as a one-letter string).</summary>
    /// <exception cref="NotSupportedException">The model type has no file format yet, or <typeparamref name="TLabel"/> is none of
    /// string, char, bool, a number type or an enum.</exception>
    public static void Save<T, TLabel>(string path, Classifier<T, TLabel> model, Preprocessor? preprocessing = null, TrainingMetadata? training = null)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull =>
        AtomicFile.WriteAllText(path, ToJson(model, preprocessing, training));

    /// <summary>Saves a fitted regressor to <paramref name="path"/> atomically.</summary>
    /// <exception cref="NotSupportedException">The model type has no file format yet.</exception>
    public static void Save<T>(string path, Regressor<T> model, Preprocessor? preprocessing = null, TrainingMetadata? training = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        AtomicFile.WriteAllText(path, ToJson(model, preprocessing, training));

    /// <summary>The model file text of a fitted classifier (the labels stored as <see cref="Save{T, TLabel}"/> says).</summary>
    /// <exception cref="NotSupportedException">As for <see cref="Save{T, TLabel}"/>.</exception>
    public static string ToJson<T, TLabel>(Classifier<T, TLabel> model, Preprocessor? preprocessing = null, TrainingMetadata? training = null)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.IsFitted)
        {
            throw new NotFittedException(model.ModelName);
        }

        var kind = ModelKinds.Of(model);
        var parameters = new JsonObject();
        kind.WriteParameters(model, parameters);
        var hyperparameters = kind.ValuesOf(model).ToJson();
        var root = Header<T>(kind.Name, ModelTask.Classification, model.FeatureCount);
        JsonValue[] classes = [.. model.Classes.Select(LabelJson.Write)];
        root["label_type"] = LabelJson.TypeName(classes[0]);
        root["classes"] = new JsonArray([.. classes]);
        return Finish(root, hyperparameters, parameters, preprocessing, training, model.FeatureCount);
    }

    /// <summary>The model file text of a fitted regressor.</summary>
    public static string ToJson<T>(Regressor<T> model, Preprocessor? preprocessing = null, TrainingMetadata? training = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.IsFitted)
        {
            throw new NotFittedException(model.ModelName);
        }

        var kind = ModelKinds.Of(model);
        var parameters = new JsonObject();
        kind.WriteParameters(model, parameters);
        var hyperparameters = kind.ValuesOf(model).ToJson();
        var root = Header<T>(kind.Name, ModelTask.Regression, model.FeatureCount);
        root["targets"] = model.TargetCount;
        return Finish(root, hyperparameters, parameters, preprocessing, training, model.FeatureCount);
    }

    /// <summary>Reads and validates the header of the model file at <paramref name="path"/>.</summary>
    /// <exception cref="ModelFormatException">The file is missing or not a valid model file.</exception>
    public static ModelInfo ReadInfo(string path) => Info(Root(ReadBytes(path), path));

    /// <summary>Reads and validates the header of model file text; <paramref name="source"/> names it in messages.</summary>
    public static ModelInfo ParseInfo(string json, string source) => Info(Root(json, source));

    /// <summary>Loads a classifier saved with parameters of type <typeparamref name="T"/>; labels are read as <typeparamref name="TLabel"/> (string always works).</summary>
    /// <exception cref="ModelFormatException">The file is missing, not a valid model file, not a classifier, or of another precision.</exception>
    public static LoadedModel<Classifier<T, TLabel>> LoadClassifier<T, TLabel>(string path)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull => Classifier<T, TLabel>(Root(ReadBytes(path), path));

    /// <summary>Loads a classifier from model file text; <paramref name="source"/> names it in messages.</summary>
    public static LoadedModel<Classifier<T, TLabel>> ParseClassifier<T, TLabel>(string json, string source)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull => Classifier<T, TLabel>(Root(json, source));

    private static LoadedModel<Classifier<T, TLabel>> Classifier<T, TLabel>(JsonSection root)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull
    {
        string source = root.File;
        var info = Info(root);
        RequirePrecision<T>(info);
        if (info.Task != ModelTask.Classification)
        {
            throw new ModelFormatException(source, $"{source} holds a regression model, not a classifier: load it with LoadRegressor.");
        }

        var classes = Labels<TLabel>(root, source);
        var kind = KindOf(info);
        if (!kind.Serves(ModelTask.Classification))
        {
            throw root.Fail("task", $"is classification, but {kind.Name} does not classify");
        }

        var (preprocessing, training) = Extras(root, info);
        var values = ReadHyperparameters(kind, root.Section("hyperparameters"));
        var model = Rebuild(root, () => kind.ReadClassifier<T, TLabel>(values, root.Section("parameters"), classes, info.FeatureCount, training?.ToHistory()));
        return new LoadedModel<Classifier<T, TLabel>>(model, info, preprocessing, training);
    }

    /// <summary>Loads a regressor saved with parameters of type <typeparamref name="T"/>.</summary>
    /// <exception cref="ModelFormatException">The file is missing, not a valid model file, not a regressor, or of another precision.</exception>
    public static LoadedModel<Regressor<T>> LoadRegressor<T>(string path)
        where T : unmanaged, IFloatingPointIeee754<T> => Regressor<T>(Root(ReadBytes(path), path));

    /// <summary>Loads a regressor from model file text; <paramref name="source"/> names it in messages.</summary>
    public static LoadedModel<Regressor<T>> ParseRegressor<T>(string json, string source)
        where T : unmanaged, IFloatingPointIeee754<T> => Regressor<T>(Root(json, source));

    private static LoadedModel<Regressor<T>> Regressor<T>(JsonSection root)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string source = root.File;
        var info = Info(root);
        RequirePrecision<T>(info);
        if (info.Task != ModelTask.Regression)
        {
            throw new ModelFormatException(source, $"{source} holds a classifier, not a regression model: load it with LoadClassifier.");
        }

        var kind = KindOf(info);
        if (!kind.Serves(ModelTask.Regression))
        {
            throw root.Fail("task", $"is regression, but {kind.Name} does not do regression");
        }

        var (preprocessing, training) = Extras(root, info);
        var values = ReadHyperparameters(kind, root.Section("hyperparameters"));
        var model = Rebuild(root, () => kind.ReadRegressor<T>(values, root.Section("parameters"), info.FeatureCount, info.TargetCount, training?.ToHistory()));
        return new LoadedModel<Regressor<T>>(model, info, preprocessing, training);
    }

    private static JsonObject Header<T>(string modelType, ModelTask task, int featureCount) => new()
    {
        ["format"] = Format,
        ["version"] = CurrentVersion,
        ["model"] = modelType,
        ["task"] = task == ModelTask.Classification ? "classification" : "regression",
        ["precision"] = typeof(T) == typeof(float) ? Float32 : Float64,
        ["features"] = featureCount,
    };

    private static string Finish(JsonObject root, JsonObject hyperparameters, JsonObject parameters, Preprocessor? preprocessing, TrainingMetadata? training, int featureCount)
    {
        if (preprocessing is not null)
        {
            if (preprocessing.FeatureCount != featureCount)
            {
                throw new ArgumentException($"The preprocessing makes {preprocessing.FeatureCount} features but the model takes {featureCount}.", nameof(preprocessing));
            }

            root["preprocessing"] = PreprocessingJson.Write(preprocessing);
        }

        root["hyperparameters"] = hyperparameters;
        root["parameters"] = parameters;
        if (training is not null)
        {
            root["training"] = TrainingJson.Write(training);
        }

        return root.ToJsonString(WriteOptions) + "\n";
    }

    private static byte[] ReadBytes(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            throw new ModelFormatException(path, $"{path} is a directory, not a model file: give the path of a model .json file.");
        }

        if (FileKind.NotRegular(path) is { } kind)
        {
            throw new ModelFormatException(path, $"{path} is {kind}, not a model file: give the path of a model .json file.");
        }

        if (!File.Exists(path))
        {
            throw new ModelFormatException(path, $"{path}: no such model file. Train and save one first: nabla train --data FILE.csv --save {path}");
        }

        try
        {
            if (new FileInfo(path).Length > MaxFileBytes)
            {
                throw new ModelFormatException(path, $"{path} is larger than {MaxFileBytes >> 20} MiB: not a Nabla model file.");
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFormatException(path, $"{path} cannot be read: {e.Message}", e);
        }
    }

    private static JsonSection Root(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Root(string.IsNullOrWhiteSpace(json) ? [] : System.Text.Encoding.UTF8.GetBytes(json), source);
    }

    // Parsed from the UTF-8 bytes as they are: no text copy of the file, and whitespace costs nothing.
    private static JsonSection Root(byte[] utf8, string source)
    {
        // The document's working memory is sized by what it is given: padding around the object is left out.
        int start = utf8.AsSpan().IndexOfAnyExcept(" \t\r\n"u8);
        int end = utf8.AsSpan().LastIndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0)
        {
            throw new ModelFormatException(source, $"{source} is empty: not a Nabla model file. Re-save the model with Nabla.");
        }

        JsonNode? node;
        try
        {
            // JsonDocument reads the bytes in place (JsonNode.Parse would copy them first); the nodes are made lazily from it.
            var document = JsonDocument.Parse(utf8.AsMemory(start, end - start + 1), new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
            node = document.RootElement.ValueKind switch
            {
                JsonValueKind.Object => JsonObject.Create(document.RootElement),
                JsonValueKind.Array => JsonArray.Create(document.RootElement),
                _ => JsonValue.Create(document.RootElement),
            };
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is long line ? $" at line {line + 1 + utf8.AsSpan(0, start).Count((byte)'\n')}" : "";
            string why = e.Message.Contains("end of data", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("Expected depth to be zero", StringComparison.Ordinal)
                ? "it ends too early (the file is truncated)"
                : e.Message.StartsWith("Duplicate property", StringComparison.Ordinal)
                    ? $"an object repeats a key ({e.Message.Split('\'').ElementAtOrDefault(1) ?? "a field"}), so its value is ambiguous"
                    : "it is not valid JSON";
            throw new ModelFormatException(source, $"{source} is not a readable Nabla model file: {why}{where}. Re-save the model with Nabla.", e);
        }

        if (node is not JsonObject root)
        {
            throw new ModelFormatException(source, $"{source} is not a Nabla model file: it holds a JSON {node?.GetValueKind().ToString().ToLowerInvariant() ?? "null"}, not an object.");
        }

        return new JsonSection(source, "", root);
    }

    private static ModelInfo Info(JsonSection root)
    {
        string source = root.File;
        if (root.Node["format"] is not JsonValue f || f.GetValueKind() != JsonValueKind.String || f.GetValue<string>() != Format)
        {
            throw new ModelFormatException(source, $"{source} is not a Nabla model file: it has no \"format\": \"{Format}\" field.");
        }

        int version = root.Int("version", 1);
        if (version > CurrentVersion)
        {
            throw new ModelFormatException(source, $"{source} was written in model format version {version}, but this Nabla ({NablaVersion}) reads versions up to {CurrentVersion}. Update Nabla.");
        }

        string model = root.String("model");
        string taskText = root.String("task");
        var task = taskText switch
        {
            "classification" => ModelTask.Classification,
            "regression" => ModelTask.Regression,
            _ => throw root.Fail("task", $"is '{taskText}', not classification or regression"),
        };
        string precision = root.String("precision");
        if (precision is not (Float64 or Float32))
        {
            throw root.Fail("precision", $"is '{precision}', not {Float64} or {Float32}");
        }

        int features = root.Int("features", 1, 100_000_000);
        if (ModelKinds.Find(model) is null)
        {
            throw UnknownType(source, model);
        }

        if (task == ModelTask.Classification)
        {
            var classes = Labels<string>(root, source);
            return new ModelInfo(source, version, model, task, precision, features, classes, root.String("label_type"), 0);
        }

        return new ModelInfo(source, version, model, task, precision, features, [], null, root.Int("targets", 1, 1_000_000));
    }

    private static TLabel[] Labels<TLabel>(JsonSection root, string source)
        where TLabel : notnull
    {
        var array = root.Array("classes");
        if (array.Count < 2)
        {
            throw root.Fail("classes", $"has {array.Count} entries; a classifier has at least two classes");
        }

        var labels = new TLabel[array.Count];
        for (int k = 0; k < labels.Length; k++)
        {
            var node = array[k];
            if (node is not JsonValue v || v.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
            {
                throw root.Fail($"classes[{k}]", "must be a string, number or boolean");
            }

            if (typeof(TLabel) == typeof(string))
            {
                // Any stored label reads as its text, so a CLI or tool can load every classifier with string labels.
                labels[k] = (TLabel)(object)(v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString());
                continue;
            }

            try
            {
                labels[k] = LabelJson.Read<TLabel>(v);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NotSupportedException)
            {
                throw new ModelFormatException(source, $"{source}: classes[{k}] is {v.ToJsonString()}, which cannot be read as {typeof(TLabel).Name}. Load the model with a label type that fits, such as string.", e);
            }
        }

        if (labels.Distinct().Count() != labels.Length)
        {
            throw root.Fail("classes", "repeats a class; class labels must be distinct");
        }

        return labels;
    }

    private static (Preprocessor? Preprocessing, TrainingMetadata? Training) Extras(JsonSection root, ModelInfo info)
    {
        var preprocessing = root.OptionalSection("preprocessing") is { } p ? PreprocessingJson.Read(p) : null;
        if (preprocessing is not null && preprocessing.FeatureCount != info.FeatureCount)
        {
            throw root.Fail("preprocessing", $"makes {preprocessing.FeatureCount} features, but the model takes {info.FeatureCount}");
        }

        var training = root.OptionalSection("training") is { } t ? TrainingJson.Read(t) : null;
        return (preprocessing, training);
    }

    private static void RequirePrecision<T>(ModelInfo info)
    {
        string wanted = typeof(T) == typeof(float) ? Float32 : Float64;
        if (info.Precision != wanted)
        {
            throw new ModelFormatException(info.Path,
                $"{info.Path} holds {info.Precision} parameters, but {wanted} ones were asked for: load it with T = {(info.IsDouble ? "double" : "float")}, so that it predicts exactly as saved.");
        }
    }

    private static ModelFormatException UnknownType(string source, string model) =>
        new(source, $"{source} holds a '{model}' model, which this Nabla ({NablaVersion}) cannot read; it reads {string.Join(", ", ModelKinds.Names)}.");

    private static ModelKind KindOf(ModelInfo info) => ModelKinds.Find(info.ModelType) ?? throw UnknownType(info.Path, info.ModelType);

    /// <summary>
    /// Reads every hyperparameter of the kind's schema: by its name or, for files of earlier versions, one of its former
    /// names; one missing from an older file takes the value those versions used (<see cref="Hyperparameter.OlderFileValue"/>)
    /// or else its default, as does one that is null there. A key that is none of these is an error.
    /// </summary>
    private static HyperparameterValues ReadHyperparameters(ModelKind kind, JsonSection section)
    {
        var values = kind.Defaults;
        var known = new HashSet<string>(kind.RetiredFileKeys, StringComparer.Ordinal);
        foreach (var h in kind.Hyperparameters)
        {
            known.Add(h.Name);
            known.UnionWith(h.FileAliases);
            string? key = section.Node.ContainsKey(h.Name) ? h.Name : h.FileAliases.FirstOrDefault(section.Node.ContainsKey);

            // A file from before the hyperparameter existed means what that version did (when that is not the default).
            if (key is null && h.HasOlderFileValue)
            {
                values = values.With(h.Name, h.OlderFileValue);
                continue;
            }

            // Files before the schema wrote null for "the model's usual choice" (loss, initializer, priors, costs): the default.
            if (key is null || section.Node[key] is null)
            {
                continue;
            }

            try
            {
                values = values.With(h.Name, h.FromJson(section.Node[key]));
            }
            catch (FormatException e)
            {
                throw section.Fail(key, e.Message);
            }
        }

        foreach (var (key, _) in section.Node)
        {
            if (!known.Contains(key))
            {
                throw section.Fail(key, $"is not a hyperparameter of {kind.Name} (it has {string.Join(", ", kind.Hyperparameters.Select(h => h.Name))})");
            }
        }

        return values;
    }

    private static TModel Rebuild<TModel>(JsonSection root, Func<TModel> read)
    {
        try
        {
            return read();
        }
        catch (ArgumentException e)
        {
            throw new ModelFormatException(root.File, $"{root.File}: the hyperparameters and parameters do not fit together ({e.Message.Split(" (Parameter")[0].TrimEnd('.')}). The file is damaged or was edited; re-save the model with Nabla.", e);
        }
    }
}
