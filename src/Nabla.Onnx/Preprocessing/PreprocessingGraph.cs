using Nabla.Data.Preprocessing;
using Nabla.Onnx.Graphs;
using Nabla.Onnx.Protobuf;

namespace Nabla.Onnx.Preprocessing;

/// <summary>
/// The graph inputs and the part of the graph that turns them into the model's features as <see cref="Preprocessor"/>
/// does, in double: one input per column (numbers and dates as doubles with NaN for a missing value, text as strings),
/// imputation, missing-value indicators, one-hot encoding, date features and scaling.
/// </summary>
internal static class PreprocessingGraph
{
    /// <summary>The input of a model saved without preprocessing: its features, n × d doubles.</summary>
    public const string FeaturesInput = "features";

    private const double SecondsPerDay = 86_400;

    /// <summary>Declares the inputs and returns the features, n × d doubles, before the model's own precision.</summary>
    public static string Features(OnnxGraph g, Preprocessor? preprocessing, int featureCount)
    {
        if (preprocessing is null)
        {
            return g.Input(FeaturesInput, TensorType.Double, [null, featureCount], $"the model's {featureCount} features, one row per sample (the model was saved without preprocessing)");
        }

        // Every input first: intermediate names are then chosen around them.
        var inputs = preprocessing.Inputs
            .Select(c => g.Input(c.Name, c.Kind == ColumnKind.Categorical ? TensorType.String : TensorType.Double, [null, 1], InputDoc(c)))
            .ToArray();
        var blocks = new List<string>();
        for (int j = 0; j < inputs.Length; j++)
        {
            var column = preprocessing.Inputs[j];
            blocks.AddRange(column.Kind switch
            {
                ColumnKind.Categorical => Category(g, column, inputs[j]),
                ColumnKind.Date => Date(g, column, inputs[j]),
                _ => Number(g, column, inputs[j]),
            });
        }

        string x = blocks.Count == 1 ? blocks[0] : g.Op("Concat", [.. blocks], AttributeProto.Int("axis", 1));
        var scaler = preprocessing.Scaler;
        int d = scaler.FeatureCount;
        if (scaler.Offsets.Any(o => o != 0))
        {
            x = g.Op("Sub", x, g.Doubles("offsets", [1, d], [.. scaler.Offsets]));
        }

        if (scaler.Scales.Any(s => s != 1))
        {
            x = g.Op("Div", x, g.Doubles("scales", [1, d], [.. scaler.Scales]));
        }

        return x;
    }

    /// <summary>What the input of <paramref name="column"/> holds, for its doc_string.</summary>
    internal static string InputDoc(FeatureColumn column) => column.Kind switch
    {
        ColumnKind.Categorical => $"column '{column.Name}': text, trimmed; \"\" for a missing value",
        ColumnKind.Date => $"column '{column.Name}': the date as Unix time (seconds since 1970-01-01T00:00:00Z, UTC); NaN for a missing value",
        _ => $"column '{column.Name}': a number; NaN for a missing value",
    };

    private static IEnumerable<string> Number(OnnxGraph g, FeatureColumn column, string input)
    {
        var (value, missing) = Fill(g, column, input, column.Fill);
        yield return value;
        if (column.MissingIndicator)
        {
            yield return g.Cast(missing!, TensorType.Double);
        }
    }

    // The value with a missing one (NaN) replaced by the fill, and the missing mask when something needs it.
    private static (string Value, string? Missing) Fill(OnnxGraph g, FeatureColumn column, string input, double? fill)
    {
        if (fill is null && !column.MissingIndicator)
        {
            return (input, null);
        }

        string missing = g.Op("IsNaN", input);
        return (fill is double f ? g.Op("Where", missing, g.Double(f), input) : input, missing);
    }

