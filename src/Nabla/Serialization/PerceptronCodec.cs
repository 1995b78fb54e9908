using System.Numerics;
using System.Text.Json.Nodes;
using Nabla.Estimators;
using Nabla.Neurons;
using Nabla.Training;

namespace Nabla.Serialization;

/// <summary>
/// <see cref="Perceptron{T, TLabel}"/>: its options, the weights [b, w₁, …, w_d] of each binary unit (1 for two classes, K
/// one-vs-rest), and per unit whether it converged, its update count and its errors per epoch.
/// </summary>
internal sealed class PerceptronCodec : IClassifierCodec
{
    public string ModelType => "perceptron";

    public bool TryWrite<T, TLabel>(Classifier<T, TLabel> model, JsonObject hyperparameters, JsonObject parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull
    {
        if (model is not Perceptron<T, TLabel> p)
        {
            return false;
        }

        var o = p.Options;
        hyperparameters["learning_rate"] = o.LearningRate;
        hyperparameters["max_epochs"] = o.MaxEpochs;
        hyperparameters["shuffle"] = o.Shuffle;
        hyperparameters["seed"] = o.Seed;
        hyperparameters["variant"] = o.Variant.ToString().ToLowerInvariant();
        int units = p.Weights.Rows;
        parameters["weights"] = JsonValues.Rows(p.Weights);
        parameters["converged"] = new JsonArray([.. Enumerable.Range(0, units).Select(u => (JsonNode)JsonValue.Create(p.ErrorsPerEpochOf(u) is { Count: > 0 } e && e[^1] == 0))]);
        parameters["errors_per_epoch"] = new JsonArray([.. Enumerable.Range(0, units).Select(u => (JsonNode)JsonValues.Ints(p.ErrorsPerEpochOf(u)))]);
        parameters["updates"] = JsonValues.Ints(Enumerable.Range(0, units).Select(u => p.ErrorsPerEpochOf(u).Sum()));
        return true;
    }

    public Classifier<T, TLabel> Read<T, TLabel>(JsonSection hyperparameters, JsonSection parameters, TLabel[] classes, int featureCount, TrainingHistory? history)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull
    {
        string variantText = hyperparameters.String("variant");
        if (!Enum.TryParse<PerceptronVariant>(variantText, ignoreCase: true, out var variant) || !Enum.IsDefined(variant) || int.TryParse(variantText, out _))
        {
            throw hyperparameters.Fail("variant", $"is '{variantText}', not one of standard, averaged, pocket");
        }

        var options = new PerceptronOptions
        {
            LearningRate = hyperparameters.Double("learning_rate"),
            MaxEpochs = hyperparameters.Int("max_epochs", 1),
            Shuffle = hyperparameters.Bool("shuffle"),
            Seed = hyperparameters.Int("seed"),
            Variant = variant,
        };
        if (!(options.LearningRate > 0))
        {
            throw hyperparameters.Fail("learning_rate", $"is {options.LearningRate} but must be positive");
        }

        int units = classes.Length == 2 ? 1 : classes.Length;
        var weights = parameters.Matrix<T>("weights", units, featureCount + 1);
        var convergedArray = parameters.Array("converged", units);
        var converged = new bool[units];
        var errorsArray = parameters.Array("errors_per_epoch", units);
        var errors = new List<int[]>(units);
        for (int u = 0; u < units; u++)
        {
            converged[u] = convergedArray[u] is JsonValue v && v.TryGetValue(out bool b) ? b : throw parameters.Fail($"converged[{u}]", "must be true or false");
            var epochs = new JsonSection(parameters.File, parameters.Path, new JsonObject { ["e"] = errorsArray[u]?.DeepClone() });
            errors.Add(epochs.IntArray("e", min: 0));
        }

        var updates = parameters.IntArray("updates", units, min: 0);
        for (int u = 0; u < units; u++)
        {
            // Every mistake is an update, so the count must equal the errors summed over the epochs.
            if (updates[u] != errors[u].Sum())
            {
                throw parameters.Fail($"updates[{u}]", $"is {updates[u]} but the errors per epoch add up to {errors[u].Sum()}");
            }
        }

        return Perceptron<T, TLabel>.Restore(options, classes, weights, errors, converged);
    }
}
