using System.Numerics;
using Nabla.Tensors;
using Nabla.Tests.TestSupport;

namespace Nabla.Tests.Tensors;

/// <summary>
/// The product's epilogue contract: <see cref="GemmEpilogue{T}.Apply"/> is called once per block of C, after that
/// block's last sum; the blocks do not overlap and cover C exactly; the product itself is unchanged by having one.
/// Checked with an epilogue that records, under a lock, which entries each call covered and what they held then.
/// </summary>
public class GemmEpilogueTests
{
    private static readonly GemmKernelKind[] Kinds =
        [GemmKernelKind.Auto, GemmKernelKind.Direct, GemmKernelKind.Portable, GemmKernelKind.Avx2, GemmKernelKind.Avx512];

    // (m, n, k): empty C, empty shared dimension, vectors (1×N, N×1), odd sizes around the register tiles, and two
    // products large enough (m·n·k ≥ 2·48³) that two threads really share them.
    private static readonly (int M, int N, int K)[] Shapes =
    [
        (0, 5, 3), (4, 0, 3), (3, 4, 0), (1, 1, 1), (1, 37, 19), (41, 1, 23), (1, 61, 0),
        (5, 7, 11), (13, 33, 17), (25, 65, 9), (29, 31, 37), (37, 53, 43), (70, 90, 50), (97, 61, 47),
    ];

    // Default (tuned) blocks; tiny ones (every block one panel, a few steps deep) that cut k, m and n into many
    // blocks; middling ones that cut k and n but leave several panels per block.
    private static readonly GemmBlocks[] Blocks = [default, new(KC: 5, MC: 1, NC: 1), new(KC: 16, MC: 8, NC: 24)];

    public static TheoryData<string, bool, bool> KindsAndTransposes() => GemmCases.KindsAndTransposes(Kinds);

    [Theory]
    [MemberData(nameof(KindsAndTransposes))]
    public void Epilogue_sees_each_final_block_exactly_once_in_float(string kind, bool transposeA, bool transposeB) =>
        CheckAll<float>(Enum.Parse<GemmKernelKind>(kind), transposeA, transposeB, seed: 21);

    [Theory]
    [MemberData(nameof(KindsAndTransposes))]
    public void Epilogue_sees_each_final_block_exactly_once_in_double(string kind, bool transposeA, bool transposeB) =>
        CheckAll<double>(Enum.Parse<GemmKernelKind>(kind), transposeA, transposeB, seed: 22);

    [Fact]
    public void Random_shapes_with_every_supported_kind_keep_the_contract()
    {
        var random = new Random(23);
        var kinds = Kinds.Where(Gemm.IsSupported).ToArray();
        for (int trial = 0; trial < 40; trial++)
        {
            int m = random.Next(1, 80), n = random.Next(1, 80), k = random.Next(0, 60);
            if (trial % 5 == 0)
            {
                m = 1;
            }
            else if (trial % 5 == 1)
            {
                n = 1;
            }

            var kind = kinds[random.Next(kinds.Length)];
            bool ta = random.Next(2) == 1, tb = random.Next(2) == 1, acc = random.Next(2) == 1;
            int threads = 1 + random.Next(2);
            var blocks = Blocks[random.Next(Blocks.Length)];
            if (trial % 2 == 0)
            {
                Check<float>(kind, ta, tb, m, n, k, acc, threads, blocks, random);
            }
            else
            {
                Check<double>(kind, ta, tb, m, n, k, acc, threads, blocks, random);
            }
        }
    }

    [Fact]
    public void Direct_kind_and_empty_shared_dimension_hand_over_the_whole_result_as_one_block()
    {
        var random = new Random(24);
        foreach (var (kind, k) in new[] { (GemmKernelKind.Direct, 7), (GemmKernelKind.Portable, 0), (GemmKernelKind.Direct, 0) })
        {
            foreach (bool accumulate in new[] { false, true })
            {
                const int m = 9, n = 11;
                var a = RandomArray<double>(random, m * k);
                var b = RandomArray<double>(random, k * n);
                var c = RandomArray<double>(random, m * n);
                var initial = c.ToArray();
                var recorder = new RecordingEpilogue<double>(c, m, n);
                Gemm.Multiply<double>(false, false, m, n, k, a, b, c, accumulate, kind, threads: 1, default, recorder);

                Assert.Equal((0, m, 0, n), Assert.Single(recorder.Calls));
                if (k == 0)
                {
                    Assert.Equal(accumulate ? initial : new double[m * n], c);
                }
            }
        }
    }

