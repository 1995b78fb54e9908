using System.Numerics;
using System.Text.Json.Nodes;
using Nabla.Activations;
using Nabla.Estimators;
using Nabla.Networks;
using Nabla.Training;

namespace Nabla.Serialization;

/// <summary>
/// <see cref="MlpClassifier{T, TLabel}"/> and <see cref="MlpRegressor{T}"/>: the hyperparameters of <see cref="MlpOptions"/>, and per
/// layer its sizes, activation, weights W (units × inputs) and bias b; a regressor also stores its target offsets and scales.
/// </summary>
internal sealed class MlpCodec : IClassifierCodec, IRegressorCodec
{
    public string ModelType => "mlp";

    public bool TryWrite<T, TLabel>(Classifier<T, TLabel> model, JsonObject hyperparameters, JsonObject parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull
    {
        if (model is not MlpClassifier<T, TLabel> mlp)
        {
            return false;
        }

        WriteOptions(mlp.Options, hyperparameters);
        parameters["loss"] = mlp.Loss.Name;
        parameters["layers"] = Layers(mlp.Network);
        return true;
    }

    public bool TryWrite<T>(Regressor<T> model, JsonObject hyperparameters, JsonObject parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (model is not MlpRegressor<T> mlp)
        {
            return false;
        }

        WriteOptions(mlp.Options, hyperparameters);
        parameters["loss"] = mlp.Loss.Name;
        parameters["layers"] = Layers(mlp.Network);
        parameters["target_offsets"] = JsonValues.Doubles(mlp.TargetOffsets);
        parameters["target_scales"] = JsonValues.Doubles(mlp.TargetScales);
        return true;
    }

    public Classifier<T, TLabel> Read<T, TLabel>(JsonSection hyperparameters, JsonSection parameters, TLabel[] classes, int featureCount, TrainingHistory? history)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull
    {
        var options = ReadOptions(hyperparameters);
        int outputs = classes.Length == 2 ? 1 : classes.Length;
        var network = ReadNetwork<T>(parameters, featureCount, outputs, classes.Length == 2 ? "sigmoid" : "softmax");
        return Build(parameters, () => MlpClassifier<T, TLabel>.Restore(options, classes, network, history));
    }

    public Regressor<T> Read<T>(JsonSection hyperparameters, JsonSection parameters, int featureCount, int targetCount, TrainingHistory? history)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var options = ReadOptions(hyperparameters);
        var network = ReadNetwork<T>(parameters, featureCount, targetCount, "identity");
        var offsets = parameters.Vector<double>("target_offsets", targetCount);
        var scales = parameters.Vector<double>("target_scales", targetCount);
        for (int j = 0; j < scales.Length; j++)
        {
            if (!(scales[j] > 0))
            {
                throw parameters.Fail($"target_scales[{j}]", $"is {scales[j]} but must be positive");
            }
        }

        return Build(parameters, () => MlpRegressor<T>.Restore(options, network, offsets, scales, history));
    }

    private static void WriteOptions(MlpOptions o, JsonObject h)
    {
        h["hidden_layers"] = JsonValues.Ints(o.HiddenLayers);
        h["activation"] = o.Activation;
        h["loss"] = o.Loss;
        h["initializer"] = o.Initializer;
        h["optimizer"] = o.Optimizer;
        h["momentum"] = o.Momentum;
        h["schedule"] = o.Schedule;
        h["learning_rate"] = o.LearningRate;
        h["epochs"] = o.Epochs;
        h["batch_size"] = o.BatchSize;
        h["l2"] = o.L2;
        h["seed"] = o.Seed;
        h["validation_fraction"] = o.ValidationFraction;
        h["patience"] = o.Patience;
        h["standardize_targets"] = o.StandardizeTargets;
    }

