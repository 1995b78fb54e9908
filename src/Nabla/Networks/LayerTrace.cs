using System.Numerics;
using Nabla.Activations;
using Nabla.Tensors;

namespace Nabla.Networks;

/// <summary>
/// Layer l of a <see cref="NetworkTrace{T}"/>: its parameters and every quantity of the forward and backward pass, copied,
/// in the trace's convention. With samples as rows (Nabla's), Z^[l], A^[l], ∂L/∂A^[l] and δ^[l] are n × m^[l] and b^[l] is
/// 1 × m^[l]; in the column convention (the lectures') they are m^[l] × n and b^[l] is the column m^[l] × 1. W^[l] and
/// ∂L/∂W^[l] are m^[l] × m^[l−1] in both.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class LayerTrace<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal LayerTrace(int layer, Activation activation, Matrix<T> weights, Matrix<T> bias, Matrix<T> preActivation, Matrix<T> output,
        Matrix<T> outputGradient, Matrix<T> delta, Matrix<T> weightGradient, Matrix<T> biasGradient)
    {
        Layer = layer;
        Activation = activation;
        Weights = weights;
        Bias = bias;
        PreActivation = preActivation;
        Output = output;
        OutputGradient = outputGradient;
        Delta = delta;
        WeightGradient = weightGradient;
        BiasGradient = biasGradient;
    }

    /// <summary>l (1-based).</summary>
    public int Layer { get; }

    /// <summary>g^[l].</summary>
    public Activation Activation { get; }

    /// <summary>W^[l], m^[l] × m^[l−1].</summary>
    public Matrix<T> Weights { get; }

    /// <summary>b^[l]: a row (samples as rows) or a column (column convention).</summary>
    public Matrix<T> Bias { get; }

    /// <summary>Z^[l] = A^[l−1] W^[l]ᵀ + b^[l] (rows), or W^[l] A^[l−1] + b^[l] (columns).</summary>
    public Matrix<T> PreActivation { get; }

    /// <summary>A^[l] = g(Z^[l]).</summary>
    public Matrix<T> Output { get; }

    /// <summary>∂L/∂A^[l]: the loss's derivative at the output layer, δ^[l+1] W^[l+1] (rows) or W^[l+1]ᵀ δ^[l+1] (columns) below it.</summary>
    public Matrix<T> OutputGradient { get; }

    /// <summary>δ^[l] = ∂L/∂Z^[l] = ∂L/∂A^[l] ⊙ g'(Z^[l]) (for softmax, its Jacobian; fused to A − Y for the matching loss).</summary>
    public Matrix<T> Delta { get; }

    /// <summary>∂L/∂W^[l] = δ^[l]ᵀ A^[l−1] (rows) = δ^[l] A^[l−1]ᵀ (columns), m^[l] × m^[l−1].</summary>
    public Matrix<T> WeightGradient { get; }

    /// <summary>∂L/∂b^[l], δ^[l] summed over the samples, shaped as <see cref="Bias"/>.</summary>
    public Matrix<T> BiasGradient { get; }

    /// <summary>m^[l].</summary>
    public int Units => Weights.Rows;
}
