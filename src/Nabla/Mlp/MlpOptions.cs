using System.Globalization;
using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Training;

namespace Nabla.Mlp;

/// <summary>
/// Hyperparameters of <see cref="MlpClassifier{T, TLabel}"/> and <see cref="MlpRegressor{T}"/>: the hidden layers, how
/// they are trained, and the validation split with early stopping.
/// </summary>
public sealed record MlpOptions
{
    /// <summary>
    /// The most training rows for which the automatic solver (<see cref="Solver"/> null) is L-BFGS; above it, mini-batch
    /// gradient descent. On a few thousand rows a full-batch quasi-Newton method reaches a much lower loss than a few hundred
    /// noisy epochs, at the cost of one pass over the rows per function evaluation; on large data the mini-batch steps learn
    /// from every batch and cost no more per epoch (scikit-learn's advice for its MLP: lbfgs for small data sets, adam for
    /// thousands of samples or more).
    /// </summary>
    public const int LbfgsRowLimit = 2000;

    /// <summary>
    /// The solver; null (the default) picks by the number of training rows n: <see cref="TrainingSolver.Lbfgs"/> when
    /// n ≤ <see cref="LbfgsRowLimit"/>, else <see cref="TrainingSolver.GradientDescent"/> with <see cref="Optimizer"/>. The
    /// full-batch solvers use every row in each iteration and read <see cref="Epochs"/> as their iteration limit.
    /// </summary>
    public TrainingSolver? Solver { get; init; }

    /// <summary>Full-batch solvers: converged when ‖∇F‖∞ ≤ this (F: the loss plus the L2 penalty). Default 1e-4, scikit-learn's <c>tol</c>.</summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>L-BFGS: m, the recent steps kept to approximate the inverse Hessian. Default 10.</summary>
    public int HistorySize { get; init; } = 10;

    /// <summary>Levenberg–Marquardt's damping μ: initial value, decrease and increase factors, maximum (MATLAB <c>trainlm</c>'s defaults).</summary>
    public LevenbergMarquardtOptions LevenbergMarquardt { get; init; } = new();

    /// <summary>RPROP's step sizes: Δ₀, Δmin, Δmax, η⁺, η⁻.</summary>
    public RpropOptions Rprop { get; init; } = new();

    /// <summary>Scaled conjugate gradient's σ and λ (MATLAB <c>trainscg</c>'s defaults).</summary>
    public ScaledConjugateGradientOptions ScaledConjugateGradient { get; init; } = new();

    /// <summary>Units of each hidden layer, input side first; empty for no hidden layer. Default one layer of 32.</summary>
    public IReadOnlyList<int> HiddenLayers { get; init; } = [32];

    /// <summary>g of the hidden layers: a differentiable element-wise activation (relu, tanh, sigmoid, leaky-relu, identity, linear). Default <see cref="Activation.Relu"/>.</summary>
    public Activation Activation { get; init; } = Activation.Relu;

    /// <summary>
    /// The loss; null for the model's natural loss: log-loss (two classes) or cross-entropy (more) for a classifier, mse for
    /// a regressor. A classifier given either cross-entropy loss uses the one that fits its class count (with the reduction
    /// given), and also accepts mse or half-squared-error on its probabilities, as in the classic course. Default null.
    /// </summary>
    public Loss? Loss { get; init; }

    /// <summary>
    /// For <see cref="MlpClassifier{T, TLabel}"/>: how much each class's samples count in the loss: null (default) for all
    /// alike, <see cref="Estimators.ClassWeights.Balanced"/> (class k weighs n / (K nₖ)) for imbalanced classes, or a weight
    /// per class in the classifier's class order. A sample's loss, and so its δ^[L], is multiplied by its class's weight
    /// (<see cref="Losses.Loss.WithClassWeights"/>; Levenberg–Marquardt weighs the residuals by √w); every solver applies them.
    /// </summary>
    public Estimators.ClassWeights? ClassWeights { get; init; }

    /// <summary>The weight initializer; null for he-normal with (leaky) ReLU and glorot-uniform otherwise.</summary>
    public Initializer? Initializer { get; init; }

    /// <summary>The update rule of the gradient-descent solver. Default <see cref="OptimizerKind.Sgd"/>.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    /// <summary>μ, the momentum of the <c>momentum</c> and <c>nesterov</c> optimizers, in [0, 1). Default 0.9.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>β₁, Adam's and AdamW's decay rate of the running mean of the gradient, in [0, 1). Default 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>β₂, Adam's and AdamW's decay rate of the running mean of the squared gradient, in [0, 1). Default 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>ε, added to Adam's and AdamW's denominator √v̂ + ε so it never divides by zero; positive. Default 1e-8.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>AdamW's decoupled weight decay λ (each step W ← W − αλW, apart from the gradient), 0 or more. Default 0.01.</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>The learning-rate schedule, as <see cref="LearningRateSchedule.Parse"/> reads it: constant, step(N), step(N,gamma), cosine, cosine(min). Default constant.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>α, the learning rate. Default 0.05.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>The epoch limit; for a full-batch solver, the iteration limit. Default 200.</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>Samples per gradient step of the gradient-descent solver; 0 for full-batch gradient descent. Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>λ, the L2 penalty on the weights (see <see cref="TrainingOptions.L2"/>). Default 0.0001.</summary>
    public double L2 { get; init; } = 1e-4;

