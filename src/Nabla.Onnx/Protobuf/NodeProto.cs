using Google.Protobuf;

namespace Nabla.Onnx.Protobuf;

/// <summary>ONNX's <c>NodeProto</c>: input (1), output (2), name (3), op_type (4), attribute (5), domain (7).</summary>
/// <param name="OpType">The operator, such as <c>Gemm</c>.</param>
/// <param name="Domain">The operator set: <c>""</c> for ai.onnx, <c>ai.onnx.ml</c> for the machine-learning operators.</param>
/// <param name="Name">The node's name.</param>
/// <param name="Inputs">The names of its inputs.</param>
/// <param name="Outputs">The names of its outputs.</param>
/// <param name="Attributes">Its attributes.</param>
internal sealed record NodeProto(string OpType, string Domain, string Name, string[] Inputs, string[] Outputs, AttributeProto[] Attributes)
{
    /// <summary>Writes the message's fields.</summary>
    public void WriteTo(CodedOutputStream output)
    {
        foreach (string input in Inputs)
        {
            ProtoWriter.String(output, 1, input);
        }

        foreach (string o in Outputs)
        {
            ProtoWriter.String(output, 2, o);
        }

        ProtoWriter.String(output, 3, Name);
        ProtoWriter.String(output, 4, OpType);
        foreach (var attribute in Attributes)
        {
            ProtoWriter.Message(output, 5, attribute.WriteTo);
        }

        if (Domain.Length > 0)
        {
            ProtoWriter.String(output, 7, Domain);
        }
    }
}
