using System.Globalization;

namespace Nabla.Data.Preprocessing;

/// <summary>How a text cell is read as a number: invariant culture, with the usual spellings of missing and infinite values.</summary>
internal static class Cells
{
    /// <summary>Spellings of a missing number (besides an empty cell), compared without case.</summary>
    public static IReadOnlyList<string> MissingNumberTokens { get; } = ["NA", "N/A", "NaN", "null", "?", "-"];

    /// <summary>True when <paramref name="cell"/> is empty or blank: missing in any column.</summary>
    public static bool IsEmpty(string cell) => string.IsNullOrWhiteSpace(cell);

    /// <summary>True when <paramref name="cell"/> stands for a missing number: empty, or NA, N/A, NaN (signed or not), null, ?, -.</summary>
    public static bool IsMissingNumber(string cell)
    {
        if (IsEmpty(cell))
        {
            return true;
        }

        // A signed NaN (+NaN, -NaN, as some tools write it) is still not a number.
        string text = cell.Trim();
        string unsigned = text.Length > 1 && text[0] is '+' or '-' ? text[1..] : text;
        return MissingNumberTokens.Any(t => string.Equals(text, t, StringComparison.OrdinalIgnoreCase))
            || unsigned.Equals("NaN", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The fast path of reading a cell as a number, from its UTF-8 bytes without making a string: true only for a plain
    /// ASCII number (finite or ±∞, never NaN), which <see cref="IsMissingNumber"/> and <see cref="TryParseNumber"/> would
    /// read the same way. False means "not sure": read the cell as text.
    /// </summary>
    public static bool TryParsePlainNumber(ReadOnlySpan<byte> utf8, out double value)
    {
        value = 0;
        if (utf8.IsEmpty || utf8.IndexOf((byte)0) >= 0 || !System.Text.Ascii.IsValid(utf8))
        {
            return false;
        }

        return double.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsNaN(value);
    }

    /// <summary>Reads a number: invariant culture (a dot for decimals), exponents allowed; inf and infinity give ±∞.</summary>
    /// <returns>False when the text is not a number.</returns>
    public static bool TryParseNumber(string cell, out double value)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var text = cell.AsSpan().Trim();
        if (text.Contains('\0'))
        {
            // .NET's parser ignores trailing NULs, so "1.0\0" would be read as 1.0: a NUL is never part of a number.
            value = 0;
            return false;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        var body = text.TrimStart("+-");
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = text.StartsWith("-") ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Reads a number whose digits are grouped in threes by commas, as <c>1,149</c> or <c>-12,345,678.5</c> (never a decimal
    /// comma: Nabla reads the invariant culture, where the decimal mark is a dot).
    /// </summary>
    /// <returns>False unless the text has that exact form.</returns>
    public static bool TryParseGrouped(string cell, out double value)
    {
        ArgumentNullException.ThrowIfNull(cell);
        value = 0;
        var text = cell.AsSpan().Trim();
        int digits = text.Length > 0 && text[0] is '+' or '-' ? 1 : 0;
        int point = text.IndexOf('.');
        var whole = point < 0 ? text[digits..] : text[digits..point];
        if (whole.IndexOf(',') is < 1 or > 3 || whole[0] == '0')
        {
            return false;
        }

        // The first group has 1 to 3 digits, every later one exactly 3.
        int first = whole.IndexOf(',');
        if ((whole.Length - first) % 4 != 0)
        {
            return false;
        }

        for (int i = 0; i < whole.Length; i++)
        {
            bool comma = i >= first && (i - first) % 4 == 0;
            if (comma ? whole[i] != ',' : !char.IsAsciiDigit(whole[i]))
            {
                return false;
            }
        }

        var fraction = point < 0 ? [] : text[(point + 1)..];
        if (whole[^1] == ',' || (point >= 0 && (fraction.IsEmpty || fraction.ContainsAnyExceptInRange('0', '9'))))
        {
            return false;
        }

        return double.TryParse(text.ToString().Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The cell as a message shows it: control characters (a NUL, a tab) written as \0, \t or \uXXXX, so the message stays one line.</summary>
    public static string Show(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (!cell.AsSpan().ContainsAnyInRange('\0', '\u001f') && !cell.Contains('\u007f', StringComparison.Ordinal))
        {
            return cell;
        }

        var text = new System.Text.StringBuilder(cell.Length + 8);
        foreach (char c in cell)
        {
            text.Append(c switch
            {
                '\0' => "\\0",
                '\t' => "\\t",
                '\r' => "\\r",
                '\n' => "\\n",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }
}