    /// <summary>Seed of the initial weights, the shuffling and the validation split. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Threads sharing each mini-batch step, 0 for <see cref="Tensors.ComputeSettings.MaxThreads"/>; see <see cref="TrainingOptions.Threads"/>. Fix it to get the same model on machines with different core counts.</summary>
    public int Threads { get; init; }

    /// <summary>Fraction of the training rows held out to watch the validation loss, in [0, 1); 0 for none (then no early stopping). Default 0.1.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>With a validation set: stop after this many epochs without improvement and keep the best epoch's weights; 0 never stops early. Default 10.</summary>
    public int Patience { get; init; } = 10;

    /// <summary>For <see cref="MlpRegressor{T}"/>: learn standardized targets (zero mean, unit variance) and map predictions back. Default true.</summary>
    public bool StandardizeTargets { get; init; } = true;

    /// <summary>Receives one record per epoch while fitting. Not a hyperparameter: never saved.</summary>
    public IProgress<EpochRecord>? Progress { get; init; }

    /// <summary>Cancels fitting after the current batch; the model keeps the best weights so far. Not a hyperparameter: never saved.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first hyperparameter out of range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(HiddenLayers, nameof(HiddenLayers));
        for (int i = 0; i < HiddenLayers.Count; i++)
        {
            if (HiddenLayers[i] < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(HiddenLayers), $"Hidden layer {i + 1} has {HiddenLayers[i]} units; every hidden layer needs at least 1.");
            }
        }

        ArgumentNullException.ThrowIfNull(Activation, nameof(Activation));
        ArgumentNullException.ThrowIfNull(Schedule, nameof(Schedule));
        if (!Activation.IsDifferentiable || !Activation.IsElementwise)
        {
            throw new ArgumentException($"The hidden activation {Activation.Name} cannot be used in an MLP trained by backpropagation: use relu, tanh, sigmoid, leaky-relu or identity.", nameof(Activation));
        }

        if (Loss?.ClassWeights is not null)
        {
            throw new ArgumentException("The loss carries class weights; give them as MlpOptions.ClassWeights instead, which the classifier applies to the loss it trains on.", nameof(Loss));
        }

        if (Loss is not (null or BinaryCrossEntropyLoss or CategoricalCrossEntropyLoss or MeanSquaredErrorLoss or HalfSquaredErrorLoss))
        {
            throw new ArgumentException($"An MLP trains on log-loss, cross-entropy or a squared error (mse, half-squared-error), not {Loss.Name}.", nameof(Loss));
        }

        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), $"The learning rate must be a positive finite number, not {LearningRate.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (Solver is { } solver && !Enum.IsDefined(solver))
        {
            throw new ArgumentOutOfRangeException(nameof(Solver), $"Unknown solver {solver}; use one of {string.Join(", ", Enum.GetNames<TrainingSolver>())}, or null to choose by the data's size.");
        }

        _ = ToTrainingOptions(null, 1).Validated();
    }

    /// <summary>The solver a fit on <paramref name="trainingRows"/> rows uses: <see cref="Solver"/>, or the automatic choice (see <see cref="LbfgsRowLimit"/>).</summary>
    public TrainingSolver SolverFor(int trainingRows) =>
        Solver ?? (trainingRows <= LbfgsRowLimit ? TrainingSolver.Lbfgs : TrainingSolver.GradientDescent);

    /// <summary>A fresh optimizer (optimizers keep per-parameter state, so each fit gets its own).</summary>
    public Optimizer CreateOptimizer() =>
        Training.Optimizer.Create(Optimizer, LearningRate, Momentum, Schedule, WeightDecay, Beta1, Beta2, Epsilon);

    /// <summary>The weight initializer: <see cref="Initializer"/> if given, else the usual choice for the hidden activation.</summary>
    public Initializer CreateInitializer() =>
        Initializer ?? (Activation is ReluActivation or LeakyReluActivation or RandomizedLeakyReluActivation ? Networks.Initializer.HeNormal : Networks.Initializer.GlorotUniform);

    /// <summary>The trainer's options for these hyperparameters, for a fit on <paramref name="trainingRows"/> rows.</summary>
    /// <param name="trackAccuracy">Report the validation accuracy (classifiers).</param>
    /// <param name="trainingRows">The rows the fit gets (validation rows included), which the automatic solver depends on.</param>
    public TrainingOptions ToTrainingOptions(bool? trackAccuracy, int trainingRows) => new()
    {
        Solver = SolverFor(trainingRows),
        Tolerance = Tolerance,
        HistorySize = HistorySize,
        LevenbergMarquardt = LevenbergMarquardt,
        Rprop = Rprop,
        ScaledConjugateGradient = ScaledConjugateGradient,
        Epochs = Epochs,
        BatchSize = BatchSize,
        Seed = Seed,
        Threads = Threads,
        Optimizer = CreateOptimizer(),
        L2 = L2,
        ValidationFraction = ValidationFraction,
        Patience = Patience,
        TrackAccuracy = trackAccuracy ?? false,
        Progress = Progress,
        CancellationToken = CancellationToken,
    };
}
