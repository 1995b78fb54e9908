namespace Nabla.Data.Preprocessing;

/// <summary>
/// A table of text cells with named columns, as read from a CSV file: the input of <see cref="Preprocessor"/>. Each row
/// remembers its line in the source, so every error can name the file, line and column.
/// </summary>
/// <remarks>
/// A row is stored as the UTF-8 bytes of its cells end to end, with the cells' start offsets in one shared array: about a
/// quarter of the memory of a string per cell, which matters for tables of millions of rows. A cell is decoded when it is read
/// (a lone surrogate, which no text file decodes to, would read back as U+FFFD).
/// </remarks>
public sealed class TabularData
{
    private readonly string[] _columns;
    private readonly byte[][] _rowText;
    private readonly int[] _starts; // row i's cell j starts at _starts[i * (d + 1) + j] and ends where cell j + 1 starts
    private readonly int[] _lines;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates a table.</summary>
    /// <param name="source">Where the data came from (a file path), for messages.</param>
    /// <param name="columns">The column names, distinct and not empty.</param>
    /// <param name="rows">The cells, one array per row, each as long as <paramref name="columns"/>; an empty string is a missing value.</param>
    /// <param name="lines">The 1-based source line of each row; null for 2, 3, … (a header on line 1).</param>
    /// <exception cref="ArgumentException">Names repeat or are empty, or a row has the wrong length.</exception>
    public TabularData(string source, IReadOnlyList<string> columns, IReadOnlyList<string[]> rows, IReadOnlyList<int>? lines = null)
        : this(source, columns, lines, rows?.Count ?? throw new ArgumentNullException(nameof(rows)), rows)
    {
    }

    private TabularData(string source, IReadOnlyList<string> columns, IReadOnlyList<int>? lines, int rowCount, IReadOnlyList<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(columns);
        Source = source;
        _columns = [.. columns];
        // Looking a column up by name is a dictionary lookup: the preprocessing finds every column by name, so a list search
        // would make a table of d columns cost d² (200,000 columns took minutes).
        _index = new Dictionary<string, int>(_columns.Length, StringComparer.Ordinal);
        for (int j = 0; j < _columns.Length; j++)
        {
            if (string.IsNullOrWhiteSpace(_columns[j]))
            {
                throw new ArgumentException($"{source}: column {j + 1} of the header has no name; give every column a name.", nameof(columns));
            }

            if (!_index.TryAdd(_columns[j], j))
            {
                throw new ArgumentException($"{source}: the header names column '{_columns[j]}' twice; column names must be distinct.", nameof(columns));
            }
        }

        _lines = lines is null ? [.. Enumerable.Range(2, rowCount)] : [.. lines];
        if (_lines.Length != rowCount)
        {
            throw new ArgumentException($"There are {rowCount} rows but {_lines.Length} line numbers.", nameof(lines));
        }

        int width = _columns.Length + 1;
        _rowText = new byte[rowCount][];
        _starts = new int[checked(rowCount * width)];
        for (int i = 0; i < rowCount; i++)
        {
            var row = rows[i];
            if (row is null || row.Length != _columns.Length)
            {
                throw new ArgumentException(
                    $"{source}, line {_lines[i]}: {row?.Length ?? 0} cells, but the header has {_columns.Length} columns; every row needs one cell per column.", nameof(rows));
            }

            _rowText[i] = Encode(row, _starts.AsSpan(i * width, width));
        }
    }

    // Rows already in the compact form (the CSV reader builds them so, a row at a time, never holding a string per cell).
    private TabularData(string source, IReadOnlyList<string> columns, byte[][] rowText, int[] starts, int[] lines)
        : this(source, columns, null, 0, [])
    {
        if (starts.Length != rowText.Length * (_columns.Length + 1) || lines.Length != rowText.Length)
        {
            throw new ArgumentException($"{rowText.Length} rows need {rowText.Length * (_columns.Length + 1)} cell offsets and {rowText.Length} line numbers, not {starts.Length} and {lines.Length}.", nameof(starts));
        }

        _rowText = rowText;
        _starts = starts;
        _lines = lines;
    }

