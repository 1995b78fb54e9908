namespace Nabla.Neurons;

/// <summary>Which weights a <see cref="Perceptron{T, TLabel}"/> keeps at the end of training.</summary>
public enum PerceptronVariant
{
    /// <summary>Rosenblatt's rule as in the notes: the weights after the last update.</summary>
    Standard,

    /// <summary>The average of the weight vector over every presented sample: stable on data that is not separable.</summary>
    Averaged,

    /// <summary>The pocket algorithm: the weights with the fewest training errors seen at the end of any epoch.</summary>
    Pocket,
}
