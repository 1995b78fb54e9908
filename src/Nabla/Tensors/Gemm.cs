using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Nabla.Tensors;

/// <summary>How <see cref="Gemm"/> computes a product; <see cref="Auto"/> picks the fastest the machine has.</summary>
internal enum GemmKernelKind
{
    /// <summary>The direct loops for small products, else the widest packed kernel the hardware runs.</summary>
    Auto,

    /// <summary>Unpacked loops over the operands (<see cref="GemmDirect"/>); best for tiny products and vector operands.</summary>
    Direct,

    /// <summary>Packed, cache-blocked product with <see cref="Vector{T}"/> micro-kernels (any hardware).</summary>
    Portable,

    /// <summary>Packed, cache-blocked product with AVX2 + FMA micro-kernels (Vector256).</summary>
    Avx2,

    /// <summary>Packed, cache-blocked product with AVX-512 micro-kernels (Vector512).</summary>
    Avx512,
}

/// <summary>
/// The general matrix product C = op(A)·op(B) (+ C) on row-major spans; the single kernel behind
/// <see cref="MatrixMath.Multiply{T}(Matrix{T}, Matrix{T}, Matrix{T}, bool, bool, bool)"/>.
/// </summary>
/// <remarks>
/// Large products follow the GotoBLAS/BLIS scheme: the shared dimension is cut into blocks of KC steps; for each,
/// a block of A is packed into MR-row panels and a block of B into NR-column panels (contiguous, zero-padded), and a
/// register-tiled micro-kernel computes each MR × NR tile of C with fused multiply-adds, reading its A panel from L1
/// and its B panel from L2. Threads take rows of tiles as they free up, but each tile is computed by one thread
/// with the same arithmetic and sums over the shared dimension in the same order, so the result does not depend on
/// the number of threads or on which thread did what. Small products take direct loops, which have no packing
/// overhead.
/// </remarks>
internal static unsafe class Gemm
{
    /// <summary>Products with m·n·k up to this take the direct loops.</summary>
    internal const long DirectWorkLimit = 24 * 24 * 24;

    /// <summary>Work (m·n·k) each extra thread must get before a product is split.</summary>
    internal const long WorkPerThread = 48 * 48 * 48;

    /// <summary>
    /// C (m × n) = op(A) (m × k) · op(B) (k × n), added to C when <paramref name="accumulate"/> is set.
    /// A is stored m × k, or k × m when <paramref name="transposeA"/>; B is stored k × n, or n × k when <paramref name="transposeB"/>.
    /// </summary>
    public static void Multiply<T>(bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Multiply(transposeA, transposeB, m, n, k, a, b, c, accumulate, GemmKernelKind.Auto, 0);

    /// <summary>
    /// As <see cref="Multiply{T}(bool, bool, int, int, int, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, bool)"/>, with
    /// the method and the thread count chosen by the caller (tests and benchmarks).
    /// </summary>
    /// <param name="transposeA">Use Aᵀ.</param>
    /// <param name="transposeB">Use Bᵀ.</param>
    /// <param name="m">Rows of C.</param>
    /// <param name="n">Columns of C.</param>
    /// <param name="k">The shared dimension.</param>
    /// <param name="a">A, row-major.</param>
    /// <param name="b">B, row-major.</param>
    /// <param name="c">C, row-major, m × n.</param>
    /// <param name="accumulate">Add to C instead of overwriting it.</param>
    /// <param name="kind">The method; a packed kind must be supported by the hardware (<see cref="IsSupported"/>).</param>
    /// <param name="threads">Threads to use at most; 0 takes <see cref="ComputeSettings.MaxThreads"/> (capped at the processor count).</param>
    /// <param name="blocks">Cache blocks to use instead of the tuned ones (tests use tiny ones to cross every block edge).</param>
    /// <param name="epilogue">Work on each finished block of C (bias, activation), or null.</param>
    internal static void Multiply<T>(bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, bool accumulate, GemmKernelKind kind, int threads, GemmBlocks blocks = default,
        GemmEpilogue<T>? epilogue = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        long sizeA = (long)m * k, sizeB = (long)k * n, sizeC = (long)m * n;
        if (a.Length < sizeA || b.Length < sizeB || c.Length < sizeC)
        {
            ThrowTooShort(m, n, k, a.Length, b.Length, c.Length);
        }

        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            if (!accumulate)
            {
                c[..(int)sizeC].Clear();
            }

            epilogue?.Apply(0, m, 0, n);
            return;
        }

        long work = sizeC * k;
        if (kind == GemmKernelKind.Auto)
        {
            kind = work <= DirectWorkLimit || m == 1 || n == 1 ? GemmKernelKind.Direct : BestKernel();
        }

        if (kind == GemmKernelKind.Direct)
        {
            fixed (T* pa = a, pb = b, pc = c)
            {
                GemmDirect.Multiply(transposeA, transposeB, m, n, k, pa, pb, pc, accumulate);
            }

            epilogue?.Apply(0, m, 0, n);
            return;
        }

        if (!IsSupported(kind))
        {
            throw new PlatformNotSupportedException($"The {kind} matrix-product kernel needs instructions this processor lacks.");
        }

        if (threads <= 0)
        {
            threads = Math.Min(ComputeSettings.MaxThreads, Environment.ProcessorCount);
        }

        threads = (int)Math.Clamp(work / WorkPerThread, 1, threads);
        MultiplyPacked(transposeA, transposeB, m, n, k, a, b, c, accumulate, kind, threads, blocks, epilogue);
    }

