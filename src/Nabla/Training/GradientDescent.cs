using System.Numerics;
using System.Numerics.Tensors;
using Nabla.Networks;

namespace Nabla.Training;

/// <summary>
/// Plain gradient descent, W ← W − α (∂L/∂W + λW): full-batch gradient descent when the trainer uses the whole data set per
/// step, stochastic (mini-batch) gradient descent otherwise.
/// </summary>
public sealed class GradientDescent : Optimizer
{
    /// <summary>Creates gradient descent with step size <paramref name="learningRate"/> and L2 weight decay <paramref name="weightDecay"/>.</summary>
    public GradientDescent(double learningRate = 0.1, double weightDecay = 0)
        : base(learningRate, weightDecay)
    {
    }

    /// <inheritdoc/>
    public override string Name => "sgd";

    /// <inheritdoc/>
    protected override void Update<T>(Parameter<T> parameter, double learningRate, double weightDecay)
    {
        var w = parameter.Value.AsSpan();
        if (weightDecay > 0)
        {
            // W − α(g + λW) = (1 − αλ)W − αg
            TensorPrimitives.Multiply(w, T.CreateChecked(1 - learningRate * weightDecay), w);
        }

        TensorPrimitives.MultiplyAdd(parameter.Gradient.AsReadOnlySpan(), -T.CreateChecked(learningRate), w, w);
    }
}
