namespace Nabla.Training;

/// <summary>
/// How <see cref="Trainer"/> runs: the solver, epochs, batch size, shuffling, seed, optimizer, L2 penalty, the validation
/// set with early stopping, a stopping condition, progress and cancellation.
/// </summary>
public sealed class TrainingOptions
{
    /// <summary>
    /// The solver. Default <see cref="TrainingSolver.GradientDescent"/>: epochs of <see cref="Optimizer"/> steps. The
    /// full-batch solvers use every training row in each iteration, read <see cref="Epochs"/> as their iteration limit and
    /// stop at <see cref="Tolerance"/>; they ignore <see cref="BatchSize"/>, <see cref="Shuffle"/> and <see cref="Optimizer"/>.
    /// </summary>
    public TrainingSolver Solver { get; init; }

    /// <summary>Passes over the training data (for a full-batch solver: iterations); at least 1. Default 100.</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>
    /// Full-batch solvers: converged when ‖∇F‖∞ ≤ this, F being the loss plus the L2 penalty (scikit-learn's lbfgs stops at
    /// its <c>tol</c> = 1e-4 the same way). Not used by <see cref="TrainingSolver.GradientDescent"/>. Default 1e-4.
    /// </summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary><see cref="TrainingSolver.Lbfgs"/>: m, the (s, y) pairs kept; at least 1. Default 10.</summary>
    public int HistorySize { get; init; } = 10;

    /// <summary><see cref="TrainingSolver.LevenbergMarquardt"/>'s damping μ. Default: <c>trainlm</c>'s.</summary>
    public LevenbergMarquardtOptions LevenbergMarquardt { get; init; } = new();

    /// <summary><see cref="TrainingSolver.Rprop"/>'s step sizes. Default: η⁺ = 1.2, η⁻ = 0.5, Δ₀ = 0.1, Δmin = 1e-6, Δmax = 50.</summary>
    public RpropOptions Rprop { get; init; } = new();

    /// <summary><see cref="TrainingSolver.ScaledConjugateGradient"/>'s σ and λ. Default: <c>trainscg</c>'s.</summary>
    public ScaledConjugateGradientOptions ScaledConjugateGradient { get; init; } = new();

    /// <summary>Samples per gradient step; null or 0 for full-batch gradient descent. Default null.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Reshuffle the samples before every epoch (mini-batch training only). Default true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Seed of the shuffling and of the validation split; the same seed gives the same run. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>The update rule. Default: gradient descent with learning rate 0.1.</summary>
    public Optimizer Optimizer { get; init; } = new GradientDescent(0.1);

    /// <summary>
    /// λ ≥ 0, the L2 penalty: (λ/2)‖W‖² summed over the weight matrices (not the biases) is added to the loss, so each step
    /// adds λW to ∂L/∂W. Default 0 (none).
    /// </summary>
    public double L2 { get; init; }

    /// <summary>
    /// λ₁ ≥ 0, the L1 penalty: λ₁‖W‖₁ summed over the weight matrices (not the biases) is added to the loss, so each step adds
    /// its subgradient λ₁ sign(W) to ∂L/∂W (0 where a weight is exactly 0), pushing small weights to zero. Gradient descent
    /// only: the full-batch solvers need a differentiable objective. Default 0 (none).
    /// </summary>
    public double L1 { get; init; }

    /// <summary>
    /// Fraction of the rows, in [0, 1), held out at random (seeded) as a validation set, unless validation data is passed to
    /// <see cref="Trainer.Train{T}(Networks.ITrainable{T}, Tensors.Matrix{T}, Tensors.Matrix{T}, Losses.Loss, TrainingOptions?, Tensors.Matrix{T}?, Tensors.Matrix{T}?)"/>
    /// directly. Default 0: no validation set and no early stopping.
    /// </summary>
    public double ValidationFraction { get; init; }

    /// <summary>
    /// Early stopping: with a validation set, training stops after this many epochs in a row without the validation loss
    /// improving on its best by more than <see cref="MinImprovement"/>. 0 turns early stopping off. Default 10.
    /// </summary>
    public int Patience { get; init; } = 10;

    /// <summary>The smallest decrease of the validation loss that counts as an improvement. Default 0.</summary>
    public double MinImprovement { get; init; }

    /// <summary>
    /// With a validation set, end with the parameters of the epoch with the lowest validation loss (also when training is
    /// cancelled), rather than those of the last epoch. Default true.
    /// </summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <summary>
    /// Also report the validation accuracy each epoch, reading the outputs as class scores: with one output, a ≥ 0.5 is class 1
    /// and the target is 1 when y ≥ 0.5; with several, the largest output and the largest target give the classes. Default false.
    /// </summary>
    public bool TrackAccuracy { get; init; }

