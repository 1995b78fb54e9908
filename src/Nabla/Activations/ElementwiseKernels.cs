using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Nabla.Activations;

/// <summary>
/// The element-wise loops of the activations' backward passes, with a <see cref="Vector{T}"/> path and a scalar tail
/// (TensorPrimitives has no masked select or a(1 − a) form).
/// </summary>
internal static class ElementwiseKernels
{
    /// <summary>
    /// a[i] = min(max(z[i], <paramref name="low"/>), <paramref name="high"/>), a domain where the exponential-based function about to
    /// run has saturated outside. TensorPrimitives' vector e^x switches a whole vector to a slower path when one lane is
    /// beyond e^x's range (|x| above about 709.78 in double, 88.7 in float), and its results differ from the fast path's in
    /// the last bit; which values share a vector depends on where the span lies in memory, so without the clamp the same
    /// z could give different bits in different buffers (a saved model predicting other bits than before it was saved).
    /// </summary>
    public static void Clamp<T>(ReadOnlySpan<T> z, Span<T> a, T low, T high)
        where T : unmanaged, INumber<T>
    {
        TensorPrimitives.Max(z, low, a);
        TensorPrimitives.Min(a, high, a);
    }

    /// <summary>The most negative x for which e^x stays on TensorPrimitives' fast path (and is still a normal number): −708 in double, −87 in float.</summary>
    public static T ExpLowerBound<T>()
        where T : unmanaged, IFloatingPointIeee754<T> => T.CreateChecked(typeof(T) == typeof(float) ? -87.0 : -708.0);

    /// <summary>d[i] = g[i] where z[i] ≥ 0, else slope·g[i] (slope 0 for ReLU).</summary>
    public static void SelectBySign<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> g, Span<T> d, T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && z.Length >= Vector<T>.Count)
        {
            var zv = MemoryMarshal.Cast<T, Vector<T>>(z);
            var gv = MemoryMarshal.Cast<T, Vector<T>>(g);
            var dv = MemoryMarshal.Cast<T, Vector<T>>(d);
            var s = new Vector<T>(slope);
            for (int v = 0; v < zv.Length; v++)
            {
                dv[v] = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(zv[v], Vector<T>.Zero), gv[v], gv[v] * s);
            }

            i = zv.Length * Vector<T>.Count;
        }

        for (; i < z.Length; i++)
        {
            d[i] = z[i] >= T.Zero ? g[i] : slope * g[i];
        }
    }

    /// <summary>y[i] = z[i] where z[i] ≥ 0, else slope·z[i].</summary>
    public static void LeakyRectify<T>(ReadOnlySpan<T> z, Span<T> y, T slope)
        where T : unmanaged, IFloatingPointIeee754<T> => SelectBySign(z, z, y, slope);

    /// <summary>d[i] = g[i]·a[i]·(1 − a[i]) (sigmoid) or g[i]·(1 − a[i]²) (tanh, when <paramref name="tanh"/> is set).</summary>
    public static void SquashDerivative<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> g, Span<T> d, bool tanh)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<T>.Count)
        {
            var av = MemoryMarshal.Cast<T, Vector<T>>(a);
            var gv = MemoryMarshal.Cast<T, Vector<T>>(g);
            var dv = MemoryMarshal.Cast<T, Vector<T>>(d);
            for (int v = 0; v < av.Length; v++)
            {
                dv[v] = gv[v] * Factor(av[v], tanh);
            }

            i = av.Length * Vector<T>.Count;
        }

        for (; i < a.Length; i++)
        {
            d[i] = g[i] * (tanh ? T.One - a[i] * a[i] : a[i] * (T.One - a[i]));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Factor<T>(Vector<T> a, bool tanh)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        tanh ? Vector<T>.One - a * a : a * (Vector<T>.One - a);
}
