using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Tests.TestSupport;

/// <summary>Tolerance assertions that name the offending entry.</summary>
internal static class Assertions
{
    /// <summary>Asserts |actual − expected| ≤ tolerance with a message saying by how much it missed.</summary>
    public static void Close(double expected, double actual, double tolerance, string? what = null)
    {
        double error = Math.Abs(actual - expected);
        Assert.True(
            error <= tolerance,
            $"{what ?? "value"}: expected {expected:R}, got {actual:R} (error {error:E3} > tolerance {tolerance:E3}).");
    }

    /// <summary>Asserts every entry of <paramref name="actual"/> is within <paramref name="tolerance"/> of <paramref name="expected"/>.</summary>
    public static void Close<T>(Matrix<double> expected, Matrix<T> actual, double tolerance, string? what = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Shape, actual.Shape);
        for (int i = 0; i < expected.Rows; i++)
        {
            for (int j = 0; j < expected.Columns; j++)
            {
                Close(expected[i, j], actual.At(i, j), tolerance, $"{what ?? "matrix"}[{i},{j}]");
            }
        }
    }

    /// <summary>Asserts |actual − expected| ≤ relative · max(|expected|, 1) entry by entry.</summary>
    public static void RelativelyClose(Matrix<double> expected, Matrix<double> actual, double relative, string? what = null)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        for (int i = 0; i < expected.Rows; i++)
        {
            for (int j = 0; j < expected.Columns; j++)
            {
                Close(expected[i, j], actual[i, j], relative * Math.Max(Math.Abs(expected[i, j]), 1), $"{what ?? "matrix"}[{i},{j}]");
            }
        }
    }
}
