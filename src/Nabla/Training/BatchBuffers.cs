using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Training;

/// <summary>Reused mini-batch matrices: one pair per batch size seen (the full size and the last, smaller batch).</summary>
internal sealed class BatchBuffers<T>(int xColumns, int yColumns)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dictionary<int, (Matrix<T> X, Matrix<T> Y)> _buffers = [];

    /// <summary>The pair of buffers for <paramref name="rows"/> rows, created on first use.</summary>
    public (Matrix<T> X, Matrix<T> Y) For(int rows)
    {
        if (!_buffers.TryGetValue(rows, out var pair))
        {
            pair = (new Matrix<T>(rows, xColumns), new Matrix<T>(rows, yColumns));
            _buffers[rows] = pair;
        }

        return pair;
    }

    /// <summary>Copies rows <paramref name="indices"/> of <paramref name="x"/> and <paramref name="y"/> into the buffers for that many rows and returns them.</summary>
    public (Matrix<T> X, Matrix<T> Y) Gather(Matrix<T> x, Matrix<T> y, ReadOnlySpan<int> indices)
    {
        var (xb, yb) = For(indices.Length);
        x.GatherRows(indices, xb);
        y.GatherRows(indices, yb);
        return (xb, yb);
    }
}
