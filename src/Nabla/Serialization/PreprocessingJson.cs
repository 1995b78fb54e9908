using System.Text.Json.Nodes;
using Nabla.Data.Preprocessing;

namespace Nabla.Serialization;

/// <summary>The <c>preprocessing</c> section of a model file: input columns, targets, imputation and scaler.</summary>
internal static class PreprocessingJson
{
    public static JsonObject Write(Preprocessor p)
    {
        var columns = new JsonArray();
        foreach (var c in p.Inputs)
        {
            var o = new JsonObject { ["name"] = c.Name, ["kind"] = c.Kind == ColumnKind.Numeric ? "numeric" : "categorical" };
            if (c.Encoder is { } encoder)
            {
                o["categories"] = JsonValues.Strings(encoder.Categories);
                o["fill"] = c.FillCategory;
            }
            else
            {
                o["fill"] = c.Fill;
            }

            columns.Add(o);
        }

        return new JsonObject
        {
            ["targets"] = JsonValues.Strings(p.Targets),
            ["impute"] = Name(p.Impute),
            ["columns"] = columns,
            ["scaler"] = new JsonObject
            {
                ["kind"] = Name(p.Scaler.Kind),
                ["offsets"] = JsonValues.Doubles(p.Scaler.Offsets),
                ["scales"] = JsonValues.Doubles(p.Scaler.Scales),
            },
        };
    }

    public static Preprocessor Read(JsonSection s)
    {
        var targets = s.StringArray("targets");
        string imputeText = s.String("impute");
        var impute = imputeText switch
        {
            "none" => ImputeStrategy.None,
            "mean" => ImputeStrategy.Mean,
            "median" => ImputeStrategy.Median,
            _ => throw s.Fail("impute", $"is '{imputeText}', not none, mean or median"),
        };

        var array = s.Array("columns");
        var columns = new List<FeatureColumn>(array.Count);
        for (int i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject o)
            {
                throw s.Fail($"columns[{i}]", "must be a JSON object");
            }

            var c = new JsonSection(s.File, s.Name($"columns[{i}]"), o);
            string name = c.String("name");
            string kind = c.String("kind");
            try
            {
                columns.Add(kind switch
                {
                    "numeric" => FeatureColumn.Numeric(name, c.OptionalDouble("fill")),
                    "categorical" => FeatureColumn.Categorical(name, new OneHotEncoder(c.StringArray("categories")), c.OptionalString("fill")),
                    _ => throw c.Fail("kind", $"is '{kind}', not numeric or categorical"),
                });
            }
            catch (ArgumentException e)
            {
                throw c.Fail("", $"is not a valid column ({e.Message.Split(" (Parameter")[0]})");
            }
        }

        var scaler = s.Section("scaler");
        string scalerText = scaler.String("kind");
        var scalerKind = scalerText switch
        {
            "none" => ScalerKind.None,
            "standard" => ScalerKind.Standard,
            "minmax" => ScalerKind.MinMax,
            _ => throw scaler.Fail("kind", $"is '{scalerText}', not none, standard or minmax"),
        };
        int width = columns.Sum(c => c.Width);
        try
        {
            return new Preprocessor(columns, targets, impute, new Scaler(scalerKind, scaler.Vector<double>("offsets", width), scaler.Vector<double>("scales", width)));
        }
        catch (ArgumentException e)
        {
            throw s.Fail("", $"does not fit together ({e.Message.Split(" (Parameter")[0]})");
        }
    }

    public static string Name(ImputeStrategy impute) => impute.ToString().ToLowerInvariant();

    public static string Name(ScalerKind kind) => kind.ToString().ToLowerInvariant();
}
