using System.Diagnostics;
using System.Globalization;
using Nabla.Tensors;

namespace Nabla.Benchmarks;

/// <summary>
/// A quick GFLOP/s measurement of the matrix product outside BenchmarkDotNet, used by <c>bench/compare.sh</c>:
/// <c>dotnet run -c Release --project bench/Nabla.Benchmarks -- --gflops [--sizes 256,512] [--type float|double]
/// [--kind auto|avx512|avx2|portable|direct] [--threads N] [--seconds S] [--ta] [--tb] [--kc K --mc M --nc N] [--peak]
/// [--mnist | --mnist-shapes] [--batch N]</c>.
/// Prints one line per size: <c>nabla float 256 NN gflops=123.4 best_ms=0.27 threads=2 kernel=Avx512</c>.
/// </summary>
public static class GflopsRunner
{
    /// <summary>Runs the measurement described by <paramref name="args"/>; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        int[] sizes = [256, 512, 1024, 2048];
        string type = "float";
        var kind = GemmKernelKind.Auto;
        int threads = 0;
        double seconds = 1.0;
        bool ta = false, tb = false, peak = false, mnist = false, shapesOnly = false;
        int batch = 128;
        int kc = 0, mc = 0, nc = 0;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--sizes":
                    sizes = args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
                    break;
                case "--type":
                    type = args[++i];
                    break;
                case "--kind":
                    kind = Enum.Parse<GemmKernelKind>(args[++i], ignoreCase: true);
                    break;
                case "--threads":
                    threads = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--seconds":
                    seconds = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--ta":
                    ta = true;
                    break;
                case "--tb":
                    tb = true;
                    break;
                case "--kc":
                    kc = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--mc":
                    mc = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--nc":
                    nc = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--peak":
                    peak = true;
                    break;
                case "--mnist":
                    mnist = true;
                    break;
                case "--mnist-shapes":
                    shapesOnly = true;
                    break;
                case "--batch":
                    batch = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}");
                    return 2;
            }
        }

        if (peak)
        {
            MeasurePeak();
            return 0;
        }

        if (shapesOnly)
        {
            foreach (var (name, ta2, tb2, m, n, k) in MnistShapes(batch))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}|{(ta2 ? 'T' : 'N')}{(tb2 ? 'T' : 'N')}|{m}|{n}|{k}"));
            }

            return 0;
        }

        if (mnist)
        {
            MeasureMnistShapes(batch, threads, seconds);
            return 0;
        }

        foreach (int size in sizes)
        {
            var blocks = new GemmBlocks(kc, mc, nc);
            double best = type == "double"
                ? Measure<double>(size, kind, threads, seconds, ta, tb, blocks)
                : Measure<float>(size, kind, threads, seconds, ta, tb, blocks);
            double gflops = 2.0 * size * size * size / best / 1e9;
            int used = threads > 0 ? threads : Math.Min(ComputeSettings.MaxThreads, Environment.ProcessorCount);
            var kernel = kind == GemmKernelKind.Auto ? Gemm.BestKernel() : kind;
            var b = type == "double" ? Gemm.Blocking<double>(kernel) : Gemm.Blocking<float>(kernel);
            string cut = blocks.KC > 0 ? $"{blocks.KC}x{blocks.MC}x{blocks.NC}" : $"{b.KC}x{b.MC}x{b.NC}";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"nabla {type} {size} {(ta ? 'T' : 'N')}{(tb ? 'T' : 'N')} gflops={gflops:F1} best_ms={best * 1e3:F3} threads={used} kernel={kernel} blocks={cut}"));
        }

        return 0;
    }

    /// <summary>The AVX-512 float micro-kernel alone on panels that stay in L1: the ceiling of one core.</summary>
    private static unsafe void MeasurePeak()
    {
        if (!Gemm.IsSupported(GemmKernelKind.Avx512))
        {
            Console.WriteLine("peak: no AVX-512");
            return;
        }

        const int kc = 256;
        var a = new float[12 * kc];
        var b = new float[32 * kc];
        var c = new float[12 * 32];
        Array.Fill(a, 1e-3f);
        Array.Fill(b, 1e-3f);
        fixed (float* pa = a, pb = b, pc = c)
        {
            double best = double.MaxValue;
            for (int round = 0; round < 20; round++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < 10000; i++)
                {
                    GemmKernels.Kernel512x12(kc, pa, pb, pc, 32, true);
                }

                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
            }

            double flops = 2.0 * 12 * 32 * kc * 10000;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak: AVX-512 float micro-kernel 12x32, L1-resident: {flops / best / 1e9:F1} GFLOP/s on one core"));
        }
    }

    /// <summary>
    /// The eight products of one 784-256-128-10 training step on <paramref name="rows"/> rows: C (M × N) = op(A) op(B),
    /// A stored M × K (K × M when transposed). The one list of them: <c>--mnist-shapes</c> prints it for the numpy peer.
    /// </summary>
    private static (string Name, bool TA, bool TB, int M, int N, int K)[] MnistShapes(int rows) =>
    [
        ("Z1 = X W1ᵀ", false, true, rows, 256, 784),
        ("Z2 = A1 W2ᵀ", false, true, rows, 128, 256),
        ("Z3 = A2 W3ᵀ", false, true, rows, 10, 128),
        ("dW3 = δ3ᵀ A2", true, false, 10, 128, rows),
        ("dA2 = δ3 W3", false, false, rows, 128, 10),
        ("dW2 = δ2ᵀ A1", true, false, 128, 256, rows),
        ("dA1 = δ2 W2", false, false, rows, 256, 128),
        ("dW1 = δ1ᵀ X", true, false, 256, 784, rows),
    ];

    /// <summary>The eight products of one training step on <paramref name="rows"/> rows, each timed alone.</summary>
    private static void MeasureMnistShapes(int rows, int threads, double seconds)
    {
        double total = 0;
        foreach (var (name, ta, tb, m, n, k) in MnistShapes(rows))
        {
            double best = Measure<float>(m, n, k, GemmKernelKind.Auto, threads, seconds, ta, tb, default);
            total += best;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-14} {m}x{n}x{k} {(ta ? 'T' : 'N')}{(tb ? 'T' : 'N')} {best * 1e6,8:F1} us  {2.0 * m * n * k / best / 1e9,6:F1} GFLOP/s"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sum {total * 1e6:F1} us per step of {rows} rows, {total * Math.Ceiling(60000.0 / rows):F3} s per epoch of products"));
    }

    private static double Measure<T>(int size, GemmKernelKind kind, int threads, double seconds, bool ta, bool tb, GemmBlocks blocks)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        => Measure<T>(size, size, size, kind, threads, seconds, ta, tb, blocks);

    private static double Measure<T>(int m, int n, int k, GemmKernelKind kind, int threads, double seconds, bool ta, bool tb, GemmBlocks blocks)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new Random(1);
        var a = new T[m * k];
        var b = new T[k * n];
        var c = new T[m * n];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = T.CreateTruncating(random.NextDouble() - 0.5);
        }

        for (int i = 0; i < b.Length; i++)
        {
            b[i] = T.CreateTruncating(random.NextDouble() - 0.5);
        }

        void Once() => Gemm.Multiply<T>(ta, tb, m, n, k, a, b, c, false, kind, threads, blocks);

        // Warm up (tiered JIT, page faults, worker threads), then time batches and keep the best per-call time.
        var warm = Stopwatch.StartNew();
        int reps = 0;
        while (warm.Elapsed.TotalSeconds < Math.Min(0.3, seconds / 2) || reps < 3)
        {
            Once();
            reps++;
        }

        double perCall = warm.Elapsed.TotalSeconds / reps;
        int batch = Math.Max(1, (int)(0.02 / perCall));
        double best = double.MaxValue;
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds)
        {
            long start = Stopwatch.GetTimestamp();
            for (int r = 0; r < batch; r++)
            {
                Once();
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds / batch);
        }

        return best;
    }
}
