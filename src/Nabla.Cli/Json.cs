using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nabla.Tensors;

namespace Nabla.Cli;

/// <summary>Helpers that turn Nabla's values into JSON nodes and write one JSON object.</summary>
internal static class Json
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A vector as a JSON array.</summary>
    public static JsonArray Array(ReadOnlySpan<double> values)
    {
        var a = new JsonArray();
        foreach (var v in values)
        {
            a.Add(v);
        }

        return a;
    }

    /// <summary>A vector of integers as a JSON array.</summary>
    public static JsonArray Array(IEnumerable<int> values) => new([.. values.Select(v => (JsonNode)v)]);

    /// <summary>A matrix as an array of rows.</summary>
    public static JsonArray Rows(Matrix<double> m)
    {
        var a = new JsonArray();
        for (int i = 0; i < m.Rows; i++)
        {
            a.Add(Array(m.Row(i)));
        }

        return a;
    }

    /// <summary>Writes <paramref name="node"/> as one indented JSON document.</summary>
    public static void Write(TextWriter writer, JsonNode node) => writer.WriteLine(node.ToJsonString(Options));
}
