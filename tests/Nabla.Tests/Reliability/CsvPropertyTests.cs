using System.Text;
using CsCheck;
using Nabla.Data.Preprocessing;
using Nabla.IO;

namespace Nabla.Tests.Reliability;

/// <summary>
/// <see cref="CsvFiles.Write"/> then <see cref="CsvFiles.Read(TextReader, string)"/> gives back the same table, for random cells
/// holding commas, quotes, line breaks, the other separators the reader detects, and Unicode (accents, CJK, emoji).
/// </summary>
public class CsvPropertyTests
{
    /// <summary>Characters a cell may hold anywhere.</summary>
    private const string Inner = "ab xyZ09.-_,;|\t\"'\n\r\u00e9\u00df\u4e2d\u6587\u00a0#=";

    /// <summary>Characters a cell may start or end with: no whitespace, since the reader trims.</summary>
    private const string Edge = "abZ09.-,;|\"'\u00e9\u4e2d#=";

    private static readonly string[] Emoji = ["\U0001F600", "\U0001F44D\U0001F3FD", "\u0915\u094D\u0937"];

    private sealed record Case(int Columns, int Rows, int Seed, bool Empties)
    {
        public override string ToString() => $"columns={Columns} rows={Rows} empties={Empties} seed={Seed}";
    }

    private static readonly Gen<Case> Cases = Gen.Select(Gen.Int[1, 6], Gen.Int[1, 12], Gen.Int[0, 1_000_000], Gen.Bool,
        (columns, rows, seed, empties) => new Case(columns, rows, seed, empties));

    [Fact]
    public void Write_then_read_gives_the_same_table()
    {
        Cases.Sample(c =>
        {
            var random = new Random(c.Seed);
            var header = new List<string>();
            while (header.Count < c.Columns)
            {
                string name = Cell(random, allowEmpty: false);
                if (!header.Contains(name))
                {
                    header.Add(name);
                }
            }

            var rows = new List<string[]>();
            for (int i = 0; i < c.Rows; i++)
            {
                rows.Add([.. Enumerable.Range(0, c.Columns).Select(_ => Cell(random, allowEmpty: c.Empties))]);
            }

            var text = new StringWriter();
            CsvFiles.Write(text, header, rows);
            string csv = text.ToString();
            string shown = csv.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
            TabularData table;
            try
            {
                table = CsvFiles.Read(new StringReader(csv), "random.csv");
            }
            catch (DataFormatException e)
            {
                throw new Xunit.Sdk.XunitException($"{c}: {e.Message} Written: {shown}");
            }

            Assert.True(header.SequenceEqual(table.Columns), $"{c}: header {string.Join(" | ", table.Columns)} read from {shown}");
            Assert.True(rows.Count == table.RowCount, $"{c}: {table.RowCount} rows read, {rows.Count} written: {shown}");
            for (int i = 0; i < rows.Count; i++)
            {
                for (int j = 0; j < c.Columns; j++)
                {
                    Assert.True(rows[i][j] == table[i, j], $"{c}: row {i} column {j} was '{rows[i][j]}', read '{table[i, j]}' from {shown}");
                }
            }
        }, iter: 400);
    }

    /// <summary>A cell of 1 to 12 characters (or, sometimes, empty), starting and ending with a character that is not whitespace.</summary>
    private static string Cell(Random random, bool allowEmpty)
    {
        if (allowEmpty && random.Next(5) == 0)
        {
            return "";
        }

        int length = random.Next(1, 13);
        var cell = new StringBuilder();
        for (int k = 0; k < length; k++)
        {
            if (random.Next(12) == 0)
            {
                cell.Append(Emoji[random.Next(Emoji.Length)]);
                continue;
            }

            string alphabet = k == 0 || k == length - 1 ? Edge : Inner;
            cell.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return cell.ToString();
    }
}

/// <summary>The cases the random tables found, kept as plain examples.</summary>
public class CsvRoundTripExamples
{
    [Theory]
    [InlineData("name", "a;b")] // a semicolon alone was detected as the separator
    [InlineData("name", "a\tb")]
    [InlineData("name", "a|b")]
    [InlineData("a;b", "1")]
    [InlineData("sep=;", "1")] // read as Excel's separator hint and skipped
    [InlineData("sep=x", "1")]
    [InlineData("SEP=,", "1")]
    [InlineData("name", "")]
    public void One_column_tables_come_back_whole(string header, string cell)
    {
        var text = new StringWriter();
        CsvFiles.Write(text, [header], [[cell], ["plain"]]);
        var table = CsvFiles.Read(new StringReader(text.ToString()), "example.csv");
        Assert.Equal([header], table.Columns);
        Assert.Equal(2, table.RowCount);
        Assert.Equal(cell, table[0, 0]);
        Assert.Equal("plain", table[1, 0]);
    }
}
