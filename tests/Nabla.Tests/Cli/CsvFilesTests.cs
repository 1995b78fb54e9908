using Nabla.Data.Preprocessing;
using Nabla.IO;

namespace Nabla.Tests.Cli;

public class CsvFilesTests
{
    private static TabularData Parse(string text) => CsvFiles.Read(new StringReader(text), "t.csv");

    private static string Error(string text) => Assert.Throws<DataFormatException>(() => Parse(text)).Message;

    [Fact]
    public void Reads_header_cells_and_line_numbers()
    {
        var t = Parse("a,b,label\n1,2,x\n\n 3 ,\"4,5\",y\n");
        Assert.Equal(["a", "b", "label"], t.Columns);
        Assert.Equal(2, t.RowCount);
        Assert.Equal("3", t[1, 0]);
        Assert.Equal("4,5", t[1, 1]);
        Assert.Equal(2, t.LineOf(0));
        Assert.Equal(4, t.LineOf(1));
    }

    [Fact]
    public void Detects_semicolons_and_tabs()
    {
        Assert.Equal(["a", "b"], Parse("a;b\n1;2\n").Columns);
        Assert.Equal(["a", "b"], Parse("a\tb\n1\t2\n").Columns);
    }

    [Fact]
    public void Empty_file_is_an_error() => Assert.Contains("t.csv is empty", Error(""));

    [Fact]
    public void Header_only_is_an_error() => Assert.Contains("no data rows", Error("a,b\n"));

    [Fact]
    public void Ragged_row_names_the_line_and_counts() =>
        Assert.Equal("t.csv, line 3: 2 cells, but the header has 3 columns. Every row needs one cell per column; quote cells that contain the separator.", Error("a,b,c\n1,2,3\n4,5\n"));

    [Fact]
    public void Broken_quote_names_the_line() => Assert.Contains("line 3: broken quoting", Error("a,b\n1,2\n\"3,4\n5,6\n"));

    [Fact]
    public void Duplicate_header_is_an_error() => Assert.Contains("twice", Error("a,a\n1,2\n"));

    [Fact]
    public void Missing_file_is_an_error() => Assert.Contains("no such file", Assert.Throws<DataFormatException>(() => CsvFiles.Read("/nonexistent/x.csv")).Message);

    [Fact]
    public void Writes_rfc4180()
    {
        var w = new StringWriter();
        CsvFiles.Write(w, ["x", "label"], [["1.5", "a,b"], ["2", "say \"hi\""]]);
        Assert.Equal("x,label\n1.5,\"a,b\"\n2,\"say \"\"hi\"\"\"\n", w.ToString());
    }

    [Fact]
    public void An_endless_line_fails_quickly_with_bounded_memory()
    {
        // /dev/zero or a one-line file of gigabytes: without a limit the reader buffers it all (3 GB of input reached 14 GB).
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var e = Assert.Throws<DataFormatException>(() => CsvFiles.Read(new EndlessReader('a'), "zero.csv"));
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(
            "zero.csv, line 1: a line is longer than 16,777,216 characters (the limit; no line break in the first 16,777,216). If the file is a real table with such long lines, raise it with --max-line-length N.",
            e.Message);
        Assert.Equal(1, e.Line);
        Assert.True(allocated < 200_000_000, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void An_endless_line_after_good_lines_names_its_line()
    {
        var reader = new EndlessReader('7', "a,b\n1,2\n3,4\n");
        var e = Assert.Throws<DataFormatException>(() => CsvFiles.Read(reader, "t.csv", new CsvLimits { MaxLineLength = 1000 }));
        Assert.StartsWith("t.csv, line 4: a line is longer than 1,000 characters", e.Message);
    }

    [Fact]
    public void A_line_at_the_limit_is_read_and_one_longer_is_not()
    {
        var limits = new CsvLimits { MaxLineLength = 20 };
        string cell = new('x', 18);
        var t = CsvFiles.Read(new StringReader($"a,b\n{cell},1\n"), "t.csv", limits); // 20 characters before the line break
        Assert.Equal(cell, t[0, 0]);
        var e = Assert.Throws<DataFormatException>(() => CsvFiles.Read(new StringReader($"a,b\n{cell}x,1\n3,4\n"), "t.csv", limits));
        Assert.StartsWith("t.csv, line 2: a line is longer than 20 characters", e.Message);
    }

    [Fact]
    public void A_line_break_in_a_quoted_cell_starts_a_new_line_count()
    {
        var limits = new CsvLimits { MaxLineLength = 10 };
        var t = CsvFiles.Read(new StringReader("a,b\n\"12345678\n1234567\",1\n"), "t.csv", limits);
        Assert.Equal("12345678\n1234567", t[0, 0]);
    }

    [Fact]
    public void An_unclosed_quote_is_bounded_by_the_row_limit()
    {
        var limits = new CsvLimits { MaxLineLength = 100, MaxRowLength = 4096 };
        var text = "a,b\n\"1,2\n" + string.Concat(Enumerable.Repeat("3,4\n", 100_000));
        var e = Assert.Throws<DataFormatException>(() => CsvFiles.Read(new StringReader(text), "t.csv", limits));
        Assert.StartsWith("t.csv, line 2: a row is longer than 4,096 bytes (the limit; is a quote never closed?)", e.Message);
    }

    [Fact]
    public void Too_many_columns_names_the_count_and_the_limit()
    {
        var header = string.Join(",", Enumerable.Range(0, 11).Select(j => $"c{j}"));
        var e = Assert.Throws<DataFormatException>(() => CsvFiles.Read(new StringReader(header + "\n" + string.Join(",", Enumerable.Repeat("1", 11)) + "\n"), "t.csv", new CsvLimits { MaxColumns = 10 }));
        Assert.Equal("t.csv, line 1: the header has 11 columns, more than 10 (the limit). If the file is a real table with so many columns, raise it with --max-columns N.", e.Message);
        Assert.Equal(10, CsvFiles.Read(new StringReader(string.Join(",", Enumerable.Range(0, 10).Select(j => $"c{j}")) + "\n" + string.Join(",", Enumerable.Repeat("1", 10)) + "\n"), "t.csv", new CsvLimits { MaxColumns = 10 }).Columns.Count);
    }

    [Fact]
    public void The_total_size_limit_is_off_by_default_and_names_the_limit_when_set()
    {
        Assert.Null(CsvLimits.Default.MaxCharacters);
        var text = "a,b\n" + string.Concat(Enumerable.Repeat("1,2\n", 1000));
        var e = Assert.Throws<DataFormatException>(() => CsvFiles.Read(new StringReader(text), "t.csv", new CsvLimits { MaxCharacters = 1000 }));
        Assert.StartsWith("t.csv is longer than 1,000 characters (the limit)", e.Message);
    }

    /// <summary>Text that never ends: an optional start, then one character forever (as /dev/zero gives NULs).</summary>
    private sealed class EndlessReader(char fill, string start = "") : TextReader
    {
        private int _at;

        public override int Peek() => _at < start.Length ? start[_at] : fill;

        public override int Read() => _at < start.Length ? start[_at++] : fill;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            int n = 0;
            while (n < buffer.Length && _at < start.Length)
            {
                buffer[n++] = start[_at++];
            }

            buffer[n..].Fill(fill);
            return buffer.Length;
        }
    }
}
