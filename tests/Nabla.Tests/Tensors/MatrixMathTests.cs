using Nabla.Tensors;

namespace Nabla.Tests.Tensors;

public class MatrixMathTests
{
    private static readonly Matrix<double> A = Matrix<double>.FromArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
    private static readonly Matrix<double> B = Matrix<double>.FromArray(new double[,] { { 0.5, -1, 2 }, { 3, 0, -2 } });

    [Fact]
    public void Elementwise_operations_give_hand_values()
    {
        var c = new Matrix<double>(2, 3);

        MatrixMath.Add(A, B, c);
        Assert.Equal(new double[,] { { 1.5, 1, 5 }, { 7, 5, 4 } }, c.ToArray());

        MatrixMath.Subtract(A, B, c);
        Assert.Equal(new double[,] { { 0.5, 3, 1 }, { 1, 5, 8 } }, c.ToArray());

        MatrixMath.Hadamard(A, B, c);
        Assert.Equal(new double[,] { { 0.5, -2, 6 }, { 12, 0, -12 } }, c.ToArray());

        MatrixMath.Scale(c, -2.0);
        Assert.Equal(new double[,] { { -1, 4, -12 }, { -24, 0, 24 } }, c.ToArray());
    }

    [Fact]
    public void Elementwise_operations_may_write_into_an_operand()
    {
        var a = A.Clone();
        MatrixMath.Add(a, B, a);
        Assert.Equal(new double[,] { { 1.5, 1, 5 }, { 7, 5, 4 } }, a.ToArray());

        var b = B.Clone();
        MatrixMath.Hadamard(A, b, b);
        Assert.Equal(new double[,] { { 0.5, -2, 6 }, { 12, 0, -12 } }, b.ToArray());
    }

    [Fact]
    public void Elementwise_shape_mismatch_names_both_shapes()
    {
        var other = new Matrix<double>(3, 2);
        foreach (var op in new Action[]
                 {
                     () => MatrixMath.Add(A, other, new Matrix<double>(2, 3)),
                     () => MatrixMath.Subtract(A, other, new Matrix<double>(2, 3)),
                     () => MatrixMath.Hadamard(A, other, new Matrix<double>(2, 3)),
                     () => MatrixMath.Add(A, B, other),
                     () => MatrixMath.MaxAbsoluteDifference(A, other),
                 })
        {
            var e = Assert.Throws<ArgumentException>(op);
            Assert.Contains("2×3", e.Message);
            Assert.Contains("3×2", e.Message);
        }
    }

    [Fact]
    public void AddRowVector_adds_the_row_to_every_row()
    {
        var random = new Random(8);
        foreach (var (rows, columns) in new[] { (1, 1), (3, 2), (5, 17), (0, 4), (9, 33) })
        {
            var m = TestSupport.TestData.Uniform<float>(random, rows, columns);
            var original = m.Clone();
            var row = TestSupport.TestData.Uniform<float>(random, 1, columns);

            MatrixMath.AddRowVector(m, row.AsReadOnlySpan());

            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < columns; j++)
                {
                    Assert.Equal(original[i, j] + row[0, j], m[i, j]);
                }
            }
        }

        var e = Assert.Throws<ArgumentException>(() => MatrixMath.AddRowVector(new Matrix<double>(2, 3), [1.0, 2.0]));
        Assert.Contains("2×3", e.Message);
        Assert.Contains("length 2", e.Message);
    }

    [Fact]
    public void SumColumns_sums_each_column_and_can_accumulate()
    {
        var sums = new double[3];
        MatrixMath.SumColumns(A, sums);
        Assert.Equal(new double[] { 5, 7, 9 }, sums);

        MatrixMath.SumColumns(A, sums, accumulate: true);
        Assert.Equal(new double[] { 10, 14, 18 }, sums);

        MatrixMath.SumColumns(new Matrix<double>(0, 3), sums);
        Assert.Equal(new double[] { 0, 0, 0 }, sums);

        var e = Assert.Throws<ArgumentException>(() => MatrixMath.SumColumns(A, new double[2]));
        Assert.Contains("2×3", e.Message);
    }

    [Fact]
    public void MaxAbsoluteDifference_is_the_largest_entry_gap()
    {
        Assert.Equal(8.0, MatrixMath.MaxAbsoluteDifference(A, B));
        Assert.Equal(0.0, MatrixMath.MaxAbsoluteDifference(A, A.Clone()));
        Assert.Equal(0.0, MatrixMath.MaxAbsoluteDifference(new Matrix<double>(0, 0), new Matrix<double>(0, 0)));
    }
}