    [DoesNotReturn]
    private static void ThrowTooShort(int m, int n, int k, int lengthA, int lengthB, int lengthC) =>
        throw new ArgumentException(
            $"A {m}×{k} by {k}×{n} product needs {(long)m * k}, {(long)k * n} and {(long)m * n} values, but the spans hold {lengthA}, {lengthB} and {lengthC}.");

    /// <summary>Whether this processor runs the given method.</summary>
    internal static bool IsSupported(GemmKernelKind kind) => kind switch
    {
        GemmKernelKind.Auto or GemmKernelKind.Direct or GemmKernelKind.Portable => true,
        GemmKernelKind.Avx2 => Fma.IsSupported && Avx2.IsSupported && Vector256.IsHardwareAccelerated,
        GemmKernelKind.Avx512 => Avx512F.IsSupported && Vector512.IsHardwareAccelerated,
        _ => false,
    };

    /// <summary>The packed method <see cref="GemmKernelKind.Auto"/> uses for large products on this processor.</summary>
    internal static GemmKernelKind BestKernel() =>
        IsSupported(GemmKernelKind.Avx512) ? GemmKernelKind.Avx512
        : IsSupported(GemmKernelKind.Avx2) ? GemmKernelKind.Avx2
        : Vector.IsHardwareAccelerated ? GemmKernelKind.Portable
        : GemmKernelKind.Direct;

    /// <summary>Register tile (MR × NR) and cache blocks (KC steps, MC rows, NC columns) of a packed method, cut to this machine's caches.</summary>
    internal static GemmBlocking Blocking<T>(GemmKernelKind kind)
        where T : unmanaged => GemmBlocking.For(kind, sizeof(T), CpuCaches.Machine);

    private static void MultiplyPacked<T>(bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, bool accumulate, GemmKernelKind kind, int threads, GemmBlocks blocks,
        GemmEpilogue<T>? epilogue)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (mr, nr, kcMax, mcMax, ncMax) = Blocking<T>(kind);
        if (blocks.KC > 0)
        {
            (kcMax, mcMax, ncMax) = (blocks.KC, Math.Max(blocks.MC, 1), Math.Max(blocks.NC, 1));
        }

        int kc = Split(k, kcMax, 1);
        int mc = Split(m, mcMax, mr);
        int nc = Split(n, ncMax, nr);
        long packA = (long)mc * kc, packB = (long)kc * nc;
        var workspace = GemmWorkspace.ForCurrentThread;
        T* buffer = (T*)workspace.Reserve((packA + packB) * sizeof(T));

