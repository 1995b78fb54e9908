using Nabla.Data.Preprocessing;

namespace Nabla.Cli.Data;

/// <summary>
/// The rows of a table that have their target (true value), as train, evaluate and importance need them: a row with a
/// target cell missing is left out, and counted.
/// </summary>
internal static class LabelledRows
{
    /// <summary>
    /// <paramref name="table"/> without the rows where any of <paramref name="columns"/> is <paramref name="missing"/> (the
    /// table itself when none is), how many were left out, and the source line of the first of them (0 when none).
    /// </summary>
    public static (TabularData Table, int LeftOut, int FirstLine) Keep(TabularData table, int[] columns, Func<string, bool> missing)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(missing);
        var kept = new List<int>(table.RowCount);
        int firstLine = 0;
        for (int i = 0; i < table.RowCount; i++)
        {
            if (columns.Any(j => missing(table[i, j])))
            {
                firstLine = firstLine == 0 ? table.LineOf(i) : firstLine;
            }
            else
            {
                kept.Add(i);
            }
        }

        int left = table.RowCount - kept.Count;
        return (left == 0 ? table : table.SelectRows(kept), left, firstLine);
    }

    /// <summary>"1 row" or "3 rows".</summary>
    public static string Rows(int count) => $"{count} row{(count == 1 ? "" : "s")}";
}
