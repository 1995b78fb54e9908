using Google.Protobuf;

namespace Nabla.Onnx.Protobuf;

/// <summary>
/// ONNX's <c>AttributeProto</c>, the kinds used: an int (field 3, type 2), ints (8, type 7) and strings (9, type 8);
/// the name is field 1 and the type field 20.
/// </summary>
internal sealed class AttributeProto
{
    private readonly Action<CodedOutputStream> _value;
    private readonly int _type;

    private AttributeProto(string name, int type, Action<CodedOutputStream> value)
    {
        Name = name;
        _type = type;
        _value = value;
    }

    /// <summary>The attribute's name.</summary>
    public string Name { get; }

    /// <summary>An integer attribute.</summary>
    public static AttributeProto Int(string name, long value) => new(name, 2, o => ProtoWriter.Varint(o, 3, value));

    /// <summary>A list of integers.</summary>
    public static AttributeProto Ints(string name, long[] values) => new(name, 7, o =>
    {
        foreach (long v in values)
        {
            ProtoWriter.Varint(o, 8, v);
        }
    });

    /// <summary>A list of strings.</summary>
    public static AttributeProto Strings(string name, string[] values) => new(name, 8, o =>
    {
        foreach (string v in values)
        {
            ProtoWriter.Bytes(o, 9, System.Text.Encoding.UTF8.GetBytes(v));
        }
    });

    /// <summary>Writes the message's fields.</summary>
    public void WriteTo(CodedOutputStream output)
    {
        ProtoWriter.String(output, 1, Name);
        _value(output);
        ProtoWriter.Varint(output, 20, _type);
    }
}
