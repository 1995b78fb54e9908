using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Nabla.Tensors;

/// <summary>
/// A dense, row-major matrix of <c>float</c> or <c>double</c>, the one data structure of Nabla.
/// </summary>
/// <remarks>
/// Samples are rows: a batch of n samples with d features is an n × d matrix. The lectures stack samples as
/// columns and write <c>Z = W A + b</c>; Nabla stores the transpose and computes <c>Z = A Wᵀ + b</c>
/// (the row convention of K. Nguyen's notes). Both describe the same numbers: entry (i, j) of Nabla's
/// <c>Z</c> is z_j of sample i. Weight matrices keep the lectures' orientation, W^[l] is m^[l] × m^[l−1].
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Matrix<T> : IEquatable<Matrix<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _data;

    /// <summary>Creates a rows × columns matrix of zeros.</summary>
    /// <param name="rows">Number of rows (samples), at least 0.</param>
    /// <param name="columns">Number of columns (features or units), at least 0.</param>
    public Matrix(int rows, int columns)
    {
        CheckElementType();
        CheckShape(rows, columns);
        Rows = rows;
        Columns = columns;
        long length = (long)rows * columns;
        if (length > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), $"A {rows}×{columns} matrix would hold {length} values, more than one array can ({Array.MaxLength}); split the data into smaller batches.");
        }

        _data = new T[length];
    }

    /// <summary>Wraps an existing row-major array (no copy); its length must be exactly rows × columns.</summary>
    /// <param name="rows">Number of rows.</param>
    /// <param name="columns">Number of columns.</param>
    /// <param name="data">Row-major values; entry (i, j) is <c>data[i * columns + j]</c>.</param>
    public Matrix(int rows, int columns, T[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckElementType();
        CheckShape(rows, columns);
        if (data.Length != (long)rows * columns)
        {
            throw new ArgumentException($"A {rows}×{columns} matrix needs {(long)rows * columns} values, but the array holds {data.Length}.", nameof(data));
        }

        Rows = rows;
        Columns = columns;
        _data = data;
    }

    /// <summary>Number of rows (samples).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (features or units).</summary>
    public int Columns { get; }

    /// <summary>Number of entries, rows × columns.</summary>
    public int Length => _data.Length;

    /// <summary>The shape as text, for messages: <c>"3×2"</c>.</summary>
    public string Shape => $"{Rows}×{Columns}";

    /// <summary>Entry (row, column), zero-based.</summary>
    public T this[int row, int column]
    {
        get
        {
            CheckIndex(row, column);
            return _data[row * Columns + column];
        }
        set
        {
            CheckIndex(row, column);
            _data[row * Columns + column] = value;
        }
    }

    /// <summary>All entries, row-major.</summary>
    public Span<T> AsSpan() => _data;

    /// <summary>All entries, row-major, read-only.</summary>
    public ReadOnlySpan<T> AsReadOnlySpan() => _data;

    /// <summary>Row <paramref name="row"/> as a span of length <see cref="Columns"/>.</summary>
    public Span<T> Row(int row)
    {
        if ((uint)row >= (uint)Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"Row {row} is outside a matrix of shape {Shape}.");
        }

        return _data.AsSpan(row * Columns, Columns);
    }

    /// <summary>The underlying array, row-major (no copy).</summary>
    internal T[] Data => _data;

    /// <summary>A rows × columns matrix of zeros.</summary>
    public static Matrix<T> Zeros(int rows, int columns) => new(rows, columns);

    /// <summary>A rows × columns matrix with every entry equal to <paramref name="value"/>.</summary>
    public static Matrix<T> Filled(int rows, int columns, T value)
    {
        var m = new Matrix<T>(rows, columns);
        m._data.AsSpan().Fill(value);
        return m;
    }

    /// <summary>The n × n identity matrix.</summary>
    public static Matrix<T> Identity(int n)
    {
        var m = new Matrix<T>(n, n);
        for (int i = 0; i < n; i++)
        {
            m._data[i * n + i] = T.One;
        }

        return m;
    }

    /// <summary>Copies a jagged array (one inner array per row; all rows the same length) into a new matrix.</summary>
    public static Matrix<T> FromRows(IReadOnlyList<T[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int columns = rows.Count == 0 ? 0 : (rows[0] ?? throw new ArgumentException("Row 0 is null.", nameof(rows))).Length;
        var m = new Matrix<T>(rows.Count, columns);
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i] ?? throw new ArgumentException($"Row {i} is null.", nameof(rows));
            if (row.Length != columns)
            {
                throw new ArgumentException($"Row {i} has {row.Length} values but row 0 has {columns}: every row must have the same length.", nameof(rows));
            }

            row.CopyTo(m._data, i * columns);
        }

        return m;
    }

    /// <summary>Copies a rectangular array into a new matrix.</summary>
    public static Matrix<T> FromArray(T[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var m = new Matrix<T>(values.GetLength(0), values.GetLength(1));
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(values)), values.Length).CopyTo(m._data);
        return m;
    }

    /// <summary>A 1 × n matrix holding <paramref name="values"/> (copied).</summary>
    public static Matrix<T> RowVector(ReadOnlySpan<T> values)
    {
        var m = new Matrix<T>(1, values.Length);
        values.CopyTo(m._data);
        return m;
    }

    /// <summary>An n × 1 matrix holding <paramref name="values"/> (copied).</summary>
    public static Matrix<T> ColumnVector(ReadOnlySpan<T> values)
    {
        var m = new Matrix<T>(values.Length, 1);
        values.CopyTo(m._data);
        return m;
    }

    /// <summary>A deep copy.</summary>
    public Matrix<T> Clone()
    {
        var m = new Matrix<T>(Rows, Columns);
        _data.AsSpan().CopyTo(m._data);
        return m;
    }

    /// <summary>Copies this matrix's values into <paramref name="destination"/>, which must have the same shape.</summary>
    public void CopyTo(Matrix<T> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        MatrixMath.RequireSameShape(this, destination, nameof(destination));
        _data.AsSpan().CopyTo(destination._data);
    }

    /// <summary>Sets every entry to zero.</summary>
    public void Clear() => _data.AsSpan().Clear();

    /// <summary>The transpose, as a new columns × rows matrix.</summary>
    public Matrix<T> Transpose()
    {
        var t = new Matrix<T>(Columns, Rows);
        for (int i = 0; i < Rows; i++)
        {
            for (int j = 0; j < Columns; j++)
            {
                t._data[j * Rows + i] = _data[i * Columns + j];
            }
        }

        return t;
    }

    /// <summary>A new matrix made of the given rows of this one, in that order.</summary>
    /// <param name="rowIndices">Indices of the rows to take; each in [0, <see cref="Rows"/>).</param>
    public Matrix<T> SelectRows(ReadOnlySpan<int> rowIndices)
    {
        var m = new Matrix<T>(rowIndices.Length, Columns);
        GatherRows(rowIndices, m);
        return m;
    }

    /// <summary>Copies the given rows of this matrix into <paramref name="destination"/>, which must be rowIndices.Length × <see cref="Columns"/>.</summary>
    public void GatherRows(ReadOnlySpan<int> rowIndices, Matrix<T> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Rows != rowIndices.Length || destination.Columns != Columns)
        {
            throw new ArgumentException($"Gathering {rowIndices.Length} rows of a {Shape} matrix needs a {rowIndices.Length}×{Columns} destination, not {destination.Shape}.", nameof(destination));
        }

        for (int i = 0; i < rowIndices.Length; i++)
        {
            if (i + 1 < rowIndices.Length)
            {
                Prefetch(rowIndices[i + 1]);
            }

            Row(rowIndices[i]).CopyTo(destination._data.AsSpan(i * Columns, Columns));
        }
    }

    /// <summary>
    /// Asks the processor to start loading row <paramref name="row"/> into cache: the rows of a shuffled mini-batch are
    /// scattered through memory, and fetching the next while copying this one hides most of the wait.
    /// </summary>
    private unsafe void Prefetch(int row)
    {
        // A bad index is left for Row to report.
        if (!Sse.IsSupported || Columns == 0 || (uint)row >= (uint)Rows)
        {
            return;
        }

        fixed (T* start = &_data[row * Columns])
        {
            byte* p = (byte*)start, end = (byte*)(start + Columns);
            for (; p < end; p += 64)
            {
                Sse.Prefetch0(p);
            }
        }
    }

    /// <summary>A jagged-array copy, one inner array per row.</summary>
    public T[][] ToRows()
    {
        var rows = new T[Rows][];
        for (int i = 0; i < Rows; i++)
        {
            rows[i] = Row(i).ToArray();
        }

        return rows;
    }

    /// <summary>A rectangular-array copy.</summary>
    public T[,] ToArray()
    {
        var a = new T[Rows, Columns];
        for (int i = 0; i < Rows; i++)
        {
            for (int j = 0; j < Columns; j++)
            {
                a[i, j] = _data[i * Columns + j];
            }
        }

        return a;
    }

    /// <summary>True when every entry is finite (no NaN, no infinity).</summary>
    public bool IsFinite()
    {
        foreach (var v in _data)
        {
            if (!T.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Exact equality of shape and every entry.</summary>
    public bool Equals(Matrix<T>? other) =>
        other is not null && other.Rows == Rows && other.Columns == Columns && _data.AsSpan().SequenceEqual(other._data);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Matrix<T> m && Equals(m);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Rows);
        h.Add(Columns);
        for (int i = 0; i < Math.Min(_data.Length, 16); i++)
        {
            h.Add(_data[i]);
        }

        return h.ToHashCode();
    }

    /// <summary>The matrix as text, one row a line, for debugging and small examples.</summary>
    public override string ToString()
    {
        const int maxRows = 8;
        var sb = new System.Text.StringBuilder();
        sb.Append($"Matrix<{typeof(T).Name}> {Shape}");
        for (int i = 0; i < Math.Min(Rows, maxRows); i++)
        {
            sb.AppendLine();
            sb.Append("  [");
            for (int j = 0; j < Columns; j++)
            {
                if (j > 0)
                {
                    sb.Append(", ");
                }

                sb.Append(double.CreateTruncating(_data[i * Columns + j]).ToString("G6", System.Globalization.CultureInfo.InvariantCulture));
            }

            sb.Append(']');
        }

        if (Rows > maxRows)
        {
            sb.AppendLine().Append($"  … {Rows - maxRows} more rows");
        }

        return sb.ToString();
    }

    // Checked in the constructors rather than a static constructor, whose exception would reach the caller wrapped in a
    // TypeInitializationException (and again on every later use of the type). The JIT folds the test away for float and double.
    private static void CheckElementType()
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException($"Matrix<{typeof(T).Name}> is not supported: use Matrix<float> or Matrix<double>.");
        }
    }

    private static void CheckShape(int rows, int columns)
    {
        if (rows < 0 || columns < 0)
        {
            throw new ArgumentOutOfRangeException(rows < 0 ? nameof(rows) : nameof(columns), $"A matrix cannot have shape {rows}×{columns}: rows and columns must be 0 or more.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckIndex(int row, int column)
    {
        if ((uint)row >= (uint)Rows || (uint)column >= (uint)Columns)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"Index ({row}, {column}) is outside a matrix of shape {Shape}.");
        }
    }
}