        fixed (T* pa = a, pb = b, pc = c)
        {
            var args = new GemmArgs<T>
            {
                A = pa,
                B = pb,
                C = pc,
                TransposeA = transposeA,
                TransposeB = transposeB,
                M = m,
                N = n,
                K = k,
                Accumulate = accumulate,
                Kind = kind,
                MR = mr,
                NR = nr,
                KC = kc,
                MC = mc,
                NC = nc,
                PackA = buffer,
                PackB = buffer + packA,
                Epilogue = epilogue,
            };

            if (threads > 1)
            {
                var job = GemmJob<T>.ForCurrentThread;
                job.Args = args;
                job.Schedule.Reset();
                if (GemmThreadPool.TryRun(job, threads))
                {
                    var failure = job.Args.Failure;
                    job.Args = default; // holds no epilogue or exception between products
                    failure?.Throw();
                    return;
                }
            }

            Run(ref args, null);
            args.Failure?.Throw();
        }
    }

    /// <summary>The largest block of at most <paramref name="max"/> (a multiple of <paramref name="unit"/>) that cuts <paramref name="size"/> into equal blocks.</summary>
    private static int Split(int size, int max, int unit)
    {
        int blocks = (size + max - 1) / max;
        int block = (size + blocks - 1) / blocks;
        return (block + unit - 1) / unit * unit;
    }

    /// <summary>
    /// One thread's share of the packed product. The product is a fixed sequence of phases, for each block: pack
    /// (A panels when the block starts new rows or steps, then B panels), then compute (one row of tiles per item).
    /// With a <paramref name="schedule"/>, threads take items one at a time from its shared tickets, and an item of
    /// a phase starts only once every item of the phases before it is done; without one, this thread does every item.
    /// Which thread computes a tile never changes the arithmetic, so results do not depend on the schedule.
    /// </summary>
    internal static void Run<T>(ref GemmArgs<T> args, GemmSchedule? schedule)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = args.M, n = args.N, k = args.K, mr = args.MR, nr = args.NR;
        nint lda = args.TransposeA ? m : k;
        nint ldb = args.TransposeB ? k : n;
        nint ldc = n;
        T* tile = stackalloc T[mr * nr];
        long ticket = -1, phaseStart = 0;

        for (int i0 = 0; i0 < m; i0 += args.MC)
        {
            int mc = Math.Min(args.MC, m - i0);
            int panelsA = (mc + mr - 1) / mr;
            for (int p0 = 0; p0 < k; p0 += args.KC)
            {
                int kc = Math.Min(args.KC, k - p0);
                bool add = args.Accumulate || p0 > 0;
                for (int j0 = 0; j0 < n; j0 += args.NC)
                {
                    int nc = Math.Min(args.NC, n - j0);
                    int panelsB = (nc + nr - 1) / nr;

                    // Pack: panels of A (first column block only; later ones reuse them), then panels of B.
                    int packA = j0 == 0 ? panelsA : 0;
                    int count = packA + panelsB;
                    for (int item = -1; NextItem(schedule, ref ticket, phaseStart, count, ref item);)
                    {
                        if (item < packA)
                        {
                            int row = i0 + item * mr;
                            int width = Math.Min(mr, m - row);
                            T* dst = args.PackA + (nint)item * mr * kc;
                            if (args.TransposeA)
                            {
                                GemmPacking.PackContiguous(args.A + p0 * lda + row, lda, width, mr, kc, dst);
                            }
                            else
                            {
                                GemmPacking.PackStrided(args.A + row * lda + p0, lda, width, mr, kc, dst);
                            }
                        }
                        else
                        {
                            int q = item - packA;
                            int col = j0 + q * nr;
                            int width = Math.Min(nr, n - col);
                            T* dst = args.PackB + (nint)q * nr * kc;
                            if (args.TransposeB)
                            {
                                GemmPacking.PackStrided(args.B + col * ldb + p0, ldb, width, nr, kc, dst);
                            }
                            else
                            {
                                GemmPacking.PackContiguous(args.B + p0 * ldb + col, ldb, width, nr, kc, dst);
                            }
                        }
                    }

                    phaseStart += count;

                    // Compute: one row of tiles per item; its A panel stays in L1 while the B panels stream from L2.
                    for (int ti = -1; NextItem(schedule, ref ticket, phaseStart, panelsA, ref ti);)
                    {
                        int row = ti * mr;
                        int rows = Math.Min(mr, mc - row);
                        T* ap = args.PackA + (nint)row * kc;
                        T* cRow = args.C + (i0 + row) * ldc + j0;
                        for (int col = 0; col < nc; col += nr)
                        {
                            T* bp = args.PackB + (nint)col * kc;
                            int cols = Math.Min(nr, nc - col);
                            if (rows == mr && cols == nr)
                            {
                                Kernel(args.Kind, kc, ap, bp, cRow + col, ldc, add);
                            }
                            else
                            {
                                EdgeKernel(args.Kind, rows, kc, ap, bp, tile, nr);
                                MergeTile(tile, nr, cRow + col, ldc, rows, cols, add);
                            }
                        }

                        if (p0 + kc == k && args.Epilogue is { } epilogue)
                        {
                            // The row of tiles is final and still in cache. An exception (from a caller's activation)
                            // is kept for the caller: the item must still be reported done, or the other threads wait forever.
                            try
                            {
                                epilogue.Apply(i0 + row, rows, j0, nc);
                            }
                            catch (Exception e)
                            {
                                Interlocked.CompareExchange(ref args.Failure, ExceptionDispatchInfo.Capture(e), null);
                            }
                        }
                    }

                    phaseStart += panelsA;
                }
            }
        }
    }

    /// <summary>
    /// Moves to the next item of the phase of <paramref name="count"/> items starting at ticket
    /// <paramref name="phaseStart"/>; false when this thread has no more items in it (a ticket it holds for a later
    /// phase is kept). The item before, if any, is reported done first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool NextItem(GemmSchedule? schedule, ref long ticket, long phaseStart, int count, ref int item)
    {
        if (schedule is null)
        {
            return ++item < count;
        }

        if (item >= 0)
        {
            schedule.Done();
            ticket = -1;
        }

        if (ticket < 0)
        {
            ticket = schedule.Take();
        }

        if (ticket >= phaseStart + count)
        {
            return false;
        }

        schedule.WaitUntilDone(phaseStart);
        item = (int)(ticket - phaseStart);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Kernel<T>(GemmKernelKind kind, nint kc, T* a, T* b, T* c, nint ldc, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (kind)
        {
            case GemmKernelKind.Avx512:
                GemmKernels.Kernel512x12(kc, a, b, c, ldc, add);
                break;
            case GemmKernelKind.Avx2:
                GemmKernels.Kernel256x6(kc, a, b, c, ldc, add);
                break;
            default:
                GemmKernels.KernelPortable4(kc, a, b, c, ldc, add);
                break;
        }
    }

    /// <summary>
    /// An edge tile into scratch memory: the first <paramref name="rows"/> rows (at least) of the tile. Every kernel
    /// sums each element in the same order, so the narrower kernels give the same bits as the full one.
    /// </summary>
    private static void EdgeKernel<T>(GemmKernelKind kind, int rows, nint kc, T* a, T* b, T* tile, nint ldt)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (kind == GemmKernelKind.Avx512 && rows <= 4)
        {
            GemmKernels.Kernel512x4(kc, a, b, tile, ldt, false);
        }
        else if (kind == GemmKernelKind.Avx512 && rows <= 8)
        {
            GemmKernels.Kernel512x8(kc, a, b, tile, ldt, false);
        }
        else
        {
            Kernel(kind, kc, a, b, tile, ldt, false);
        }
    }

    private static void MergeTile<T>(T* tile, nint ldt, T* c, nint ldc, int rows, int cols, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            T* src = tile + r * ldt;
            T* dst = c + r * ldc;
            if (add)
            {
                for (int j = 0; j < cols; j++)
                {
                    dst[j] += src[j];
                }
            }
            else
            {
                for (int j = 0; j < cols; j++)
                {
                    dst[j] = src[j];
                }
            }
        }
    }
}