    /// <summary>
    /// A table from rows in the compact form: row i is <paramref name="rowText"/>[i] (UTF-8, from <see cref="Encode"/>), its
    /// cell j the bytes from <paramref name="starts"/>[i·(d + 1) + j] up to the next offset (d = the column count).
    /// </summary>
    internal static TabularData FromRowText(string source, IReadOnlyList<string> columns, byte[][] rowText, int[] starts, int[] lines) =>
        new(source, columns, rowText, starts, lines);

    /// <summary>The UTF-8 bytes of <paramref name="cells"/> end to end, writing each cell's start (and the end) into <paramref name="starts"/> (cells + 1 entries).</summary>
    internal static byte[] Encode(IReadOnlyList<string> cells, Span<int> starts)
    {
        int length = 0;
        for (int j = 0; j < cells.Count; j++)
        {
            starts[j] = length;
            length += System.Text.Encoding.UTF8.GetByteCount(cells[j] ?? "");
        }

        starts[cells.Count] = length;
        var bytes = new byte[length];
        for (int j = 0; j < cells.Count; j++)
        {
            System.Text.Encoding.UTF8.GetBytes(cells[j] ?? "", bytes.AsSpan(starts[j]));
        }

        return bytes;
    }

    // A subset of another table's rows, sharing their text.
    private TabularData(TabularData from, IReadOnlyList<int> rows)
    {
        Source = from.Source;
        _columns = from._columns;
        _index = from._index;
        int width = _columns.Length + 1;
        _rowText = new byte[rows.Count][];
        _starts = new int[checked(rows.Count * width)];
        _lines = new int[rows.Count];
        for (int r = 0; r < rows.Count; r++)
        {
            int i = rows[r];
            _rowText[r] = from._rowText[i];
            _lines[r] = from._lines[i];
            Array.Copy(from._starts, i * width, _starts, r * width, width);
        }
    }

    /// <summary>Where the data came from, for messages.</summary>
    public string Source { get; }

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>Number of data rows.</summary>
    public int RowCount => _rowText.Length;

    /// <summary>The cell at (<paramref name="row"/>, <paramref name="column"/>); empty when missing.</summary>
    public string this[int row, int column]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(column);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, _columns.Length);
            int at = row * (_columns.Length + 1) + column;
            int start = _starts[at];
            int length = _starts[at + 1] - start;
            return length == 0 ? string.Empty : System.Text.Encoding.UTF8.GetString(_rowText[row], start, length);
        }
    }

    /// <summary>The 1-based source line of data row <paramref name="row"/>.</summary>
    public int LineOf(int row) => _lines[row];

    /// <summary>The index of the column named <paramref name="name"/>, or −1.</summary>
    public int IndexOf(string name) => name is not null && _index.TryGetValue(name, out int j) ? j : -1;

    /// <summary>The index of the column named <paramref name="name"/>.</summary>
    /// <param name="name">The column name (exact, case-sensitive).</param>
    /// <param name="role">What the column is for, in the message: "target", "feature", …</param>
    /// <exception cref="DataFormatException">There is no such column; the message lists the columns there are.</exception>
    public int RequireColumn(string name, string role = "column")
    {
        int j = IndexOf(name);
        if (j < 0)
        {
            var near = _columns.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
            string hint = near is null ? "" : $" (did you mean '{near}'? names are case-sensitive)";
            throw new DataFormatException(Source, null, name, $"{Source} has no {role} column '{name}'{hint}. Its columns are: {string.Join(", ", _columns)}.");
        }

        return j;
    }

    /// <summary>A table of the given rows (in the given order), keeping their source lines.</summary>
    public TabularData SelectRows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (int i in rows)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(i, nameof(rows));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, RowCount, nameof(rows));
        }

        return new TabularData(this, rows);
    }

    /// <summary>Where cell (<paramref name="row"/>, <paramref name="column"/>) is, for messages: <c>data.csv, line 7, column 'age'</c>.</summary>
    public string Where(int row, int column) => $"{Source}, line {_lines[row]}, column '{_columns[column]}'";
}
