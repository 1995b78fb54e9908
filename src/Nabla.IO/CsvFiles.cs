using CsvHelper;
using Nabla.Data.Preprocessing;

namespace Nabla.IO;

/// <summary>
/// Reads CSV files into <see cref="TabularData"/> and writes tables as CSV, with CsvHelper. The first row is the header; the
/// separator (comma, semicolon, tab or |) is detected; quoted fields follow RFC 4180; blank lines are skipped. A file that
/// cannot be read as a table (missing, empty, no data rows, ragged rows, broken quoting) gives a <see cref="DataFormatException"/>
/// whose one-line message names the file and line and says what to do. <see cref="CsvLimits"/> bounds the length of a line
/// and of a row, the number of columns and (optionally) the size of the input, so that hostile input fails quickly.
/// </summary>
public static class CsvFiles
{
    /// <summary>Reads the CSV file at <paramref name="path"/>.</summary>
    /// <exception cref="DataFormatException">The file is missing or is not a usable table.</exception>
    public static TabularData Read(string path) => Read(path, null);

    /// <summary>Reads the CSV file at <paramref name="path"/> within <paramref name="limits"/> (null: <see cref="CsvLimits.Default"/>).</summary>
    /// <exception cref="DataFormatException">The file is missing, is not a usable table, or exceeds a limit.</exception>
    public static TabularData Read(string path, CsvLimits? limits)
    {
        using var reader = Open(path);
        return Guarded(path, () => Read(reader, path, limits));
    }

    /// <summary>
    /// Reads the CSV file at <paramref name="path"/> in chunks of at most <paramref name="rowsPerChunk"/> rows, each a table
    /// with the file's header and its own rows' line numbers, so that a file of any size is read in bounded memory. The
    /// file is checked as <see cref="Read(string, CsvLimits?)"/> checks it, a chunk at a time.
    /// </summary>
    /// <exception cref="DataFormatException">The file is missing, is not a usable table, or exceeds a limit (thrown when the chunk that shows it is read).</exception>
    public static IEnumerable<TabularData> ReadChunks(string path, int rowsPerChunk, CsvLimits? limits = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerChunk, 1);
        var reader = Open(path);
        return Chunks(reader, path, rowsPerChunk, limits);
    }

    private static IEnumerable<TabularData> Chunks(StreamReader stream, string path, int rowsPerChunk, CsvLimits? limits)
    {
        using (stream)
        {
            using var reader = Guarded(path, () => new CsvChunkReader(stream, path, limits));
            bool any = false;
            while (Guarded(path, () => reader.Next(rowsPerChunk)) is { } chunk)
            {
                any = true;
                yield return chunk;
            }

            if (!any)
            {
                throw CsvChunkReader.NoRows(path);
            }
        }
    }

    // The checks of a path before it is opened: a directory, a FIFO or device, a missing file.
    private static StreamReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            throw new DataFormatException(path, null, null, $"{path} is a directory, not a CSV file: give the path of a .csv file.");
        }

        if (Nabla.Serialization.FileKind.NotRegular(path) is { } kind)
        {
            throw new DataFormatException(path, null, null, $"{path} is {kind}, not a CSV file: give the path of a .csv file (to read a stream, save it to a file first).");
        }

        if (!File.Exists(path))
        {
            throw new DataFormatException(path, null, null, $"{path}: no such file. Check the path (relative paths start from {Environment.CurrentDirectory}).");
        }

        return Guarded(path, () => new StreamReader(path, detectEncodingFromByteOrderMarks: true));
    }

    private static T Guarded<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, null, null, $"{path} cannot be read: {e.Message}");
        }
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="DataFormatException">The text is not a usable table.</exception>
    public static TabularData Read(TextReader reader, string source) => Read(reader, source, null);

    /// <summary>
    /// Reads CSV text from <paramref name="reader"/> within <paramref name="limits"/> (null: <see cref="CsvLimits.Default"/>);
    /// <paramref name="source"/> names it in messages.
    /// </summary>
    /// <exception cref="DataFormatException">The text is not a usable table, or exceeds a limit.</exception>
    public static TabularData Read(TextReader reader, string source, CsvLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        using var chunks = new CsvChunkReader(reader, source, limits);
        return chunks.Next(int.MaxValue) ?? throw CsvChunkReader.NoRows(source);
    }

    /// <summary>
    /// Writes a header and rows as RFC 4180 CSV (comma separated, quoted where needed, LF line endings) that <see cref="Read(TextReader, string)"/>
    /// reads back as the same table: cells holding another separator the reader could detect (; tab |) are quoted too, as is a
    /// first header cell that looks like Excel's <c>sep=</c> line.
    /// </summary>
    public static void Write(TextWriter writer, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        WriteRecord(csv, header, isHeader: true);
        foreach (var row in rows)
        {
            WriteRecord(csv, row, isHeader: false);
        }

        csv.Flush();
    }

    /// <summary>Writes rows as RFC 4180 CSV without a header: the continuation of <see cref="Write"/>, for output written a chunk at a time.</summary>
    public static void WriteRows(TextWriter writer, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        foreach (var row in rows)
        {
            WriteRecord(csv, row, isHeader: false);
        }

        csv.Flush();
    }

    /// <summary>The separators the reader detects besides the comma, which the writer quotes only when asked.</summary>
    private static readonly System.Buffers.SearchValues<char> OtherSeparators = System.Buffers.SearchValues.Create(";\t|");

    private static void WriteRecord(CsvWriter csv, IReadOnlyList<string> record, bool isHeader)
    {
        if (record.Count == 0)
        {
            csv.WriteRecord([.. record]); // the writer's own error for an empty record
            return;
        }

        if (record.Count == 1 && string.IsNullOrEmpty(record[0]))
        {
            csv.WriteRecord([record[0]]); // written as "" so that it is not read as a blank line
            return;
        }

        for (int j = 0; j < record.Count; j++)
        {
            string cell = record[j];
            // Unquoted, a ; tab or | in the first lines would make the reader detect it as the separator, and a first line
            // "sep=X" would be taken for Excel's separator hint and skipped.
            bool quote = cell is not null
                && (cell.AsSpan().ContainsAny(OtherSeparators) || (isHeader && j == 0 && cell.StartsWith("sep=", StringComparison.OrdinalIgnoreCase)));
            csv.WriteField(cell, quote ? CsvQuoting.Always : CsvQuoting.WhenNeeded);
        }

        csv.EndRecord();
    }

    internal static CsvLimitException? Limit(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is CsvLimitException limit)
            {
                return limit;
            }
        }

        return null;
    }

    internal static string N(long n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    internal static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}
