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

        try
        {
            using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
            return Read(reader, path, limits);
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
        limits ??= CsvLimits.Default;
        limits.Validate();
        using var limited = new LimitedTextReader(reader, limits.MaxLineLength, limits.MaxCharacters);
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow, // checked below, to name the line and both counts
            MaxRecordSize = limits.EffectiveMaxRowLength,
        };

        var rows = new List<string[]>();
        var lines = new List<int>();
        string[] header;
        try
        {
            using var csv = CsvReader.Create(limited, options, leaveOpen: true);
            header = [.. csv.Headers];
            if (header.Length > limits.MaxColumns)
            {
                throw new DataFormatException(source, 1, null,
                    $"{source}, line 1: the header has {N(header.Length)} columns, more than {N(limits.MaxColumns)} (the limit). If the file is a real table with so many columns, raise it with --max-columns N.");
            }

            if (header.Length == 0 || (header.Length == 1 && header[0].Length == 0))
            {
                throw new DataFormatException(source, null, null, $"{source} is empty: a CSV file needs a header row naming the columns, then one row per sample.");
            }

            while (csv.Read())
            {
                int line = (int)csv.LineNumber;
                if (csv.FieldCount != header.Length)
                {
                    throw new DataFormatException(source, line, null,
                        $"{source}, line {line}: {csv.FieldCount} {(csv.FieldCount == 1 ? "cell" : "cells")}, but the header has {header.Length} columns. Every row needs one cell per column; quote cells that contain the separator.");
                }

                var row = new string[header.Length];
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] = csv.GetString(j);
                }

                rows.Add(row);
                lines.Add(line);
            }
        }
        catch (Exception e) when (Limit(e) is { } limit)
        {
            throw limit.Kind == CsvLimitKind.LineLength
                ? new DataFormatException(source, (int)Math.Min(int.MaxValue, limit.Line), null,
                    $"{source}, line {limit.Line}: a line is longer than {N(limit.Limit)} characters (the limit; no line break in the first {N(limit.Limit)}). If the file is a real table with such long lines, raise it with --max-line-length N.")
                : new DataFormatException(source, null, null,
                    $"{source} is longer than {N(limit.Limit)} characters (the limit), at line {limit.Line}. If the file is a real table this large, raise the limit (CsvLimits.MaxCharacters).");
        }
        catch (CsvFormatException e) when (e.Message.Contains("MaxRecordSize", StringComparison.Ordinal) || e.Message.Contains("too large to buffer", StringComparison.Ordinal))
        {
            string at = e.LineNumber > 0 ? $", line {e.LineNumber}" : "";
            throw new DataFormatException(source, e.LineNumber > 0 ? (int)e.LineNumber : null, null,
                $"{source}{at}: a row is longer than {N(limits.EffectiveMaxRowLength)} bytes (the limit; is a quote never closed?). Close every opening quote; if the file is a real table with such long rows, raise the limit with --max-line-length N (a row may hold 4 lines' worth).");
        }
        catch (CsvFormatException e)
        {
            string at = e.LineNumber > 0 ? $", line {e.LineNumber}" : "";
            throw new DataFormatException(source, e.LineNumber > 0 ? (int)e.LineNumber : null, null,
                $"{source}{at}: broken quoting ({FirstLine(e.Message)}). Close every opening quote and write a quote inside a quoted cell as two quotes (\"\").");
        }

        if (rows.Count == 0)
        {
            throw new DataFormatException(source, null, null, $"{source} has a header but no data rows: add at least one row of values below the header.");
        }

        try
        {
            return new TabularData(source, header, rows, lines);
        }
        catch (ArgumentException e)
        {
            throw new DataFormatException(source, 1, null, FirstLine(e.Message.Split(" (Parameter")[0]));
        }
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

    private static CsvLimitException? Limit(Exception? e)
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

    private static string N(long n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}
