using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Nabla.Tensors;

/// <summary>
/// Register-tiled micro-kernels of <see cref="Gemm"/>: C[MR × NR] = (C +) Σ_p a_p ⊗ b_p over a packed MR-panel of A
/// (MR values per step) and a packed NR-panel of B (NR values per step, two vectors), one fused multiply-add per
/// accumulator and step. Every accumulator is its own local so the JIT keeps the whole tile in registers.
/// </summary>
internal static unsafe class GemmKernels
{
    /// <summary>AVX-512 tile of 12 rows × 2 Vector512 (12 × 32 float, 12 × 16 double): 24 zmm accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel512x12<T>(nint kc, T* a, T* b, T* c, nint ldc, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector512<T>.Count;
        Vector512<T> lo0 = default, hi0 = default;
        Vector512<T> lo1 = default, hi1 = default;
        Vector512<T> lo2 = default, hi2 = default;
        Vector512<T> lo3 = default, hi3 = default;
        Vector512<T> lo4 = default, hi4 = default;
        Vector512<T> lo5 = default, hi5 = default;
        Vector512<T> lo6 = default, hi6 = default;
        Vector512<T> lo7 = default, hi7 = default;
        Vector512<T> lo8 = default, hi8 = default;
        Vector512<T> lo9 = default, hi9 = default;
        Vector512<T> lo10 = default, hi10 = default;
        Vector512<T> lo11 = default, hi11 = default;
        for (nint p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + w);
            var a0 = Vector512.Create(a[0]);
            lo0 = GemmVector.Fma512(a0, b0, lo0);
            hi0 = GemmVector.Fma512(a0, b1, hi0);
            var a1 = Vector512.Create(a[1]);
            lo1 = GemmVector.Fma512(a1, b0, lo1);
            hi1 = GemmVector.Fma512(a1, b1, hi1);
            var a2 = Vector512.Create(a[2]);
            lo2 = GemmVector.Fma512(a2, b0, lo2);
            hi2 = GemmVector.Fma512(a2, b1, hi2);
            var a3 = Vector512.Create(a[3]);
            lo3 = GemmVector.Fma512(a3, b0, lo3);
            hi3 = GemmVector.Fma512(a3, b1, hi3);
            var a4 = Vector512.Create(a[4]);
            lo4 = GemmVector.Fma512(a4, b0, lo4);
            hi4 = GemmVector.Fma512(a4, b1, hi4);
            var a5 = Vector512.Create(a[5]);
            lo5 = GemmVector.Fma512(a5, b0, lo5);
            hi5 = GemmVector.Fma512(a5, b1, hi5);
            var a6 = Vector512.Create(a[6]);
            lo6 = GemmVector.Fma512(a6, b0, lo6);
            hi6 = GemmVector.Fma512(a6, b1, hi6);
            var a7 = Vector512.Create(a[7]);
            lo7 = GemmVector.Fma512(a7, b0, lo7);
            hi7 = GemmVector.Fma512(a7, b1, hi7);
            var a8 = Vector512.Create(a[8]);
            lo8 = GemmVector.Fma512(a8, b0, lo8);
            hi8 = GemmVector.Fma512(a8, b1, hi8);
            var a9 = Vector512.Create(a[9]);
            lo9 = GemmVector.Fma512(a9, b0, lo9);
            hi9 = GemmVector.Fma512(a9, b1, hi9);
            var a10 = Vector512.Create(a[10]);
            lo10 = GemmVector.Fma512(a10, b0, lo10);
            hi10 = GemmVector.Fma512(a10, b1, hi10);
            var a11 = Vector512.Create(a[11]);
            lo11 = GemmVector.Fma512(a11, b0, lo11);
            hi11 = GemmVector.Fma512(a11, b1, hi11);
            a += 12;
            b += 2 * w;
        }

        if (add)
        {
            Vector512.Store(Vector512.Load(c) + lo0, c);
            Vector512.Store(Vector512.Load(c + w) + hi0, c + w);
            c += ldc;
            Vector512.Store(Vector512.Load(c) + lo1, c);
            Vector512.Store(Vector512.Load(c + w) + hi1, c + w);
            c += ldc;
            Vector512.Store(Vector512.Load(c) + lo2, c);
            Vector512.Store(Vector512.Load(c + w) + hi2, c + w);
            c += ldc;
            Vector512.Store(Vector512.Load(c) + lo3, c);
            Vector512.Store(Vector512.Load(c + w) + hi3, c + w);
            c += ldc;
            Vector512.Store(Vector512.Load(c) + lo4, c);
            Vector512.Store(Vector512.Load(c + w) + hi4, c + w);
            c += ldc;
            Vector512.Store(Vector512.Load(c) + lo5, c);
            Vector512.Store(Vector512.Load(c + w) + hi5, c + w);
            c += ldc;
            Vector512.Store(Vector512.Load(c) + lo6, c);
            Vector512.Store(Vector512.Load(c + w) + hi6, c + w);
            c += ldc;
            Vector512.Store(Vector512.Load(c) + lo7, c);
            Vector512.Store(Vector512.Load(c + w) + hi7, c + w);
            c += ldc;
            Vector512.Store(Vector512.Load(c) + lo8, c);
            Vector512.Store(Vector512.Load(c + w) + hi8, c + w);
            c += ldc;
            Vector512.Store(Vector512.Load(c) + lo9, c);
            Vector512.Store(Vector512.Load(c + w) + hi9, c + w);
            c += ldc;
            Vector512.Store(Vector512.Load(c) + lo10, c);
            Vector512.Store(Vector512.Load(c + w) + hi10, c + w);
            c += ldc;
            Vector512.Store(Vector512.Load(c) + lo11, c);
            Vector512.Store(Vector512.Load(c + w) + hi11, c + w);
        }
        else
        {
            Vector512.Store(lo0, c);
            Vector512.Store(hi0, c + w);
            c += ldc;
            Vector512.Store(lo1, c);
            Vector512.Store(hi1, c + w);
            c += ldc;
            Vector512.Store(lo2, c);
            Vector512.Store(hi2, c + w);
            c += ldc;
            Vector512.Store(lo3, c);
            Vector512.Store(hi3, c + w);
            c += ldc;
            Vector512.Store(lo4, c);
            Vector512.Store(hi4, c + w);
            c += ldc;
            Vector512.Store(lo5, c);
            Vector512.Store(hi5, c + w);
            c += ldc;
            Vector512.Store(lo6, c);
            Vector512.Store(hi6, c + w);
            c += ldc;
            Vector512.Store(lo7, c);
            Vector512.Store(hi7, c + w);
            c += ldc;
            Vector512.Store(lo8, c);
            Vector512.Store(hi8, c + w);
            c += ldc;
            Vector512.Store(lo9, c);
            Vector512.Store(hi9, c + w);
            c += ldc;
            Vector512.Store(lo10, c);
            Vector512.Store(hi10, c + w);
            c += ldc;
            Vector512.Store(lo11, c);
            Vector512.Store(hi11, c + w);
        }
    }

    /// <summary>AVX2 + FMA tile of 6 rows × 2 Vector256 (6 × 16 float, 6 × 8 double): 12 ymm accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel256x6<T>(nint kc, T* a, T* b, T* c, nint ldc, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector256<T>.Count;
        Vector256<T> lo0 = default, hi0 = default;
        Vector256<T> lo1 = default, hi1 = default;
        Vector256<T> lo2 = default, hi2 = default;
        Vector256<T> lo3 = default, hi3 = default;
        Vector256<T> lo4 = default, hi4 = default;
        Vector256<T> lo5 = default, hi5 = default;
        for (nint p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + w);
            var a0 = Vector256.Create(a[0]);
            lo0 = GemmVector.Fma256(a0, b0, lo0);
            hi0 = GemmVector.Fma256(a0, b1, hi0);
            var a1 = Vector256.Create(a[1]);
            lo1 = GemmVector.Fma256(a1, b0, lo1);
            hi1 = GemmVector.Fma256(a1, b1, hi1);
            var a2 = Vector256.Create(a[2]);
            lo2 = GemmVector.Fma256(a2, b0, lo2);
            hi2 = GemmVector.Fma256(a2, b1, hi2);
            var a3 = Vector256.Create(a[3]);
            lo3 = GemmVector.Fma256(a3, b0, lo3);
            hi3 = GemmVector.Fma256(a3, b1, hi3);
            var a4 = Vector256.Create(a[4]);
            lo4 = GemmVector.Fma256(a4, b0, lo4);
            hi4 = GemmVector.Fma256(a4, b1, hi4);
            var a5 = Vector256.Create(a[5]);
            lo5 = GemmVector.Fma256(a5, b0, lo5);
            hi5 = GemmVector.Fma256(a5, b1, hi5);
            a += 6;
            b += 2 * w;
        }

        if (add)
        {
            Vector256.Store(Vector256.Load(c) + lo0, c);
            Vector256.Store(Vector256.Load(c + w) + hi0, c + w);
            c += ldc;
            Vector256.Store(Vector256.Load(c) + lo1, c);
            Vector256.Store(Vector256.Load(c + w) + hi1, c + w);
            c += ldc;
            Vector256.Store(Vector256.Load(c) + lo2, c);
            Vector256.Store(Vector256.Load(c + w) + hi2, c + w);
            c += ldc;
            Vector256.Store(Vector256.Load(c) + lo3, c);
            Vector256.Store(Vector256.Load(c + w) + hi3, c + w);
            c += ldc;
            Vector256.Store(Vector256.Load(c) + lo4, c);
            Vector256.Store(Vector256.Load(c + w) + hi4, c + w);
            c += ldc;
            Vector256.Store(Vector256.Load(c) + lo5, c);
            Vector256.Store(Vector256.Load(c + w) + hi5, c + w);
        }
        else
        {
            Vector256.Store(lo0, c);
            Vector256.Store(hi0, c + w);
            c += ldc;
            Vector256.Store(lo1, c);
            Vector256.Store(hi1, c + w);
            c += ldc;
            Vector256.Store(lo2, c);
            Vector256.Store(hi2, c + w);
            c += ldc;
            Vector256.Store(lo3, c);
            Vector256.Store(hi3, c + w);
            c += ldc;
            Vector256.Store(lo4, c);
            Vector256.Store(hi4, c + w);
            c += ldc;
            Vector256.Store(lo5, c);
            Vector256.Store(hi5, c + w);
        }
    }

    /// <summary>Portable tile of 4 rows × 2 Vector&lt;T&gt;: fused multiply-add where the hardware has it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void KernelPortable4<T>(nint kc, T* a, T* b, T* c, nint ldc, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector<T>.Count;
        Vector<T> lo0 = default, hi0 = default;
        Vector<T> lo1 = default, hi1 = default;
        Vector<T> lo2 = default, hi2 = default;
        Vector<T> lo3 = default, hi3 = default;
        for (nint p = 0; p < kc; p++)
        {
            var b0 = Vector.Load<T>(b);
            var b1 = Vector.Load<T>(b + w);
            var a0 = new Vector<T>(a[0]);
            lo0 = GemmVector.FmaPortable(a0, b0, lo0);
            hi0 = GemmVector.FmaPortable(a0, b1, hi0);
            var a1 = new Vector<T>(a[1]);
            lo1 = GemmVector.FmaPortable(a1, b0, lo1);
            hi1 = GemmVector.FmaPortable(a1, b1, hi1);
            var a2 = new Vector<T>(a[2]);
            lo2 = GemmVector.FmaPortable(a2, b0, lo2);
            hi2 = GemmVector.FmaPortable(a2, b1, hi2);
            var a3 = new Vector<T>(a[3]);
            lo3 = GemmVector.FmaPortable(a3, b0, lo3);
            hi3 = GemmVector.FmaPortable(a3, b1, hi3);
            a += 4;
            b += 2 * w;
        }

        if (add)
        {
            Vector.Store(Vector.Load<T>(c) + lo0, c);
            Vector.Store(Vector.Load<T>(c + w) + hi0, c + w);
            c += ldc;
            Vector.Store(Vector.Load<T>(c) + lo1, c);
            Vector.Store(Vector.Load<T>(c + w) + hi1, c + w);
            c += ldc;
            Vector.Store(Vector.Load<T>(c) + lo2, c);
            Vector.Store(Vector.Load<T>(c + w) + hi2, c + w);
            c += ldc;
            Vector.Store(Vector.Load<T>(c) + lo3, c);
            Vector.Store(Vector.Load<T>(c + w) + hi3, c + w);
        }
        else
        {
            Vector.Store(lo0, c);
            Vector.Store(hi0, c + w);
            c += ldc;
            Vector.Store(lo1, c);
            Vector.Store(hi1, c + w);
            c += ldc;
            Vector.Store(lo2, c);
            Vector.Store(hi2, c + w);
            c += ldc;
            Vector.Store(lo3, c);
            Vector.Store(hi3, c + w);
        }
    }

    /// <summary>The first 8 rows of a 12-row AVX-512 panel (the last panel of A when it has 5 to 8 rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel512x8<T>(nint kc, T* a, T* b, T* c, nint ldc, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector512<T>.Count;
        Vector512<T> lo0 = default, hi0 = default;
        Vector512<T> lo1 = default, hi1 = default;
        Vector512<T> lo2 = default, hi2 = default;
        Vector512<T> lo3 = default, hi3 = default;
        Vector512<T> lo4 = default, hi4 = default;
        Vector512<T> lo5 = default, hi5 = default;
        Vector512<T> lo6 = default, hi6 = default;
        Vector512<T> lo7 = default, hi7 = default;
        for (nint p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + w);
            var a0 = Vector512.Create(a[0]);
            lo0 = GemmVector.Fma512(a0, b0, lo0);
            hi0 = GemmVector.Fma512(a0, b1, hi0);
            var a1 = Vector512.Create(a[1]);
            lo1 = GemmVector.Fma512(a1, b0, lo1);
            hi1 = GemmVector.Fma512(a1, b1, hi1);
            var a2 = Vector512.Create(a[2]);
            lo2 = GemmVector.Fma512(a2, b0, lo2);
            hi2 = GemmVector.Fma512(a2, b1, hi2);
            var a3 = Vector512.Create(a[3]);
            lo3 = GemmVector.Fma512(a3, b0, lo3);
            hi3 = GemmVector.Fma512(a3, b1, hi3);
            var a4 = Vector512.Create(a[4]);
            lo4 = GemmVector.Fma512(a4, b0, lo4);
            hi4 = GemmVector.Fma512(a4, b1, hi4);
            var a5 = Vector512.Create(a[5]);
            lo5 = GemmVector.Fma512(a5, b0, lo5);
            hi5 = GemmVector.Fma512(a5, b1, hi5);
            var a6 = Vector512.Create(a[6]);
            lo6 = GemmVector.Fma512(a6, b0, lo6);
            hi6 = GemmVector.Fma512(a6, b1, hi6);
            var a7 = Vector512.Create(a[7]);
            lo7 = GemmVector.Fma512(a7, b0, lo7);
            hi7 = GemmVector.Fma512(a7, b1, hi7);
            a += 12;
            b += 2 * w;
        }

        if (add)
        {
            Vector512.Store(Vector512.Load(c) + lo0, c);
            Vector512.Store(Vector512.Load(c + w) + hi0, c + w);
            c += ldc;
            Vector512.Store(Vector512.Load(c) + lo1, c);
            Vector512.Store(Vector512.Load(c + w) + hi1, c + w);
            c += ldc;
            Vector512.Store(Vector512.Load(c) + lo2, c);
            Vector512.Store(Vector512.Load(c + w) + hi2, c + w);
            c += ldc;
            Vector512.Store(Vector512.Load(c) + lo3, c);
            Vector512.Store(Vector512.Load(c + w) + hi3, c + w);
            c += ldc;
            Vector512.Store(Vector512.Load(c) + lo4, c);
            Vector512.Store(Vector512.Load(c + w) + hi4, c + w);
            c += ldc;
            Vector512.Store(Vector512.Load(c) + lo5, c);
            Vector512.Store(Vector512.Load(c + w) + hi5, c + w);
            c += ldc;
            Vector512.Store(Vector512.Load(c) + lo6, c);
            Vector512.Store(Vector512.Load(c + w) + hi6, c + w);
            c += ldc;
            Vector512.Store(Vector512.Load(c) + lo7, c);
            Vector512.Store(Vector512.Load(c + w) + hi7, c + w);
        }
        else
        {
            Vector512.Store(lo0, c);
            Vector512.Store(hi0, c + w);
            c += ldc;
            Vector512.Store(lo1, c);
            Vector512.Store(hi1, c + w);
            c += ldc;
            Vector512.Store(lo2, c);
            Vector512.Store(hi2, c + w);
            c += ldc;
            Vector512.Store(lo3, c);
            Vector512.Store(hi3, c + w);
            c += ldc;
            Vector512.Store(lo4, c);
            Vector512.Store(hi4, c + w);
            c += ldc;
            Vector512.Store(lo5, c);
            Vector512.Store(hi5, c + w);
            c += ldc;
            Vector512.Store(lo6, c);
            Vector512.Store(hi6, c + w);
            c += ldc;
            Vector512.Store(lo7, c);
            Vector512.Store(hi7, c + w);
        }
    }

    /// <summary>The first 4 rows of a 12-row AVX-512 panel (the last panel of A when it has at most 4 rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel512x4<T>(nint kc, T* a, T* b, T* c, nint ldc, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector512<T>.Count;
        Vector512<T> lo0 = default, hi0 = default;
        Vector512<T> lo1 = default, hi1 = default;
        Vector512<T> lo2 = default, hi2 = default;
        Vector512<T> lo3 = default, hi3 = default;
        for (nint p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + w);
            var a0 = Vector512.Create(a[0]);
            lo0 = GemmVector.Fma512(a0, b0, lo0);
            hi0 = GemmVector.Fma512(a0, b1, hi0);
            var a1 = Vector512.Create(a[1]);
            lo1 = GemmVector.Fma512(a1, b0, lo1);
            hi1 = GemmVector.Fma512(a1, b1, hi1);
            var a2 = Vector512.Create(a[2]);
            lo2 = GemmVector.Fma512(a2, b0, lo2);
            hi2 = GemmVector.Fma512(a2, b1, hi2);
            var a3 = Vector512.Create(a[3]);
            lo3 = GemmVector.Fma512(a3, b0, lo3);
            hi3 = GemmVector.Fma512(a3, b1, hi3);
            a += 12;
            b += 2 * w;
        }

        if (add)
        {
            Vector512.Store(Vector512.Load(c) + lo0, c);
            Vector512.Store(Vector512.Load(c + w) + hi0, c + w);
            c += ldc;
            Vector512.Store(Vector512.Load(c) + lo1, c);
            Vector512.Store(Vector512.Load(c + w) + hi1, c + w);
            c += ldc;
            Vector512.Store(Vector512.Load(c) + lo2, c);
            Vector512.Store(Vector512.Load(c + w) + hi2, c + w);
            c += ldc;
            Vector512.Store(Vector512.Load(c) + lo3, c);
            Vector512.Store(Vector512.Load(c + w) + hi3, c + w);
        }
        else
        {
            Vector512.Store(lo0, c);
            Vector512.Store(hi0, c + w);
            c += ldc;
            Vector512.Store(lo1, c);
            Vector512.Store(hi1, c + w);
            c += ldc;
            Vector512.Store(lo2, c);
            Vector512.Store(hi2, c + w);
            c += ldc;
            Vector512.Store(lo3, c);
            Vector512.Store(hi3, c + w);
        }
    }
}
