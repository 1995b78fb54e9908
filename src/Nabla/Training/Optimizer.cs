using System.Numerics;
using Nabla.Networks;

namespace Nabla.Training;

/// <summary>
/// Updates parameters in place from their gradients. An optimizer owns its state (velocities, moment estimates), kept per
/// parameter, so one optimizer instance serves one model; <see cref="Reset"/> forgets it.
/// </summary>
public abstract class Optimizer
{
    /// <summary>Creates an optimizer with step size <paramref name="learningRate"/>.</summary>
    /// <param name="learningRate">α, positive and finite.</param>
    protected Optimizer(double learningRate)
    {
        if (!(learningRate > 0) || !double.IsFinite(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), $"The learning rate must be a positive finite number, not {learningRate}.");
        }

        LearningRate = learningRate;
    }

    /// <summary>α, the step size.</summary>
    public double LearningRate { get; }

    /// <summary>The name used by the CLI and in model files.</summary>
    public abstract string Name { get; }

    /// <summary>Applies one update to every parameter from its <see cref="Parameter{T}.Gradient"/>.</summary>
    public abstract void Step<T>(IReadOnlyList<Parameter<T>> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Called by the trainer before each epoch (1-based, of <paramref name="epochs"/>); schedules adjust the step size here.</summary>
    public virtual void BeginEpoch(int epoch, int epochs)
    {
    }

    /// <summary>Forgets all per-parameter state, as before the first step.</summary>
    public virtual void Reset()
    {
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} (learning rate {LearningRate})";
}
