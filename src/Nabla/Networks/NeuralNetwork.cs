using System.Numerics;
using Nabla.Activations;
using Nabla.Losses;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Networks;

/// <summary>
/// A feedforward network: layers l = 1 … L, each a <see cref="DenseLayer{T}"/>, with a^[0] = x and
/// a^[l] = g(W^[l] a^[l−1] + b^[l]). Forward passes keep every Z^[l] and A^[l]; backward passes compute every δ^[l]
/// and gradient by the lectures' key equations.
/// </summary>
/// <remarks>
/// <para>
/// A network object is not safe for concurrent use through <see cref="Forward"/>, <see cref="Predict(Matrix{T})"/>,
/// <see cref="Backward"/>, <see cref="ComputeGradients"/>, <see cref="Evaluate"/> or training: they write each layer's
/// buffers, which keep the last pass for inspection. Only <see cref="Predict(ReadOnlySpan{T}, Span{T})"/> may be called
/// from many threads at once (while nothing changes the parameters). A fitted estimator (<see cref="Mlp.MlpClassifier{T, TLabel}"/>,
/// <see cref="Mlp.MlpRegressor{T}"/>) is safe to use for prediction from many threads at once.
/// </para>
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class NeuralNetwork<T> : ITrainable<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly DenseLayer<T>[] _layers;
    private readonly Parameter<T>[] _parameters;
    private Matrix<T>? _sample;
    private Matrix<T>? _blockInput, _tailInput; // ForwardRows's input blocks: a full one and the last, shorter one
    private InferencePool<T>? _inference;

    /// <summary>Builds a network from layers whose sizes chain: each layer's inputs equal the previous layer's units.</summary>
    public NeuralNetwork(params IReadOnlyList<DenseLayer<T>> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
        {
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        }

        for (int l = 0; l < layers.Count; l++)
        {
            ArgumentNullException.ThrowIfNull(layers[l], $"{nameof(layers)}[{l}]");
            if (l > 0 && layers[l].Inputs != layers[l - 1].Units)
            {
                throw new ArgumentException(
                    $"Layer {l + 1} takes {layers[l].Inputs} inputs but layer {l} has {layers[l - 1].Units} units: W^[{l + 1}] must be {layers[l].Units}×{layers[l - 1].Units}.",
                    nameof(layers));
            }
        }

        _layers = [.. layers];
        _parameters = new Parameter<T>[2 * _layers.Length];
        for (int l = 0; l < _layers.Length; l++)
        {
            _parameters[2 * l] = new Parameter<T>($"W{l + 1}", _layers[l].Weights, _layers[l].WeightGradient);
            _parameters[2 * l + 1] = new Parameter<T>($"b{l + 1}", _layers[l].Bias, _layers[l].BiasGradient);
        }
    }

    /// <summary>
    /// Builds and initializes a network with layer sizes m^[0], m^[1], …, m^[L] (m^[0] = number of features), the activation
    /// <paramref name="hidden"/> in layers 1 … L−1 and <paramref name="output"/> in layer L.
    /// </summary>
    /// <param name="sizes">At least two sizes, each at least 1: inputs, then units of each layer.</param>
    /// <param name="hidden">Activation of the hidden layers.</param>
    /// <param name="output">Activation of the output layer.</param>
    /// <param name="initializer">Weight initializer (Glorot uniform when null).</param>
    /// <param name="seed">Seed of the weight draws.</param>
    public static NeuralNetwork<T> Create(IReadOnlyList<int> sizes, Activation hidden, Activation output, Initializer? initializer = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(output);
        if (sizes.Count < 2)
        {
            throw new ArgumentException($"A network needs at least two sizes (inputs and outputs), got {sizes.Count}.", nameof(sizes));
        }

        for (int i = 0; i < sizes.Count; i++)
        {
            if (sizes[i] < 1)
            {
                throw new ArgumentException($"Layer sizes must be at least 1, but m^[{i}] = {sizes[i]}.", nameof(sizes));
            }
        }

        var layers = new DenseLayer<T>[sizes.Count - 1];
        for (int l = 1; l < sizes.Count; l++)
        {
            layers[l - 1] = new DenseLayer<T>(sizes[l - 1], sizes[l], l == sizes.Count - 1 ? output : hidden);
        }

        var network = new NeuralNetwork<T>(layers);
        network.Initialize(initializer ?? Initializer.GlorotUniform, seed);
        return network;
    }

    /// <summary>The layers 1 … L (index 0 is layer 1).</summary>
    public IReadOnlyList<DenseLayer<T>> Layers => _layers;

    /// <summary>The trainable parameters in order W1, b1, W2, b2, …, each with its gradient.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => _parameters;

    /// <summary>m^[0]: the number of features per sample.</summary>
    public int InputSize => _layers[0].Inputs;

    /// <summary>m^[L]: the number of outputs per sample.</summary>
    public int OutputSize => _layers[^1].Units;

    /// <summary>The layer sizes m^[0], m^[1], …, m^[L].</summary>
    public int[] Sizes => [InputSize, .. _layers.Select(l => l.Units)];

    /// <summary>Number of trainable values.</summary>
    public int ParameterCount => _layers.Sum(l => l.ParameterCount);

    /// <inheritdoc/>
    Matrix<T> ITrainable<T>.Output => _layers[^1].Output;

    /// <summary>The output layer's activation g^[L].</summary>
    public Activation OutputActivation => _layers[^1].Activation;

    /// <summary>
    /// True while the network is being trained: then <see cref="ComputeGradients"/> runs the training behaviour of stochastic
    /// activations (a <see cref="RandomizedLeakyReluActivation"/> draws a slope per entry). <see cref="Forward"/>,
    /// <see cref="Predict(Matrix{T})"/> and <see cref="Evaluate"/> always run the inference behaviour. <see cref="Trainer"/>
    /// sets it for the length of training (seeding the draws from <see cref="TrainingOptions.Seed"/>); false otherwise, so
    /// that a gradient check compares like with like.
    /// </summary>
    public bool Training { get; set; }

    /// <summary>Seeds each layer's stream of stochastic-activation draws from <paramref name="seed"/> (layer l from seed and l).</summary>
    internal void SeedNoise(int seed)
    {
        for (int l = 0; l < _layers.Length; l++)
        {
            _layers[l].SeedNoise(unchecked(seed * 7919 + 1_000_003 * (l + 1)));
        }
    }

    /// <summary>Draws all weights from <paramref name="initializer"/> with the given seed and zeroes the biases.</summary>
    public void Initialize(Initializer initializer, int seed)
    {
        var random = new Random(seed);
        foreach (var layer in _layers)
        {
            layer.Initialize(initializer, random);
        }
    }

    /// <summary>
    /// The forward pass for a batch <paramref name="x"/> (n × m^[0]): returns A^[L] (n × m^[L]), a buffer owned by the network
    /// and overwritten by the next pass; use <see cref="Predict(Matrix{T})"/> for a copy.
    /// </summary>
    public Matrix<T> Forward(Matrix<T> x) => RunForward(x, training: false);

    private Matrix<T> RunForward(Matrix<T> x, bool training)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != InputSize)
        {
            throw new ArgumentException($"The network takes {InputSize} features per sample, but the input is {x.Shape}: it needs {InputSize} columns.", nameof(x));
        }

        var a = x;
        foreach (var layer in _layers)
        {
            a = layer.Forward(a, training);
        }

        return a;
    }

    /// <summary>
    /// The forward pass in the lectures' column convention: <paramref name="x"/> is d × n, one sample per column
    /// (X = [x^(1) … x^(n)]), and the result is A^[L] = g(W^[L] A^[L−1] + b^[L]) as a new m^[L] × n matrix. The layers keep
    /// the pass in Nabla's row convention (their Z^[l] is the transpose of the lectures' Z^[l]).
    /// </summary>
    /// <param name="x">The inputs, m^[0] rows (features) × n columns (samples).</param>
    public Matrix<T> ForwardColumns(Matrix<T> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rows != InputSize)
        {
            throw new ArgumentException(
                $"In the column convention the inputs are d × n with d = {InputSize} features as rows, but the input is {x.Shape}: it needs {InputSize} rows.", nameof(x));
        }

        return Forward(x.Transpose()).Transpose();
    }

    /// <summary>
    /// <see cref="ComputeGradients"/> in the column convention: <paramref name="x"/> is m^[0] × n and <paramref name="target"/>
    /// m^[L] × n, one sample per column. The gradients ∂L/∂W^[l] (m^[l] × m^[l−1]) and ∂L/∂b^[l] are the same in both conventions.
    /// </summary>
    public T ComputeGradientsColumns(Matrix<T> x, Matrix<T> target, Loss loss)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(target);
        if (x.Rows != InputSize || target.Rows != OutputSize || target.Columns != x.Columns)
        {
            throw new ArgumentException(
                $"In the column convention the inputs are {InputSize} × n and the targets {OutputSize} × n (one sample per column), but they are {x.Shape} and {target.Shape}.", nameof(x));
        }

        return ComputeGradients(x.Transpose(), target.Transpose(), loss);
    }

    /// <summary>Rows that prediction runs at a time (<see cref="ForwardRows"/>): its workspaces stay small for any number of rows.</summary>
    internal const int InferenceBlockRows = 2048;

    /// <summary>
    /// The forward pass for rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) of
    /// <paramref name="x"/>: A^[L] of those rows, in a buffer owned by the network. All the rows at once pass
    /// <paramref name="x"/> itself; a block is copied into an input buffer of the network's own.
    /// </summary>
    internal Matrix<T> ForwardRows(Matrix<T> x, int start, int count)
    {
        if (start == 0 && count == x.Rows)
        {
            return Forward(x);
        }

        ref var buffer = ref count == InferenceBlockRows ? ref _blockInput : ref _tailInput;
        if (buffer is null || buffer.Rows != count || buffer.Columns != x.Columns)
        {
            buffer = new Matrix<T>(count, x.Columns);
        }

        x.AsReadOnlySpan().Slice(start * x.Columns, count * x.Columns).CopyTo(buffer.AsSpan());
        return Forward(buffer);
    }

    /// <summary>
    /// The network's outputs for <paramref name="x"/> (n × m^[0]) as a new n × m^[L] matrix. This runs <see cref="Forward"/>,
    /// so the layers keep the pass for inspection, and like it is not safe to call from several threads at once.
    /// </summary>
    public Matrix<T> Predict(Matrix<T> x) => Forward(x).Clone();

    /// <summary>
    /// The outputs for one sample: <paramref name="x"/> holds m^[0] features, <paramref name="output"/> receives m^[L] values.
    /// </summary>
    /// <remarks>
    /// The pass runs on buffers of its own, rented from a small pool of copies that share this network's W^[l] and
    /// b^[l], so it leaves the layers' <see cref="DenseLayer{T}.Output"/> and <see cref="DenseLayer{T}.PreActivation"/>
    /// untouched and may be called from many threads at once, as long as nothing trains or changes the parameters
    /// meanwhile. Once a thread has made one call, its calls allocate nothing (while no more threads call at once than
    /// there are processors).
    /// </remarks>
    public void Predict(ReadOnlySpan<T> x, Span<T> output)
    {
        if (x.Length != InputSize || output.Length != OutputSize)
        {
            throw new ArgumentException(
                $"One sample needs {InputSize} features and room for {OutputSize} outputs, but got {x.Length} features and {output.Length} places.");
        }

        var pool = InferenceReplicas;
        var replica = pool.Rent();
        try
        {
            replica.PredictSample(x, output);
        }
        finally
        {
            pool.Return(replica);
        }
    }

    /// <summary>
    /// The pool of inference replicas behind concurrent prediction: rent one for a pass that must not touch this
    /// network's own buffers (an estimator's prediction), and give it back after reading its output.
    /// </summary>
    internal InferencePool<T> InferenceReplicas
    {
        get
        {
            var pool = Volatile.Read(ref _inference);
            if (pool is null)
            {
                // Two threads may race to create it; one pool wins and the other is dropped unused.
                Interlocked.CompareExchange(ref _inference, new InferencePool<T>(this, InferencePool<T>.DefaultCapacity), null);
                pool = _inference;
            }

            return pool;
        }
    }

    /// <summary>One sample through this network's own buffers (the caller holds it alone: it is a rented replica).</summary>
    private void PredictSample(ReadOnlySpan<T> x, Span<T> output)
    {
        _sample ??= new Matrix<T>(1, InputSize);
        x.CopyTo(_sample.AsSpan());
        Forward(_sample).AsReadOnlySpan().CopyTo(output);
    }

    /// <summary>
    /// The backward pass after <see cref="Forward"/>: δ^[L] = ∂L/∂a^[L] ⊙ g'(z^[L]) (fused to a − y for matching output and loss),
    /// then δ^[l] = (δ^[l+1] W^[l+1]) ⊙ g'(z^[l]) for l = L−1 … 1, with ∂L/∂W^[l] = δ^[l]ᵀ A^[l−1] and ∂L/∂b^[l] = Σ_rows δ^[l]
    /// stored in each layer. Returns the loss of the last forward pass.
    /// </summary>
    /// <param name="target">y, n × m^[L], for the batch of the last forward pass.</param>
    /// <param name="loss">The loss L.</param>
    public T Backward(Matrix<T> target, Loss loss)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(loss);
        var last = _layers[^1];
        var output = last.Output;
        if (target.Rows != output.Rows || target.Columns != output.Columns)
        {
            throw new ArgumentException(
                $"The last forward pass produced {output.Shape} outputs, but the targets are {target.Shape}: give one row per sample and {OutputSize} columns.",
                nameof(target));
        }

        foreach (var layer in _layers)
        {
            if (!layer.Activation.IsDifferentiable)
            {
                throw new NotSupportedException(
                    $"Layer {Array.IndexOf(_layers, layer) + 1} uses the {layer.Activation.Name} activation, which cannot be trained by gradient descent: its derivative is zero wherever it exists. " +
                    "Use sigmoid or tanh instead (the perceptron learning rule trains a step neuron directly).");
            }
        }

        T value = loss.Value(last.PreActivation, output, target, last.Activation);
        loss.OutputDelta(last.PreActivation, output, target, last.Activation, last.Delta);
        for (int l = _layers.Length - 1; l >= 0; l--)
        {
            _layers[l].Backpropagate(l > 0 ? _layers[l - 1] : null);
        }

        return value;
    }

    /// <summary>Forward and backward pass on (<paramref name="x"/>, <paramref name="target"/>): fills every gradient and returns the loss.</summary>
    public T ComputeGradients(Matrix<T> x, Matrix<T> target, Loss loss)
    {
        RunForward(x, Training);
        return Backward(target, loss);
    }

    /// <summary>The loss of the network on (<paramref name="x"/>, <paramref name="target"/>) without touching the gradients.</summary>
    public T Evaluate(Matrix<T> x, Matrix<T> target, Loss loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        var output = Forward(x);
        var last = _layers[^1];
        return loss.Value(last.PreActivation, output, target, last.Activation);
    }

    /// <summary>A network whose layers share this one's W^[l] and b^[l] but have their own gradients and buffers.</summary>
    internal NeuralNetwork<T> CreateReplica() => new(_layers.Select(l => new DenseLayer<T>(l, shareGradients: false)).ToArray()) { Training = Training };

    /// <summary>
    /// A replica for forward passes only: it shares W^[l] and b^[l], and also the gradient matrices, which a forward pass
    /// never writes, so that it costs no more than its own Z and A. It must never run a backward pass.
    /// </summary>
    internal NeuralNetwork<T> CreateInferenceReplica() => new(_layers.Select(l => new DenseLayer<T>(l, shareGradients: true)).ToArray());

    /// <summary>Drops the first layer's reference to the last input, so an idle replica does not keep a caller's data alive.</summary>
    internal void ForgetInput() => _layers[0].ForgetInput();

    /// <summary>A deep copy of the network's parameters and architecture (no forward-pass buffers).</summary>
    public NeuralNetwork<T> Clone()
    {
        var layers = new DenseLayer<T>[_layers.Length];
        for (int l = 0; l < layers.Length; l++)
        {
            layers[l] = new DenseLayer<T>(_layers[l].Inputs, _layers[l].Units, _layers[l].Activation);
            _layers[l].Weights.CopyTo(layers[l].Weights);
            _layers[l].Bias.CopyTo(layers[l].Bias);
        }

        return new NeuralNetwork<T>(layers);
    }

    /// <summary>Copies all parameter values of <paramref name="source"/>, a network of the same architecture, into this one.</summary>
    public void CopyParametersFrom(NeuralNetwork<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!source.Sizes.AsSpan().SequenceEqual(Sizes))
        {
            throw new ArgumentException($"Cannot copy parameters from a {string.Join('-', source.Sizes)} network into a {string.Join('-', Sizes)} network.", nameof(source));
        }

        for (int i = 0; i < _parameters.Length; i++)
        {
            source._parameters[i].Value.CopyTo(_parameters[i].Value);
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"NeuralNetwork<{typeof(T).Name}> {string.Join('-', Sizes)} ({string.Join(", ", _layers.Select(l => l.Activation.ToString()))}), {ParameterCount} parameters";
}
