using System.Numerics;
using System.Text.Json.Nodes;
using Nabla.Tensors;

namespace Nabla.Serialization;

/// <summary>Nabla values as JSON nodes. Numbers keep their own precision: System.Text.Json writes the shortest text that reads back to the same float or double.</summary>
internal static class JsonValues
{
    /// <summary>Appends <paramref name="node"/>.</summary>
    /// <remarks>JsonArray.Add&lt;T&gt; wraps its argument through reflection-based serialization, which trimming and Native AOT
    /// cannot keep; typed as a node, the call takes the plain overload.</remarks>
    public static void AddNode(this JsonArray array, JsonNode node) => array.Add(node);

    public static JsonNode Number<T>(T value)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? JsonValue.Create(float.CreateTruncating(value)) : JsonValue.Create(double.CreateTruncating(value));

    public static JsonArray Vector<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = new JsonArray();
        foreach (var v in values)
        {
            a.Add(Number(v));
        }

        return a;
    }

    public static JsonArray Rows<T>(Matrix<T> m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = new JsonArray();
        for (int i = 0; i < m.Rows; i++)
        {
            a.AddNode(Vector<T>(m.Row(i)));
        }

        return a;
    }

    public static JsonArray Doubles(IEnumerable<double> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    public static JsonArray Ints(IEnumerable<int> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    /// <summary>Shortest round-trip text of a number, for messages.</summary>
    public static string Text(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
