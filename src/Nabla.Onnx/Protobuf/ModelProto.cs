using Google.Protobuf;

namespace Nabla.Onnx.Protobuf;

/// <summary>
/// ONNX's <c>ModelProto</c>: ir_version (1), producer_name (2), producer_version (3), doc_string (6), graph (7),
/// opset_import (8, each an <c>OperatorSetIdProto</c> of domain 1 and version 2) and metadata_props (14, each a
/// <c>StringStringEntryProto</c> of key 1 and value 2).
/// </summary>
internal sealed record ModelProto(long IrVersion, IReadOnlyList<(string Domain, long Version)> Opsets, string Producer, string ProducerVersion,
    string? Doc, GraphProto Graph, IReadOnlyList<KeyValuePair<string, string>> Metadata)
{
    /// <summary>Writes the message's fields.</summary>
    public void WriteTo(CodedOutputStream output)
    {
        ProtoWriter.Varint(output, 1, IrVersion);
        ProtoWriter.String(output, 2, Producer);
        ProtoWriter.String(output, 3, ProducerVersion);
        ProtoWriter.String(output, 6, Doc);
        ProtoWriter.Message(output, 7, Graph.WriteTo);
        foreach (var (domain, version) in Opsets)
        {
            ProtoWriter.Message(output, 8, o =>
            {
                ProtoWriter.String(o, 1, domain);
                ProtoWriter.Varint(o, 2, version);
            });
        }

        foreach (var entry in Metadata)
        {
            ProtoWriter.Message(output, 14, o =>
            {
                ProtoWriter.String(o, 1, entry.Key);
                ProtoWriter.String(o, 2, entry.Value);
            });
        }
    }

    /// <summary>Writes the model to <paramref name="stream"/>.</summary>
    public void WriteTo(Stream stream)
    {
        var output = new CodedOutputStream(stream, leaveOpen: true);
        WriteTo(output);
        output.Flush();
    }
}
