namespace Nabla.Data.Preprocessing;

/// <summary>
/// A table of text cells with named columns, as read from a CSV file: the input of <see cref="Preprocessor"/>. Each row
/// remembers its line in the source, so every error can name the file, line and column.
/// </summary>
public sealed class TabularData
{
    private readonly string[] _columns;
    private readonly string[][] _rows;
    private readonly int[] _lines;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates a table.</summary>
    /// <param name="source">Where the data came from (a file path), for messages.</param>
    /// <param name="columns">The column names, distinct and not empty.</param>
    /// <param name="rows">The cells, one array per row, each as long as <paramref name="columns"/>; an empty string is a missing value.</param>
    /// <param name="lines">The 1-based source line of each row; null for 2, 3, … (a header on line 1).</param>
    /// <exception cref="ArgumentException">Names repeat or are empty, or a row has the wrong length.</exception>
    public TabularData(string source, IReadOnlyList<string> columns, IReadOnlyList<string[]> rows, IReadOnlyList<int>? lines = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
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

        _rows = [.. rows];
        _lines = lines is null ? [.. Enumerable.Range(2, _rows.Length)] : [.. lines];
        if (_lines.Length != _rows.Length)
        {
            throw new ArgumentException($"There are {_rows.Length} rows but {_lines.Length} line numbers.", nameof(lines));
        }

        for (int i = 0; i < _rows.Length; i++)
        {
            if (_rows[i] is null || _rows[i].Length != _columns.Length)
            {
                throw new ArgumentException(
                    $"{source}, line {_lines[i]}: {_rows[i]?.Length ?? 0} cells, but the header has {_columns.Length} columns; every row needs one cell per column.", nameof(rows));
            }
        }
    }

    /// <summary>Where the data came from, for messages.</summary>
    public string Source { get; }

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>Number of data rows.</summary>
    public int RowCount => _rows.Length;

    /// <summary>The cell at (<paramref name="row"/>, <paramref name="column"/>); empty when missing.</summary>
    public string this[int row, int column] => _rows[row][column];

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
        return new TabularData(Source, _columns, [.. rows.Select(i => _rows[i])], [.. rows.Select(i => _lines[i])]);
    }

    /// <summary>Where cell (<paramref name="row"/>, <paramref name="column"/>) is, for messages: <c>data.csv, line 7, column 'age'</c>.</summary>
    public string Where(int row, int column) => $"{Source}, line {_lines[row]}, column '{_columns[column]}'";
}
