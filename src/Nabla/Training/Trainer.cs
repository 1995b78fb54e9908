using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Sampling;
using Nabla.Tensors;

namespace Nabla.Training;

/// <summary>
/// Trains any <see cref="ITrainable{T}"/> (a <see cref="NeuralNetwork{T}"/>, or logistic regression's one-layer network)
/// by (mini-batch) gradient descent: gradients of a batch, optimizer step; optionally with an L2 penalty, a validation
/// set, early stopping, a stopping condition, progress reports and cancellation.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="model"/> on inputs <paramref name="x"/> (n × m^[0]) and targets <paramref name="y"/> (n × m^[L])
    /// and returns the loss per epoch. Deterministic for a given seed (and thread count).
    /// </summary>
    /// <remarks>
    /// With <see cref="TrainingOptions.ValidationFraction"/> &gt; 0 (or explicit validation data) the validation loss is measured
    /// after every epoch; training stops after <see cref="TrainingOptions.Patience"/> epochs without improvement, and the model
    /// ends with the parameters of the best epoch (<see cref="TrainingHistory.BestEpoch"/>).
    /// </remarks>
    /// <param name="model">The model (a network), trained in place.</param>
    /// <param name="x">Training inputs.</param>
    /// <param name="y">Training targets.</param>
    /// <param name="loss">The loss to minimize.</param>
    /// <param name="options">How to train; defaults when null.</param>
    /// <param name="validationX">Validation inputs (then <see cref="TrainingOptions.ValidationFraction"/> is not used).</param>
    /// <param name="validationY">Validation targets, one row per row of <paramref name="validationX"/>.</param>
    /// <exception cref="ArgumentException">Shapes do not fit the model, the data is empty, or it holds NaN or infinity.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public static TrainingHistory Train<T>(
        ITrainable<T> model, Matrix<T> x, Matrix<T> y, Loss loss, TrainingOptions? options = null, Matrix<T>? validationX = null, Matrix<T>? validationY = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        options ??= new TrainingOptions();
        options.Validate();
        CheckData(model, x, y);
        if ((validationX is null) != (validationY is null))
        {
            throw new ArgumentException("Give both validation inputs and validation targets, or neither.", validationX is null ? nameof(validationX) : nameof(validationY));
        }

        // A network's gradient passes run in training mode (a randomized leaky ReLU draws its slopes, from the training
        // seed); its loss evaluations, validation and early stopping stay in inference mode.
        var network = model as NeuralNetwork<T>;
        bool wasTraining = network?.Training ?? false;
        if (network is not null)
        {
            network.Training = true;
            network.SeedNoise(options.Seed);
        }

        try
        {
            return Run(model, x, y, loss, options, validationX, validationY);
        }
        finally
        {
            if (network is not null)
            {
                network.Training = wasTraining;
            }
        }
    }

    private static TrainingHistory Run<T>(ITrainable<T> model, Matrix<T> x, Matrix<T> y, Loss loss, TrainingOptions options, Matrix<T>? validationX, Matrix<T>? validationY)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The rows trained on and the rows validated on, as indices into the matrices: a validation split copies no data.
        int[] order = [.. Enumerable.Range(0, x.Rows)];
        int[]? validationRows = null;
        if (validationX is not null)
        {
            CheckData(model, validationX, validationY!, "validation ");
            validationRows = [.. Enumerable.Range(0, validationX.Rows)];
        }
        else if (options.ValidationFraction > 0)
        {
            (order, validationRows) = SplitValidation(x.Rows, options.ValidationFraction, options.Seed);
            (validationX, validationY) = (x, y);
        }

        if (options.Solver != TrainingSolver.GradientDescent)
        {
            return SolverTraining.Run(model, x, y, order, loss, options, validationX, validationY, validationRows);
        }

        int n = order.Length;
        int batch = options.BatchSize is int b && b > 0 ? Math.Min(b, n) : n;
        bool fullBatch = batch == n;
        if (fullBatch && n < x.Rows)
        {
            // Every step takes all training rows in order, as one matrix.
            (x, y) = (x.SelectRows(order), y.SelectRows(order));
            order = [.. Enumerable.Range(0, n)];
        }

        var random = new Random(options.Seed);
        var history = new TrainingHistory();
        var batches = new BatchBuffers<T>(x.Columns, y.Columns);
        var early = validationX is null ? null : new EarlyStopping<T>(model, options);

        // Only a network can make the replicas the sharded step needs (see ITrainable); anything else runs whole.
        var parallel = model is NeuralNetwork<T> network ? ParallelStep<T>.For(network, loss, batch, options.Threads) : null;

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
                    early?.Finish(model, history);
                    return history;
                }

                int rows = Math.Min(batch, n - start);
                double batchLoss;
                if (parallel is not null)
                {
                    batchLoss = parallel.ComputeGradients(x, y, order, start, rows, sameRows: fullBatch);
                }
                else
                {
                    var (xb, yb) = fullBatch ? (x, y) : batches.Gather(x, y, order.AsSpan(start, rows));
                    batchLoss = double.CreateChecked(model.ComputeGradients(xb, yb, loss));
                }

                if (!double.IsFinite(batchLoss))
                {
                    throw Diverged(epoch, $"the loss became {batchLoss}", options.Optimizer);
                }

                total += loss.Reduction == Reduction.Mean ? batchLoss * rows : batchLoss;
                if (parallel is not null)
                {
                    parallel.Update(options.Optimizer, options.L2, options.L1);
                }
                else
                {
                    if (options.L2 > 0 || options.L1 > 0)
                    {
                        AddPenaltyGradient(model.Parameters, options.L2, options.L1);
                    }

                    options.Optimizer.Step(model.Parameters);
                }
            }

            double epochLoss = loss.Reduction == Reduction.Mean ? total / n : total;
            EpochRecord record;
            if (early is null)
            {
                record = new EpochRecord(epoch, epochLoss);
                history.BestEpoch = epoch;
            }
            else
            {
                var (validationLoss, accuracy) = Validate(model, validationX!, validationY!, validationRows!, loss, batches, options.TrackAccuracy);
                if (!double.IsFinite(validationLoss))
                {
                    throw Diverged(epoch, $"the validation loss became {validationLoss}", options.Optimizer);
                }

                record = new EpochRecord(epoch, epochLoss, validationLoss, accuracy);
            }

            history.Add(record);
            bool stop = early?.Observe(model, record) ?? false;
            options.Progress?.Report(record);
            stop |= options.StopWhen?.Invoke(record) ?? false;
            if (stop)
            {
                history.StoppedEarly = epoch < options.Epochs;
                break;
            }
        }

        early?.Finish(model, history);
        foreach (var p in model.Parameters)
        {
            if (!p.Value.IsFinite())
            {
                throw Diverged(history.Epochs.Count, $"the parameters {p.Name} became NaN or infinite", options.Optimizer);
            }
        }

        return history;
    }

    /// <summary>Rows of the validation set measured at a time, so that its workspaces stay small whatever its size.</summary>
    internal const int ValidationBlockRows = 4096;

    /// <summary>
    /// Splits rows 0 … n − 1 at random (seeded) into training rows and round(n · <paramref name="fraction"/>) validation rows;
    /// both keep the rows' original order.
    /// </summary>
    /// <exception cref="ArgumentException">Either part would be empty.</exception>
    internal static (int[] Training, int[] Validation) SplitValidation(int n, double fraction, int seed)
    {
        int held = (int)Math.Round(n * fraction, MidpointRounding.AwayFromZero);
        if (held < 1 || held >= n)
        {
            throw new ArgumentException(
                $"A validation fraction of {fraction} of {n} rows leaves {(held < 1 ? "no validation rows" : "no training rows")}: use more data or a fraction between {1.0 / n:0.###} and {(n - 1.0) / n:0.###}.",
                "fraction");
        }

        // A seed of its own, so the split does not shift the shuffling sequence of the epochs.
        return DataSplit.TrainTest(n, fraction, unchecked(seed * 7919 + 104729));
    }

    // The loss (and accuracy) on the validation rows, a block of rows at a time; one block when they fit in one, as the whole
    // matrix itself when they are all its rows.
    internal static (double Loss, double? Accuracy) Validate<T>(
        ITrainable<T> model, Matrix<T> x, Matrix<T> y, int[] rows, Loss loss, BatchBuffers<T> buffers, bool trackAccuracy)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = rows.Length;
        if (n == x.Rows && n <= ValidationBlockRows)
        {
            double whole = double.CreateChecked(model.Evaluate(x, y, loss));
            return (whole, trackAccuracy ? (double)CorrectRows(model.Output, y) / n : null);
        }

        double total = 0;
        int correct = 0;
        for (int start = 0; start < n; start += ValidationBlockRows)
        {
            int count = Math.Min(ValidationBlockRows, n - start);
            var (xb, yb) = buffers.Gather(x, y, rows.AsSpan(start, count));
            double blockLoss = double.CreateChecked(model.Evaluate(xb, yb, loss));
            total += loss.Reduction == Reduction.Mean ? blockLoss * count : blockLoss;
            correct += trackAccuracy ? CorrectRows(model.Output, yb) : 0;
        }

        return (loss.Reduction == Reduction.Mean ? total / n : total, trackAccuracy ? (double)correct / n : null);
    }

    internal static void CheckData<T>(ITrainable<T> model, Matrix<T> x, Matrix<T> y, string what = "")
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rows == 0)
        {
            throw new ArgumentException($"The {what}training data has no rows: give at least one sample.", nameof(x));
        }

        if (x.Columns != model.InputSize)
        {
            throw new ArgumentException($"The network takes {model.InputSize} features per sample, but the {what}inputs are {x.Shape}.", nameof(x));
        }

        if (y.Rows != x.Rows || y.Columns != model.OutputSize)
        {
            throw new ArgumentException(
                $"The {what}targets are {y.Shape} but must be {x.Rows}×{model.OutputSize}: one row per input row and one column per output unit.", nameof(y));
        }

        RequireFinite(x, what + "inputs", nameof(x));
        RequireFinite(y, what + "targets", nameof(y));
    }

    /// <summary>The fraction of rows whose output and target name the same class (see <see cref="TrainingOptions.TrackAccuracy"/>).</summary>
    internal static double Accuracy<T>(Matrix<T> output, Matrix<T> target)
        where T : unmanaged, IFloatingPointIeee754<T> => output.Rows == 0 ? 0 : (double)CorrectRows(output, target) / output.Rows;

    private static int CorrectRows<T>(Matrix<T> output, Matrix<T> target)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int correct = 0;
        T half = T.CreateChecked(0.5);
        for (int i = 0; i < output.Rows; i++)
        {
            var a = output.Row(i);
            var t = target.Row(i);
            bool right = a.Length == 1
                ? (a[0] >= half) == (t[0] >= half)
                : TensorPrimitives.IndexOfMax<T>(a) == TensorPrimitives.IndexOfMax<T>(t);
            if (right)
            {
                correct++;
            }
        }

        return correct;
    }

    private static void AddPenaltyGradient<T>(IReadOnlyList<Parameter<T>> parameters, double l2, double l1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T lambda = T.CreateChecked(l2), lambda1 = T.CreateChecked(l1);
        for (int i = 0; i < parameters.Count; i++)
        {
            if (lambda > T.Zero)
            {
                AddL2Gradient(parameters[i], lambda, 0, parameters[i].Value.Length);
            }

            AddL1Gradient(parameters[i], lambda1, 0, parameters[i].Value.Length);
        }
    }

    /// <summary>∂L/∂W += λW on elements [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) of a weight matrix; biases are left alone.</summary>
    internal static void AddL2Gradient<T>(Parameter<T> parameter, T lambda, int start, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Weights only (W1, W2, …): penalizing biases would pull the decision boundary towards the origin.
        if (parameter.IsWeight)
        {
            var g = parameter.Gradient.AsSpan().Slice(start, length);
            TensorPrimitives.MultiplyAdd(parameter.Value.AsReadOnlySpan().Slice(start, length), lambda, g, g);
        }
    }

    /// <summary>∂L/∂W += λ₁ sign(W) on elements [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) of a weight matrix; biases are left alone.</summary>
    internal static void AddL1Gradient<T>(Parameter<T> parameter, T lambda, int start, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (parameter.IsWeight && lambda > T.Zero)
        {
            var w = parameter.Value.AsReadOnlySpan().Slice(start, length);
            var g = parameter.Gradient.AsSpan().Slice(start, length);
            for (int i = 0; i < g.Length; i++)
            {
                g[i] += lambda * T.CreateTruncating(T.Sign(w[i]));
            }
        }
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

    /// <summary>The exception for a run that diverged in <paramref name="epoch"/> because <paramref name="what"/>, with the advice to lower the learning rate.</summary>
    internal static TrainingDivergedException Diverged(int epoch, string what, Optimizer optimizer) =>
        new(epoch,
            $"Training diverged in epoch {epoch}: {what}. Lower the learning rate (now {optimizer.LearningRate.ToString(CultureInfo.InvariantCulture)}), for example to {(optimizer.LearningRate / 10).ToString(CultureInfo.InvariantCulture)}, or standardize the features.");
}
