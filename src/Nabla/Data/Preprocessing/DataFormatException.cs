namespace Nabla.Data.Preprocessing;

/// <summary>Data that cannot be used as it is: the message names the source, line and column and says what to do.</summary>
public sealed class DataFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file or other source of the data.</param>
    /// <param name="line">The 1-based line, when the problem is in one row.</param>
    /// <param name="column">The column name, when the problem is in one column.</param>
    /// <param name="message">The whole message, one line.</param>
    public DataFormatException(string source, int? line, string? column, string message)
        : base(message)
    {
        DataSource = source;
        Line = line;
        Column = column;
    }

    /// <summary>The file or other source of the data.</summary>
    public string DataSource { get; }

    /// <summary>The 1-based line of the bad row, if one.</summary>
    public int? Line { get; }

    /// <summary>The name of the bad column, if one.</summary>
    public string? Column { get; }
}