    [Fact]
    public void An_empty_result_calls_no_epilogue()
    {
        var recorder = new RecordingEpilogue<float>(new float[0], 0, 5);
        Gemm.Multiply<float>(false, false, 0, 5, 3, new float[0], new float[15], new float[0], false, GemmKernelKind.Portable, 1, default, recorder);
        recorder = new RecordingEpilogue<float>(new float[0], 4, 0);
        Gemm.Multiply<float>(false, false, 4, 0, 3, new float[12], new float[0], new float[0], true, GemmKernelKind.Direct, 1, default, recorder);
        Assert.Empty(recorder.Calls);
    }

    [Fact]
    public void Packed_product_with_tiny_blocks_hands_over_many_blocks_that_tile_the_result()
    {
        // With one panel per block, C is cut into (m / MR) × (n / NR) blocks at least: the epilogue runs per block,
        // not once for all of C, and still covers it exactly (Check asserts that).
        var kind = GemmKernelKind.Portable;
        var (mr, nr, _, _, _) = Gemm.Blocking<double>(kind);
        const int m = 50, n = 70, k = 31;
        var random = new Random(25);
        var recorder = Check<double>(kind, false, true, m, n, k, accumulate: false, threads: 2, new GemmBlocks(KC: 4, MC: 1, NC: 1), random);
        int expectedBlocks = ((m + mr - 1) / mr) * ((n + nr - 1) / nr);
        Assert.Equal(expectedBlocks, recorder.Calls.Count);
        Assert.All(recorder.Calls, call => Assert.True(call.Rows <= mr && call.Columns <= nr, $"block {call} is larger than one {mr}×{nr} tile"));
    }

    private static void CheckAll<T>(GemmKernelKind kind, bool transposeA, bool transposeB, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Gemm.IsSupported(kind))
        {
            return;
        }

