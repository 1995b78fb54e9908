using System.Numerics;
using System.Numerics.Tensors;

namespace Nabla.Tensors;

/// <summary>
/// The general matrix product C = op(A)·op(B) (+ C) on row-major spans; the single kernel behind
/// <see cref="MatrixMath.Multiply{T}(Matrix{T}, Matrix{T}, Matrix{T}, bool, bool, bool)"/>.
/// </summary>
internal static class Gemm
{
    /// <summary>
    /// C (m × n) = op(A) (m × k) · op(B) (k × n), added to C when <paramref name="accumulate"/> is set.
    /// A is stored m × k, or k × m when <paramref name="transposeA"/>; B is stored k × n, or n × k when <paramref name="transposeB"/>.
    /// </summary>
    public static void Multiply<T>(bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!accumulate)
        {
            c[..(m * n)].Clear();
        }

        if (m == 0 || n == 0 || k == 0)
        {
            return;
        }

        switch (transposeA, transposeB)
        {
            case (false, false):
                // Row i of C is a combination of the rows of B weighted by row i of A: contiguous axpy updates.
                for (int i = 0; i < m; i++)
                {
                    var ci = c.Slice(i * n, n);
                    var ai = a.Slice(i * k, k);
                    for (int p = 0; p < k; p++)
                    {
                        TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), ai[p], ci, ci);
                    }
                }

                break;
            case (false, true):
                for (int i = 0; i < m; i++)
                {
                    var ai = a.Slice(i * k, k);
                    var ci = c.Slice(i * n, n);
                    for (int j = 0; j < n; j++)
                    {
                        ci[j] += TensorPrimitives.Dot(ai, b.Slice(j * k, k));
                    }
                }

                break;
            case (true, false):
                for (int p = 0; p < k; p++)
                {
                    var ap = a.Slice(p * m, m);
                    var bp = b.Slice(p * n, n);
                    for (int i = 0; i < m; i++)
                    {
                        var ci = c.Slice(i * n, n);
                        TensorPrimitives.MultiplyAdd(bp, ap[i], ci, ci);
                    }
                }

                break;
            default:
                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        T sum = T.Zero;
                        for (int p = 0; p < k; p++)
                        {
                            sum += a[p * m + i] * b[j * k + p];
                        }

                        c[i * n + j] += sum;
                    }
                }

                break;
        }
    }
}
