using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Networks;

/// <summary>A trainable parameter (a weight matrix W^[l] or bias b^[l]) together with its gradient ∂L/∂W^[l] or ∂L/∂b^[l].</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Parameter<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Pairs a value with a gradient of the same shape.</summary>
    /// <param name="name">Name in the lectures' notation, such as <c>W1</c> or <c>b2</c>.</param>
    /// <param name="value">The parameter's values.</param>
    /// <param name="gradient">Its gradient, same shape.</param>
    public Parameter(string name, Matrix<T> value, Matrix<T> gradient)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        MatrixMath.RequireSameShape(value, gradient, nameof(gradient));
        Name = name;
        Value = value;
        Gradient = gradient;
    }

    /// <summary>True for a weight matrix (name starting with W), which weight decay applies to; false for a bias.</summary>
    public bool IsWeight => Name.StartsWith('W');

    /// <summary>Name in the lectures' notation: <c>W1</c>, <c>b1</c>, <c>W2</c>, …</summary>
    public string Name { get; }

    /// <summary>The values, updated in place by an optimizer.</summary>
    public Matrix<T> Value { get; }

    /// <summary>∂L/∂(value) from the last backward pass, same shape as <see cref="Value"/>.</summary>
    public Matrix<T> Gradient { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {Value.Shape}";
}
