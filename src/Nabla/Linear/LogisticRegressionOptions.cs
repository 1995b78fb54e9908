using Nabla.Training;

namespace Nabla.Linear;

/// <summary>
/// Hyperparameters of <see cref="LogisticRegression{T, TLabel}"/>. The objective is the mean log-loss plus an L2 penalty
/// on the weights (not the intercepts): J(θ) = (1/n) Σᵢ ℓᵢ(θ) + (λ/2) ‖W‖². This is scikit-learn's objective
/// ½‖W‖² + C Σᵢ ℓᵢ divided by C·n, so the two have the same minimizer when C = 1 / (λ n).
/// </summary>
public sealed record LogisticRegressionOptions
{
    /// <summary>The solver. Default <see cref="LogisticRegressionSolver.Lbfgs"/>.</summary>
    public LogisticRegressionSolver Solver { get; init; } = LogisticRegressionSolver.Lbfgs;

    /// <summary>
    /// λ ≥ 0, the L2 penalty's strength in J = (1/n) Σ ℓᵢ + (λ/2)‖W‖² (scikit-learn's C = 1/(λn)); null (the default) to
    /// choose it from the data: by stratified 5-fold cross-validation (fewer folds when a class has fewer than 5 rows) over
    /// ten values λ = 1/(C n), C = 10⁻⁴ … 10⁴ (scikit-learn's <c>LogisticRegressionCV</c> grid), scored by held-out
    /// log-loss, on training sets of 10 to 10,000 rows, and λ = 1/n (scikit-learn's default C = 1) outside them. The fitted model tells which it used (<see cref="LogisticRegression{T, TLabel}.L2Penalty"/>,
    /// <see cref="LogisticRegression{T, TLabel}.L2Search"/>). With λ = 0 the weights of separable classes grow without bound.
    /// </summary>
    public double? L2Penalty { get; init; }

    /// <summary>
    /// How much each class's samples count in the log-loss: null (default) for all alike, <see cref="Estimators.ClassWeights.Balanced"/>
    /// for imbalanced classes, or a weight per class; both solvers apply them.
    /// </summary>
    public Estimators.ClassWeights? ClassWeights { get; init; }

    /// <summary>Binary models decide the second class when h_θ(x) = σ(θᵀx) &gt; this threshold, in (0, 1). Default 0.5.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Learn intercepts b (the bias, the weight of a constant input 1). Default true.</summary>
    public bool FitIntercept { get; init; } = true;

    /// <summary>Iteration limit: L-BFGS iterations, or gradient-descent epochs. Default 1000.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Convergence: ‖∇J‖∞ ≤ this (checked on the whole data set). Default 1e-6.</summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Gradient descent's step size α (the optimizer's base learning rate). Default 0.1.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Gradient descent's mini-batch size; 0 (the default) uses the whole data set every step (batch gradient descent).</summary>
    public int BatchSize { get; init; }

    /// <summary>Seed of the mini-batch shuffling.</summary>
    public int Seed { get; init; }

    /// <summary>Gradient descent's update rule. Default <see cref="OptimizerKind.Sgd"/>, plain θ ← θ − α∇J.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    /// <summary>μ of the momentum and nesterov optimizers. Default 0.9.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Gradient descent's learning-rate schedule, such as <see cref="LearningRateSchedule.Step"/>. Default <see cref="LearningRateSchedule.Constant"/>.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>
    /// Gradient descent: the fraction of the rows held out to watch the validation loss, in [0, 1); training stops after
    /// <see cref="Patience"/> epochs without improvement and keeps the best epoch's parameters. 0 (the default): every row
    /// trains and the run ends at the tolerance or the epoch limit.
    /// </summary>
    public double ValidationFraction { get; init; }

    /// <summary>Gradient descent with a validation fraction: epochs without validation improvement before stopping; 0 never stops early. Default 10.</summary>
    public int Patience { get; init; } = 10;

    /// <summary>
    /// Gradient descent: threads that share each step (see <see cref="TrainingOptions.Threads"/>), 0 for
    /// <see cref="Tensors.ComputeSettings.MaxThreads"/>. Only large steps are split, and only with
    /// <see cref="FitIntercept"/>; the same seed and thread count give the same fit.
    /// </summary>
    public int Threads { get; init; }

    /// <summary>Gradient descent: called after every epoch with the trainer's record (its loss is the mean log-loss without the penalty). Not a hyperparameter: never saved.</summary>
    public IProgress<EpochRecord>? Progress { get; init; }

    /// <summary>
    /// Gradient descent: cancels fitting after the current mini-batch; the model keeps the parameters reached and says
    /// <see cref="LogisticRegression{T, TLabel}.Cancelled"/>. Not a hyperparameter: never saved.
    /// </summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>L-BFGS's memory m, the number of recent steps kept. Default 10.</summary>
    public int HistorySize { get; init; } = 10;

    internal void Validate()
    {
        if (!Enum.IsDefined(Solver))
        {
            throw new ArgumentOutOfRangeException(nameof(Solver), $"Unknown solver {Solver}.");
        }

        if (L2Penalty is { } lambda && (!(lambda >= 0) || !double.IsFinite(lambda)))
        {
            throw new ArgumentOutOfRangeException(nameof(L2Penalty), $"The L2 penalty λ must be 0 or more and finite, not {L2Penalty}.");
        }

        if (!(Threshold > 0 && Threshold < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), $"The decision threshold is a probability strictly between 0 and 1, not {Threshold}.");
        }

        if (MaxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIterations), $"Training needs at least one iteration, not {MaxIterations}.");
        }

        if (!(Tolerance >= 0) || !double.IsFinite(Tolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), $"The tolerance must be 0 or more and finite, not {Tolerance}.");
        }

        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), $"The learning rate α must be positive and finite, not {LearningRate}.");
        }

        if (BatchSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), $"The batch size must be 0 (whole data set) or positive, not {BatchSize}.");
        }

        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), $"The validation fraction must be in [0, 1), not {ValidationFraction.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }

        if (Patience < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Patience), $"The patience must be 0 (never stop early) or a number of epochs, not {Patience}.");
        }

        if (Threads < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), $"The thread count must be positive, or 0 for ComputeSettings.MaxThreads, not {Threads}.");
        }

        ArgumentNullException.ThrowIfNull(Schedule, nameof(Schedule));

        // Builds one optimizer, so that a bad kind or μ fails here, with its own message.
        try
        {
            CreateOptimizer();
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == "kind")
        {
            throw new ArgumentOutOfRangeException(nameof(Optimizer), e.Message);
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == "momentum")
        {
            throw new ArgumentOutOfRangeException(nameof(Momentum), e.Message);
        }

        if (HistorySize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(HistorySize), $"L-BFGS keeps at least one step, not {HistorySize}.");
        }
    }

    /// <summary>A fresh optimizer for gradient descent: <see cref="Optimizer"/> with <see cref="LearningRate"/>, <see cref="Momentum"/> and <see cref="Schedule"/>.</summary>
    internal Optimizer CreateOptimizer() => Training.Optimizer.Create(Optimizer, LearningRate, Momentum, Schedule);
}
