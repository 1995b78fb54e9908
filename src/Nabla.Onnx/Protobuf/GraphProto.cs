using Google.Protobuf;

namespace Nabla.Onnx.Protobuf;

/// <summary>ONNX's <c>GraphProto</c>: node (1), name (2), initializer (5), doc_string (10), input (11), output (12).</summary>
internal sealed record GraphProto(string Name, IReadOnlyList<NodeProto> Nodes, IReadOnlyList<TensorProto> Initializers,
    IReadOnlyList<ValueInfoProto> Inputs, IReadOnlyList<ValueInfoProto> Outputs, string? Doc)
{
    /// <summary>Writes the message's fields.</summary>
    public void WriteTo(CodedOutputStream output)
    {
        foreach (var node in Nodes)
        {
            ProtoWriter.Message(output, 1, node.WriteTo);
        }

        ProtoWriter.String(output, 2, Name);
        foreach (var tensor in Initializers)
        {
            ProtoWriter.Message(output, 5, tensor.WriteTo);
        }

        ProtoWriter.String(output, 10, Doc);
        foreach (var input in Inputs)
        {
            ProtoWriter.Message(output, 11, input.WriteTo);
        }

        foreach (var o in Outputs)
        {
            ProtoWriter.Message(output, 12, o.WriteTo);
        }
    }
}
