using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Nabla.Tensors;

/// <summary>
/// Packs blocks of the operands of <see cref="Gemm"/> into the panel layout its micro-kernels stream: a panel of
/// width W holds, for each step p of the shared dimension, W consecutive values (rows of A or columns of B), padded
/// with zeros past the matrix edge.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs panels whose W values per step lie next to each other in memory (rows of Aᵀ, rows of B):
    /// value (step p, lane r) is <c>src[p * ld + r]</c>.
    /// </summary>
    /// <param name="src">First value of the panel.</param>
    /// <param name="ld">Distance between consecutive steps.</param>
    /// <param name="width">Lanes inside the matrix (at most <paramref name="panelWidth"/>).</param>
    /// <param name="panelWidth">W.</param>
    /// <param name="depth">Number of steps.</param>
    /// <param name="dst">Destination, depth × W values.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackContiguous<T>(T* src, nint ld, int width, int panelWidth, int depth, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (width == panelWidth)
        {
            for (int p = 0; p < depth; p++)
            {
                Copy(src, dst, width);
                src += ld;
                dst += panelWidth;
            }

            return;
        }

        for (int p = 0; p < depth; p++)
        {
            int r = 0;
            for (; r < width; r++)
            {
                dst[r] = src[r];
            }

            for (; r < panelWidth; r++)
            {
                dst[r] = T.Zero;
            }

            src += ld;
            dst += panelWidth;
        }
    }

    /// <summary>
    /// Packs panels whose W values per step lie <paramref name="ld"/> apart (rows of A, rows of Bᵀ): value
    /// (step p, lane r) is <c>src[r * ld + p]</c>. This is a transposition, done in square register blocks where the
    /// vector width allows.
    /// </summary>
    /// <param name="src">First value of the panel.</param>
    /// <param name="ld">Distance between consecutive lanes.</param>
    /// <param name="width">Lanes inside the matrix (at most <paramref name="panelWidth"/>).</param>
    /// <param name="panelWidth">W.</param>
    /// <param name="depth">Number of steps.</param>
    /// <param name="dst">Destination, depth × W values.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackStrided<T>(T* src, nint ld, int width, int panelWidth, int depth, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int r = 0, pVector = 0;
        if (Avx.IsSupported && typeof(T) == typeof(float))
        {
            pVector = depth & ~7;
            for (; r + 8 <= width; r += 8)
            {
                for (int p = 0; p < pVector; p += 8)
                {
                    Transpose8x8((float*)src + r * ld + p, ld, (float*)dst + (nint)p * panelWidth + r, panelWidth);
                }
            }

            for (; r + 4 <= width; r += 4)
            {
                for (int p = 0; p < pVector; p += 8)
                {
                    Transpose4x8((float*)src + r * ld + p, ld, (float*)dst + (nint)p * panelWidth + r, panelWidth);
                }
            }
        }
        else if (Avx.IsSupported && typeof(T) == typeof(double))
        {
            pVector = depth & ~3;
            for (; r + 4 <= width; r += 4)
            {
                for (int p = 0; p < pVector; p += 4)
                {
                    Transpose4x4((double*)src + r * ld + p, ld, (double*)dst + (nint)p * panelWidth + r, panelWidth);
                }
            }
        }

        // Steps past the last whole vector block for the rows done above; every step for the remaining rows.
        for (int rr = 0; rr < r; rr++)
        {
            T* row = src + rr * ld;
            T* d = dst + rr;
            for (int p = pVector; p < depth; p++)
            {
                d[(nint)p * panelWidth] = row[p];
            }
        }

        for (; r < width; r++)
        {
            T* row = src + r * ld;
            T* d = dst + r;
            for (int p = 0; p < depth; p++)
            {
                d[(nint)p * panelWidth] = row[p];
            }
        }

        for (; r < panelWidth; r++)
        {
            T* d = dst + r;
            for (int p = 0; p < depth; p++)
            {
                d[(nint)p * panelWidth] = T.Zero;
            }
        }
    }

    /// <summary>dst[p * ldd + r] = src[r * lds + p] for an 8 × 8 block of floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, nint lds, float* dst, nint ldd)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + lds);
        var r2 = Avx.LoadVector256(src + 2 * lds);
        var r3 = Avx.LoadVector256(src + 3 * lds);
        var r4 = Avx.LoadVector256(src + 4 * lds);
        var r5 = Avx.LoadVector256(src + 5 * lds);
        var r6 = Avx.LoadVector256(src + 6 * lds);
        var r7 = Avx.LoadVector256(src + 7 * lds);
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + ldd, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 2 * ldd, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 3 * ldd, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 4 * ldd, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 5 * ldd, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 6 * ldd, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + 7 * ldd, Avx.Permute2x128(u3, u7, 0x31));
    }

    /// <summary>dst[p * ldd + r] = src[r * lds + p] for 4 rows × 8 steps of floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x8(float* src, nint lds, float* dst, nint ldd)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + lds);
        var r2 = Avx.LoadVector256(src + 2 * lds);
        var r3 = Avx.LoadVector256(src + 3 * lds);
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var u0 = Avx.Shuffle(t0, t2, 0x44); // steps 0 | 4
        var u1 = Avx.Shuffle(t0, t2, 0xEE); // steps 1 | 5
        var u2 = Avx.Shuffle(t1, t3, 0x44); // steps 2 | 6
        var u3 = Avx.Shuffle(t1, t3, 0xEE); // steps 3 | 7
        Sse.Store(dst, u0.GetLower());
        Sse.Store(dst + ldd, u1.GetLower());
        Sse.Store(dst + 2 * ldd, u2.GetLower());
        Sse.Store(dst + 3 * ldd, u3.GetLower());
        Sse.Store(dst + 4 * ldd, u0.GetUpper());
        Sse.Store(dst + 5 * ldd, u1.GetUpper());
        Sse.Store(dst + 6 * ldd, u2.GetUpper());
        Sse.Store(dst + 7 * ldd, u3.GetUpper());
    }

    /// <summary>dst[p * ldd + r] = src[r * lds + p] for a 4 × 4 block of doubles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(double* src, nint lds, double* dst, nint ldd)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + lds);
        var r2 = Avx.LoadVector256(src + 2 * lds);
        var r3 = Avx.LoadVector256(src + 3 * lds);
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        Avx.Store(dst, Avx.Permute2x128(t0, t2, 0x20));
        Avx.Store(dst + ldd, Avx.Permute2x128(t1, t3, 0x20));
        Avx.Store(dst + 2 * ldd, Avx.Permute2x128(t0, t2, 0x31));
        Avx.Store(dst + 3 * ldd, Avx.Permute2x128(t1, t3, 0x31));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy<T>(T* src, T* dst, int count)
        where T : unmanaged
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + Vector256<T>.Count <= count; i += Vector256<T>.Count)
            {
                Vector256.Store(Vector256.Load(src + i), dst + i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + Vector128<T>.Count <= count; i += Vector128<T>.Count)
            {
                Vector128.Store(Vector128.Load(src + i), dst + i);
            }
        }

        for (; i < count; i++)
        {
            dst[i] = src[i];
        }
    }
}
