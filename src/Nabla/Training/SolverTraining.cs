using System.Globalization;
using System.Numerics;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;

namespace Nabla.Training;

/// <summary>
/// The full-batch solvers' side of <see cref="Trainer"/>: the model's parameters flattened into θ and the objective
/// F(θ) = L(θ) + (λ/2)‖W‖² on all training rows (<see cref="NetworkObjective{T}"/>), minimized by L-BFGS, Levenberg–Marquardt,
/// RPROP or scaled conjugate gradient. Each iteration is one record of the history, with what the gradient-descent loop
/// gives an epoch: the validation loss and early stopping, progress, the stopping condition, cancellation and the
/// divergence checks.
/// </summary>
internal static class SolverTraining
{
    /// <summary>Levenberg–Marquardt solves an n × n system per step (n parameters): above this it would take minutes an iteration.</summary>
    internal const int MaxLevenbergMarquardtParameters = 2000;

    /// <summary>Trains on rows <paramref name="order"/> of (<paramref name="x"/>, <paramref name="y"/>) with <see cref="TrainingOptions.Solver"/>.</summary>
    public static TrainingHistory Run<T>(
        ITrainable<T> model, Matrix<T> x, Matrix<T> y, int[] order, Loss loss, TrainingOptions options, Matrix<T>? validationX, Matrix<T>? validationY, int[]? validationRows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var solver = options.Solver;
        var network = model as NeuralNetwork<T>;
        if (solver == TrainingSolver.LevenbergMarquardt)
        {
            RequireLeastSquares(network, loss);
        }

        if (order.Length < x.Rows)
        {
            (x, y) = (x.SelectRows(order), y.SelectRows(order));
        }

        var history = new TrainingHistory { Unit = UnitOf(solver) };
        if (options.CancellationToken.IsCancellationRequested)
        {
            history.Cancelled = true;
            return history;
        }

        var objective = new NetworkObjective<T>(model, x, y, loss, options.L2, options.Threads);
        var buffers = new BatchBuffers<T>(x.Columns, y.Columns);
        var early = validationX is null ? null : new EarlyStopping<T>(model, options);
        bool stoppedEarly = false;

        bool AfterIteration(int iteration, double value, ReadOnlySpan<double> point)
        {
            // The parameters hold the iteration's point (a solver may have evaluated elsewhere since).
            objective.Write(point);
            double dataLoss = value - objective.Penalty(point);
            EpochRecord record;
            if (early is null)
            {
                record = new EpochRecord(iteration, dataLoss);
                history.BestEpoch = iteration;
            }
            else
            {
                var (validationLoss, accuracy) = Trainer.Validate(model, validationX!, validationY!, validationRows!, loss, buffers, options.TrackAccuracy);
                if (!double.IsFinite(validationLoss))
                {
                    throw Diverged(solver, iteration, $"the validation loss became {validationLoss.ToString(CultureInfo.InvariantCulture)}", options);
                }

                record = new EpochRecord(iteration, dataLoss, validationLoss, accuracy);
            }

            history.Add(record);
            bool stop = early?.Observe(model, record) ?? false;
            options.Progress?.Report(record);
            stop |= options.StopWhen?.Invoke(record) ?? false;
            stoppedEarly |= stop;
            if (options.CancellationToken.IsCancellationRequested)
            {
                history.Cancelled = true;
                stop = true;
            }

            return stop;
        }

        var start = objective.Point();
        int limit = options.Epochs;
        double tolerance = options.Tolerance;
        var result = solver switch
        {
            TrainingSolver.Lbfgs => Lbfgs.Minimize(objective.Evaluate, start,
                new LbfgsOptions { HistorySize = options.HistorySize, MaxIterations = limit, GradientTolerance = tolerance }, AfterIteration),
            TrainingSolver.LevenbergMarquardt => LevenbergMarquardt.Minimize(
                new NetworkLeastSquares<T>(network!, x, y, loss, options.L2), start, options.LevenbergMarquardt, limit, tolerance, AfterIteration),
            TrainingSolver.Rprop => Rprop.Minimize(objective.Evaluate, start, options.Rprop, limit, tolerance, AfterIteration),
            _ => ScaledConjugateGradient.Minimize(objective.Evaluate, start, options.ScaledConjugateGradient, limit, tolerance, AfterIteration),
        };

        if (result.StopReason == OptimizationStopReason.NotFinite)
        {
            throw Diverged(solver, Math.Max(result.Iterations, 1), $"the loss became {result.Value.ToString(CultureInfo.InvariantCulture)}", options);
        }

        objective.Write(result.Point);
        history.StopReason = result.StopReason;
        history.GradientNorm = result.GradientNorm;
        history.StoppedEarly = stoppedEarly && !history.Cancelled && history.Epochs.Count < options.Epochs;
        if (early is not null)
        {
            early.Finish(model, history);
        }
        else
        {
            history.BestEpoch = history.Epochs.Count;
        }

        foreach (var p in model.Parameters)
        {
            if (!p.Value.IsFinite())
            {
                throw Diverged(solver, history.Epochs.Count, $"the parameters {p.Name} became NaN or infinite", options);
            }
        }

        return history;
    }

