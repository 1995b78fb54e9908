using Nabla.Data.Preprocessing;

namespace Nabla.Onnx;

/// <summary>
/// The inputs of an exported model for the rows of a table, read the way Nabla reads the cells (numbers in the invariant
/// culture, missing-value tokens such as NA, digits grouped by commas where the column allows it, ISO 8601 dates): what a
/// program feeding the ONNX model from CSV does before calling ONNX Runtime.
/// </summary>
public static class OnnxInputs
{
    /// <summary>One entry per ONNX input, in the model's input order.</summary>
    /// <param name="preprocessing">The preprocessing saved with the model, or null for a model whose input is the feature matrix.</param>
    /// <param name="data">The rows; the columns are found by name (without preprocessing: every column, in order, as numbers).</param>
    /// <exception cref="DataFormatException">A column is missing, or a cell is not a number or a date where one is expected.</exception>
    public static IReadOnlyList<OnnxInputColumn> FromTable(Preprocessor? preprocessing, TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (preprocessing is null)
        {
            int d = data.Columns.Count;
            var all = new double[data.RowCount * d];
            for (int i = 0; i < data.RowCount; i++)
            {
                for (int j = 0; j < d; j++)
                {
                    all[i * d + j] = Number(data, i, j, thousands: false);
                }
            }

            return [new OnnxInputColumn(OnnxExporter.FeaturesInput, d, all, null)];
        }

        var inputs = new List<OnnxInputColumn>(preprocessing.Inputs.Count);
        foreach (var column in preprocessing.Inputs)
        {
            int j = data.RequireColumn(column.Name, "feature");
            if (column.Kind == ColumnKind.Categorical)
            {
                inputs.Add(new OnnxInputColumn(column.Name, 1, null, [.. Enumerable.Range(0, data.RowCount).Select(i => data[i, j].Trim())]));
                continue;
            }

            var values = new double[data.RowCount];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = column.Kind == ColumnKind.Date ? Date(data, i, j) : Number(data, i, j, column.ThousandsSeparators);
            }

            inputs.Add(new OnnxInputColumn(column.Name, 1, values, null));
        }

        return inputs;
    }

    /// <summary>The Unix time of a date, in seconds (the ONNX input of a date column).</summary>
    public static double UnixSeconds(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerSecond;

    private static double Number(TabularData data, int i, int j, bool thousands)
    {
        string cell = data[i, j];
        if (Cells.IsMissingNumber(cell))
        {
            return double.NaN;
        }

        if (!Cells.TryParseNumber(cell, out double v) && !(thousands && Cells.TryParseGrouped(cell, out v)))
        {
            throw Preprocessor.Bad(data, i, j, $"expected a number (the model reads column '{data.Columns[j]}' as numbers), found '{Cells.Show(cell)}'. Fix the cell.");
        }

        // As Nabla's own reading: an infinite feature is refused, not passed to the model.
        return double.IsFinite(v) ? v : throw Preprocessor.Bad(data, i, j, $"'{Cells.Show(cell)}' is infinite; features must be finite numbers. Fix or remove the row.");
    }

    private static double Date(TabularData data, int i, int j)
    {
        string cell = data[i, j];
        if (Cells.IsMissingNumber(cell))
        {
            return double.NaN;
        }

        return DateCells.TryParse(cell, out var value, out _)
            ? UnixSeconds(value)
            : throw Preprocessor.Bad(data, i, j, $"expected an ISO 8601 date such as 2024-05-31, found '{Cells.Show(cell)}'. Fix the cell.");
    }
}
