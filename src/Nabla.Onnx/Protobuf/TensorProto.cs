using Google.Protobuf;

namespace Nabla.Onnx.Protobuf;

/// <summary>
/// ONNX's <c>TensorProto</c>, the fields used: dims (1), data_type (2), string_data (6), name (8) and raw_data (9,
/// little-endian values in row-major order).
/// </summary>
/// <param name="Name">The name initializers are referred to by.</param>
/// <param name="Type">The element type.</param>
/// <param name="Dims">The shape.</param>
/// <param name="Raw">The values as little-endian bytes (numbers), or null for strings.</param>
/// <param name="Strings">The values of a string tensor, or null.</param>
internal sealed record TensorProto(string Name, TensorType Type, long[] Dims, byte[]? Raw, string[]? Strings)
{
    /// <summary>A double tensor.</summary>
    public static TensorProto Of(string name, long[] dims, ReadOnlySpan<double> values) => new(name, TensorType.Double, dims, LittleEndian(values), null);

    /// <summary>A float tensor.</summary>
    public static TensorProto Of(string name, long[] dims, ReadOnlySpan<float> values) => new(name, TensorType.Float, dims, LittleEndian(values), null);

    /// <summary>An int64 tensor.</summary>
    public static TensorProto Of(string name, long[] dims, ReadOnlySpan<long> values) => new(name, TensorType.Int64, dims, LittleEndian(values), null);

    /// <summary>A string tensor.</summary>
    public static TensorProto Of(string name, long[] dims, string[] values) => new(name, TensorType.String, dims, null, values);

    /// <summary>Writes the message's fields.</summary>
    public void WriteTo(CodedOutputStream output)
    {
        ProtoWriter.PackedInt64(output, 1, Dims);
        ProtoWriter.Varint(output, 2, (int)Type);
        foreach (string s in Strings ?? [])
        {
            ProtoWriter.Bytes(output, 6, System.Text.Encoding.UTF8.GetBytes(s));
        }

        ProtoWriter.String(output, 8, Name);
        if (Raw is not null)
        {
            ProtoWriter.Bytes(output, 9, Raw);
        }
    }

    private static byte[] LittleEndian<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Writing ONNX tensors is implemented for little-endian machines only.");
        }

        return bytes;
    }
}
