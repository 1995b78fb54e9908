namespace Nabla.Serialization;

/// <summary>
/// A model file that cannot be loaded: not JSON, truncated, of another format or a newer version, an unknown model type, or
/// parameters whose shapes or values are wrong. The one-line message names the file and the field.
/// </summary>
public sealed class ModelFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The model file.</param>
    /// <param name="message">The whole message, one line.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public ModelFormatException(string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        ModelPath = path;
    }

    /// <summary>The model file.</summary>
    public string ModelPath { get; }
}
