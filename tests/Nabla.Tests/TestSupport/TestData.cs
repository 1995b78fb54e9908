using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Tests.TestSupport;

/// <summary>Seeded random matrices and small conversions shared by the tests.</summary>
internal static class TestData
{
    /// <summary>A rows × columns matrix of independent draws from U(−scale, scale).</summary>
    public static Matrix<T> Uniform<T>(Random random, int rows, int columns, double scale = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = new Matrix<T>(rows, columns);
        var span = m.AsSpan();
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = T.CreateChecked(scale * (2 * random.NextDouble() - 1));
        }

        return m;
    }

    /// <summary>A rows × columns matrix of independent draws from U(low, high).</summary>
    public static Matrix<double> UniformBetween(Random random, int rows, int columns, double low, double high)
    {
        var m = new Matrix<double>(rows, columns);
        var span = m.AsSpan();
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = low + (high - low) * random.NextDouble();
        }

        return m;
    }

    /// <summary>A rows × classes matrix of one-hot rows with uniformly drawn classes.</summary>
    public static Matrix<double> OneHot(Random random, int rows, int classes)
    {
        var m = new Matrix<double>(rows, classes);
        for (int i = 0; i < rows; i++)
        {
            m[i, random.Next(classes)] = 1;
        }

        return m;
    }

    /// <summary>A rows × columns matrix of 0/1 labels.</summary>
    public static Matrix<double> Bernoulli(Random random, int rows, int columns)
    {
        var m = new Matrix<double>(rows, columns);
        var span = m.AsSpan();
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = random.Next(2);
        }

        return m;
    }

    /// <summary>Targets a loss accepts: one-hot rows for cross-entropy, soft labels in [0, 1] for log-loss, U(−2, 2) otherwise.</summary>
    public static Matrix<double> TargetsFor(string lossName, Random random, int rows, int columns) => lossName switch
    {
        "cross-entropy" => OneHot(random, rows, columns),
        "log-loss" => UniformBetween(random, rows, columns, 0, 1), // the formulas hold for any y ∈ [0, 1]
        _ => Uniform<double>(random, rows, columns, scale: 2),
    };

    /// <summary>A matrix built from a rectangular array of doubles, converted to <typeparamref name="T"/>.</summary>
    public static Matrix<T> From<T>(double[,] values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = new Matrix<T>(values.GetLength(0), values.GetLength(1));
        for (int i = 0; i < m.Rows; i++)
        {
            for (int j = 0; j < m.Columns; j++)
            {
                m[i, j] = T.CreateChecked(values[i, j]);
            }
        }

        return m;
    }

    /// <summary>Entry (i, j) of a matrix as a double.</summary>
    public static double At<T>(this Matrix<T> m, int i, int j)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        double.CreateChecked(m[i, j]);

    /// <summary>The machine epsilon (the gap between 1 and the next value) of <typeparamref name="T"/>.</summary>
    public static double Epsilon<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        double.CreateChecked(T.BitIncrement(T.One) - T.One);
}
