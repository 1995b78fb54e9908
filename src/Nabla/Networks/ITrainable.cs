using System.Numerics;
using Nabla.Losses;
using Nabla.Tensors;

namespace Nabla.Networks;

/// <summary>
/// What <see cref="Training.Trainer"/> trains: parameters with gradients, and a loss to compute them from a batch. A
/// <see cref="NeuralNetwork{T}"/> is one; logistic regression's gradient-descent solver trains a one-layer network.
/// </summary>
/// <remarks>
/// The trainer reads and writes nothing but these members: the optimizer updates <see cref="Parameters"/> in place,
/// the L2 penalty applies to those whose <see cref="Parameter{T}.IsWeight"/> is true, and early stopping keeps a copy
/// of their values. Only a <see cref="NeuralNetwork{T}"/> gets the data-parallel step of
/// <see cref="Training.TrainingOptions.Threads"/>: it needs replicas that share the parameter values but own their gradients
/// and buffers, which the network's layers can make and an arbitrary model cannot; other models run each step whole.
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public interface ITrainable<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The number of input columns a batch has.</summary>
    int InputSize { get; }

    /// <summary>The number of target (and output) columns a batch has.</summary>
    int OutputSize { get; }

    /// <summary>The trainable parameters, each with its gradient; the same objects for the whole of training.</summary>
    IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>
    /// The outputs (n × <see cref="OutputSize"/>) of the last <see cref="ComputeGradients"/> or <see cref="Evaluate"/>,
    /// read for <see cref="Training.TrainingOptions.TrackAccuracy"/>.
    /// </summary>
    Matrix<T> Output { get; }

    /// <summary>Fills every parameter's gradient of <paramref name="loss"/> on the batch (<paramref name="x"/>, <paramref name="target"/>) and returns the loss.</summary>
    T ComputeGradients(Matrix<T> x, Matrix<T> target, Loss loss);

    /// <summary>The loss on (<paramref name="x"/>, <paramref name="target"/>), leaving the gradients alone.</summary>
    T Evaluate(Matrix<T> x, Matrix<T> target, Loss loss);
}
