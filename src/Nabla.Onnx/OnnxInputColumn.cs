namespace Nabla.Onnx;

/// <summary>
/// One input of an exported model, filled from table rows as the ONNX contract wants it: <see cref="Numbers"/> (numbers,
/// with NaN for a missing value; dates as Unix seconds) or <see cref="Texts"/> (trimmed text, "" when missing), one row
/// after another, <see cref="Width"/> values per row.
/// </summary>
/// <param name="Name">The ONNX input's name: the column's, or <see cref="OnnxExporter.FeaturesInput"/>.</param>
/// <param name="Width">Values per row: 1 for a column, d for the feature matrix of a model saved without preprocessing.</param>
/// <param name="Numbers">The values of a double input, n × <paramref name="Width"/> row-major; null for a text input.</param>
/// <param name="Texts">The values of a string input; null for a double input.</param>
public sealed record OnnxInputColumn(string Name, int Width, double[]? Numbers, string[]? Texts)
{
    /// <summary>The number of rows.</summary>
    public int Rows => (Numbers?.Length ?? Texts!.Length) / Width;
}
