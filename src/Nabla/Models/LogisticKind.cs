using System.Numerics;
using System.Text.Json.Nodes;
using Nabla.Estimators;
using Nabla.Linear;
using Nabla.Serialization;
using Nabla.Training;

namespace Nabla.Models;

/// <summary>
/// <c>logistic</c>: logistic regression (<see cref="LogisticRegression{T, TLabel}"/>), binary or multinomial. Its file
/// parameters are the coefficients W (u × d) and intercepts b (u), u = 1 for two classes (the weights of the second class)
/// or K, and how training ended: the stop reason, the iterations, ‖∇J‖∞ and J after each iteration, starting with J(0).
/// </summary>
public sealed class LogisticKind : ModelKind<LogisticRegressionOptions>
{
    private static readonly (OptimizationStopReason Value, string Name)[] StopReasons =
    [
        (OptimizationStopReason.GradientTolerance, "gradient-tolerance"),
        (OptimizationStopReason.MaxIterations, "max-iterations"),
        (OptimizationStopReason.LineSearchFailed, "line-search-failed"),
        (OptimizationStopReason.NotFinite, "not-finite"),
    ];

    /// <summary>Creates the description (use <see cref="ModelKinds.Logistic"/>).</summary>
    internal LogisticKind()
        : base(
            Bind(d => Hyperparameter.Choice("solver", d, ["lbfgs", "gd"], "lbfgs (L-BFGS on the whole training set, to convergence) or gd (gradient descent with learning_rate and batch_size)",
                    new Dictionary<string, string> { ["gradient-descent"] = "gd", ["l-bfgs"] = "lbfgs" }),
                o => o.Solver == LogisticRegressionSolver.Lbfgs ? "lbfgs" : "gd", (o, v) => o with { Solver = v == "gd" ? LogisticRegressionSolver.GradientDescent : LogisticRegressionSolver.Lbfgs }),
            Bind(d => SharedHyperparameters.L2(d, "λ in J = mean log-loss + (λ/2)‖W‖² (scikit-learn's C = 1/(λn)); auto: chosen by cross-validation",
                    "cross-validation over λ = 1/(C n), C = 1e-4 … 1e4, on 10 to 10,000 rows; 1/n outside"),
                o => o.L2Penalty, (o, v) => o with { L2Penalty = v }),
            Bind(d => SharedHyperparameters.ClassWeight(d, "how much each class's rows count in the log-loss; balanced weighs class k by n/(K nₖ), for imbalanced classes"),
                o => SharedHyperparameters.ClassWeightText(o.ClassWeights), (o, v) => o with { ClassWeights = SharedHyperparameters.ClassWeights(v) }),
            Bind(d => Hyperparameter.Real("threshold", d, 0, 1, "two classes: decide the second class when its probability exceeds this", openMin: true, openMax: true), o => o.Threshold, (o, v) => o with { Threshold = v }),
            Bind(d => Hyperparameter.Flag("fit_intercept", d, "learn the intercepts b (the weight of a constant input 1)"), o => o.FitIntercept, (o, v) => o with { FitIntercept = v }),
            Bind(d => SharedHyperparameters.Epochs(d, "the iteration limit: L-BFGS iterations, or gradient-descent epochs", "max_iterations"), o => o.MaxIterations, (o, v) => o with { MaxIterations = v }),
            Bind(d => SharedHyperparameters.Tolerance(d, "converged when ‖∇J‖∞ ≤ this"), o => o.Tolerance, (o, v) => o with { Tolerance = v }),
            Bind(d => SharedHyperparameters.LearningRate(d, "gd: α, the step size"), o => o.LearningRate, (o, v) => o with { LearningRate = v }),
            Bind(d => SharedHyperparameters.BatchSize(d, "gd: samples per step; 0 for the whole training set"), o => o.BatchSize, (o, v) => o with { BatchSize = v }),
            Bind(d => SharedHyperparameters.Optimizer(d, "gd: the update rule: sgd, momentum, nesterov, adam or adamw"),
                o => Optimizer.NameOf(o.Optimizer), (o, v) => o with { Optimizer = Optimizer.ParseKind(v) }),
            Bind(d => SharedHyperparameters.Momentum(d, "gd: μ of the momentum and nesterov optimizers"), o => o.Momentum, (o, v) => o with { Momentum = v }),
            Bind(d => SharedHyperparameters.Schedule(d, "gd: how the learning rate changes over the epochs"), o => o.Schedule.ToString()!, (o, v) => o with { Schedule = LearningRateSchedule.Parse(v) }),
            Bind(d => SharedHyperparameters.ValidationFraction(d, "gd: fraction of the training rows held out for early stopping; 0 to train until the tolerance or epochs"), o => o.ValidationFraction, (o, v) => o with { ValidationFraction = v }),
            Bind(d => SharedHyperparameters.Patience(d, "gd: stop after this many epochs without validation improvement, keeping the best epoch's parameters"), o => o.Patience, (o, v) => o with { Patience = v }),
            Bind(d => SharedHyperparameters.Threads(d, "gd: threads sharing each large step, 0 for every core; the summation order depends on it"), o => o.Threads, (o, v) => o with { Threads = v }),
            Bind(d => SharedHyperparameters.HistorySize(d, "lbfgs: m, the number of recent steps kept"), o => o.HistorySize, (o, v) => o with { HistorySize = v }),
            Bind(d => SharedHyperparameters.Seed(d, "gd: seed of the mini-batch shuffling"), o => o.Seed, (o, v) => o with { Seed = v }))
    {
    }

