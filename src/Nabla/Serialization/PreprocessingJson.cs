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
            var o = new JsonObject { ["name"] = c.Name, ["kind"] = KindName(c.Kind) };
            switch (c.Kind)
            {
                case ColumnKind.Categorical:
                    o["categories"] = JsonValues.Strings(c.Encoder!.Categories);
                    if (c.Encoder.Other)
                    {
                        o["rare"] = JsonValues.Strings(c.Encoder.Rare);
                    }

                    o["fill"] = c.FillCategory;
                    break;
                case ColumnKind.Date:
                    o["has_time"] = c.HasTime;
                    o["fill"] = c.FillDate is DateTime d ? DateCells.Format(d, c.HasTime) : null;
                    break;
                default:
                    o["fill"] = c.Fill;
                    if (c.ThousandsSeparators)
                    {
                        o["thousands_separators"] = true;
                    }

                    break;
            }

            if (c.MissingIndicator)
            {
                o["missing_indicator"] = true;
            }

            columns.AddNode(o);
        }

        var section = new JsonObject
        {
            ["targets"] = JsonValues.Strings(p.Targets),
            ["impute"] = Name(p.Impute),
            ["unknown_categories"] = p.UnknownCategories == UnknownCategoryHandling.Ignore ? "ignore" : "error",
            ["columns"] = columns,
            ["scaler"] = new JsonObject
            {
                ["kind"] = Name(p.Scaler.Kind),
                ["offsets"] = JsonValues.Doubles(p.Scaler.Offsets),
                ["scales"] = JsonValues.Doubles(p.Scaler.Scales),
            },
        };
        if (p.Notes.Count > 0)
        {
            section["notes"] = JsonValues.Strings(p.Notes);
        }

        return section;
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

        // Files from before unknown categories could be ignored treat them as errors, as they did.
        string unknownText = s.OptionalString("unknown_categories") ?? "error";
        var unknown = unknownText switch
        {
            "ignore" => UnknownCategoryHandling.Ignore,
            "error" => UnknownCategoryHandling.Error,
            _ => throw s.Fail("unknown_categories", $"is '{unknownText}', not ignore or error"),
        };
        var notes = s.Has("notes") ? s.StringArray("notes") : [];

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
            bool indicator = c.Bool("missing_indicator", false);
            try
            {
                columns.Add(kind switch
                {
                    "numeric" => FeatureColumn.Numeric(name, c.OptionalDouble("fill"), indicator, c.Bool("thousands_separators", false)),
                    "categorical" => FeatureColumn.Categorical(name, new OneHotEncoder(c.StringArray("categories"), c.Has("rare") ? c.StringArray("rare") : null), c.OptionalString("fill"), indicator),
                    "date" => FeatureColumn.Date(name, c.Bool("has_time"), ReadDate(c), indicator),
                    _ => throw c.Fail("kind", $"is '{kind}', not numeric, categorical or date"),
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
            return new Preprocessor(columns, targets, impute, new Scaler(scalerKind, scaler.Vector<double>("offsets", width), scaler.Vector<double>("scales", width)), unknown, notes);
        }
        catch (ArgumentException e)
        {
            throw s.Fail("", $"does not fit together ({e.Message.Split(" (Parameter")[0]})");
        }
    }

    private static DateTime? ReadDate(JsonSection c)
    {
        string? text = c.OptionalString("fill");
        if (text is null)
        {
            return null;
        }

        return DateCells.TryParse(text, out var date, out _) ? date : throw c.Fail("fill", $"is '{text}', not an ISO 8601 date");
    }

    private static string KindName(ColumnKind kind) => kind switch
    {
        ColumnKind.Categorical => "categorical",
        ColumnKind.Date => "date",
        _ => "numeric",
    };

    public static string Name(ImputeStrategy impute) => impute.ToString().ToLowerInvariant();

    public static string Name(ScalerKind kind) => kind.ToString().ToLowerInvariant();
}
