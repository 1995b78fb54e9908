using Nabla.Tensors;

namespace Nabla.Tests.Tensors;

public class MatrixTests
{
    [Fact]
    public void FromArray_keeps_row_major_order()
    {
        var m = Matrix<double>.FromArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });

        Assert.Equal(2, m.Rows);
        Assert.Equal(3, m.Columns);
        Assert.Equal(6, m.Length);
        Assert.Equal("2×3", m.Shape);
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6 }, m.AsReadOnlySpan().ToArray());
        Assert.Equal(6, m[1, 2]);
        Assert.Equal(new double[] { 4, 5, 6 }, m.Row(1).ToArray());
        Assert.Equal(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }, m.ToArray());
    }

    [Fact]
    public void FromArray_accepts_empty_arrays()
    {
        var m = Matrix<float>.FromArray(new float[0, 4]);
        Assert.Equal(0, m.Rows);
        Assert.Equal(4, m.Columns);
        Assert.Equal(0, m.Length);
    }

    [Fact]
    public void FromRows_copies_and_round_trips_through_ToRows()
    {
        double[][] rows = [[1, 2], [3, 4], [5, 6]];
        var m = Matrix<double>.FromRows(rows);
        rows[0][0] = 99;

        Assert.Equal(1, m[0, 0]);
        Assert.Equal(new[] { new double[] { 1, 2 }, [3, 4], [5, 6] }, m.ToRows());
        Assert.Equal(0, Matrix<double>.FromRows([]).Length);
    }

    [Fact]
    public void FromRows_rejects_ragged_rows_naming_the_row()
    {
        var e = Assert.Throws<ArgumentException>(() => Matrix<double>.FromRows([[1, 2], [3, 4], [5]]));
        Assert.Contains("Row 2", e.Message);
        Assert.Contains("1 values", e.Message);
        Assert.Contains("2", e.Message);

        e = Assert.Throws<ArgumentException>(() => Matrix<double>.FromRows([[1, 2], null!]));
        Assert.Contains("Row 1", e.Message);
    }

    [Fact]
    public void Wrapping_constructor_checks_the_length_and_shares_the_array()
    {
        var data = new double[] { 1, 2, 3, 4, 5, 6 };
        var m = new Matrix<double>(3, 2, data);
        data[5] = 60;
        Assert.Equal(60, m[2, 1]);

        var e = Assert.Throws<ArgumentException>(() => new Matrix<double>(2, 2, data));
        Assert.Contains("2×2", e.Message);
        Assert.Contains("6", e.Message);
    }

    [Fact]
    public void Negative_shapes_are_rejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Matrix<double>(-1, 3));
        Assert.Contains("-1×3", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Matrix<float>(2, -5));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(2, 0)]
    [InlineData(0, -1)]
    [InlineData(0, 3)]
    [InlineData(5, 5)]
    public void Indexer_out_of_bounds_names_index_and_shape(int row, int column)
    {
        var m = new Matrix<double>(2, 3);

        var get = Assert.Throws<ArgumentOutOfRangeException>(() => m[row, column]);
        Assert.Contains($"({row}, {column})", get.Message);
        Assert.Contains("2×3", get.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => m[row, column] = 1);
    }

    [Fact]
    public void Row_out_of_bounds_is_rejected()
    {
        var m = new Matrix<double>(2, 3);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => m.Row(2));
        Assert.Contains("2×3", e.Message);
    }

    [Fact]
    public void Transpose_swaps_indices()
    {
        var random = new Random(3);
        foreach (var (r, c) in new[] { (0, 3), (1, 1), (1, 7), (7, 1), (5, 9), (33, 17) })
        {
            var m = TestSupport.TestData.Uniform<double>(random, r, c);
            var t = m.Transpose();
            Assert.Equal(c, t.Rows);
            Assert.Equal(r, t.Columns);
            for (int i = 0; i < r; i++)
            {
                for (int j = 0; j < c; j++)
                {
                    Assert.Equal(m[i, j], t[j, i]);
                }
            }

            Assert.True(t.Transpose().Equals(m));
        }
    }

    [Fact]
    public void SelectRows_takes_rows_in_the_given_order_with_repeats()
    {
        var m = Matrix<double>.FromArray(new double[,] { { 0, 1 }, { 10, 11 }, { 20, 21 } });

        var s = m.SelectRows([2, 0, 2]);

        Assert.Equal(new double[,] { { 20, 21 }, { 0, 1 }, { 20, 21 } }, s.ToArray());
        Assert.Equal(0, m.SelectRows([]).Rows);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.SelectRows([3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.SelectRows([-1]));
    }

    [Fact]
    public void GatherRows_fills_the_destination_and_checks_its_shape()
    {
        var m = Matrix<float>.FromArray(new float[,] { { 0, 1 }, { 10, 11 }, { 20, 21 } });
        var destination = new Matrix<float>(2, 2);

        m.GatherRows([1, 2], destination);
        Assert.Equal(new float[,] { { 10, 11 }, { 20, 21 } }, destination.ToArray());

        var e = Assert.Throws<ArgumentException>(() => m.GatherRows([1, 2], new Matrix<float>(3, 2)));
        Assert.Contains("3×2", e.Message);
        Assert.Contains("2×2", e.Message);

        // A bad index after a good one (the next row is fetched ahead while copying) is still named.
        foreach (int bad in new[] { 3, -1, int.MaxValue })
        {
            var outside = Assert.Throws<ArgumentOutOfRangeException>(() => m.GatherRows([0, bad], destination));
            Assert.Contains($"Row {bad}", outside.Message);
        }
    }

    [Fact]
    public void Clone_is_deep_and_Equals_compares_shape_and_values()
    {
        var m = Matrix<double>.FromArray(new double[,] { { 1, 2 }, { 3, 4 } });
        var c = m.Clone();

        Assert.True(m.Equals(c));
        Assert.True(m.Equals((object)c));
        Assert.Equal(m.GetHashCode(), c.GetHashCode());

        c[0, 0] = 5;
        Assert.Equal(1, m[0, 0]);
        Assert.False(m.Equals(c));

        // Same values, other shape.
        Assert.False(new Matrix<double>(1, 4, [1, 2, 3, 4]).Equals(new Matrix<double>(2, 2, [1, 2, 3, 4])));
        Assert.False(m.Equals(null));
        Assert.False(m.Equals("not a matrix"));
    }

    [Fact]
    public void Factories_give_the_documented_contents()
    {
        Assert.Equal(new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }, Matrix<double>.Identity(3).ToArray());
        Assert.Equal(new float[,] { { 2.5f, 2.5f } }, Matrix<float>.Filled(1, 2, 2.5f).ToArray());
        Assert.Equal(new double[,] { { 0, 0 } }, Matrix<double>.Zeros(1, 2).ToArray());
        Assert.Equal(new double[,] { { 1, 2, 3 } }, Matrix<double>.RowVector([1, 2, 3]).ToArray());
        Assert.Equal(new double[,] { { 1 }, { 2 }, { 3 } }, Matrix<double>.ColumnVector([1, 2, 3]).ToArray());
    }

    [Fact]
    public void CopyTo_checks_shape_and_Clear_zeroes()
    {
        var m = Matrix<double>.Filled(2, 2, 3);
        var d = new Matrix<double>(2, 2);
        m.CopyTo(d);
        Assert.True(d.Equals(m));

        var e = Assert.Throws<ArgumentException>(() => m.CopyTo(new Matrix<double>(2, 3)));
        Assert.Contains("2×2", e.Message);
        Assert.Contains("2×3", e.Message);

        m.Clear();
        Assert.True(m.Equals(Matrix<double>.Zeros(2, 2)));
    }

    [Fact]
    public void IsFinite_detects_nan_and_infinity()
    {
        var m = Matrix<double>.Filled(2, 2, 1);
        Assert.True(m.IsFinite());
        m[1, 1] = double.NaN;
        Assert.False(m.IsFinite());
        m[1, 1] = double.NegativeInfinity;
        Assert.False(m.IsFinite());
    }

    [Fact]
    public void ToString_shows_type_shape_and_values()
    {
        var text = Matrix<double>.FromArray(new double[,] { { 1, 0.5 } }).ToString();
        Assert.Contains("Matrix<Double> 1×2", text);
        Assert.Contains("[1, 0.5]", text);
    }

    [Fact]
    public void Half_precision_is_not_supported()
    {
        var e = Assert.Throws<NotSupportedException>(() => new Matrix<Half>(1, 1));
        Assert.Contains("Matrix<Half> is not supported", e.Message);
        Assert.Contains("Matrix<float>", e.Message);

        // The same clear error every time, from every way of making one.
        Assert.Throws<NotSupportedException>(() => Matrix<Half>.Zeros(2, 2));
        Assert.Throws<NotSupportedException>(() => new Matrix<Half>(1, 1, [Half.One]));
    }
}
