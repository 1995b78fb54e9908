using System.Globalization;

namespace Nabla.Models;

/// <summary>Number formats shared by the kinds' descriptions.</summary>
internal static class DescriptionText
{
    /// <summary>Five significant digits.</summary>
    public static string G(double v) => v.ToString("G5", CultureInfo.InvariantCulture);

    /// <summary>0.12, 3.46e-8: plain in [0.001, 10⁴), scientific outside; "unknown" when not finite.</summary>
    public static string Sci(double v) =>
        !double.IsFinite(v) ? "unknown" : Math.Abs(v) is >= 1e-3 and < 1e4 ? v.ToString("G3", CultureInfo.InvariantCulture) : v.ToString("0.##e+0", CultureInfo.InvariantCulture);

    /// <summary>Up to 12 values, named by feature when the names are known.</summary>
    public static string Named(IReadOnlyList<double> values, IReadOnlyList<string>? names)
    {
        const int Shown = 12;
        bool named = names is not null && names.Count == values.Count;
        var parts = values.Take(Shown).Select((v, i) => named ? $"{names![i]} {G(v)}" : G(v));
        return $"[{string.Join(", ", parts)}{(values.Count > Shown ? $", … ({values.Count - Shown} more in the model file)" : "")}]";
    }

    /// <summary>"full" for 0, else the number.</summary>
    public static string Batch(int size) => size == 0 ? "full" : size.ToString(CultureInfo.InvariantCulture);
}
