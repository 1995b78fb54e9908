using Nabla.Data.Preprocessing;
using Xunit;

namespace Nabla.Tests.Data;

public sealed class TabularDataTests
{
    [Fact]
    public void Cells_read_back_as_written_in_short_and_long_rows()
    {
        // A row whose text passes 64 KiB takes 4-byte offsets; the others 2-byte ones.
        string long1 = new('x', 70_000);
        string[][] rows =
        [
            ["1.5", "", "ä€𝄞"],
            [long1, "b", ""],
            ["", "", ""],
            ["a", new string('é', 40_000), "z"],
        ];
        var table = new TabularData("t.csv", ["p", "q", "r"], rows, [3, 5, 9, 12]);

        Assert.Equal(4, table.RowCount);
        for (int i = 0; i < rows.Length; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(rows[i][j], table[i, j]);
            }
        }

        Assert.Equal(9, table.LineOf(2));
        Assert.Equal("t.csv, line 12, column 'r'", table.Where(3, 2));
    }

    [Fact]
    public void A_subset_shares_the_rows_in_its_own_order()
    {
        var table = new TabularData("t.csv", ["a", "b"], [["1", "x"], ["2", "y"], ["3", "z"]]);
        var subset = table.SelectRows([2, 0, 2]);

        Assert.Equal(3, subset.RowCount);
        Assert.Equal(["3", "1", "3"], Enumerable.Range(0, 3).Select(i => subset[i, 0]));
        Assert.Equal(["z", "x", "z"], Enumerable.Range(0, 3).Select(i => subset[i, 1]));
        Assert.Equal([4, 2, 4], Enumerable.Range(0, 3).Select(subset.LineOf));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.SelectRows([3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => table[0, 2]);
    }

    [Fact]
    public void A_row_of_the_wrong_length_is_refused_with_its_line()
    {
        var e = Assert.Throws<ArgumentException>(() => new TabularData("t.csv", ["a", "b"], [["1", "x"], ["2"]]));
        Assert.Contains("t.csv, line 3: 1 cells, but the header has 2 columns", e.Message, StringComparison.Ordinal);
    }
}
