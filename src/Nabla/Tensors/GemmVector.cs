using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Nabla.Tensors;

/// <summary>Fused multiply-add on generic vectors of <see cref="float"/> or <see cref="double"/>; the type tests fold away in the JIT.</summary>
internal static class GemmVector
{
    /// <summary>a·b + c with one rounding (AVX-512F).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Fma512<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Avx512F.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }

        return Avx512F.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
    }

    /// <summary>a·b + c with one rounding (FMA3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Fma256<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Fma.MultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }

        return Fma.MultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
    }

    /// <summary>a·b + c, fused where the hardware has a fused multiply-add and as a product then a sum elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> FmaPortable<T>(Vector<T> a, Vector<T> b, Vector<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector.MultiplyAddEstimate(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
        }

        return Vector.MultiplyAddEstimate(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
    }
}
