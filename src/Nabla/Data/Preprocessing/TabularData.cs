using System.Buffers.Binary;

namespace Nabla.Data.Preprocessing;

/// <summary>
/// A table of text cells with named columns, as read from a CSV file: the input of <see cref="Preprocessor"/>. Each row
/// remembers its line in the source, so every error can name the file, line and column.
/// </summary>
/// <remarks>
/// A row is stored as one byte array: its cells' offsets, then the UTF-8 bytes of its cells end to end. That is about a
/// quarter of the memory of a string per cell, which matters for tables of millions of rows, and a subset of the rows shares
/// them without copying. A cell is decoded when it is read (a lone surrogate, which no text file decodes to, would read back
/// as U+FFFD).
/// </remarks>
public sealed class TabularData
{
    private readonly string[] _columns;
    private readonly byte[][] _rows; // see Encode for the layout
    private readonly int[] _lines;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates a table.</summary>
    /// <param name="source">Where the data came from (a file path), for messages.</param>
    /// <param name="columns">The column names, distinct and not empty.</param>
    /// <param name="rows">The cells, one array per row, each as long as <paramref name="columns"/>; an empty string is a missing value.</param>
    /// <param name="lines">The 1-based source line of each row; null for 2, 3, … (a header on line 1).</param>
    /// <exception cref="ArgumentException">Names repeat or are empty, or a row has the wrong length.</exception>
    public TabularData(string source, IReadOnlyList<string> columns, IReadOnlyList<string[]> rows, IReadOnlyList<int>? lines = null)
        : this(source, columns, lines, rows?.Count ?? throw new ArgumentNullException(nameof(rows)))
    {
        _rows = new byte[rows.Count][];
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row is null || row.Length != _columns.Length)
            {
                throw new ArgumentException(
                    $"{source}, line {_lines[i]}: {row?.Length ?? 0} cells, but the header has {_columns.Length} columns; every row needs one cell per column.", nameof(rows));
            }

            _rows[i] = Encode(row);
        }
    }

    private TabularData(string source, IReadOnlyList<string> columns, IReadOnlyList<int>? lines, int rowCount)
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

        _rows = [];
    }

    // Rows already in the compact form (the CSV reader builds them so, a row at a time, never holding a string per cell).
    private TabularData(string source, IReadOnlyList<string> columns, byte[][] rows, int[] lines)
        : this(source, columns, lines, rows.Length)
    {
        _rows = rows;
    }

    // A subset of another table's rows, sharing them.
    private TabularData(TabularData from, IReadOnlyList<int> rows)
    {
        Source = from.Source;
        _columns = from._columns;
        _index = from._index;
        _rows = new byte[rows.Count][];
        _lines = new int[rows.Count];
        for (int r = 0; r < rows.Count; r++)
        {
            _rows[r] = from._rows[rows[r]];
            _lines[r] = from._lines[rows[r]];
        }
    }

    /// <summary>A table from rows in the compact form of <see cref="Encode"/>, each with one cell per column, and their source lines.</summary>
    internal static TabularData FromRowText(string source, IReadOnlyList<string> columns, byte[][] rows, int[] lines)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var row in rows)
        {
            if (CellCount(row) != columns.Count)
            {
                throw new ArgumentException($"A row has {CellCount(row)} cells, but the header has {columns.Count} columns.", nameof(rows));
            }
        }

        return new(source, columns, rows, lines);
    }

    /// <summary>
    /// One row in the compact form: a byte giving the width w (2 or 4) of an offset, the cell count d as 4 bytes, d + 1 offsets
    /// of w bytes (little-endian, counted from the start of the text), then the UTF-8 bytes of the cells end to end. Offsets
    /// are 2 bytes wide whenever the text is shorter than 64 KiB, as almost every row is.
    /// </summary>
    internal static byte[] Encode(IReadOnlyList<string> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        long text = 0;
        for (int j = 0; j < cells.Count; j++)
        {
            text += System.Text.Encoding.UTF8.GetByteCount(cells[j] ?? "");
        }

        int width = text <= ushort.MaxValue ? 2 : 4;
        int header = HeaderBytes + (cells.Count + 1) * width;
        var bytes = new byte[checked(header + (int)text)];
        bytes[0] = (byte)width;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(1), cells.Count);
        int at = 0;
        for (int j = 0; j <= cells.Count; j++)
        {
            WriteOffset(bytes, width, j, at);
            if (j < cells.Count)
            {
                at += System.Text.Encoding.UTF8.GetBytes(cells[j] ?? "", bytes.AsSpan(header + at));
            }
        }

        return bytes;
    }

    private const int HeaderBytes = 5;

    private static int CellCount(byte[] row) => BinaryPrimitives.ReadInt32LittleEndian(row.AsSpan(1));

    private static void WriteOffset(byte[] row, int width, int j, int value)
    {
        var at = row.AsSpan(HeaderBytes + j * width);
        if (width == 2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)value);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(at, value);
        }
    }

    private static int ReadOffset(byte[] row, int width, int j)
    {
        var at = row.AsSpan(HeaderBytes + j * width);
        return width == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(at) : BinaryPrimitives.ReadInt32LittleEndian(at);
    }

    /// <summary>Where the data came from, for messages.</summary>
    public string Source { get; }

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>Number of data rows.</summary>
    public int RowCount => _rows.Length;

    /// <summary>The cell at (<paramref name="row"/>, <paramref name="column"/>); empty when missing.</summary>
    public string this[int row, int column]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(column);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, _columns.Length);
            var text = _rows[row];
            int width = text[0];
            int header = HeaderBytes + (_columns.Length + 1) * width;
            int start = ReadOffset(text, width, column);
            int length = ReadOffset(text, width, column + 1) - start;
            return length == 0 ? string.Empty : System.Text.Encoding.UTF8.GetString(text, header + start, length);
        }
    }

    /// <summary>The UTF-8 bytes of cell (<paramref name="row"/>, <paramref name="column"/>), without decoding them: for readers of numbers.</summary>
    internal ReadOnlySpan<byte> Utf8(int row, int column)
    {
        var text = _rows[row];
        int width = text[0];
        int header = HeaderBytes + (_columns.Length + 1) * width;
        int start = ReadOffset(text, width, column);
        return text.AsSpan(header + start, ReadOffset(text, width, column + 1) - start);
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
