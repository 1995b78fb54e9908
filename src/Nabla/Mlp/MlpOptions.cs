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

    /// <summary>The weight initializer; null for he-normal with (leaky) ReLU and glorot-uniform otherwise.</summary>
    public Initializer? Initializer { get; init; }

    /// <summary>The update rule. Default <see cref="OptimizerKind.Sgd"/>.</summary>
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

    /// <summary>The epoch limit. Default 200.</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>Samples per gradient step; 0 for full-batch gradient descent. Default 32.</summary>
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

        if (Loss is not (null or BinaryCrossEntropyLoss or CategoricalCrossEntropyLoss or MeanSquaredErrorLoss or HalfSquaredErrorLoss))
        {
            throw new ArgumentException($"An MLP trains on log-loss, cross-entropy or a squared error (mse, half-squared-error), not {Loss.Name}.", nameof(Loss));
        }

        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), $"The learning rate must be a positive finite number, not {LearningRate.ToString(CultureInfo.InvariantCulture)}.");
        }

        _ = ToTrainingOptions(null).Validated();
    }

    /// <summary>A fresh optimizer (optimizers keep per-parameter state, so each fit gets its own).</summary>
    public Optimizer CreateOptimizer() =>
        Training.Optimizer.Create(Optimizer, LearningRate, Momentum, Schedule, WeightDecay, Beta1, Beta2, Epsilon);

    /// <summary>The weight initializer: <see cref="Initializer"/> if given, else the usual choice for the hidden activation.</summary>
    public Initializer CreateInitializer() =>
        Initializer ?? (Activation is ReluActivation or LeakyReluActivation or RandomizedLeakyReluActivation ? Networks.Initializer.HeNormal : Networks.Initializer.GlorotUniform);

    /// <summary>The trainer's options for these hyperparameters.</summary>
    /// <param name="trackAccuracy">Report the validation accuracy (classifiers).</param>
    public TrainingOptions ToTrainingOptions(bool? trackAccuracy) => new()
    {
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
