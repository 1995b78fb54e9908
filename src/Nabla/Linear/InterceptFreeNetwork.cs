using System.Numerics;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Linear;

/// <summary>
/// A network trained with its biases held fixed: only the weight matrices are handed to the trainer, so the optimizer
/// never moves b (logistic regression without intercepts keeps b = 0). Not a network to the trainer, so its steps run
/// whole (see <see cref="ITrainable{T}"/>).
/// </summary>
internal sealed class InterceptFreeNetwork<T>(NeuralNetwork<T> network) : ITrainable<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] _weights = network.Parameters.Where(p => p.IsWeight).ToArray();

    public int InputSize => network.InputSize;

    public int OutputSize => network.OutputSize;

    public IReadOnlyList<Parameter<T>> Parameters => _weights;

    public Matrix<T> Output => network.Layers[^1].Output;

    public T ComputeGradients(Matrix<T> x, Matrix<T> target, Loss loss) => network.ComputeGradients(x, target, loss);

    public T Evaluate(Matrix<T> x, Matrix<T> target, Loss loss) => network.Evaluate(x, target, loss);
}
