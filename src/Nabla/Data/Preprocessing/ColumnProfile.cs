namespace Nabla.Data.Preprocessing;

/// <summary>
/// What the cells of one column are, read once: how many are missing, numbers, numbers with digits grouped by commas, ISO
/// 8601 dates and other text, where the first of each is, and (when asked) the values of the numbers and dates.
/// </summary>
internal sealed class ColumnProfile : IDisposable
{
    // The numbers, in a pooled array: a column of millions of rows would otherwise leave a large-object array behind for
    // every column profiled, which only a full collection gives back.
    private double[]? _values;
    private int _count;

    private ColumnProfile()
    {
    }

    public int Missing { get; private set; }

    public int Numbers { get; private set; }

    public int Grouped { get; private set; }

    public int Dates { get; private set; }

    public int WithTime { get; private set; }

    public int Text { get; private set; }

    public int FirstMissing { get; private set; } = -1;

    public int FirstGrouped { get; private set; } = -1;

    public int FirstText { get; private set; } = -1;

    public int FirstNumber { get; private set; } = -1;

    public int FirstDate { get; private set; } = -1;

    public int FirstInfinite { get; private set; } = -1;

    /// <summary>The first spelled missing token (NA, NaN, ?, …), for messages; null when every missing cell is empty.</summary>
    public string? MissingToken { get; private set; }

    /// <summary>The finite numbers, grouped or not, in row order (when collected); valid until <see cref="Dispose"/>.</summary>
    public Span<double> Values => _values.AsSpan(0, _count);

    /// <summary>The dates, in row order (when collected).</summary>
    public List<DateTime> DateValues { get; } = [];

    /// <summary>
    /// Date when more values are ISO dates than anything else; numeric when there are more numbers than anything else (a
    /// stray value is then a typo to report); categorical otherwise; null when every cell is missing.
    /// </summary>
    public ColumnKind? Kind
    {
        get
        {
            int numbers = Numbers + Grouped;
            if (numbers + Dates + Text == 0)
            {
                return null;
            }

            // Mostly dates: a stray value is a typo to report, as in a numeric column.
            if (Dates > numbers + Text)
            {
                return ColumnKind.Date;
            }

            return numbers > Text + Dates ? ColumnKind.Numeric : ColumnKind.Categorical;
        }
    }

    public static ColumnProfile Of(TabularData data, int column, bool collect = false)
    {
        var p = new ColumnProfile { _values = collect ? System.Buffers.ArrayPool<double>.Shared.Rent(Math.Max(1, data.RowCount)) : null };
        for (int i = 0; i < data.RowCount; i++)
        {
            // Most cells of most tables are plain numbers: read those from their bytes, without a string.
            if (Cells.TryParsePlainNumber(data.Utf8(i, column), out double plain))
            {
                p.Numbers++;
                p.FirstNumber = p.FirstNumber < 0 ? i : p.FirstNumber;
                p.Number(plain, i, collect);
                continue;
            }

            string cell = data[i, column];
            if (Cells.IsMissingNumber(cell))
            {
                p.Missing++;
                p.FirstMissing = p.FirstMissing < 0 ? i : p.FirstMissing;
                p.MissingToken ??= Cells.IsEmpty(cell) ? null : cell.Trim();
            }
            else if (Cells.TryParseNumber(cell, out double v))
            {
                p.Numbers++;
                p.FirstNumber = p.FirstNumber < 0 ? i : p.FirstNumber;
                p.Number(v, i, collect);
            }
            else if (Cells.TryParseGrouped(cell, out v))
            {
                p.Grouped++;
                p.FirstGrouped = p.FirstGrouped < 0 ? i : p.FirstGrouped;
                p.Number(v, i, collect);
            }
            else if (DateCells.TryParse(cell, out var date, out bool hasTime))
            {
                p.Dates++;
                p.WithTime += hasTime ? 1 : 0;
                p.FirstDate = p.FirstDate < 0 ? i : p.FirstDate;
                if (collect)
                {
                    p.DateValues.Add(date);
                }
            }
            else
            {
                p.Text++;
                p.FirstText = p.FirstText < 0 ? i : p.FirstText;
            }
        }

        return p;
    }

    private void Number(double value, int row, bool collect)
    {
        if (!double.IsFinite(value))
        {
            FirstInfinite = FirstInfinite < 0 ? row : FirstInfinite;
        }
        else if (collect)
        {
            _values![_count++] = value;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_values is not null)
        {
            System.Buffers.ArrayPool<double>.Shared.Return(_values);
            _values = null;
        }
    }
}
