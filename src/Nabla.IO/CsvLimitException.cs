namespace Nabla.IO;

/// <summary>Thrown by <see cref="LimitedTextReader"/> when the text exceeds a limit; <see cref="CsvFiles"/> turns it into a <see cref="Nabla.Data.Preprocessing.DataFormatException"/>.</summary>
internal sealed class CsvLimitException : Exception
{
    public CsvLimitException(CsvLimitKind kind, long line, long limit)
        : base($"Line {line}: the {kind} limit of {limit} was exceeded.")
    {
        Kind = kind;
        Line = line;
        Limit = limit;
    }

    public CsvLimitKind Kind { get; }

    public long Line { get; }

    public long Limit { get; }
}
