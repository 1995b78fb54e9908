using System.Numerics;
using Nabla.Tensors;
using Nabla.Tests.TestSupport;

namespace Nabla.Tests.Tensors;

public class GemmKernelTests
{
    private static readonly GemmKernelKind[] Kinds =
        [GemmKernelKind.Direct, GemmKernelKind.Portable, GemmKernelKind.Avx2, GemmKernelKind.Avx512];

    // (m, n, k): empty, vectors, odd sizes, sizes around the register tiles (MR 4/6/12, NR 8..32) and past the
    // float and double KC (384, 192) and NC (384) blocks.
    private static readonly (int M, int N, int K)[] Shapes =
    [
        (0, 0, 0), (0, 5, 3), (4, 0, 3), (3, 4, 0), (1, 1, 1), (2, 2, 2),
        (1, 37, 19), (37, 1, 19), (13, 17, 1), (1, 300, 41), (300, 1, 41),
        (5, 7, 11), (11, 13, 3), (12, 32, 16), (13, 33, 17), (24, 64, 25), (25, 65, 9),
        (6, 16, 5), (7, 17, 200), (49, 31, 97), (100, 3, 70),
        (3, 200, 385), (37, 41, 193), (20, 390, 12), (130, 130, 130), (257, 45, 33), (45, 257, 33),
    ];

    public static TheoryData<string, bool, bool> KindsAndTransposes() => GemmCases.KindsAndTransposes(Kinds);

    [Theory]
    [MemberData(nameof(KindsAndTransposes))]
    public void Float_products_match_the_reference(string kind, bool transposeA, bool transposeB)
        => CheckShapes<float>(Enum.Parse<GemmKernelKind>(kind), transposeA, transposeB, seed: 1);

    [Theory]
    [MemberData(nameof(KindsAndTransposes))]
    public void Double_products_match_the_reference(string kind, bool transposeA, bool transposeB)
        => CheckShapes<double>(Enum.Parse<GemmKernelKind>(kind), transposeA, transposeB, seed: 2);

    [Theory]
    [MemberData(nameof(KindsAndTransposes))]
    public void Tiny_blocks_cross_every_block_edge(string kindName, bool transposeA, bool transposeB)
    {
        var kind = Enum.Parse<GemmKernelKind>(kindName);
        if (kind == GemmKernelKind.Direct || !Gemm.IsSupported(kind))
        {
            return;
        }

        var random = new Random(3);
        var blocks = new GemmBlocks(KC: 7, MC: 1, NC: 1); // one panel per block: every loop runs many times
        foreach (int threads in new[] { 1, 2, 3 })
        {
            for (int trial = 0; trial < 6; trial++)
            {
                int m = random.Next(1, 60), n = random.Next(1, 80), k = random.Next(1, 40);
                Check<float>(kind, transposeA, transposeB, m, n, k, accumulate: trial % 2 == 0, random, threads, blocks);
                Check<double>(kind, transposeA, transposeB, m, n, k, accumulate: trial % 2 == 1, random, threads, blocks);
            }
        }
    }

    [Fact]
    public void Random_shapes_up_to_300_match_the_reference_with_the_default_method()
    {
        var random = new Random(4);
        for (int trial = 0; trial < 16; trial++)
        {
            int m = random.Next(0, 301), n = random.Next(0, 301), k = random.Next(0, 301);
            bool ta = random.Next(2) == 1, tb = random.Next(2) == 1, acc = random.Next(2) == 1;
            if (trial % 2 == 0)
            {
                Check<float>(GemmKernelKind.Auto, ta, tb, m, n, k, acc, random, threads: 0, default);
            }
            else
            {
                Check<double>(GemmKernelKind.Auto, ta, tb, m, n, k, acc, random, threads: 0, default);
            }
        }
    }

    [Fact]
    public void Multithreaded_results_are_bit_identical_across_runs_and_thread_counts()
    {
        foreach (var kind in Kinds)
        {
            if (kind == GemmKernelKind.Direct || !Gemm.IsSupported(kind))
            {
                continue;
            }

            const int m = 203, n = 187, k = 401;
            var random = new Random(5);
            var a = RandomArray<float>(random, m * k);
            var b = RandomArray<float>(random, k * n);
            var first = new float[m * n];
            Gemm.Multiply<float>(false, true, m, n, k, a, b, first, false, kind, threads: 2);
            foreach (int threads in new[] { 2, 2, 2, 3, 1 })
            {
                var again = new float[m * n];
                Gemm.Multiply<float>(false, true, m, n, k, a, b, again, false, kind, threads);
                Assert.Equal(first, again);
            }
        }
    }

    [Fact]
    public void A_row_of_the_product_does_not_depend_on_the_other_rows()
    {
        // Edge panels of A run narrower kernels; they must give the same bits as the full-width one.
        const int m = 29, n = 70, k = 450;
        var random = new Random(9);
        var a = RandomArray<float>(random, m * k);
        var b = RandomArray<float>(random, k * n);
        foreach (var kind in Kinds)
        {
            if (kind == GemmKernelKind.Direct || !Gemm.IsSupported(kind))
            {
                continue;
            }

            var all = new float[m * n];
            Gemm.Multiply<float>(false, false, m, n, k, a, b, all, false, kind, threads: 1);
            foreach (int rows in new[] { 1, 3, 4, 5, 8, 13 })
            {
                var some = new float[rows * n];
                Gemm.Multiply<float>(false, false, rows, n, k, a, b, some, false, kind, threads: 1);
                Assert.Equal(all.AsSpan(0, rows * n).ToArray(), some);
            }
        }
    }