    /// <summary>What one record of a solver's history is: <c>L-BFGS iteration</c>, <c>LM iteration</c>, <c>RPROP iteration</c>, <c>SCG iteration</c>.</summary>
    internal static string UnitOf(TrainingSolver solver) => solver switch
    {
        TrainingSolver.Lbfgs => "L-BFGS iteration",
        TrainingSolver.LevenbergMarquardt => "LM iteration",
        TrainingSolver.Rprop => "RPROP iteration",
        TrainingSolver.ScaledConjugateGradient => "SCG iteration",
        _ => "epoch",
    };

    /// <summary>
    /// Levenberg–Marquardt needs residuals: a squared-error loss (mse or half-squared-error) on a <see cref="NeuralNetwork{T}"/>
    /// whose n × n system is small enough to solve at every step.
    /// </summary>
    /// <exception cref="ArgumentException">One of them is not so; the message names what to change.</exception>
    internal static void RequireLeastSquares<T>(NeuralNetwork<T>? network, Loss loss)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (loss is not (MeanSquaredErrorLoss or HalfSquaredErrorLoss))
        {
            throw new ArgumentException(
                $"Levenberg–Marquardt minimizes a sum of squared errors, not {loss.Name}: train with mse or half-squared-error (MeanSquaredErrorLoss, HalfSquaredErrorLoss), or choose another solver (lbfgs, scg or rprop).",
                nameof(loss));
        }

        if (network is null)
        {
            throw new ArgumentException("Levenberg–Marquardt builds the Jacobian of a NeuralNetwork's outputs; train this model with another solver (lbfgs, scg or rprop).", "model");
        }

        if (network.ParameterCount > MaxLevenbergMarquardtParameters)
        {
            throw new ArgumentException(
                $"Levenberg–Marquardt solves a system of one equation per parameter at every step; this network has {network.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)} parameters, more than its limit of {MaxLevenbergMarquardtParameters.ToString("N0", CultureInfo.InvariantCulture)}. Use fewer hidden units, or another solver (lbfgs or scg).",
                "model");
        }
    }

    private static TrainingDivergedException Diverged(TrainingSolver solver, int iteration, string what, TrainingOptions options)
    {
        string remedy = solver switch
        {
            TrainingSolver.Rprop => $"Lower the largest step Δmax (now {options.Rprop.MaximumStep.ToString(CultureInfo.InvariantCulture)}), or standardize the features.",
            _ => "Standardize the features (and, for regression, the targets), or raise the L2 penalty.",
        };
        return new TrainingDivergedException(iteration, $"Training diverged in {UnitOf(solver)} {iteration}: {what}. {remedy}");
    }
}