    /// <summary>
    /// Threads that share each mini-batch step, or 0 for <see cref="Tensors.ComputeSettings.MaxThreads"/> (at most the
    /// processor count). When the step is large enough (at least 2 × 16 rows and about a million row × parameter
    /// products in all), each batch is cut into min(Threads, rows / 16) shards of consecutive rows that run forward
    /// and backward at once, and their gradients are combined in a fixed order; smaller steps run whole, using the
    /// threads inside each matrix product. A count above the processor count keeps its shards (and so its results)
    /// but runs them on as many threads as there are processors. Training is bit-for-bit repeatable for a given
    /// <see cref="Seed"/> and thread count.
    /// </summary>
    public int Threads { get; init; }

    /// <summary>Called after every epoch (or full-batch iteration) with its record (on the training thread).</summary>
    public IProgress<EpochRecord>? Progress { get; init; }

    /// <summary>
    /// A stopping condition, asked after every epoch (after <see cref="Progress"/>) with its record: true ends training
    /// there, and <see cref="TrainingHistory.StoppedEarly"/> says so when epochs were left. Null (the default) never stops
    /// early. For a convergence test on the model itself (logistic regression stops when ‖∇J‖∞ falls to its tolerance);
    /// it may throw <see cref="TrainingDivergedException"/> when what it measures is no longer finite.
    /// </summary>
    public Func<EpochRecord, bool>? StopWhen { get; init; }

    /// <summary>
    /// Stops training cleanly after the current batch when cancelled; the history then says <see cref="TrainingHistory.Cancelled"/>
    /// and, with a validation set, the network holds the best parameters seen so far.
    /// </summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Returns these options after checking every value; throws <see cref="ArgumentException"/> naming the first one out of range.</summary>
    public TrainingOptions Validated()
    {
        Validate();
        return this;
    }

    internal void Validate()
    {
        if (!Enum.IsDefined(Solver))
        {
            throw new ArgumentOutOfRangeException(nameof(Solver), $"Unknown solver {Solver}; use one of {string.Join(", ", Enum.GetNames<TrainingSolver>())}.");
        }

        if (!(Tolerance >= 0) || !double.IsFinite(Tolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), $"The tolerance must be 0 or a positive finite number, not {Tolerance}.");
        }

        if (HistorySize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(HistorySize), $"L-BFGS keeps at least one (s, y) pair, not {HistorySize}.");
        }

        ArgumentNullException.ThrowIfNull(LevenbergMarquardt);
        ArgumentNullException.ThrowIfNull(Rprop);
        ArgumentNullException.ThrowIfNull(ScaledConjugateGradient);
        LevenbergMarquardt.Validate();
        Rprop.Validate();
        ScaledConjugateGradient.Validate();
        if (Epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), $"Training needs at least 1 epoch, not {Epochs}.");
        }

        if (BatchSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), $"The batch size must be positive (or 0/null for full batch), not {BatchSize}.");
        }

        ArgumentNullException.ThrowIfNull(Optimizer);
        if (!(L2 >= 0) || !double.IsFinite(L2))
        {
            throw new ArgumentOutOfRangeException(nameof(L2), $"The L2 penalty must be 0 or a positive finite number, not {L2}.");
        }

        if (!(L1 >= 0) || !double.IsFinite(L1))
        {
            throw new ArgumentOutOfRangeException(nameof(L1), $"The L1 penalty must be 0 or a positive finite number, not {L1}.");
        }

        if (L1 > 0 && Solver != TrainingSolver.GradientDescent)
        {
            throw new ArgumentException($"The L1 penalty is not differentiable, so the {Solver} solver cannot use it; train by gradient descent (Solver = GradientDescent) or use L2.", nameof(L1));
        }

        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), $"The validation fraction must be in [0, 1), not {ValidationFraction}.");
        }

        if (Threads < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), $"The thread count must be positive, or 0 for ComputeSettings.MaxThreads, not {Threads}.");
        }

        if (Patience < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Patience), $"The patience must be 0 (no early stopping) or a positive number of epochs, not {Patience}.");
        }

        if (!(MinImprovement >= 0) || !double.IsFinite(MinImprovement))
        {
            throw new ArgumentOutOfRangeException(nameof(MinImprovement), $"The minimum improvement must be 0 or a positive finite number, not {MinImprovement}.");
        }
    }
}
