namespace Nabla.IO;

/// <summary>
/// Limits on what <see cref="CsvFiles.Read(string, CsvLimits?)"/> reads, so that hostile or broken input (a file without line
/// breaks such as <c>/dev/zero</c>, an unclosed quote, a header of millions of columns) fails quickly with a one-line message
/// instead of growing memory without bound. The defaults never bother a real table.
/// </summary>
public sealed record CsvLimits
{
    /// <summary>The default of <see cref="MaxLineLength"/>: 16,777,216 characters (16 Mi).</summary>
    public const int DefaultMaxLineLength = 16 * 1024 * 1024;

    /// <summary>The default of <see cref="MaxColumns"/>: 1,048,576 (1 Mi).</summary>
    public const int DefaultMaxColumns = 1024 * 1024;

    /// <summary>The defaults: lines up to 16 Mi characters, rows up to 4 lines' worth, 1 Mi columns, no limit on the file size.</summary>
    public static CsvLimits Default { get; } = new();

    /// <summary>
    /// The most characters one physical line may hold (not counting its line break). A row whose quoted cells contain line
    /// breaks may span several lines; the whole row (and so every cell) is bounded by <see cref="MaxRowLength"/>.
    /// </summary>
    public int MaxLineLength { get; init; } = DefaultMaxLineLength;

    /// <summary>
    /// The most bytes (of UTF-8) one row may hold, including the line breaks inside its quoted cells; null (the default)
    /// for four times <see cref="MaxLineLength"/>. It bounds a cell whose quote is never closed.
    /// </summary>
    public int? MaxRowLength { get; init; }

    /// <summary>The most columns the header may name.</summary>
    public int MaxColumns { get; init; } = DefaultMaxColumns;

    /// <summary>The most characters the whole input may hold; null (the default) for no limit.</summary>
    public long? MaxCharacters { get; init; }

    /// <summary>The row limit in effect: <see cref="MaxRowLength"/>, or four times <see cref="MaxLineLength"/> (at most <see cref="int.MaxValue"/>).</summary>
    public int EffectiveMaxRowLength => MaxRowLength ?? (int)Math.Min(int.MaxValue, 4L * MaxLineLength);

    /// <summary>Checks that every limit is positive.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero or negative.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxLineLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxColumns);
        if (MaxRowLength is { } row)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(row, nameof(MaxRowLength));
        }

        if (MaxCharacters is { } total)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(total, nameof(MaxCharacters));
        }
    }
}