        var random = new Random(seed);
        foreach (var (m, n, k) in Shapes)
        {
            foreach (bool accumulate in new[] { false, true })
            {
                var operands = Operands<T>(transposeA, transposeB, m, n, k, accumulate, random);
                foreach (int threads in new[] { 1, 2 })
                {
                    foreach (var blocks in Blocks)
                    {
                        if (kind is GemmKernelKind.Direct or GemmKernelKind.Auto && blocks != default)
                        {
                            continue; // blocks only matter to the packed kinds
                        }

                        Check(kind, operands, threads, blocks);
                    }
                }
            }
        }
    }

    private static RecordingEpilogue<T> Check<T>(GemmKernelKind kind, bool transposeA, bool transposeB, int m, int n, int k,
        bool accumulate, int threads, GemmBlocks blocks, Random random)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Check(kind, Operands<T>(transposeA, transposeB, m, n, k, accumulate, random), threads, blocks);

    private static Product<T> Operands<T>(bool transposeA, bool transposeB, int m, int n, int k, bool accumulate, Random random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = RandomArray<T>(random, m * k);
        var b = RandomArray<T>(random, k * n);
        var c = RandomArray<T>(random, m * n);
        var (expected, magnitude) = Reference(transposeA, transposeB, m, n, k, a, b, accumulate ? c : null);
        return new Product<T>(transposeA, transposeB, m, n, k, a, b, c, accumulate, expected, magnitude);
    }

    private static RecordingEpilogue<T> Check<T>(GemmKernelKind kind, Product<T> p, int threads, GemmBlocks blocks)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (m, n, k) = (p.M, p.N, p.K);
        var c = p.InitialC.ToArray();
        var recorder = new RecordingEpilogue<T>(c, m, n);
        string what = $"{typeof(T).Name} {kind} m={m} n={n} k={k} tA={p.TransposeA} tB={p.TransposeB} acc={p.Accumulate} threads={threads} blocks={blocks}";

        Gemm.Multiply<T>(p.TransposeA, p.TransposeB, m, n, k, p.A, p.B, c, p.Accumulate, kind, threads, blocks, recorder);

        Assert.True(recorder.Errors.Count == 0, $"{what}: {string.Join("; ", recorder.Errors)}");
        double eps = TestData.Epsilon<T>();
        for (int i = 0; i < m * n; i++)
        {
            // (a) Covered exactly once.
            if (recorder.Coverage[i] != 1)
            {
                Assert.Fail($"{what}: C[{i / n},{i % n}] was handed to the epilogue {recorder.Coverage[i]} times.");
            }

            // (b) The block was final when handed over: nothing changed it afterwards.
            if (!recorder.Seen[i].Equals(c[i]))
            {
                Assert.Fail($"{what}: C[{i / n},{i % n}] was {recorder.Seen[i]} when handed to the epilogue but ended as {c[i]}.");
            }

            // (c) The product is right: any summation order is within (k + 1)·u·Σ|a||b| (+ u|c0|); allow twice that.
            double tolerance = 2 * (k + 2) * eps * p.Magnitude[i];
            double actual = double.CreateChecked(c[i]);
            if (Math.Abs(actual - p.Expected[i]) > tolerance)
            {
                Assertions.Close(p.Expected[i], actual, tolerance, $"{what}: C[{i / n},{i % n}]");
            }
        }

        return recorder;
    }

    private sealed record Product<T>(bool TransposeA, bool TransposeB, int M, int N, int K, T[] A, T[] B, T[] InitialC, bool Accumulate,
        double[] Expected, double[] Magnitude);

    /// <summary>The textbook triple loop in double, with Σ|a||b| (+|c0|) per entry for the error bound.</summary>
    private static (double[] C, double[] Magnitude) Reference<T>(bool transposeA, bool transposeB, int m, int n, int k, T[] a, T[] b, T[]? initial)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = new double[m * n];
        var magnitude = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = initial is null ? 0 : double.CreateChecked(initial[i * n + j]);
                double abs = Math.Abs(sum);
                for (int p = 0; p < k; p++)
                {
                    double aip = double.CreateChecked(transposeA ? a[p * m + i] : a[i * k + p]);
                    double bpj = double.CreateChecked(transposeB ? b[j * k + p] : b[p * n + j]);
                    sum += aip * bpj;
                    abs += Math.Abs(aip * bpj);
                }

                c[i * n + j] = sum;
                magnitude[i * n + j] = abs;
            }
        }

        return (c, magnitude);
    }

    private static T[] RandomArray<T>(Random random, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new T[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = T.CreateChecked(2 * random.NextDouble() - 1);
        }

        return values;
    }

    /// <summary>Records each call: the block, how often each entry was covered, and the entry's value at the call.</summary>
    private sealed class RecordingEpilogue<T>(T[] c, int m, int n) : GemmEpilogue<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly object _gate = new();

        public int[] Coverage { get; } = new int[m * n];

        public T[] Seen { get; } = new T[m * n];

        public List<(int Row, int Rows, int Column, int Columns)> Calls { get; } = [];

        public List<string> Errors { get; } = [];

        public override void Apply(int row, int rows, int column, int columns)
        {
            lock (_gate)
            {
                Calls.Add((row, rows, column, columns));
                if (row < 0 || rows < 1 || row + rows > m || column < 0 || columns < 1 || column + columns > n)
                {
                    Errors.Add($"block ({row}, {rows}, {column}, {columns}) is empty or outside the {m}×{n} result");
                    return;
                }

                for (int i = row; i < row + rows; i++)
                {
                    for (int j = column; j < column + columns; j++)
                    {
                        Coverage[i * n + j]++;
                        Seen[i * n + j] = c[i * n + j];
                    }
                }
            }
        }
    }
}
