using System.Numerics;
using System.Numerics.Tensors;

namespace Nabla.Tensors;

/// <summary>
/// The matrix operations the networks need: products with either operand transposed, bias rows, column sums,
/// and element-wise arithmetic. Every method checks shapes and names both in its <see cref="ArgumentException"/>.
/// </summary>
public static class MatrixMath
{
    /// <summary>
    /// C = op(A)·op(B), or C += op(A)·op(B) when <paramref name="accumulate"/> is set; op transposes its operand when asked.
    /// </summary>
    /// <param name="a">Left operand: m × k, or k × m when <paramref name="transposeA"/>.</param>
    /// <param name="b">Right operand: k × n, or n × k when <paramref name="transposeB"/>.</param>
    /// <param name="result">Destination, m × n; must not be <paramref name="a"/> or <paramref name="b"/>.</param>
    /// <param name="transposeA">Use Aᵀ.</param>
    /// <param name="transposeB">Use Bᵀ.</param>
    /// <param name="accumulate">Add the product to <paramref name="result"/> instead of overwriting it.</param>
    public static void Multiply<T>(Matrix<T> a, Matrix<T> b, Matrix<T> result, bool transposeA = false, bool transposeB = false, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Multiply(a, b, result, transposeA, transposeB, accumulate, null);

    /// <summary>
    /// As <see cref="Multiply{T}(Matrix{T}, Matrix{T}, Matrix{T}, bool, bool, bool)"/>, with <paramref name="epilogue"/>
    /// applied to each finished block of the result while it is in cache.
    /// </summary>
    internal static void Multiply<T>(Matrix<T> a, Matrix<T> b, Matrix<T> result, bool transposeA, bool transposeB, bool accumulate, GemmEpilogue<T>? epilogue)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(result);
        var (m, k) = transposeA ? (a.Columns, a.Rows) : (a.Rows, a.Columns);
        var (kb, n) = transposeB ? (b.Columns, b.Rows) : (b.Rows, b.Columns);
        if (k != kb)
        {
            throw new ArgumentException(
                $"Cannot multiply {Describe("A", a, transposeA)} by {Describe("B", b, transposeB)}: the inner dimensions {k} and {kb} differ.", nameof(b));
        }

        if (result.Rows != m || result.Columns != n)
        {
            throw new ArgumentException(
                $"The product of {Describe("A", a, transposeA)} and {Describe("B", b, transposeB)} is {m}×{n}, but the result matrix is {result.Shape}.", nameof(result));
        }

        if (ReferenceEquals(result, a) || ReferenceEquals(result, b))
        {
            throw new ArgumentException("The result of a matrix product must be a different matrix from its operands.", nameof(result));
        }

        Gemm.Multiply<T>(transposeA, transposeB, m, n, k, a.Data, b.Data, result.Data, accumulate, GemmKernelKind.Auto, 0, default, epilogue);
    }

    /// <summary>Returns a new matrix op(A)·op(B); see <see cref="Multiply{T}(Matrix{T}, Matrix{T}, Matrix{T}, bool, bool, bool)"/>.</summary>
    public static Matrix<T> Multiply<T>(Matrix<T> a, Matrix<T> b, bool transposeA = false, bool transposeB = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var result = new Matrix<T>(transposeA ? a.Columns : a.Rows, transposeB ? b.Rows : b.Columns);
        Multiply(a, b, result, transposeA, transposeB);
        return result;
    }

    /// <summary>Adds the row vector <paramref name="row"/> (length <c>matrix.Columns</c>) to every row of <paramref name="matrix"/>, in place.</summary>
    public static void AddRowVector<T>(Matrix<T> matrix, ReadOnlySpan<T> row)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (row.Length != matrix.Columns)
        {
            throw new ArgumentException($"A bias row of length {row.Length} cannot be added to the rows of a {matrix.Shape} matrix: it needs length {matrix.Columns}.", nameof(row));
        }

        var data = matrix.Data.AsSpan();
        int n = matrix.Columns;
        for (int i = 0; i < matrix.Rows; i++)
        {
            var r = data.Slice(i * n, n);
            TensorPrimitives.Add(r, row, r);
        }
    }

    /// <summary>Writes the sum of each column of <paramref name="matrix"/> into <paramref name="sums"/> (length <c>matrix.Columns</c>).</summary>
    /// <param name="matrix">The matrix, n × m.</param>
    /// <param name="sums">Destination of length m.</param>
    /// <param name="accumulate">Add to <paramref name="sums"/> instead of overwriting it.</param>
    public static void SumColumns<T>(Matrix<T> matrix, Span<T> sums, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (sums.Length != matrix.Columns)
        {
            throw new ArgumentException($"Column sums of a {matrix.Shape} matrix need a destination of length {matrix.Columns}, not {sums.Length}.", nameof(sums));
        }

        if (!accumulate)
        {
            sums.Clear();
        }

        var data = matrix.Data.AsSpan();
        int n = matrix.Columns;
        for (int i = 0; i < matrix.Rows; i++)
        {
            TensorPrimitives.Add(sums, data.Slice(i * n, n), sums);
        }
    }

    /// <summary>C = A + B element-wise; all three the same shape (C may be A or B).</summary>
    public static void Add<T>(Matrix<T> a, Matrix<T> b, Matrix<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSameShape(a, b, nameof(b));
        RequireSameShape(a, result, nameof(result));
        TensorPrimitives.Add<T>(a.Data, b.Data, result.Data);
    }

    /// <summary>C = A − B element-wise; all three the same shape (C may be A or B).</summary>
    public static void Subtract<T>(Matrix<T> a, Matrix<T> b, Matrix<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSameShape(a, b, nameof(b));
        RequireSameShape(a, result, nameof(result));
        TensorPrimitives.Subtract<T>(a.Data, b.Data, result.Data);
    }

    /// <summary>C = A ⊙ B, the element-wise (Hadamard) product; all three the same shape (C may be A or B).</summary>
    public static void Hadamard<T>(Matrix<T> a, Matrix<T> b, Matrix<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSameShape(a, b, nameof(b));
        RequireSameShape(a, result, nameof(result));
        TensorPrimitives.Multiply<T>(a.Data, b.Data, result.Data);
    }

    /// <summary>Multiplies every entry of <paramref name="matrix"/> by <paramref name="factor"/>, in place.</summary>
    public static void Scale<T>(Matrix<T> matrix, T factor)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(matrix);
        TensorPrimitives.Multiply<T>(matrix.Data, factor, matrix.Data);
    }

    /// <summary>The largest absolute difference between two matrices of the same shape.</summary>
    public static T MaxAbsoluteDifference<T>(Matrix<T> a, Matrix<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSameShape(a, b, nameof(b));
        T max = T.Zero;
        for (int i = 0; i < a.Length; i++)
        {
            max = T.Max(max, T.Abs(a.Data[i] - b.Data[i]));
        }

        return max;
    }

    internal static void RequireSameShape<T>(Matrix<T> a, Matrix<T> b, string parameterName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b, parameterName);
        if (a.Rows != b.Rows || a.Columns != b.Columns)
        {
            throw new ArgumentException($"The matrices must have the same shape, but one is {a.Shape} and the other {b.Shape}.", parameterName);
        }
    }

    private static string Describe<T>(string name, Matrix<T> m, bool transposed)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        transposed ? $"{name}ᵀ ({name} is {m.Shape})" : $"{name} ({m.Shape})";
}
