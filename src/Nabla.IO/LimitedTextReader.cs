namespace Nabla.IO;

/// <summary>
/// A <see cref="TextReader"/> that passes text through and counts it: the characters since the last '\n' and in all. When
/// a line grows past its limit (or the whole text past its), it throws <see cref="CsvLimitException"/> before the reader
/// above it can buffer more, so an input without line breaks costs bounded memory.
/// </summary>
internal sealed class LimitedTextReader : TextReader
{
    private readonly TextReader _inner;
    private readonly int _maxLine;
    private readonly long? _maxTotal;
    private long _run;
    private long _total;
    private long _newlines;

    public LimitedTextReader(TextReader inner, int maxLineLength, long? maxCharacters)
    {
        _inner = inner;
        _maxLine = maxLineLength;
        _maxTotal = maxCharacters;
    }

    /// <summary>The characters read so far.</summary>
    public long Total => _total;

    public override int Peek() => _inner.Peek();

    public override int Read()
    {
        int c = _inner.Read();
        if (c >= 0)
        {
            Span<char> one = [(char)c];
            Count(one);
        }

        return c;
    }

    public override int Read(char[] buffer, int index, int count)
    {
        int n = _inner.Read(buffer, index, count);
        Count(buffer.AsSpan(index, n));
        return n;
    }

    public override int Read(Span<char> buffer)
    {
        int n = _inner.Read(buffer);
        Count(buffer[..n]);
        return n;
    }

    public override int ReadBlock(char[] buffer, int index, int count)
    {
        int n = _inner.ReadBlock(buffer, index, count);
        Count(buffer.AsSpan(index, n));
        return n;
    }

    public override int ReadBlock(Span<char> buffer)
    {
        int n = _inner.ReadBlock(buffer);
        Count(buffer[..n]);
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        // The caller owns the inner reader.
        base.Dispose(disposing);
    }

    private void Count(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        _total += text.Length;
        int last = text.LastIndexOf('\n');
        if (last < 0)
        {
            _run += text.Length;
        }
        else
        {
            // Only the text after the last line break can still be part of a line that is too long; the lines that ended in
            // this chunk are checked too, since a chunk may hold a whole long line.
            int start = 0;
            while (start <= last)
            {
                int end = text[start..].IndexOf('\n') + start;
                if (_run + (end - start) > _maxLine)
                {
                    throw new CsvLimitException(CsvLimitKind.LineLength, _newlines + 1, _maxLine);
                }

                _run = 0;
                _newlines++;
                start = end + 1;
            }

            _run = text.Length - 1 - last;
        }

        if (_run > _maxLine)
        {
            throw new CsvLimitException(CsvLimitKind.LineLength, _newlines + 1, _maxLine);
        }

        if (_total > _maxTotal)
        {
            throw new CsvLimitException(CsvLimitKind.Characters, _newlines + 1, _maxTotal.Value);
        }
    }
}