    /// <inheritdoc/>
    public override string Name => "logistic";

    /// <inheritdoc/>
    public override string Summary => "logistic regression: sigmoid for two classes, softmax for more, on the log-loss with an L2 penalty";

    /// <inheritdoc/>
    public override IReadOnlyList<ModelTask> Tasks { get; } = [ModelTask.Classification];

    /// <inheritdoc/>
    public override bool ReportsProgress => true;

    /// <inheritdoc/>
    public override Classifier<T, TLabel> CreateClassifier<T, TLabel>(HyperparameterValues values, FitControl? control = null) =>
        new LogisticRegression<T, TLabel>(ToOptions(values) with { Progress = control?.Progress, CancellationToken = control?.CancellationToken ?? default });

    /// <inheritdoc/>
    public override bool Describes<T, TLabel>(Classifier<T, TLabel> model) => model is LogisticRegression<T, TLabel>;

    /// <inheritdoc/>
    public override HyperparameterValues ValuesOf<T, TLabel>(Classifier<T, TLabel> model) => FromOptions(Cast(model).Options);

    /// <inheritdoc/>
    public override TrainingHistory? HistoryOf<T, TLabel>(Classifier<T, TLabel> model)
    {
        var m = Cast(model);
        bool lbfgs = m.Options.Solver == LogisticRegressionSolver.Lbfgs;
        return new TrainingHistory(m.LossHistory.Skip(1).Select((loss, i) => new EpochRecord(i + 1, loss)), m.StoppedEarly ? m.BestEpoch : m.Iterations, stoppedEarly: m.StoppedEarly, cancelled: m.Cancelled)
        {
            Unit = lbfgs ? "L-BFGS iteration" : "epoch",
            Quantity = "log-loss + L2 penalty",
        };
    }

    /// <inheritdoc/>
    public override string DescribeSetup(HyperparameterValues values, ModelShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var o = ToOptions(values);
        var classes = shape.Classes;
        string solver = o.Solver == LogisticRegressionSolver.Lbfgs
            ? "L-BFGS"
            : $"gradient descent{(o.Optimizer == OptimizerKind.Sgd ? "" : $" ({Optimizer.NameOf(o.Optimizer)})")} with learning rate {Hyperparameter.Text(o.LearningRate)}{(o.Schedule.Equals(LearningRateSchedule.Constant) ? "" : $" ({o.Schedule})")}, batch {DescriptionText.Batch(o.BatchSize)}";
        return (classes.Count == 2
                ? $"logistic regression (binary: P({classes[1]} | x) = σ(w·x + b), deciding {classes[1]} when it exceeds {Hyperparameter.Text(o.Threshold)})"
                : $"logistic regression (multinomial: P(k | x) = softmax(Wx + b)ₖ over {classes.Count} classes)")
            + $"; {solver}, L2 {(o.L2Penalty is { } l2 ? Hyperparameter.Text(l2) : AutoL2(shape.TrainingRows))}, at most {o.MaxIterations} iterations";
    }

