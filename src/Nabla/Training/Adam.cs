using System.Numerics;
using Nabla.Networks;

namespace Nabla.Training;

/// <summary>
/// Adam (Kingma and Ba): m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², W ← W − α m̂ / (√v̂ + ε) with the bias corrections
/// m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ), g = ∂L/∂W (see <see cref="AdamW"/> for decoupled weight decay).
/// </summary>
public class Adam : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">α; 0.001 by default.</param>
    /// <param name="beta1">β₁ in [0, 1); 0.9 by default.</param>
    /// <param name="beta2">β₂ in [0, 1); 0.999 by default.</param>
    /// <param name="epsilon">ε &gt; 0; 1e-8 by default.</param>
    public Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : base(learningRate)
    {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), $"Adam needs β₁ and β₂ in [0, 1), not {beta1} and {beta2}.");
        }

        if (!(epsilon > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), $"Adam needs ε > 0, not {epsilon}.");
        }

        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>β₁, decay of the first-moment estimate.</summary>
    public double Beta1 { get; }

    /// <summary>β₂, decay of the second-moment estimate.</summary>
    public double Beta2 { get; }

    /// <summary>ε, added to √v̂ for stability.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    public override string Name => "adam";

    /// <inheritdoc/>
    protected override void Update<T>(Parameter<T> parameter, double learningRate, int start, int length)
    {
        var state = State(parameter, 2);
        var m = state[0].AsSpan(start, length);
        var v = state[1].AsSpan(start, length);
        var w = parameter.Value.AsSpan().Slice(start, length);
        var g = parameter.Gradient.AsReadOnlySpan().Slice(start, length);
        double t = Steps;
        T b1 = T.CreateChecked(Beta1), b2 = T.CreateChecked(Beta2);
        T oneMinusB1 = T.One - b1, oneMinusB2 = T.One - b2;
        T stepSize = T.CreateChecked(learningRate / (1 - Math.Pow(Beta1, t)));
        T correction2 = T.CreateChecked(1 / (1 - Math.Pow(Beta2, t)));
        T eps = T.CreateChecked(Epsilon);
        for (int i = 0; i < w.Length; i++)
        {
            T gi = g[i];
            m[i] = b1 * m[i] + oneMinusB1 * gi;
            v[i] = b2 * v[i] + oneMinusB2 * gi * gi;
            w[i] -= stepSize * m[i] / (T.Sqrt(v[i] * correction2) + eps);
        }
    }
}
