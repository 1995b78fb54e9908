using Google.Protobuf;

namespace Nabla.Onnx.Protobuf;

/// <summary>
/// ONNX's <c>AttributeProto</c>, the kinds used: a float (field 2, type 1), an int (3, type 2), a string (4, type 3), a
/// tensor (5, type 4), ints (8, type 7) and strings (9, type 8); the name is field 1 and the type field 20.
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

    /// <summary>A float attribute.</summary>
    public static AttributeProto Float(string name, float value) => new(name, 1, o =>
    {
        o.WriteTag(2, WireFormat.WireType.Fixed32);
        o.WriteFloat(value);
    });

    /// <summary>An integer attribute.</summary>
    public static AttributeProto Int(string name, long value) => new(name, 2, o => ProtoWriter.Varint(o, 3, value));

    /// <summary>A string attribute.</summary>
    public static AttributeProto String(string name, string value) => new(name, 3, o => ProtoWriter.Bytes(o, 4, System.Text.Encoding.UTF8.GetBytes(value)));

    /// <summary>A tensor attribute.</summary>
    public static AttributeProto Tensor(string name, TensorProto value) => new(name, 4, o => ProtoWriter.Message(o, 5, value.WriteTo));

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
