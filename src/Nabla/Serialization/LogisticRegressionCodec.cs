using System.Numerics;
using System.Text.Json.Nodes;
using Nabla.Estimators;
using Nabla.Linear;
using Nabla.Training;

namespace Nabla.Serialization;

/// <summary>
/// <see cref="LogisticRegression{T, TLabel}"/>: its options; the coefficients W (u × d) and intercepts b (u), u = 1 for two
/// classes (the weights of the second class) or K (multinomial); and how training ended: the stop reason, the iterations,
/// ‖∇J‖∞ and the objective J after each iteration, starting with J(0).
/// </summary>
internal sealed class LogisticRegressionCodec : IClassifierCodec
{
    private static readonly (LogisticRegressionSolver Value, string Name)[] Solvers =
        [(LogisticRegressionSolver.Lbfgs, "lbfgs"), (LogisticRegressionSolver.GradientDescent, "gradient-descent")];

    private static readonly (OptimizationStopReason Value, string Name)[] StopReasons =
    [
        (OptimizationStopReason.GradientTolerance, "gradient-tolerance"),
        (OptimizationStopReason.MaxIterations, "max-iterations"),
        (OptimizationStopReason.LineSearchFailed, "line-search-failed"),
        (OptimizationStopReason.NotFinite, "not-finite"),
    ];

    // The option each hyperparameter sets, so that an out-of-range value is reported under its field name.
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        [nameof(LogisticRegressionOptions.Solver)] = "solver",
        [nameof(LogisticRegressionOptions.L2Penalty)] = "l2",
        [nameof(LogisticRegressionOptions.Threshold)] = "threshold",
        [nameof(LogisticRegressionOptions.MaxIterations)] = "max_iterations",
        [nameof(LogisticRegressionOptions.Tolerance)] = "tolerance",
        [nameof(LogisticRegressionOptions.LearningRate)] = "learning_rate",
        [nameof(LogisticRegressionOptions.BatchSize)] = "batch_size",
        [nameof(LogisticRegressionOptions.HistorySize)] = "history_size",
    };

    public string ModelType => "logistic";

    public bool TryWrite<T, TLabel>(Classifier<T, TLabel> model, JsonObject hyperparameters, JsonObject parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull
    {
        if (model is not LogisticRegression<T, TLabel> m)
        {
            return false;
        }

        var o = m.Options;
        hyperparameters["solver"] = SolverName(o.Solver);
        hyperparameters["l2"] = o.L2Penalty;
        hyperparameters["threshold"] = o.Threshold;
        hyperparameters["fit_intercept"] = o.FitIntercept;
        hyperparameters["max_iterations"] = o.MaxIterations;
        hyperparameters["tolerance"] = o.Tolerance;
        hyperparameters["learning_rate"] = o.LearningRate;
        hyperparameters["batch_size"] = o.BatchSize;
        hyperparameters["seed"] = o.Seed;
        hyperparameters["history_size"] = o.HistorySize;
        parameters["coefficients"] = JsonValues.Rows(m.Coefficients);
        parameters["intercepts"] = JsonValues.Vector<T>(m.Intercepts.ToArray());
        parameters["stop_reason"] = StopReasonName(m.StopReason);
        parameters["iterations"] = m.Iterations;
        parameters["gradient_norm"] = double.IsFinite(m.GradientNorm) ? m.GradientNorm : null;
        parameters["loss_history"] = JsonValues.Doubles(m.LossHistory);
        return true;
    }

    public Classifier<T, TLabel> Read<T, TLabel>(JsonSection hyperparameters, JsonSection parameters, TLabel[] classes, int featureCount, TrainingHistory? history)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull
    {
        var options = ReadOptions(hyperparameters);
        int units = classes.Length == 2 ? 1 : classes.Length;
        var coefficients = parameters.Matrix<T>("coefficients", units, featureCount);
        var intercepts = parameters.Vector<T>("intercepts", units);
        if (!options.FitIntercept)
        {
            for (int k = 0; k < units; k++)
            {
                if (intercepts[k] != T.Zero)
                {
                    throw parameters.Fail($"intercepts[{k}]", $"is {ModelFile.Text(double.CreateTruncating(intercepts[k]))}, but the model was fitted without intercepts (hyperparameters.fit_intercept is false), so it must be 0");
                }
            }
        }

        string reasonText = parameters.String("stop_reason");
        var reason = StopReasons.FirstOrDefault(s => s.Name == reasonText);
        if (reason.Name is null)
        {
            throw parameters.Fail("stop_reason", $"is '{reasonText}', not one of {string.Join(", ", StopReasons.Select(s => s.Name))}");
        }

        int iterations = parameters.Int("iterations", 0, options.MaxIterations);
        double gradientNorm = parameters.OptionalDouble("gradient_norm") ?? double.NaN;
        if (gradientNorm < 0)
        {
            throw parameters.Fail("gradient_norm", $"is {ModelFile.Text(gradientNorm)} but a norm is 0 or more");
        }

        // J(0) and one value per iteration; J is a mean log-loss plus a penalty, never negative.
        var losses = parameters.Vector<double>("loss_history", iterations + 1);
        for (int i = 0; i < losses.Length; i++)
        {
            if (losses[i] < 0)
            {
                throw parameters.Fail($"loss_history[{i}]", $"is {ModelFile.Text(losses[i])} but the objective (log-loss plus penalty) is 0 or more");
            }
        }

        try
        {
            return LogisticRegression<T, TLabel>.Restore(options, classes, featureCount, coefficients, intercepts, reason.Value, iterations, gradientNorm, losses);
        }
        catch (ArgumentException e)
        {
            throw parameters.Fail("", $"do not fit together ({e.Message.Split(" (Parameter")[0].TrimEnd('.')})");
        }
    }

    private static string SolverName(LogisticRegressionSolver solver) => Solvers.First(s => s.Value == solver).Name;

    private static string StopReasonName(OptimizationStopReason reason) => StopReasons.First(s => s.Value == reason).Name;

    private static LogisticRegressionOptions ReadOptions(JsonSection h)
    {
        string solverText = h.String("solver");
        var solver = Solvers.FirstOrDefault(s => s.Name == solverText);
        if (solver.Name is null)
        {
            throw h.Fail("solver", $"is '{solverText}', not one of {string.Join(", ", Solvers.Select(s => s.Name))}");
        }

        var options = new LogisticRegressionOptions
        {
            Solver = solver.Value,
            L2Penalty = h.Double("l2"),
            Threshold = h.Double("threshold"),
            FitIntercept = h.Bool("fit_intercept"),
            MaxIterations = h.Int("max_iterations"),
            Tolerance = h.Double("tolerance"),
            LearningRate = h.Double("learning_rate"),
            BatchSize = h.Int("batch_size"),
            Seed = h.Int("seed"),
            HistorySize = h.Int("history_size"),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            string field = e.ParamName is { } name && Fields.TryGetValue(name, out var f) ? f : "";
            throw h.Fail(field, $"{(field.Length == 0 ? "hold" : "is")} a value out of range ({e.Message.Split(" (Parameter")[0].TrimEnd('.')})");
        }

        return options;
    }
}
