using System.Globalization;
using Nabla.Data.Preprocessing;

namespace Nabla.Cli.Data;

/// <summary>
/// Class labels as the CLI reads and prints them: when every label of a target column is a number, labels are numbers (so
/// 1, 2, 10 sort as numbers and "1.0" is the class 1); otherwise they are text.
/// </summary>
internal static class LabelText
{
    /// <summary>True when every label reads as a finite number.</summary>
    public static bool AllNumeric(IReadOnlyList<string> labels) =>
        labels.All(l => Cells.TryParseNumber(l, out double v) && double.IsFinite(v));

    /// <summary>A number label as the model file stores it (shortest round-trip text).</summary>
    public static string Format(double label) => label.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A label as printed: numbers in round-trip form, text as is.</summary>
    public static string Format<TLabel>(TLabel label)
        where TLabel : notnull => label is double d ? Format(d) : label.ToString() ?? "";

    /// <summary>Reads a number label.</summary>
    public static double Parse(string label) =>
        Cells.TryParseNumber(label, out double v) ? v : throw new FormatException($"'{label}' is not a number.");
}