    /// <inheritdoc/>
    public override IEnumerable<string> Notes(HyperparameterValues values, ModelShape shape, IReadOnlyCollection<string> given)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(given);
        var o = ToOptions(values);
        if (given.Contains("batch_size") && o.Solver == LogisticRegressionSolver.Lbfgs)
        {
            yield return "batch_size applies to solver gd; L-BFGS always uses the whole training set.";
        }

        if (given.Contains("threshold") && shape.Classes.Count > 2)
        {
            yield return $"threshold applies to two classes; with {shape.Classes.Count} classes logistic regression decides the most probable one.";
        }
    }

    /// <inheritdoc/>
    public override string? DescribeFit<T, TLabel>(Classifier<T, TLabel> model)
    {
        var m = Cast(model);
        string penalty = m.Options.L2Penalty is not null ? "" : ChosenL2(m) + " ";
        return penalty + DescribeStop(m);
    }

    // What l2 auto will do on this many rows (0: not known yet).
    private static string AutoL2(int rows) => rows == 0
        ? "auto (chosen by cross-validation)"
        : L2CrossValidation.NoSearchReason(rows) is { } reason
            ? $"auto: 1/n = {DescriptionText.Sci(L2CrossValidation.Default(rows))} (C = 1; {reason}, so no search)"
            : "auto (chosen by cross-validation among 10 values)";

    // The sentence that reports the λ that l2 auto chose, and how.
    private static string ChosenL2<T, TLabel>(LogisticRegression<T, TLabel> m)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull
    {
        if (m.L2Search is not { } search)
        {
            return $"L2 auto: λ = 1/n = {DescriptionText.Sci(m.L2Penalty)} (scikit-learn's C = 1).";
        }

        int best = search.Candidates.ToList().IndexOf(search.Chosen);
        return $"L2 auto: λ = {DescriptionText.Sci(search.Chosen)} chosen by {search.Folds}-fold cross-validation (held-out log-loss {DescriptionText.G(search.HeldOutLogLoss[best])}; "
            + $"{search.Candidates.Count} values from {DescriptionText.Sci(search.Candidates[0])} to {DescriptionText.Sci(search.Candidates[^1])}"
            + (best == 0 || best == search.Candidates.Count - 1 ? ", at an end of the range" : "") + ").";
    }

    private static string DescribeStop<T, TLabel>(LogisticRegression<T, TLabel> m)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull
    {
        string gradient = $"‖∇J‖∞ = {DescriptionText.Sci(m.GradientNorm)}";
        if (m.Cancelled)
        {
            return $"Stopped after {m.Iterations} iterations on request ({gradient}); the model holds the parameters reached.";
        }

        return m.StopReason switch
        {
            OptimizationStopReason.NotFinite => $"Stopped after {m.Iterations} iterations: the objective became infinite or NaN; lower learning_rate, or use solver lbfgs.",
            OptimizationStopReason.GradientTolerance => $"Converged after {m.Iterations} iterations: {gradient} ≤ {DescriptionText.Sci(m.Options.Tolerance)}.",
            OptimizationStopReason.LineSearchFailed => $"Stopped after {m.Iterations} iterations at the optimum to rounding precision ({gradient}).",
            _ => $"Did not converge in {m.Iterations} iterations ({gradient}, above {DescriptionText.Sci(m.Options.Tolerance)}): raise epochs"
                + (m.Options.Solver == LogisticRegressionSolver.GradientDescent ? " or learning_rate, or use solver lbfgs." : "."),
        };
    }

    /// <inheritdoc/>
    public override ModelDescription Describe<T, TLabel>(Classifier<T, TLabel> model, IReadOnlyList<string>? featureNames = null)
    {
        var m = Cast(model);
        var w = m.Coefficients;
        var b = m.Intercepts;
        var classes = m.Classes;
        string solver = m.Options.Solver == LogisticRegressionSolver.Lbfgs ? "L-BFGS" : "gradient descent";
        string gradient = DescriptionText.Sci(m.GradientNorm);
        string training = m.StopReason == OptimizationStopReason.GradientTolerance
            ? $"converged after {m.Iterations} {solver} iterations (‖∇J‖∞ = {gradient})"
            : $"stopped after {m.Iterations} {solver} iterations ({m.StopReason switch { OptimizationStopReason.MaxIterations => "iteration limit", OptimizationStopReason.NotFinite => "the objective became infinite or NaN", _ => "no further decrease to rounding precision" }}, ‖∇J‖∞ = {gradient})";
        var lines = new List<string>
        {
            m.IsMultinomial
                ? $"multinomial logistic regression over {m.FeatureCount} features: P(k | x) = softmax(Wx + b)ₖ for the {classes.Count} classes; {training}"
                : $"logistic regression over {m.FeatureCount} features: P({classes[1]} | x) = σ(w·x + b), deciding {classes[1]} when it exceeds {Hyperparameter.Text(m.Options.Threshold)}; {training}",
        };
        if (m.Options.L2Penalty is null && double.IsFinite(m.L2Penalty))
        {
            lines.Add(ChosenL2(m));
        }

        var perClass = new JsonArray();
        for (int k = 0; k < w.Rows; k++)
        {
            string label = (m.IsMultinomial ? classes[k] : classes[1]).ToString()!;
            double[] weights = [.. w.Row(k).ToArray().Select(v => double.CreateTruncating(v))];
            double bias = double.CreateTruncating(b[k]);
            lines.Add($"{label}: b = {DescriptionText.G(bias)}, w = {DescriptionText.Named(weights, featureNames)}");
            perClass.AddNode(new JsonObject { ["class"] = label, ["intercept"] = bias, ["coefficients"] = JsonValues.Doubles(weights) });
        }

        var learned = new JsonObject { ["classes"] = perClass };
        if (double.IsFinite(m.L2Penalty))
        {
            learned["l2_penalty"] = m.L2Penalty;
        }

        return new ModelDescription("layers", lines, (long)w.Length + b.Count, learned);
    }

    internal override void WriteParameters<T, TLabel>(Classifier<T, TLabel> model, JsonObject parameters)
    {
        var m = Cast(model);
        parameters["coefficients"] = JsonValues.Rows(m.Coefficients);
        parameters["intercepts"] = JsonValues.Vector<T>(m.Intercepts.ToArray());
        parameters["stop_reason"] = StopReasons.First(s => s.Value == m.StopReason).Name;
        parameters["iterations"] = m.Iterations;
        parameters["gradient_norm"] = double.IsFinite(m.GradientNorm) ? m.GradientNorm : null;
        parameters["loss_history"] = JsonValues.Doubles(m.LossHistory);
        parameters["l2_penalty"] = m.L2Penalty;
        if (m.L2Search is { } search)
        {
            parameters["l2_search"] = new JsonObject
            {
                ["folds"] = search.Folds,
                ["candidates"] = JsonValues.Doubles(search.Candidates),
                // A candidate whose fits went non-finite scored +∞, which JSON cannot hold: null.
                ["held_out_log_loss"] = new JsonArray([.. search.HeldOutLogLoss.Select(v => double.IsFinite(v) ? JsonValue.Create(v) : null)]),
                ["chosen"] = search.Chosen,
            };
        }
    }

    internal override Classifier<T, TLabel> ReadClassifier<T, TLabel>(HyperparameterValues values, JsonSection parameters, TLabel[] classes, int featureCount, TrainingHistory? history)
    {
        var options = ToOptions(values);
        SharedHyperparameters.RequireClassWeightCount(options.ClassWeights, classes.Length);
        int units = classes.Length == 2 ? 1 : classes.Length;
        var coefficients = parameters.Matrix<T>("coefficients", units, featureCount);
        var intercepts = parameters.Vector<T>("intercepts", units);
        if (!options.FitIntercept)
        {
            for (int k = 0; k < units; k++)
            {
                if (intercepts[k] != T.Zero)
                {
                    throw parameters.Fail($"intercepts[{k}]", $"is {JsonValues.Text(double.CreateTruncating(intercepts[k]))}, but the model was fitted without intercepts (hyperparameters.fit_intercept is false), so it must be 0");
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
            throw parameters.Fail("gradient_norm", $"is {JsonValues.Text(gradientNorm)} but a norm is 0 or more");
        }

        // J(0) and one value per iteration; J is a mean log-loss plus a penalty, never negative.
        var losses = parameters.Vector<double>("loss_history", iterations + 1);
        for (int i = 0; i < losses.Length; i++)
        {
            if (losses[i] < 0)
            {
                throw parameters.Fail($"loss_history[{i}]", $"is {JsonValues.Text(losses[i])} but the objective (log-loss plus penalty) is 0 or more");
            }
        }

        // The λ used: older files (before l2 auto) hold only the hyperparameter, which was then always a number.
        double? l2 = parameters.OptionalDouble("l2_penalty");
        if (l2 is { } used && (!(used >= 0) || !double.IsFinite(used)))
        {
            throw parameters.Fail("l2_penalty", $"is {JsonValues.Text(used)} but a penalty is a finite number ≥ 0");
        }

        if (options.L2Penalty is { } given && l2 is { } stored && stored != given)
        {
            throw parameters.Fail("l2_penalty", $"is {JsonValues.Text(stored)}, but hyperparameters.l2 is {JsonValues.Text(given)}, the λ the model was fitted with");
        }

        if (options.L2Penalty is not null && parameters.OptionalSection("l2_search") is not null)
        {
            throw parameters.Fail("l2_search", "is present, but hyperparameters.l2 is a number: a search is only kept when l2 is auto");
        }

        if (options.L2Penalty is null && l2 is null)
        {
            throw parameters.Fail("l2_penalty", "is missing, but hyperparameters.l2 is auto, so the file must say which λ was used");
        }

        L2Search? search = null;
        if (parameters.OptionalSection("l2_search") is { } s)
        {
            int folds = s.Int("folds", 2, int.MaxValue);
            var candidates = s.Vector<double>("candidates", s.Array("candidates").Count);
            var heldOutArray = s.Array("held_out_log_loss", candidates.Length);
            var heldOut = new double[candidates.Length];
            for (int i = 0; i < heldOut.Length; i++)
            {
                heldOut[i] = heldOutArray[i] is null ? double.PositiveInfinity
                    : heldOutArray[i] is JsonValue v && v.TryGetValue(out double loss) && loss >= 0 && double.IsFinite(loss) ? loss
                    : throw s.Fail($"held_out_log_loss[{i}]", "must be a log-loss (a finite number ≥ 0) or null");
            }

            double chosen = s.Double("chosen");
            if (!candidates.Contains(chosen) || chosen != l2)
            {
                throw s.Fail("chosen", $"is {JsonValues.Text(chosen)}, which must be one of the candidates and equal l2_penalty");
            }

            search = new L2Search(candidates, heldOut, folds, chosen);
        }

        try
        {
            return LogisticRegression<T, TLabel>.Restore(options, classes, featureCount, coefficients, intercepts, reason.Value, iterations, gradientNorm, losses, l2, search);
        }
        catch (ArgumentException e)
        {
            throw parameters.Fail("", $"do not fit together ({e.Message.Split(" (Parameter")[0].TrimEnd('.')})");
        }
    }

    private static LogisticRegression<T, TLabel> Cast<T, TLabel>(Classifier<T, TLabel> model)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull =>
        model as LogisticRegression<T, TLabel> ?? throw new ArgumentException($"{model?.ModelName} is not a logistic regression.", nameof(model));
}
