using System.Numerics;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;

namespace Nabla.Training;

/// <summary>Trains a <see cref="NeuralNetwork{T}"/> by (mini-batch) gradient descent: forward pass, backward pass, optimizer step.</summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="network"/> on inputs <paramref name="x"/> (n × m^[0]) and targets <paramref name="y"/> (n × m^[L])
    /// and returns the loss per epoch. Deterministic for a given seed.
    /// </summary>
    /// <exception cref="ArgumentException">Shapes do not fit the network, the data is empty, or it holds NaN or infinity.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public static TrainingHistory Train<T>(NeuralNetwork<T> network, Matrix<T> x, Matrix<T> y, Loss loss, TrainingOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        options ??= new TrainingOptions();
        options.Validate();
        CheckData(network, x, y);

        int n = x.Rows;
        int batch = options.BatchSize is int b && b > 0 ? Math.Min(b, n) : n;
        bool fullBatch = batch == n;
        var random = new Random(options.Seed);
        int[] order = Enumerable.Range(0, n).ToArray();
        var history = new TrainingHistory();
        var batches = new BatchBuffers<T>(x.Columns, y.Columns);

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            if (!fullBatch && options.Shuffle)
            {
                random.Shuffle(order);
            }

            options.Optimizer.BeginEpoch(epoch, options.Epochs);
            double total = 0;
            for (int start = 0; start < n; start += batch)
            {
                if (options.CancellationToken.IsCancellationRequested)
                {
                    history.Cancelled = true;
                    return history;
                }

                int rows = Math.Min(batch, n - start);
                Matrix<T> xb = x, yb = y;
                if (!fullBatch)
                {
                    (xb, yb) = batches.For(rows);
                    var indices = order.AsSpan(start, rows);
                    x.GatherRows(indices, xb);
                    y.GatherRows(indices, yb);
                }

                double batchLoss = double.CreateChecked(network.ComputeGradients(xb, yb, loss));
                if (!double.IsFinite(batchLoss))
                {
                    throw Diverged(epoch, batchLoss, options.Optimizer);
                }

                total += loss.Reduction == Reduction.Mean ? batchLoss * rows : batchLoss;
                options.Optimizer.Step(network.Parameters);
            }

            double epochLoss = loss.Reduction == Reduction.Mean ? total / n : total;
            var record = new EpochRecord(epoch, epochLoss);
            history.Add(record);
            history.BestEpoch = epoch;
            options.Progress?.Report(record);
        }

        foreach (var p in network.Parameters)
        {
            if (!p.Value.IsFinite())
            {
                throw Diverged(options.Epochs, double.NaN, options.Optimizer);
            }
        }

        return history;
    }

    internal static void CheckData<T>(NeuralNetwork<T> network, Matrix<T> x, Matrix<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rows == 0)
        {
            throw new ArgumentException("The training data has no rows: give at least one sample.", nameof(x));
        }

        if (x.Columns != network.InputSize)
        {
            throw new ArgumentException($"The network takes {network.InputSize} features per sample, but the inputs are {x.Shape}.", nameof(x));
        }

        if (y.Rows != x.Rows || y.Columns != network.OutputSize)
        {
            throw new ArgumentException(
                $"The targets are {y.Shape} but must be {x.Rows}×{network.OutputSize}: one row per input row and one column per output unit.", nameof(y));
        }

        RequireFinite(x, "inputs", nameof(x));
        RequireFinite(y, "targets", nameof(y));
    }

    private static void RequireFinite<T>(Matrix<T> m, string what, string parameterName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = m.AsReadOnlySpan();
        for (int i = 0; i < data.Length; i++)
        {
            if (!T.IsFinite(data[i]))
            {
                throw new ArgumentException(
                    $"The {what} hold {data[i]} at row {i / m.Columns}, column {i % m.Columns}: every value must be a finite number. Remove or impute missing values first.",
                    parameterName);
            }
        }
    }

    private static TrainingDivergedException Diverged(int epoch, double loss, Optimizer optimizer) =>
        new(epoch,
            $"Training diverged in epoch {epoch}: the loss became {loss}. Lower the learning rate (now {optimizer.LearningRate}), for example to {optimizer.LearningRate / 10}, or standardize the features.");

    /// <summary>Reused mini-batch matrices: one pair per batch size seen (the full size and the last, smaller batch).</summary>
    private sealed class BatchBuffers<T>(int xColumns, int yColumns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Dictionary<int, (Matrix<T> X, Matrix<T> Y)> _buffers = [];

        public (Matrix<T> X, Matrix<T> Y) For(int rows)
        {
            if (!_buffers.TryGetValue(rows, out var pair))
            {
                pair = (new Matrix<T>(rows, xColumns), new Matrix<T>(rows, yColumns));
                _buffers[rows] = pair;
            }

            return pair;
        }
    }
}
