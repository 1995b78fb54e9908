using Google.Protobuf;

namespace Nabla.Onnx.Protobuf;

/// <summary>
/// ONNX's <c>ValueInfoProto</c> of a tensor: name (1) and type (2), a <c>TypeProto</c> whose tensor_type (1) has elem_type (1)
/// and shape (2); each <c>TensorShapeProto</c> dim (1) is a dim_value (1) or a named dim_param (2).
/// </summary>
/// <param name="Name">The graph input's or output's name.</param>
/// <param name="Type">The element type.</param>
/// <param name="Dims">Each dimension: a size, or null for the batch dimension (named <c>N</c>).</param>
/// <param name="Doc">What it holds (the doc_string, field 3).</param>
internal sealed record ValueInfoProto(string Name, TensorType Type, long?[] Dims, string? Doc)
{
    /// <summary>The name of the symbolic batch dimension.</summary>
    public const string BatchDimension = "N";

    /// <summary>Writes the message's fields.</summary>
    public void WriteTo(CodedOutputStream output)
    {
        ProtoWriter.String(output, 1, Name);
        ProtoWriter.Message(output, 2, type => ProtoWriter.Message(type, 1, tensor =>
        {
            ProtoWriter.Varint(tensor, 1, (int)Type);
            ProtoWriter.Message(tensor, 2, shape =>
            {
                foreach (long? d in Dims)
                {
                    ProtoWriter.Message(shape, 1, dim =>
                    {
                        if (d is long size)
                        {
                            ProtoWriter.Varint(dim, 1, size);
                        }
                        else
                        {
                            ProtoWriter.String(dim, 2, BatchDimension);
                        }
                    });
                }
            });
        }));
        ProtoWriter.String(output, 3, Doc);
    }
}
