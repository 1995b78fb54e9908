using CsvHelper;
using Nabla.Data.Preprocessing;

namespace Nabla.IO;

/// <summary>
/// Reads a CSV text a chunk of rows at a time, checking the header, every row's cell count and the limits as it goes, and
/// turning every problem into a <see cref="DataFormatException"/> that names the source and line.
/// </summary>
internal sealed class CsvChunkReader : IDisposable
{
    private readonly string _source;
    private readonly CsvLimits _limits;
    private readonly LimitedTextReader _limited;
    private readonly CsvReader _csv;
    private readonly string[] _header;

    public CsvChunkReader(TextReader reader, string source, CsvLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _limits = limits ?? CsvLimits.Default;
        _limits.Validate();
        _limited = new LimitedTextReader(reader, _limits.MaxLineLength, _limits.MaxCharacters);
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow, // checked per row, to name the line and both counts
            MaxRecordSize = _limits.EffectiveMaxRowLength,
        };

        _csv = CsvReader.Create(_limited, options, leaveOpen: true);
        _header = Translated(() =>
        {
            string[] header = [.. _csv.Headers];
            if (header.Length > _limits.MaxColumns)
            {
                throw new DataFormatException(source, 1, null,
                    $"{source}, line 1: the header has {CsvFiles.N(header.Length)} columns, more than {CsvFiles.N(_limits.MaxColumns)} (the limit). If the file is a real table with so many columns, raise it with --max-columns N.");
            }

            if (header.Length == 0 || (header.Length == 1 && header[0].Length == 0))
            {
                throw new DataFormatException(source, null, null, $"{source} is empty: a CSV file needs a header row naming the columns, then one row per sample.");
            }

            return header;
        });
    }

    /// <summary>The error for a text with a header but no rows.</summary>
    public static DataFormatException NoRows(string source) =>
        new(source, null, null, $"{source} has a header but no data rows: add at least one row of values below the header.");

    /// <summary>The next at most <paramref name="maxRows"/> rows as a table with the header, or null at the end.</summary>
    public TabularData? Next(int maxRows)
    {
        // Each row goes straight into the table's compact form: its cells end to end, and their offsets.
        var rows = new List<byte[]>();
        var lines = new List<int>();
        var cells = new string[_header.Length];
        Translated(() =>
        {
            while (rows.Count < maxRows && _csv.Read())
            {
                int line = (int)_csv.LineNumber;
                if (_csv.FieldCount != _header.Length)
                {
                    throw new DataFormatException(_source, line, null,
                        $"{_source}, line {line}: {_csv.FieldCount} {(_csv.FieldCount == 1 ? "cell" : "cells")}, but the header has {_header.Length} columns. Every row needs one cell per column; quote cells that contain the separator.");
                }

                for (int j = 0; j < cells.Length; j++)
                {
                    cells[j] = _csv.GetString(j);
                }

                rows.Add(TabularData.Encode(cells));
                lines.Add(line);
            }

            return 0;
        });

        if (rows.Count == 0)
        {
            return null;
        }

        try
        {
            return TabularData.FromRowText(_source, _header, [.. rows], [.. lines]);
        }
        catch (ArgumentException e)
        {
            throw new DataFormatException(_source, 1, null, CsvFiles.FirstLine(e.Message.Split(" (Parameter")[0]));
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _csv.Dispose();
        _limited.Dispose();
    }

    private T Translated<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (CsvFiles.Limit(e) is { } limit)
        {
            throw limit.Kind == CsvLimitKind.LineLength
                ? new DataFormatException(_source, (int)Math.Min(int.MaxValue, limit.Line), null,
                    $"{_source}, line {limit.Line}: a line is longer than {CsvFiles.N(limit.Limit)} characters (the limit; no line break in the first {CsvFiles.N(limit.Limit)}). If the file is a real table with such long lines, raise it with --max-line-length N.")
                : new DataFormatException(_source, null, null,
                    $"{_source} is longer than {CsvFiles.N(limit.Limit)} characters (the limit), at line {limit.Line}. If the file is a real table this large, raise the limit (CsvLimits.MaxCharacters).");
        }
        catch (CsvFormatException e) when (e.Message.Contains("MaxRecordSize", StringComparison.Ordinal) || e.Message.Contains("too large to buffer", StringComparison.Ordinal))
        {
            string at = e.LineNumber > 0 ? $", line {e.LineNumber}" : "";
            throw new DataFormatException(_source, e.LineNumber > 0 ? (int)e.LineNumber : null, null,
                $"{_source}{at}: a row is longer than {CsvFiles.N(_limits.EffectiveMaxRowLength)} bytes (the limit; is a quote never closed?). Close every opening quote; if the file is a real table with such long rows, raise the limit with --max-line-length N (a row may hold 4 lines' worth).");
        }
        catch (CsvFormatException e)
        {
            string at = e.LineNumber > 0 ? $", line {e.LineNumber}" : "";
            throw new DataFormatException(_source, e.LineNumber > 0 ? (int)e.LineNumber : null, null,
                $"{_source}{at}: broken quoting ({CsvFiles.FirstLine(e.Message)}). Close every opening quote and write a quote inside a quoted cell as two quotes (\"\").");
        }
    }
}
