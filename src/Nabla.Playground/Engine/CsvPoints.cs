using System.Globalization;
using Nabla.Data.Preprocessing;

namespace Nabla.Playground.Engine;

/// <summary>
/// Two feature columns and a target read from an uploaded table: a target of exactly two values is a class (the smaller
/// value, numerically or else by text, is class 0), a numeric target of more values is regressed. Rows with a feature or
/// target that is not a number are left out and counted.
/// </summary>
public sealed record CsvPoints(string Source, double[] First, double[] Second, double[] Target, bool Regression, IReadOnlyList<string> Classes, int Skipped)
{
    /// <summary>Reads the columns <paramref name="first"/>, <paramref name="second"/> and <paramref name="target"/> of a table.</summary>
    /// <exception cref="ArgumentException">A column is missing, fewer than 4 usable rows remain, or the target is neither two classes nor numeric; the message says which.</exception>
    public static CsvPoints From(TabularData table, string first, string second, string target)
    {
        ArgumentNullException.ThrowIfNull(table);
        int a = table.RequireColumn(first, "first feature column"), b = table.RequireColumn(second, "second feature column"), t = table.RequireColumn(target, "target column");
        if (a == b)
        {
            throw new ArgumentException($"Choose two different feature columns (both are '{first}').", nameof(second));
        }

        var values = Enumerable.Range(0, table.RowCount).Select(r => table[r, t].Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        bool numericTarget = values.All(v => Number(v) is not null);
        bool regression = values.Count != 2;
        if (regression && !numericTarget)
        {
            throw new ArgumentException($"{table.Source}: the target '{target}' has {values.Count} different values; the playground classifies two classes or regresses a number. Choose another target column.", nameof(target));
        }

        var classes = regression ? [] : numericTarget ? values.OrderBy(v => Number(v)).ToList() : values.Order(StringComparer.Ordinal).ToList();
        var x1 = new List<double>();
        var x2 = new List<double>();
        var y = new List<double>();
        int skipped = 0;
        for (int r = 0; r < table.RowCount; r++)
        {
            double? u = Number(table[r, a]), v = Number(table[r, b]);
            string label = table[r, t].Trim();
            double? goal = regression ? Number(label) : classes.IndexOf(label) is int k && k >= 0 ? k : null;
            if (u is null || v is null || goal is null)
            {
                skipped++;
                continue;
            }

            x1.Add(u.Value);
            x2.Add(v.Value);
            y.Add(goal.Value);
        }

        if (x1.Count < 4)
        {
            throw new ArgumentException($"{table.Source}: only {x1.Count} rows have numbers in '{first}', '{second}' and a target in '{target}'; at least 4 are needed.", nameof(table));
        }

        return new CsvPoints(table.Source, [.. x1], [.. x2], [.. y], regression, classes, skipped);
    }

    private static double? Number(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : null;
}