/// <summary>Cache block sizes: steps of the shared dimension per block, rows of A and columns of B per packed block (rounded up to whole panels).</summary>
/// <param name="KC">Steps per block; 0 keeps the tuned blocks.</param>
/// <param name="MC">Rows of A per block.</param>
/// <param name="NC">Columns of B per block.</param>
internal readonly record struct GemmBlocks(int KC, int MC, int NC);

/// <summary>Everything one packed product needs, shared by the threads computing it.</summary>
internal unsafe struct GemmArgs<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T* A;
    public T* B;
    public T* C;
    public bool TransposeA;
    public bool TransposeB;
    public int M;
    public int N;
    public int K;
    public bool Accumulate;
    public GemmKernelKind Kind;
    public int MR;
    public int NR;
    public int KC;
    public int MC;
    public int NC;
    public T* PackA;
    public T* PackB;
    public GemmEpilogue<T>? Epilogue;

    /// <summary>The first exception an epilogue threw, rethrown on the calling thread once the product is done.</summary>
    public ExceptionDispatchInfo? Failure;
}

/// <summary>The parallel form of one packed product (one reusable instance per calling thread and element type).</summary>
internal sealed class GemmJob<T> : ParallelJob
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [ThreadStatic]
    private static GemmJob<T>? _current;

    /// <summary>The calling thread's instance: filled in before the pool is asked for, so never shared between callers.</summary>
    public static GemmJob<T> ForCurrentThread => _current ??= new GemmJob<T>();

    /// <summary>The product being computed.</summary>
    public GemmArgs<T> Args;

    /// <summary>Hands out the items of the product to the threads.</summary>
    public readonly GemmSchedule Schedule = new();

    /// <inheritdoc/>
    public override void Execute() => Gemm.Run(ref Args, Schedule);
}

/// <summary>Per-thread, 64-byte aligned packing memory that only grows, so products allocate nothing in steady state.</summary>
internal sealed unsafe class GemmWorkspace
{
    [ThreadStatic]
    private static GemmWorkspace? _current;

    private void* _memory;
    private long _bytes;

    /// <summary>The calling thread's workspace.</summary>
    public static GemmWorkspace ForCurrentThread => _current ??= new GemmWorkspace();

    /// <summary>Returns at least <paramref name="bytes"/> bytes, 64-byte aligned, valid until the next call.</summary>
    public void* Reserve(long bytes)
    {
        if (bytes > _bytes)
        {
            NativeMemory.AlignedFree(_memory);
            _memory = null;
            _bytes = 0;
            _memory = NativeMemory.AlignedAlloc((nuint)bytes, 64);
            _bytes = bytes;
        }

        return _memory;
    }

    ~GemmWorkspace()
    {
        NativeMemory.AlignedFree(_memory);
    }
}
