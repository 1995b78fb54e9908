using System.Numerics;
using Nabla.Tensors;
using Nabla.Tests.TestSupport;

namespace Nabla.Tests.Tensors;

/// <summary>
/// The matrix product (MatrixMath.Multiply and the Gemm kernel behind it) against a naive triple loop written here,
/// over many seeded random shapes, every transpose combination, with and without accumulation.
/// </summary>
public class MatrixProductTests
{
    public static TheoryData<bool, bool, bool> Modes()
    {
        var data = new TheoryData<bool, bool, bool>();
        foreach (bool ta in new[] { false, true })
        {
            foreach (bool tb in new[] { false, true })
            {
                foreach (bool acc in new[] { false, true })
                {
                    data.Add(ta, tb, acc);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Double_products_match_the_triple_loop(bool transposeA, bool transposeB, bool accumulate) =>
        CheckRandomProducts<double>(seed: 11, transposeA, transposeB, accumulate);

    [Theory]
    [MemberData(nameof(Modes))]
    public void Float_products_match_the_triple_loop(bool transposeA, bool transposeB, bool accumulate) =>
        CheckRandomProducts<float>(seed: 12, transposeA, transposeB, accumulate);

    [Theory]
    [MemberData(nameof(Modes))]
    public void Gemm_kernel_leaves_entries_past_m_times_n_alone(bool transposeA, bool transposeB, bool accumulate)
    {
        var random = new Random(5);
        for (int trial = 0; trial < 40; trial++)
        {
            int m = random.Next(0, 9), n = random.Next(0, 9), k = random.Next(0, 9);
            var a = TestData.Uniform<double>(random, transposeA ? k : m, transposeA ? m : k);
            var b = TestData.Uniform<double>(random, transposeB ? n : k, transposeB ? k : n);
            var c = new double[m * n + 5];
            for (int i = 0; i < c.Length; i++)
            {
                c[i] = 100 + i;
            }

            var initial = new Matrix<double>(m, n, c[..(m * n)]);
            var expected = Reference(a, b, transposeA, transposeB, accumulate ? initial : null, out _);

            Gemm.Multiply<double>(transposeA, transposeB, m, n, k, a.AsReadOnlySpan(), b.AsReadOnlySpan(), c, accumulate);

            for (int i = 0; i < m * n; i++)
            {
                Assertions.Close(expected.AsReadOnlySpan()[i], c[i], 1e-12, $"c[{i}] of {m}×{k}·{k}×{n}");
            }

            for (int i = m * n; i < c.Length; i++)
            {
                Assert.Equal(100 + i, c[i]);
            }
        }
    }

    [Fact]
    public void Small_product_is_exact()
    {
        var a = Matrix<double>.FromArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var b = Matrix<double>.FromArray(new double[,] { { 7, 8 }, { 9, 10 }, { 11, 12 } });

        Assert.Equal(new double[,] { { 58, 64 }, { 139, 154 } }, MatrixMath.Multiply(a, b).ToArray());
        Assert.Equal(new double[,] { { 58, 139 }, { 64, 154 } }, MatrixMath.Multiply(b, a, transposeA: true, transposeB: true).ToArray());
        Assert.Equal(new double[,] { { 14, 32 }, { 32, 77 } }, MatrixMath.Multiply(a, a, transposeB: true).ToArray());
        Assert.Equal(new double[,] { { 17, 22, 27 }, { 22, 29, 36 }, { 27, 36, 45 } }, MatrixMath.Multiply(a, a, transposeA: true).ToArray());
    }

    [Fact]
    public void Accumulate_adds_to_the_result_and_overwrite_replaces_it()
    {
        var a = Matrix<double>.FromArray(new double[,] { { 1, 2 }, { 3, 4 } });
        var b = Matrix<double>.Identity(2);
        var c = Matrix<double>.Filled(2, 2, 10);

        MatrixMath.Multiply(a, b, c, accumulate: true);
        Assert.Equal(new double[,] { { 11, 12 }, { 13, 14 } }, c.ToArray());

        MatrixMath.Multiply(a, b, c);
        Assert.Equal(new double[,] { { 1, 2 }, { 3, 4 } }, c.ToArray());
    }

    [Fact]
    public void Empty_inner_dimension_gives_zeros_or_keeps_the_accumulator()
    {
        var a = new Matrix<double>(3, 0);
        var b = new Matrix<double>(0, 2);
        var c = Matrix<double>.Filled(3, 2, 7);

        MatrixMath.Multiply(a, b, c, accumulate: true);
        Assert.True(c.Equals(Matrix<double>.Filled(3, 2, 7)));

        MatrixMath.Multiply(a, b, c);
        Assert.True(c.Equals(Matrix<double>.Zeros(3, 2)));
    }

    [Fact]
    public void Inner_dimension_mismatch_names_both_shapes()
    {
        var a = new Matrix<double>(2, 3);
        var b = new Matrix<double>(4, 5);

        var e = Assert.Throws<ArgumentException>(() => MatrixMath.Multiply(a, b));
        Assert.Contains("2×3", e.Message);
        Assert.Contains("4×5", e.Message);

        e = Assert.Throws<ArgumentException>(() => MatrixMath.Multiply(a, b, transposeA: true, transposeB: true));
        Assert.Contains("2×3", e.Message);
        Assert.Contains("4×5", e.Message);
    }

    [Fact]
    public void Wrong_result_shape_names_the_operands_and_the_result()
    {
        var a = new Matrix<float>(2, 3);
        var b = new Matrix<float>(3, 4);
        var c = new Matrix<float>(4, 2);

        var e = Assert.Throws<ArgumentException>(() => MatrixMath.Multiply(a, b, c));
        Assert.Equal("result", e.ParamName);
        Assert.Contains("2×3", e.Message);
        Assert.Contains("3×4", e.Message);
        Assert.Contains("2×4", e.Message);
        Assert.Contains("4×2", e.Message);
    }

    [Fact]
    public void Result_may_not_alias_an_operand()
    {
        var a = Matrix<double>.Identity(3);
        var b = Matrix<double>.Identity(3);

        Assert.Throws<ArgumentException>(() => MatrixMath.Multiply(a, b, a));
        Assert.Throws<ArgumentException>(() => MatrixMath.Multiply(a, b, b));
    }

    private static void CheckRandomProducts<T>(int seed, bool transposeA, bool transposeB, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        double eps = TestData.Epsilon<T>();
        int[] edgeSizes = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 63, 64, 65];
        const int trials = 60;
        for (int trial = 0; trial < trials; trial++)
        {
            int m, n, k;
            if (trial < 4)
            {
                // Degenerate shapes first: row vector · matrix, matrix · column vector, outer product, empty.
                (m, n, k) = trial switch
                {
                    0 => (1, 37, 23),
                    1 => (29, 1, 41),
                    2 => (19, 21, 1),
                    _ => (0, 5, 6),
                };
            }
            else if (trial < 6)
            {
                m = 125 + random.Next(10);
                n = 125 + random.Next(10);
                k = 125 + random.Next(10);
            }
            else if (trial % 3 == 0)
            {
                m = edgeSizes[random.Next(edgeSizes.Length)];
                n = edgeSizes[random.Next(edgeSizes.Length)];
                k = edgeSizes[random.Next(edgeSizes.Length)];
            }
            else
            {
                m = random.Next(1, 71);
                n = random.Next(1, 71);
                k = random.Next(1, 71);
            }

            var a = TestData.Uniform<T>(random, transposeA ? k : m, transposeA ? m : k);
            var b = TestData.Uniform<T>(random, transposeB ? n : k, transposeB ? k : n);
            var c = TestData.Uniform<T>(random, m, n);
            var initial = c.Clone();

            var expected = Reference(a, b, transposeA, transposeB, accumulate ? initial : null, out var magnitude);
            MatrixMath.Multiply(a, b, c, transposeA, transposeB, accumulate);

            // Any summation order satisfies |ĉ − c| ≤ (k + 1)·u·Σ_p |a_ip b_pj| (+ u·|c0| when accumulating); allow twice that.
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double tolerance = 2 * (k + 2) * eps * magnitude[i, j];
                    if (Math.Abs(c.At(i, j) - expected[i, j]) > tolerance)
                    {
                        Assertions.Close(expected[i, j], c.At(i, j), tolerance, $"{typeof(T).Name} C[{i},{j}] of op(A)·op(B) with m={m} n={n} k={k} tA={transposeA} tB={transposeB} acc={accumulate}");
                    }
                }
            }

            // The allocating overload agrees with the in-place one.
            if (!accumulate)
            {
                Assert.True(MatrixMath.Multiply(a, b, transposeA, transposeB).Equals(c));
            }
        }
    }

    /// <summary>The textbook triple loop in double, with Σ|a||b| (+|c0|) per entry for the error bound.</summary>
    private static Matrix<double> Reference<T>(Matrix<T> a, Matrix<T> b, bool transposeA, bool transposeB, Matrix<T>? initial, out double[,] magnitude)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = transposeA ? a.Columns : a.Rows;
        int k = transposeA ? a.Rows : a.Columns;
        int n = transposeB ? b.Rows : b.Columns;
        double[] ad = ToDoubles(a), bd = ToDoubles(b);
        double[]? c0 = initial is null ? null : ToDoubles(initial);
        var c = new Matrix<double>(m, n);
        magnitude = new double[m, n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = c0 is null ? 0 : c0[i * n + j];
                double abs = Math.Abs(sum);
                for (int p = 0; p < k; p++)
                {
                    double aip = transposeA ? ad[p * m + i] : ad[i * k + p];
                    double bpj = transposeB ? bd[j * k + p] : bd[p * n + j];
                    sum += aip * bpj;
                    abs += Math.Abs(aip * bpj);
                }

                c[i, j] = sum;
                magnitude[i, j] = abs;
            }
        }

        return c;
    }

    private static double[] ToDoubles<T>(Matrix<T> m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var source = m.AsReadOnlySpan();
        var result = new double[source.Length];
        for (int i = 0; i < source.Length; i++)
        {
            result[i] = double.CreateChecked(source[i]);
        }

        return result;
    }
}
