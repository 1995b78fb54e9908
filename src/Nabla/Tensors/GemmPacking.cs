using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
        int r = 0;
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
