using System.Globalization;

namespace Nabla;

/// <summary>Reads the small specifications the CLI and model files use for parameterised choices: <c>name</c> or <c>name(1,2.5)</c>.</summary>
internal static class Specification
{
    /// <summary>Splits <paramref name="text"/> into a lower-case name and its numeric arguments.</summary>
    /// <param name="text">The specification.</param>
    /// <param name="what">What is being read, for the error message (for example "Activation").</param>
    /// <param name="example">A valid example, for the error message.</param>
    /// <exception cref="FormatException">Unbalanced parentheses or an argument that is not a number.</exception>
    public static (string Name, double[] Arguments) Parse(string text, string what, string example)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim().ToLowerInvariant();
        int open = t.IndexOf('(');
        if (open < 0)
        {
            return (t, []);
        }

        if (!t.EndsWith(')'))
        {
            throw new FormatException($"{what} '{text}' has an unclosed parenthesis; write for example {example}.");
        }

        var parts = t[(open + 1)..^1].Split(',', StringSplitOptions.TrimEntries);
        var args = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out args[i]))
            {
                throw new FormatException($"{what} '{text}' has a parameter that is not a number ('{parts[i]}'); write for example {example}.");
            }
        }

        return (t[..open].Trim(), args);
    }
}
