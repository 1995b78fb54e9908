using Google.Protobuf;

namespace Nabla.Onnx.Protobuf;

/// <summary>The few protobuf encodings the ONNX messages use: length-delimited nested messages, strings, varints and packed data.</summary>
internal static class ProtoWriter
{
    /// <summary>The bytes of one message written by <paramref name="body"/>.</summary>
    public static byte[] Encode(Action<CodedOutputStream> body)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream, leaveOpen: true);
        body(output);
        output.Flush();
        return stream.ToArray();
    }

    /// <summary>Field <paramref name="field"/> holding the nested message <paramref name="body"/> writes (its length first, as protobuf needs).</summary>
    public static void Message(CodedOutputStream output, int field, Action<CodedOutputStream> body) => Bytes(output, field, Encode(body));

    /// <summary>A length-delimited field of raw bytes.</summary>
    public static void Bytes(CodedOutputStream output, int field, byte[] bytes)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(UnsafeByteOperations.UnsafeWrap(bytes));
    }

    /// <summary>A UTF-8 string field; nothing for null.</summary>
    public static void String(CodedOutputStream output, int field, string? value)
    {
        if (value is not null)
        {
            output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            output.WriteString(value);
        }
    }

    /// <summary>A varint field (int32, int64 and enums alike).</summary>
    public static void Varint(CodedOutputStream output, int field, long value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteInt64(value);
    }

    /// <summary>A packed repeated int64 field; nothing when empty.</summary>
    public static void PackedInt64(CodedOutputStream output, int field, IReadOnlyList<long> values)
    {
        if (values.Count > 0)
        {
            Bytes(output, field, Encode(o =>
            {
                foreach (long v in values)
                {
                    o.WriteInt64(v);
                }
            }));
        }
    }
}
