using System.Numerics;
using System.Numerics.Tensors;
using Nabla.Networks;

namespace Nabla.Training;

/// <summary>
/// Gradient descent with momentum μ: v ← μv + g, W ← W − αv, where g = ∂L/∂W; with Nesterov's correction the step is
/// W ← W − α(g + μv) (PyTorch's formulation). The velocity v starts at zero.
/// </summary>
public sealed class Momentum : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">α.</param>
    /// <param name="momentum">μ in [0, 1); 0.9 by default.</param>
    /// <param name="nesterov">Use Nesterov's accelerated step.</param>
    public Momentum(double learningRate = 0.01, double momentum = 0.9, bool nesterov = false)
        : base(learningRate)
    {
        if (!(momentum >= 0 && momentum < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), $"The momentum μ must be in [0, 1), not {momentum}.");
        }

        MomentumFactor = momentum;
        Nesterov = nesterov;
    }

    /// <summary>μ, the fraction of the previous velocity kept.</summary>
    public double MomentumFactor { get; }

    /// <summary>True for Nesterov momentum.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    public override string Name => Nesterov ? "nesterov" : "momentum";

    /// <inheritdoc/>
    protected override void Update<T>(Parameter<T> parameter, double learningRate, int start, int length)
    {
        var velocity = State(parameter, 1)[0].AsSpan(start, length);
        var w = parameter.Value.AsSpan().Slice(start, length);
        var g = parameter.Gradient.AsReadOnlySpan().Slice(start, length);
        T mu = T.CreateChecked(MomentumFactor), alpha = T.CreateChecked(learningRate);
        TensorPrimitives.MultiplyAdd(velocity, mu, g, velocity);             // v ← μv + g
        if (Nesterov)
        {
            TensorPrimitives.MultiplyAdd(velocity, -alpha * mu, w, w);       // W ← W − αμv − αg
            TensorPrimitives.MultiplyAdd(g, -alpha, w, w);
        }
        else
        {
            TensorPrimitives.MultiplyAdd(velocity, -alpha, w, w);            // W ← W − αv
        }
    }
}