    [Fact]
    public void Products_started_on_several_threads_at_once_are_right()
    {
        const int m = 97, n = 131, k = 150;
        var random = new Random(8);
        var a = RandomArray<float>(random, m * k);
        var b = RandomArray<float>(random, k * n);
        var expected = new float[m * n];
        Gemm.Multiply<float>(false, false, m, n, k, a, b, expected, false, GemmKernelKind.Auto, threads: 1);
        var failures = 0;
        var callers = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            var c = new float[m * n];
            for (int i = 0; i < 40; i++)
            {
                Gemm.Multiply<float>(false, false, m, n, k, a, b, c, false, GemmKernelKind.Auto, threads: 2);
                if (!c.AsSpan().SequenceEqual(expected))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToList();
        callers.ForEach(t => t.Start());
        callers.ForEach(t => t.Join());
        Assert.Equal(0, failures);
    }

    [Fact]
    public void Public_product_uses_the_kernel_and_checks_the_thread_setting()
    {
        var random = new Random(7);
        var a = new Matrix<double>(70, 90, RandomArray<double>(random, 70 * 90));
        var b = new Matrix<double>(80, 90, RandomArray<double>(random, 80 * 90));
        var c = new Matrix<double>(70, 80);
        MatrixMath.Multiply(a, b, c, transposeB: true);
        var (expected, _) = Reference(false, true, 70, 80, 90, a.Data.ToArray(), b.Data.ToArray(), null);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], c.Data[i], 1e-12);
        }

        Assert.True(ComputeSettings.MaxThreads >= 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => ComputeSettings.MaxThreads = 0);
    }

    [Fact]
    public void Spans_too_short_for_the_shape_are_rejected()
    {
        var a = new float[6];
        var b = new float[6];
        var c = new float[3];
        Assert.Throws<ArgumentException>(() => Gemm.Multiply<float>(false, false, 2, 2, 3, a, b, c, false));
    }

    private static void CheckShapes<T>(GemmKernelKind kind, bool transposeA, bool transposeB, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Gemm.IsSupported(kind))
        {
            return;
        }

        var random = new Random(seed);
        foreach (var (m, n, k) in Shapes)
        {
            Check<T>(kind, transposeA, transposeB, m, n, k, accumulate: false, random, threads: 0, default);
            Check<T>(kind, transposeA, transposeB, m, n, k, accumulate: true, random, threads: 0, default);
        }
    }

    private static void Check<T>(GemmKernelKind kind, bool transposeA, bool transposeB, int m, int n, int k,
        bool accumulate, Random random, int threads, GemmBlocks blocks)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = RandomArray<T>(random, m * k);
        var b = RandomArray<T>(random, k * n);
        var c = RandomArray<T>(random, m * n);
        var initial = accumulate ? c.Select(double.CreateTruncating).ToArray() : null;
        if (!accumulate)
        {
            Array.Fill(c, T.NaN); // must be overwritten, never read
        }

        Gemm.Multiply<T>(transposeA, transposeB, m, n, k, a, b, c, accumulate, kind, threads, blocks);

        var ad = a.Select(double.CreateTruncating).ToArray();
        var bd = b.Select(double.CreateTruncating).ToArray();
        var (expected, bound) = Reference(transposeA, transposeB, m, n, k, ad, bd, initial);
        double eps = typeof(T) == typeof(float) ? 1.2e-7 : 2.3e-16;
        for (int i = 0; i < expected.Length; i++)
        {
            double actual = double.CreateTruncating(c[i]);
            double tolerance = 2 * (k + 2) * eps * bound[i] + 1e-30;
            if (!(Math.Abs(actual - expected[i]) <= tolerance))
            {
                Assert.Fail($"{kind} {typeof(T).Name} {(transposeA ? 'T' : 'N')}{(transposeB ? 'T' : 'N')} m={m} n={n} k={k} " +
                    $"accumulate={accumulate} threads={threads} blocks={blocks}: C[{i / n}, {i % n}] = {actual}, expected {expected[i]}");
            }
        }
    }

    /// <summary>The product in double, and the same sum over absolute values (the scale of its rounding error).</summary>
    private static (double[] Product, double[] Bound) Reference(bool transposeA, bool transposeB, int m, int n, int k,
        double[] a, double[] b, double[]? initial)
    {
        var c = new double[m * n];
        var bound = new double[m * n];
        if (initial is not null)
        {
            initial.CopyTo(c, 0);
            for (int i = 0; i < c.Length; i++)
            {
                bound[i] = Math.Abs(initial[i]);
            }
        }

        var bRow = new double[n];
        for (int p = 0; p < k; p++)
        {
            for (int j = 0; j < n; j++)
            {
                bRow[j] = transposeB ? b[j * k + p] : b[p * n + j];
            }

            for (int i = 0; i < m; i++)
            {
                double x = transposeA ? a[p * m + i] : a[i * k + p];
                int row = i * n;
                for (int j = 0; j < n; j++)
                {
                    c[row + j] += x * bRow[j];
                    bound[row + j] += Math.Abs(x * bRow[j]);
                }
            }
        }

        return (c, bound);
    }

    internal static T[] RandomArray<T>(Random random, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new T[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = T.CreateTruncating(random.NextDouble() * 2 - 1);
        }

        return values;
    }
}
