using Nabla.Activations;
using System.Text.Json.Nodes;
using Nabla.Mlp;
using Nabla.Models;
using Nabla.Data.Preprocessing;
using Nabla.Neurons;
using Nabla.Sampling;
using Nabla.Serialization;
using Nabla.Tensors;

namespace Nabla.Tests.Serialization;

public sealed class ModelFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nabla-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Matrix<T> Data<T>(int n, int d, int seed)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var m = new Matrix<T>(n, d);
        for (int i = 0; i < m.Length; i++)
        {
            m.AsSpan()[i] = T.CreateChecked(random.NextGaussian());
        }

        return m;
    }

    private static int[] Labels(Matrix<double> x, int classes) =>
        [.. Enumerable.Range(0, x.Rows).Select(i => (int)Math.Clamp(Math.Floor((x[i, 0] + 1.5) * classes / 3), 0, classes - 1))];

    private static void SameBits<T>(Matrix<T> a, Matrix<T> b)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Assert.Equal(a.Rows, b.Rows);
        Assert.True(a.AsReadOnlySpan().SequenceEqual(b.AsReadOnlySpan()), "predictions differ after reload");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Mlp_classifier_round_trips_bit_for_bit_in_double(int classes)
    {
        var x = Data<double>(60, 3, 1);
        var y = Labels(x, classes);
        var model = new MlpClassifier<double, int>(new MlpOptions { HiddenLayers = [5, 4], Epochs = 15, Activation = Activation.LeakyRelu }).Fit(x, y);
        string path = Path.Combine(_dir, "m.json");
        ModelFile.Save(path, model);
        var loaded = ModelFile.LoadClassifier<double, int>(path);
        var copy = Assert.IsType<MlpClassifier<double, int>>(loaded.Model);
        Assert.Equal(model.Classes, copy.Classes);
        SameBits(model.PredictProbabilities(x), copy.PredictProbabilities(x));
        Assert.Equal(model.Options.HiddenLayers, copy.Options.HiddenLayers);
        Assert.Equal(model.Options with { HiddenLayers = [] }, copy.Options with { HiddenLayers = [] });
        Assert.Equal("mlp", loaded.Info.ModelType);
        Assert.Equal("number", loaded.Info.LabelType);
    }

    [Fact]
    public void Mlp_classifier_round_trips_bit_for_bit_in_float_with_string_labels()
    {
        var x = Data<float>(50, 2, 2);
        string[] y = [.. Enumerable.Range(0, 50).Select(i => x[i, 0] + x[i, 1] > 0 ? "yes" : "no")];
        var model = new MlpClassifier<float, string>(new MlpOptions { HiddenLayers = [6], Epochs = 10 }).Fit(x, y);
        string json = ModelFile.ToJson(model);
        var copy = ModelFile.ParseClassifier<float, string>(json, "m.json").Model;
        SameBits(model.PredictProbabilities(x), copy.PredictProbabilities(x));
        Assert.Equal(["no", "yes"], copy.Classes);
        Assert.Contains("\"precision\": \"float32\"", json);
    }

    [Fact]
    public void Mlp_regressor_round_trips_bit_for_bit_with_history_and_preprocessing()
    {
        var x = Data<double>(40, 2, 3);
        var y = new Matrix<double>(40, 2);
        for (int i = 0; i < 40; i++)
        {
            y[i, 0] = 3 * x[i, 0] + 100;
            y[i, 1] = x[i, 1] * x[i, 0];
        }

        var model = new MlpRegressor<double>(new MlpOptions { Epochs = 12, ValidationFraction = 0.25 }).Fit(x, y);
        var table = new TabularData("t", ["a", "b", "y"], [.. Enumerable.Range(0, 5).Select(i => new[] { $"{i}", $"{i * 2}", "1" })]);
        var prep = Preprocessor.Fit(table, new PreprocessorOptions { Targets = ["y"] });
        var meta = new TrainingMetadata { Data = "t.csv", History = model.History.Epochs, BestEpoch = model.History.BestEpoch, Seconds = 0.5, TrainMetrics = new Dictionary<string, double> { ["r2"] = 0.9 } };
        string path = Path.Combine(_dir, "r.json");
        ModelFile.Save(path, model, prep, meta);
        var loaded = ModelFile.LoadRegressor<double>(path);
        var copy = Assert.IsType<MlpRegressor<double>>(loaded.Model);
        SameBits(model.Predict(x), copy.Predict(x));
        Assert.Equal(model.History.Epochs, copy.History.Epochs);
        Assert.Equal(model.History.BestEpoch, copy.History.BestEpoch);
        Assert.Equal(prep.FeatureNames, loaded.Preprocessing!.FeatureNames);
        Assert.Equal(prep.Scaler.Offsets, loaded.Preprocessing.Scaler.Offsets);
        Assert.Equal(0.9, loaded.Training!.TrainMetrics["r2"]);
    }

    [Theory]
    [InlineData(PerceptronVariant.Standard, 2)]
    [InlineData(PerceptronVariant.Pocket, 3)]
    public void Perceptron_round_trips(PerceptronVariant variant, int classes)
    {
        var x = Data<double>(40, 2, 4);
        var y = Labels(x, classes);
        var model = new Perceptron<double, int>(new PerceptronOptions { Variant = variant, MaxEpochs = 7, Shuffle = true, Seed = 3 }).Fit(x, y);
        var copy = Assert.IsType<Perceptron<double, int>>(ModelFile.ParseClassifier<double, int>(ModelFile.ToJson(model), "p.json").Model);
        Assert.Equal(model.Weights, copy.Weights);
        Assert.Equal(model.Predict(x), copy.Predict(x));
        Assert.Equal(model.Options, copy.Options);
        Assert.Equal(model.Converged, copy.Converged);
        Assert.Equal(model.Updates, copy.Updates);
        Assert.Equal(model.ErrorsPerEpoch, copy.ErrorsPerEpoch);
    }

    [Fact]
    public void Saving_replaces_the_file_atomically_and_leaves_no_temporary_file()
    {
        var x = Data<double>(20, 2, 5);
        var model = new Perceptron<double, int>().Fit(x, Labels(x, 2));
        string path = Path.Combine(_dir, "sub", "p.json");
        ModelFile.Save(path, model);
        ModelFile.Save(path, model);
        Assert.Equal(["p.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
        Assert.Throws<IOException>(() => ModelFile.Save(_dir, model));
    }

    [Fact]
    public void Loading_with_the_wrong_precision_or_task_is_a_clear_error()
    {
        var x = Data<double>(20, 2, 6);
        string json = ModelFile.ToJson(new Perceptron<double, int>().Fit(x, Labels(x, 2)));
        Assert.Contains("holds float64 parameters", Assert.Throws<ModelFormatException>(() => ModelFile.ParseClassifier<float, int>(json, "m.json")).Message);
        Assert.Contains("not a regression model", Assert.Throws<ModelFormatException>(() => ModelFile.ParseRegressor<double>(json, "m.json")).Message);
        Assert.Contains("cannot be read as Boolean", Assert.Throws<ModelFormatException>(() => ModelFile.ParseClassifier<double, bool>(json, "m.json")).Message);
    }

    public static TheoryData<string, string> Corruptions()
    {
        var x = Data<double>(30, 2, 7);
        var model = new MlpClassifier<double, string>(new MlpOptions { HiddenLayers = [3], Epochs = 2 })
            .Fit(x, [.. Enumerable.Range(0, 30).Select(i => x[i, 0] > 0 ? "b" : "a")]);
        var table = new TabularData("t", ["u", "v", "y"], [["1", "2", "a"], ["3", "4", "b"]]);
        string good = ModelFile.ToJson(model, Preprocessor.Fit(table));
        JsonObject Doc() => JsonNode.Parse(good)!.AsObject();
        string With(Action<JsonObject> edit)
        {
            var d = Doc();
            edit(d);
            return d.ToJsonString();
        }

        JsonObject Layer(JsonObject d, int l) => d["parameters"]!["layers"]![l]!.AsObject();
        return new TheoryData<string, string>
        {
            { "", "is empty" },
            { good[..(good.LastIndexOf(',', good.Length / 2) + 1)], "ends too early (the file is truncated)" },
            { "not json at all", "it is not valid JSON" },
            { "[1, 2]", "holds a JSON array, not an object" },
            { "{\"name\": \"something else\"}", "is not a Nabla model file: it has no \"format\": \"nabla-model\" field" },
            { With(d => d["version"] = 99), "was written in model format version 99" },
            { With(d => d["version"] = "1"), "version must be a whole number" },
            { With(d => d["model"] = "transformer"), "holds a 'transformer' model, which this Nabla" },
            { With(d => d["precision"] = "float16"), "precision is 'float16'" },
            { With(d => d["features"] = 3), "preprocessing makes 2 features, but the model takes 3" },
            { With(d => { d["features"] = 3; d.Remove("preprocessing"); }), "parameters.layers[0].inputs is 2, but the model takes 3 features" },
            { With(d => d["classes"] = new JsonArray("a")), "classes has 1 entries" },
            { With(d => d["classes"] = new JsonArray("a", "a")), "repeats a class" },
            { With(d => d["classes"] = new JsonArray("a", "b", "c")), "parameters.layers[1].units is 1, but the output layer must have 3" },
            { With(d => d.Remove("parameters")), "parameters is missing" },
            { With(d => Layer(d, 0)["weights"]!.AsArray().RemoveAt(0)), "parameters.layers[0].weights has 2 rows but must have 3" },
            { With(d => Layer(d, 0)["weights"]![1]!.AsArray().Add(1.0)), "parameters.layers[0].weights[1] must be an array of 2 numbers" },
            { With(d => Layer(d, 0)["weights"]![1]![0] = "x"), "parameters.layers[0].weights[1][0] must be a number" },
            { With(d => Layer(d, 0)["weights"]![1]![0] = JsonValue.Create(1e308).ToJsonString().Replace("1E+308", "1e999") is var _ ? JsonNode.Parse("1e999") : null), "is 1e999, which is not a finite float64 number" },
            { With(d => Layer(d, 0)["bias"]!.AsArray().Add(0.0)), "parameters.layers[0].bias has 4 entries but must have 3" },
            { With(d => Layer(d, 1)["activation"] = "softmax"), "is softmax, but this model's output layer uses sigmoid" },
            { With(d => Layer(d, 0)["activation"] = "swish"), "is 'swish', which is not an activation" },
            { With(d => d["hyperparameters"]!["learning_rate"] = -1), "hyperparameters.learning_rate is -1, but must be a number > 0" },
            { With(d => d["preprocessing"]!["scaler"]!["scales"]![0] = 0), "preprocessing does not fit together" },
            { With(d => d["preprocessing"]!["columns"]!.AsArray().RemoveAt(0)), "preprocessing.scaler.offsets has 2 entries but must have 1" },
            { With(d => { d["task"] = "regression"; d["targets"] = 1; }), "holds a regression model, not a classifier" },
        };
    }

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Damaged_or_foreign_files_give_a_clear_error(string json, string expected)
    {
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.ParseClassifier<double, string>(json, "m.json"));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("m.json", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void Missing_file_is_a_clear_error() =>
        Assert.Contains("no such model file", Assert.Throws<ModelFormatException>(() => ModelFile.ReadInfo(Path.Combine(_dir, "none.json"))).Message);

    [Fact]
    public void A_repeated_key_is_a_model_format_error_naming_the_key()
    {
        var model = new Nabla.Linear.LinearRegression<double>().Fit(Matrix<double>.FromRows([[0.0], [1.0], [2.0]]), Matrix<double>.ColumnVector([1.0, 3.0, 5.0]));
        string json = ModelFile.ToJson(model).Replace("\"version\": 2,", "\"version\": 2, \"version\": 7,", StringComparison.Ordinal);
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.ParseRegressor<double>(json, "m.json"));
        Assert.Equal("m.json is not a readable Nabla model file: an object repeats a key (version), so its value is ambiguous. Re-save the model with Nabla.", e.Message);
    }

    [Fact]
    public void Options_the_file_cannot_describe_fail_at_save_not_at_load()
    {
        var data = Nabla.Data.SyntheticData.Moons(count: 40, noise: 0.2, seed: 1);
        var summed = new Nabla.Mlp.MlpClassifier<double, int>(new Nabla.Mlp.MlpOptions { HiddenLayers = [4], Epochs = 2, Loss = new Nabla.Losses.MeanSquaredErrorLoss(Nabla.Losses.Reduction.Sum) })
            .Fit(data.Features, data.Labels);
        Assert.Contains("Reduction.Mean", Assert.Throws<ArgumentException>(() => ModelFile.ToJson(summed)).Message);

        // Any thread count the options take, the file takes too.
        var many = new Nabla.Mlp.MlpClassifier<double, int>(new Nabla.Mlp.MlpOptions { HiddenLayers = [4], Epochs = 2, Threads = 2048 }).Fit(data.Features, data.Labels);
        Assert.Equal(2048, ModelFile.ParseClassifier<double, int>(ModelFile.ToJson(many), "m.json").Model is Nabla.Mlp.MlpClassifier<double, int> m ? m.Options.Threads : 0);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_reading()
    {
        string path = Path.Combine(Path.GetTempPath(), $"nabla-huge-{Guid.NewGuid():N}.json");
        try
        {
            using (var f = File.Create(path))
            {
                f.SetLength(ModelFile.MaxFileBytes + 1); // sparse: no disk, no time
            }

            var e = Assert.Throws<ModelFormatException>(() => ModelFile.ReadInfo(path));
            Assert.Equal($"{path} is larger than 256 MiB: not a Nabla model file.", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Reading_costs_a_small_multiple_of_the_content_not_of_the_padding()
    {
        var model = new Nabla.Linear.LinearRegression<double>().Fit(Matrix<double>.FromRows([[0.0], [1.0], [2.0]]), Matrix<double>.ColumnVector([1.0, 3.0, 5.0]));
        string path = Path.Combine(Path.GetTempPath(), $"nabla-padded-{Guid.NewGuid():N}.json");
        try
        {
            // 40 MB of whitespace around a small model: read as text this cost two bytes a character and more.
            File.WriteAllText(path, new string(' ', 40_000_000) + ModelFile.ToJson(model));
            long before = GC.GetAllocatedBytesForCurrentThread();
            var loaded = ModelFile.LoadRegressor<double>(path).Model;
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(model.Predict(Matrix<double>.FromRows([[4.0]])), loaded.Predict(Matrix<double>.FromRows([[4.0]])));
            Assert.InRange(allocated, 0, 45_000_000); // the file's bytes once, not a 80 MB string and its copies
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_layer_declaring_a_huge_shape_is_a_format_error_without_the_allocation()
    {
        var data = Nabla.Data.SyntheticData.Moons(count: 20, noise: 0.1, seed: 1);
        var mlp = new Nabla.Mlp.MlpClassifier<double, int>(new Nabla.Mlp.MlpOptions { HiddenLayers = [3], Epochs = 1 }).Fit(data.Features, data.Labels);
        var json = System.Text.Json.Nodes.JsonNode.Parse(ModelFile.ToJson(mlp))!;
        json["features"] = 100_000_000;
        json["parameters"]!["layers"]![0]!["inputs"] = 100_000_000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.ParseClassifier<double, int>(json.ToJsonString(), "m.json"));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 10_000_000);
        Assert.StartsWith("m.json: parameters.layers[0].weights[0] must be an array of 100000000 numbers", e.Message);
    }

    [Fact]
    public void A_full_batch_solver_and_its_settings_are_saved_and_read_back()
    {
        var x = Data<double>(60, 2, 5);
        var y = Labels(x, 2);
        var options = new MlpOptions
        {
            HiddenLayers = [4],
            Epochs = 25,
            Solver = Nabla.Training.TrainingSolver.Rprop,
            Tolerance = 1e-6,
            Rprop = new Nabla.Training.RpropOptions { MaximumStep = 5, InitialStep = 0.05 },
            LevenbergMarquardt = new Nabla.Training.LevenbergMarquardtOptions { Maximum = 1e8 },
            ScaledConjugateGradient = new Nabla.Training.ScaledConjugateGradientOptions { Sigma = 1e-4 },
        };
        var model = new MlpClassifier<double, int>(options).Fit(x, y);
        string path = Path.Combine(_dir, "rprop.json");
        ModelFile.Save(path, model);

        var h = JsonNode.Parse(File.ReadAllText(path))!["hyperparameters"]!;
        Assert.Equal("rprop", (string?)h["solver"]);
        Assert.Equal(5, (double)h["rprop_delta_max"]!);
        Assert.Equal(1e8, (double)h["lm_mu_max"]!);
        var loaded = (MlpClassifier<double, int>)ModelFile.LoadClassifier<double, int>(path).Model;
        Assert.Equal(options with { HiddenLayers = [] }, loaded.Options with { HiddenLayers = [] }); // lists compare by reference
        Assert.Equal([4], loaded.Options.HiddenLayers);
        SameBits(model.PredictProbabilities(x), loaded.PredictProbabilities(x));
    }
}
