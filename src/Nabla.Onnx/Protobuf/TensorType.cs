namespace Nabla.Onnx.Protobuf;

/// <summary>The element types of ONNX's <c>TensorProto.DataType</c> that the exporter uses, with their numbers in the spec.</summary>
internal enum TensorType
{
    /// <summary>32-bit IEEE floating point.</summary>
    Float = 1,

    /// <summary>64-bit signed integer.</summary>
    Int64 = 7,

    /// <summary>UTF-8 text.</summary>
    String = 8,

    /// <summary>64-bit IEEE floating point.</summary>
    Double = 11,
}
