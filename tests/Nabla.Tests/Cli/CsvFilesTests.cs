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
}
