using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nabla.Tensors;

namespace Nabla.Serialization;

/// <summary>
/// A JSON object of a model file being read, with its path (<c>parameters.layers[1]</c>) so that every error names the field;
/// every accessor validates kind, range and shape and throws <see cref="ModelFormatException"/>.
/// </summary>
internal sealed class JsonSection(string file, string path, JsonObject node)
{
    public string File { get; } = file;

    public string Path { get; } = path;

    public JsonObject Node { get; } = node;

    public bool Has(string name) => Node[name] is not null;

    public ModelFormatException Fail(string field, string problem) =>
        new(File, $"{File}: {Name(field)} {problem}. The file is damaged or was edited; re-save the model with Nabla.");

    public JsonSection Section(string name) =>
        Node[name] is JsonObject o ? new JsonSection(File, Name(name), o) : throw Fail(name, Node[name] is null ? "is missing" : "must be a JSON object");

    public JsonSection? OptionalSection(string name) => Node[name] is null ? null : Section(name);

    public string String(string name) =>
        OptionalString(name) ?? throw Fail(name, "is missing");

    public string? OptionalString(string name) => Node[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw Fail(name, "must be a string"),
    };

    public bool Bool(string name, bool? fallback = null) => Node[name] switch
    {
        null when fallback.HasValue => fallback.Value,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        null => throw Fail(name, "is missing"),
        _ => throw Fail(name, "must be true or false"),
    };

    public int Int(string name, int min = int.MinValue, int max = int.MaxValue) =>
        OptionalInt(name, min, max) ?? throw Fail(name, "is missing");

    public int? OptionalInt(string name, int min = int.MinValue, int max = int.MaxValue)
    {
        var node = Node[name];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue(out int value))
        {
            throw Fail(name, "must be a whole number");
        }

        return value < min || value > max ? throw Fail(name, $"is {value}, outside [{min}, {max}]") : value;
    }

    public double Double(string name) => OptionalDouble(name) ?? throw Fail(name, "is missing");

    public double? OptionalDouble(string name) => Node[name] is null ? null : Number<double>(Node[name], Name(name));

    public JsonArray Array(string name, int? length = null)
    {
        if (Node[name] is not JsonArray a)
        {
            throw Fail(name, Node[name] is null ? "is missing" : "must be a JSON array");
        }

        if (length is int n && a.Count != n)
        {
            throw Fail(name, $"has {a.Count} entries but must have {n}");
        }

        return a;
    }

    public int[] IntArray(string name, int? length = null, int min = int.MinValue)
    {
        var a = Array(name, length);
        var result = new int[a.Count];
        for (int i = 0; i < result.Length; i++)
        {
            if (a[i] is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue(out result[i]) || result[i] < min)
            {
                throw Fail($"{name}[{i}]", min == int.MinValue ? "must be a whole number" : $"must be a whole number of at least {min}");
            }
        }

        return result;
    }

    public string[] StringArray(string name)
    {
        var a = Array(name);
        var result = new string[a.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = a[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw Fail($"{name}[{i}]", "must be a string");
        }

        return result;
    }

    public T[] Vector<T>(string name, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Array(name, length);
        var result = new T[length];
        for (int i = 0; i < length; i++)
        {
            result[i] = Number<T>(a[i], $"{Name(name)}[{i}]");
        }

        return result;
    }

    public Matrix<T> Matrix<T>(string name, int rows, int columns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Array(name);
        if (a.Count != rows)
        {
            throw Fail(name, $"has {a.Count} rows but must have {rows}");
        }

        // Check every row's length before allocating, so that a declared shape larger than the file's content allocates nothing.
        for (int i = 0; i < rows; i++)
        {
            if (a[i] is not JsonArray row || row.Count != columns)
            {
                throw Fail($"{name}[{i}]", $"must be an array of {columns} numbers");
            }
        }

        var m = new Matrix<T>(rows, columns);
        for (int i = 0; i < rows; i++)
        {
            var row = (JsonArray)a[i]!;
            for (int j = 0; j < columns; j++)
            {
                m[i, j] = Number<T>(row[j], $"{Name(name)}[{i}][{j}]");
            }
        }

        return m;
    }

    public string Name(string field) => field.Length == 0 ? Path : Path.Length == 0 ? field : $"{Path}.{field}";

    private T Number<T>(JsonNode? node, string where)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            throw new ModelFormatException(File, $"{File}: {where} must be a number. The file is damaged or was edited; re-save the model with Nabla.");
        }

        // Parse straight into T (not through double) so that float32 values round-trip exactly.
        T value;
        bool ok;
        if (typeof(T) == typeof(float))
        {
            ok = v.TryGetValue(out float f);
            value = T.CreateSaturating(f);
        }
        else
        {
            ok = v.TryGetValue(out double d);
            value = T.CreateSaturating(d);
        }

        if (!ok || !T.IsFinite(value))
        {
            throw new ModelFormatException(File, $"{File}: {where} is {node.ToJsonString()}, which is not a finite {(typeof(T) == typeof(float) ? "float32" : "float64")} number. The file is damaged or was edited; re-save the model with Nabla.");
        }

        return value;
    }
}
