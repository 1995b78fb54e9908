using System.Numerics;
using System.Numerics.Tensors;
using Nabla.Networks;

namespace Nabla.Training;

/// <summary>
/// Plain gradient descent, W ← W − α ∂L/∂W: full-batch gradient descent when the trainer uses the whole data set per
/// step, stochastic (mini-batch) gradient descent otherwise.
/// </summary>
public sealed class GradientDescent : Optimizer
{
    /// <summary>Creates gradient descent with step size <paramref name="learningRate"/>.</summary>
    public GradientDescent(double learningRate = 0.1)
        : base(learningRate)
    {
    }

    /// <inheritdoc/>
    public override string Name => "sgd";

    /// <inheritdoc/>
    protected override void Update<T>(Parameter<T> parameter, double learningRate, int start, int length)
    {
        var w = parameter.Value.AsSpan().Slice(start, length);
        TensorPrimitives.MultiplyAdd(parameter.Gradient.AsReadOnlySpan().Slice(start, length), -T.CreateChecked(learningRate), w, w);
    }
}
