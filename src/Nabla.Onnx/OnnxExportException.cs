namespace Nabla.Onnx;

/// <summary>
/// A model (or a part of it) that the ONNX export cannot express, such as an activation or a class density defined outside
/// Nabla; the message names what is missing.
/// </summary>
public sealed class OnnxExportException : NotSupportedException
{
    /// <summary>Creates the exception with its message.</summary>
    public OnnxExportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public OnnxExportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
