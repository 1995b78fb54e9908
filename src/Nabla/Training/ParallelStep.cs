using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.ExceptionServices;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;

namespace Nabla.Training;

/// <summary>
/// One mini-batch step shared among threads by cutting the batch into shards. Shard s (n_s consecutive rows of the
/// batch) runs forward and backward on replica s of the network, which shares W^[l] and b^[l] but has its own
/// buffers and gradients. The batch gradient is then Σ_s (n_s / n) ∂L_s/∂θ for a mean loss (Σ_s ∂L_s/∂θ for a sum),
/// and the optimizer updates each thread's range of every parameter. Shards and ranges depend only on the shard
/// count, never on which thread ran what, so the result is the same bits on every run with the same count.
/// </summary>
/// <remarks>
/// Against splitting each matrix product across the threads, this synchronizes twice per step instead of several
/// times per product, and it also spreads the gathering of rows, the activations, the loss and the optimizer's
/// update, which take a third of a step's time on one thread.
/// </remarks>
internal sealed class ParallelStep<T> : ParallelJob
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Fewest rows a shard gets: below this the products are too thin to pay for the split.</summary>
    internal const int MinShardRows = 16;

    /// <summary>Fewest row × parameter products per step for which the step is split.</summary>
    internal const long MinWork = 1L << 20;

    // Ranges of a parameter start on multiples of this many elements (64 bytes of float), which keeps the threads off
    // each other's cache lines as far as the arrays' own alignment allows.
    private const int RangeAlignment = 16;

    // Elements updated per pass: a few arrays of this many values fit in L1 together.
    private const int UpdateChunk = 4096;

    private readonly NeuralNetwork<T>[] _replicas;
    private readonly BatchBuffers<T>[] _buffers;
    private readonly (Matrix<T> X, Matrix<T> Y)[] _shardData;
    private readonly int[] _shardStart;
    private readonly double[] _shardLoss;
    private readonly T[] _shardWeight;
    private readonly Loss _loss;

    private int _shards;
    private bool _updating;
    private int _next;
    private ExceptionDispatchInfo? _failure;

    // The current call's arguments, read by the threads running the job.
    private Matrix<T>? _x;
    private Matrix<T>? _y;
    private int[]? _order;
    private bool _gather;
    private Optimizer? _optimizer;
    private T _lambda;
    private T _lambda1;

    private ParallelStep(NeuralNetwork<T> network, Loss loss, int shards)
    {
        _replicas = new NeuralNetwork<T>[shards];
        _buffers = new BatchBuffers<T>[shards];
        for (int s = 0; s < shards; s++)
        {
            _replicas[s] = s == 0 ? network : network.CreateReplica();
            _buffers[s] = new BatchBuffers<T>(network.InputSize, network.OutputSize);
        }

        _shardData = new (Matrix<T>, Matrix<T>)[shards];
        _shardStart = new int[shards];
        _shardLoss = new double[shards];
        _shardWeight = new T[shards];
        _loss = loss;
    }

    /// <summary>
    /// The parallel step for batches of <paramref name="batch"/> rows with <paramref name="threads"/> threads (0 for
    /// <see cref="ComputeSettings.MaxThreads"/>), or null when the step runs whole: one thread, or too little work to split.
    /// </summary>
    public static ParallelStep<T>? For(NeuralNetwork<T> network, Loss loss, int batch, int threads)
    {
        if (threads <= 0)
        {
            threads = Math.Min(ComputeSettings.MaxThreads, Environment.ProcessorCount);
        }

        int shards = Math.Min(threads, batch / MinShardRows);
        return shards < 2 || (long)batch * network.ParameterCount < MinWork ? null : new ParallelStep<T>(network, loss, shards);
    }

    /// <summary>
    /// Forward and backward pass on the rows order[start .. start + rows) of (<paramref name="x"/>, <paramref name="y"/>):
    /// leaves each shard's gradients for <see cref="Update"/> and returns the batch's loss. With
    /// <paramref name="sameRows"/> the rows are those of the previous call and are not gathered again (full batch).
    /// </summary>
    public double ComputeGradients(Matrix<T> x, Matrix<T> y, int[] order, int start, int rows, bool sameRows)
    {
        int shards = Math.Clamp(rows / MinShardRows, 1, _replicas.Length);
        _gather = !sameRows || shards != _shards || _x != x;
        _shards = shards;
        for (int s = 0, first = start; s < shards; s++)
        {
            int count = rows / shards + (s < rows % shards ? 1 : 0);
            _shardStart[s] = first;
            _shardData[s] = _buffers[s].For(count);
            _shardWeight[s] = _loss.Reduction == Reduction.Mean ? T.CreateChecked((double)count / rows) : T.One;
            first += count;
        }

        (_x, _y, _order) = (x, y, order);
        Run(updating: false);
        double total = 0;
        for (int s = 0; s < shards; s++)
        {
            total += double.CreateChecked(_shardWeight[s]) * _shardLoss[s];
        }

        return total;
    }

    /// <summary>
    /// Combines the shards' gradients into the network's, adds λW when <paramref name="l2"/> &gt; 0 and λ₁ sign(W) when
    /// <paramref name="l1"/> &gt; 0, and takes one
    /// optimizer step: on every thread's range at once when the optimizer's update is element-wise
    /// (<see cref="Optimizer.UpdatesElementwise"/>), else on the calling thread once the gradients are combined.
    /// </summary>
    public void Update(Optimizer optimizer, double l2, double l1 = 0)
    {
        _lambda = T.CreateChecked(l2);
        _lambda1 = T.CreateChecked(l1);
        if (optimizer.UpdatesElementwise)
        {
            optimizer.BeginStep();
            _optimizer = optimizer;
            Run(updating: true);
            _optimizer = null;
        }
        else
        {
            Run(updating: true);
            optimizer.Step(_replicas[0].Parameters);
        }
    }

    /// <summary>
    /// Combines the shards' gradients into the network's and adds λW when <paramref name="l2"/> &gt; 0, without a step: the
    /// full-batch solvers read the gradient and move the parameters themselves.
    /// </summary>
    public void Combine(double l2)
    {
        _lambda = T.CreateChecked(l2);
        _lambda1 = T.Zero;
        Run(updating: true);
    }

    /// <inheritdoc/>
    public override void Execute()
    {
        for (int item; (item = Interlocked.Increment(ref _next) - 1) < _shards;)
        {
            try
            {
                if (_updating)
                {
                    UpdateRange(item);
                }
                else
                {
                    ComputeShard(item);
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
            }
        }
    }

    private void Run(bool updating)
    {
        _updating = updating;
        _next = 0;
        _failure = null;

        // More shards than cores (an explicit thread count) give the same results on fewer threads: they take turns.
        // One shard runs on this thread alone, so that its products can still use the pool.
        if (_shards == 1 || !GemmThreadPool.TryRun(this, Math.Min(_shards, Environment.ProcessorCount)))
        {
            Execute();
        }

        _failure?.Throw();
    }

    private void ComputeShard(int s)
    {
        var (xs, ys) = _shardData[s];
        if (_gather)
        {
            var indices = _order.AsSpan(_shardStart[s], xs.Rows);
            _x!.GatherRows(indices, xs);
            _y!.GatherRows(indices, ys);
        }

        _shardLoss[s] = double.CreateChecked(_replicas[s].ComputeGradients(xs, ys, _loss));
    }

    /// <summary>Thread <paramref name="part"/>'s share of the update: its range of every parameter, combined, penalized and stepped.</summary>
    private void UpdateRange(int part)
    {
        var parameters = _replicas[0].Parameters;
        // Last layer first, so that this thread's part of W^[1], which the next forward pass reads first, is the part
        // most likely still in its cache.
        for (int i = parameters.Count - 1; i >= 0; i--)
        {
            var parameter = parameters[i];
            int length = parameter.Value.Length;
            int end = Boundary(length, part + 1);

            // Chunk by chunk, so that the combined gradient and the optimizer's state are still in L1 when the
            // optimizer's passes read them: one trip through memory per array instead of one per pass.
            for (int start = Boundary(length, part); start < end; start += UpdateChunk)
            {
                int count = Math.Min(UpdateChunk, end - start);
                if (_shards > 1)
                {
                    var g = parameter.Gradient.AsSpan().Slice(start, count);
                    if (_shardWeight[0] != T.One)
                    {
                        TensorPrimitives.Multiply(g, _shardWeight[0], g);
                    }

                    for (int s = 1; s < _shards; s++)
                    {
                        TensorPrimitives.MultiplyAdd(_replicas[s].Parameters[i].Gradient.AsReadOnlySpan().Slice(start, count), _shardWeight[s], g, g);
                    }
                }

                if (_lambda > T.Zero)
                {
                    Trainer.AddL2Gradient(parameter, _lambda, start, count);
                }

                if (_lambda1 > T.Zero)
                {
                    Trainer.AddL1Gradient(parameter, _lambda1, start, count);
                }

                _optimizer?.UpdateRange(parameter, start, count);
            }
        }
    }

    private int Boundary(int length, int part) =>
        part >= _shards ? length : Math.Min(length, (int)((long)length * part / _shards / RangeAlignment * RangeAlignment));
}
