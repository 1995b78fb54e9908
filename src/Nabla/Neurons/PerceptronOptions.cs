namespace Nabla.Neurons;

/// <summary>Hyperparameters of the <see cref="Perceptron{T, TLabel}"/>.</summary>
public sealed record PerceptronOptions
{
    /// <summary>η, the learning-rate parameter (positive). Default 1.</summary>
    public double LearningRate { get; init; } = 1.0;

    /// <summary>Epoch limit: training stops here if no epoch has been error-free. Default 1000.</summary>
    public int MaxEpochs { get; init; } = 1000;

    /// <summary>Present the samples in a fresh random order each epoch (seeded by <see cref="Seed"/>). Default false: the data's order.</summary>
    public bool Shuffle { get; init; }

    /// <summary>Seed of the shuffling.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Which weights to keep. Default <see cref="PerceptronVariant.Pocket"/>: on separable data the same weights as the
    /// notes' algorithm (the last, error-free ones); on other data the weights with the fewest training errors.
    /// </summary>
    public PerceptronVariant Variant { get; init; } = PerceptronVariant.Pocket;

    /// <summary>
    /// How much each class's samples count: null (default) for all alike; otherwise a misclassified sample's update is
    /// w ← w + η c_k [d(n) − y(n)] x(n) with c_k its class's weight (<see cref="Estimators.ClassWeights.Balanced"/> for
    /// imbalanced classes). The convergence figures R, γ, (R/γ)² are then not reported: the theorem counts unweighted steps.
    /// </summary>
    public Estimators.ClassWeights? ClassWeights { get; init; }

    internal void Validate()
    {
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), $"The perceptron's learning rate η must be positive and finite, not {LearningRate}.");
        }

        if (MaxEpochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEpochs), $"The perceptron needs at least one epoch, not {MaxEpochs}.");
        }

        if (!Enum.IsDefined(Variant))
        {
            throw new ArgumentOutOfRangeException(nameof(Variant), $"Unknown perceptron variant {Variant}.");
        }
    }
}