    private static MlpOptions ReadOptions(JsonSection h)
    {
        var options = new MlpOptions
        {
            HiddenLayers = h.IntArray("hidden_layers", min: 1),
            Activation = h.String("activation"),
            Loss = h.OptionalString("loss"),
            Initializer = h.OptionalString("initializer"),
            Optimizer = h.OptionalString("optimizer") ?? "sgd",
            Momentum = h.OptionalDouble("momentum") ?? 0.9,
            Schedule = h.OptionalString("schedule") ?? "constant",
            LearningRate = h.Double("learning_rate"),
            Epochs = h.Int("epochs", 1),
            BatchSize = h.Int("batch_size", 0),
            L2 = h.Double("l2"),
            Seed = h.Int("seed"),
            ValidationFraction = h.Double("validation_fraction"),
            Patience = h.Int("patience", 0),
            StandardizeTargets = h.Bool("standardize_targets", true),
        };
        try
        {
            options.Validate();
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw h.Fail("", $"hold a value out of range ({e.Message.Split(" (Parameter")[0]})");
        }

        return options;
    }

    private static JsonArray Layers<T>(NeuralNetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var layers = new JsonArray();
        foreach (var layer in network.Layers)
        {
            layers.Add(new JsonObject
            {
                ["inputs"] = layer.Inputs,
                ["units"] = layer.Units,
                ["activation"] = layer.Activation.ToString(),
                ["weights"] = JsonValues.Rows(layer.Weights),
                ["bias"] = JsonValues.Vector<T>(layer.Bias.AsReadOnlySpan()),
            });
        }

        return layers;
    }

    private static NeuralNetwork<T> ReadNetwork<T>(JsonSection parameters, int featureCount, int outputs, string outputActivation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var array = parameters.Array("layers");
        if (array.Count == 0)
        {
            throw parameters.Fail("layers", "is empty; a network has at least one layer");
        }

        var layers = new DenseLayer<T>[array.Count];
        int inputs = featureCount;
        for (int l = 0; l < array.Count; l++)
        {
            if (array[l] is not JsonObject o)
            {
                throw parameters.Fail($"layers[{l}]", "must be a JSON object");
            }

            var s = new JsonSection(parameters.File, parameters.Name($"layers[{l}]"), o);
            int declaredInputs = s.Int("inputs", 1);
            if (declaredInputs != inputs)
            {
                throw s.Fail("inputs", l == 0
                    ? $"is {declaredInputs}, but the model takes {featureCount} features"
                    : $"is {declaredInputs}, but the previous layer has {inputs} units");
            }

            int units = s.Int("units", 1, 1_000_000);
            bool last = l == array.Count - 1;
            if (last && units != outputs)
            {
                throw s.Fail("units", $"is {units}, but the output layer must have {outputs}");
            }

            Activation activation;
            try
            {
                activation = Activation.Parse(s.String("activation"));
            }
            catch (FormatException)
            {
                throw s.Fail("activation", $"is '{s.String("activation")}', which is not an activation ({string.Join(", ", Activation.Names)})");
            }

            if (last && activation.Name != outputActivation)
            {
                throw s.Fail("activation", $"is {activation.Name}, but this model's output layer uses {outputActivation}");
            }

            if (!last && (!activation.IsDifferentiable || !activation.IsElementwise))
            {
                throw s.Fail("activation", $"is {activation.Name}, which a hidden layer cannot use");
            }

            var layer = new DenseLayer<T>(inputs, units, activation);
            s.Matrix<T>("weights", units, inputs).CopyTo(layer.Weights);
            layer.SetBias(s.Vector<T>("bias", units));
            layers[l] = layer;
            inputs = units;
        }

        return new NeuralNetwork<T>(layers);
    }

    private static TModel Build<TModel>(JsonSection parameters, Func<TModel> restore)
    {
        try
        {
            return restore();
        }
        catch (ArgumentException e)
        {
            throw parameters.Fail("", $"do not fit together ({e.Message.Split(" (Parameter")[0]})");
        }
    }
}