    private static IEnumerable<string> Category(OnnxGraph g, FeatureColumn column, string input)
    {
        var encoder = column.Encoder!;
        int k = encoder.Categories.Count;
        var keys = encoder.Categories.Concat(encoder.Rare).ToList();
        var values = Enumerable.Range(0, k).Select(i => (long)i).Concat(encoder.Rare.Select(_ => (long)k)).ToList();
        if (column.FillCategory is { } fill)
        {
            keys.Add("");
            values.Add(encoder.IndexOf(fill));
        }

        // An unseen category: the "other" feature where there is one, else an index matching no feature (all zeros).
        string index = g.Ml("LabelEncoder", [input],
            AttributeProto.Strings("keys_strings", [.. keys]),
            AttributeProto.Ints("values_int64s", [.. values]),
            AttributeProto.Int("default_int64", encoder.Other ? k : -1));
        string positions = g.Longs("positions", [1, encoder.Width], [.. Enumerable.Range(0, encoder.Width).Select(i => (long)i)]);
        yield return g.Cast(g.Op("Equal", index, positions), TensorType.Double);
        if (column.MissingIndicator)
        {
            string missing = g.Ml("LabelEncoder", [input],
                AttributeProto.Strings("keys_strings", [""]),
                AttributeProto.Ints("values_int64s", [1]),
                AttributeProto.Int("default_int64", 0));
            yield return g.Cast(missing, TensorType.Double);
        }
    }

    // The date features of Nabla's DateCells from Unix seconds: the civil date by the days-to-civil algorithm in floor
    // arithmetic (exact for whole numbers in double), then the fractional year and the angles.
    private static IEnumerable<string> Date(OnnxGraph g, FeatureColumn column, string input)
    {
        double? fill = column.FillDate is DateTime f ? OnnxInputs.UnixSeconds(f) : null;
        var (seconds, missing) = Fill(g, column, input, fill);
        string C(double v) => g.Double(v);
        string Mul(string a, string b) => g.Op("Mul", a, b);
        string Add(string a, string b) => g.Op("Add", a, b);
        string Sub(string a, string b) => g.Op("Sub", a, b);
        string Div(string a, string b) => g.Op("Div", a, b);
        string Floor(string a) => g.Op("Floor", a);
        string FloorDiv(string a, double b) => Floor(Div(a, C(b)));
        string Divisible(string a, double m) => g.Cast(g.Op("Equal", Sub(a, Mul(C(m), FloorDiv(a, m))), C(0)), TensorType.Double);

        string day = FloorDiv(seconds, SecondsPerDay);
        string fraction = Div(Sub(seconds, Mul(day, C(SecondsPerDay))), C(SecondsPerDay));
        string z = Add(day, C(719_468));
        string era = FloorDiv(z, 146_097);
        string dayOfEra = Sub(z, Mul(era, C(146_097)));
        string yearOfEra = FloorDiv(Sub(Add(Sub(dayOfEra, FloorDiv(dayOfEra, 1_460)), FloorDiv(dayOfEra, 36_524)), FloorDiv(dayOfEra, 146_096)), 365);
        string marchYear = Add(yearOfEra, Mul(era, C(400)));
        string dayFromMarch = Sub(dayOfEra, Sub(Add(Mul(C(365), yearOfEra), FloorDiv(yearOfEra, 4)), FloorDiv(yearOfEra, 100)));
        string monthFromMarch = FloorDiv(Add(Mul(C(5), dayFromMarch), C(2)), 153);
        string januaryOrFebruary = g.Op("GreaterOrEqual", monthFromMarch, C(10));
        string year = Add(marchYear, g.Cast(januaryOrFebruary, TensorType.Double));
        string leap = Add(Mul(Divisible(year, 4), Sub(C(1), Divisible(year, 100))), Divisible(year, 400));
        string dayOfYear = Add(g.Op("Where", januaryOrFebruary, Sub(dayFromMarch, C(306)), Add(Add(dayFromMarch, C(59)), leap)), fraction);
        string daysInYear = Add(C(365), leap);
        string weekday = Sub(Add(day, C(4)), Mul(C(7), FloorDiv(Add(day, C(4)), 7))); // 1970-01-01 was a Thursday; Sunday is 0
        string yearAngle = Div(Mul(C(2 * Math.PI), dayOfYear), daysInYear);
        string weekAngle = Div(Mul(C(2 * Math.PI), weekday), C(7));
        var parts = new List<string>
        {
            Add(year, Div(dayOfYear, daysInYear)),
            g.Op("Sin", yearAngle), g.Op("Cos", yearAngle),
            g.Op("Sin", weekAngle), g.Op("Cos", weekAngle),
        };
        if (column.HasTime)
        {
            string timeAngle = Mul(C(2 * Math.PI), fraction);
            parts.Add(g.Op("Sin", timeAngle));
            parts.Add(g.Op("Cos", timeAngle));
        }

        yield return g.Op("Concat", [.. parts], AttributeProto.Int("axis", 1));
        if (column.MissingIndicator)
        {
            yield return g.Cast(missing!, TensorType.Double);
        }
    }
}
