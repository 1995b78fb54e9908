using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nabla.Training;

namespace Nabla.Serialization;

/// <summary>The <c>training</c> section of a model file (metadata only: never needed to predict).</summary>
internal static class TrainingJson
{
    /// <summary>
    /// One epoch as JSON, the shape model files and <c>nabla train --json</c> share:
    /// <c>{"epoch":…,"loss":…,"validation_loss":…,"validation_accuracy":…}</c>, the validation fields only when measured.
    /// </summary>
    public static JsonObject Epoch(EpochRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var o = new JsonObject { ["epoch"] = e.Epoch, ["loss"] = e.Loss };
        if (e.ValidationLoss is double v)
        {
            o["validation_loss"] = v;
        }

        if (e.ValidationAccuracy is double a)
        {
            o["validation_accuracy"] = a;
        }

        if (e.Errors is int errors)
        {
            o["errors"] = errors;
        }

        return o;
    }

    internal static JsonObject Write(TrainingMetadata t)
    {
        var history = new JsonArray();
        foreach (var e in t.History)
        {
            history.AddNode(Epoch(e));
        }

        return new JsonObject
        {
            ["created"] = t.Created?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["nabla_version"] = t.NablaVersion,
            ["data"] = t.Data,
            ["training_rows"] = t.TrainingRows,
            ["test_rows"] = t.TestRows,
            ["seed"] = t.Seed,
            ["seconds"] = t.Seconds,
            ["epochs_run"] = t.History.Count,
            ["unit"] = t.Unit,
            ["quantity"] = t.Quantity,
            ["best_epoch"] = t.BestEpoch,
            ["stopped_early"] = t.StoppedEarly,
            ["cancelled"] = t.Cancelled,
            ["train_metrics"] = Metrics(t.TrainMetrics),
            ["test_metrics"] = Metrics(t.TestMetrics),
            ["history"] = history,
        };
    }

    internal static TrainingMetadata Read(JsonSection s)
    {
        DateTimeOffset? created = null;
        if (s.OptionalString("created") is { } text)
        {
            created = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : throw s.Fail("created", $"is '{text}', not a date");
        }

        var history = new List<EpochRecord>();
        if (s.Has("history"))
        {
            var array = s.Array("history");
            for (int i = 0; i < array.Count; i++)
            {
                var e = array[i] is JsonObject o ? new JsonSection(s.File, s.Name($"history[{i}]"), o) : throw s.Fail($"history[{i}]", "must be a JSON object");
                history.Add(new EpochRecord(e.Int("epoch", 1), e.Double("loss"), e.OptionalDouble("validation_loss"), e.OptionalDouble("validation_accuracy"), e.OptionalInt("errors", 0)));
            }
        }

        return new TrainingMetadata
        {
            Created = created,
            NablaVersion = s.OptionalString("nabla_version"),
            Data = s.OptionalString("data"),
            TrainingRows = s.OptionalInt("training_rows", 0),
            TestRows = s.OptionalInt("test_rows", 0),
            Seed = s.OptionalInt("seed"),
            Seconds = s.OptionalDouble("seconds"),
            BestEpoch = s.OptionalInt("best_epoch", 0),
            StoppedEarly = s.Bool("stopped_early", false),
            Cancelled = s.Bool("cancelled", false),
            TrainMetrics = ReadMetrics(s, "train_metrics"),
            TestMetrics = ReadMetrics(s, "test_metrics"),
            History = history,
            Unit = s.OptionalString("unit") ?? "epoch",
            Quantity = s.OptionalString("quantity") ?? "loss",
        };
    }

    private static JsonObject Metrics(IReadOnlyDictionary<string, double> metrics)
    {
        var o = new JsonObject();
        foreach (var (name, value) in metrics)
        {
            o[name] = double.IsFinite(value) ? value : null;
        }

        return o;
    }

    private static Dictionary<string, double> ReadMetrics(JsonSection s, string name)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (s.OptionalSection(name) is { } m)
        {
            foreach (var (key, value) in m.Node)
            {
                if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
                {
                    result[key] = m.Double(key);
                }
            }
        }

        return result;
    }
}
