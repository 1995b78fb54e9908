using System.Numerics;
using System.Numerics.Tensors;
using Nabla.Activations;
using Nabla.Tensors;

namespace Nabla.Networks;

/// <summary>
/// A fully connected layer l: z^[l] = W^[l] a^[l−1] + b^[l], a^[l] = g(z^[l]). For a batch (one sample per row) this is
/// Z^[l] = A^[l−1] W^[l]ᵀ + b^[l] and A^[l] = g(Z^[l]).
/// </summary>
/// <remarks>
/// After a forward pass the layer keeps Z^[l] and A^[l]; after a backward pass δ^[l] = ∂L/∂Z^[l] and the gradients
/// ∂L/∂W^[l] = δ^[l]ᵀ A^[l−1] and ∂L/∂b^[l] = Σ_rows δ^[l]. All can be read (and the parameters written) for inspection.
/// These buffers are allocated once per batch size and reused; the layer keeps those of the last few batch sizes it
/// has seen (<see cref="MaxCachedBatchSizes"/>), so a training loop that cycles through a handful of sizes (the batch,
/// the last shorter batch, the validation rows) allocates nothing in steady state, while predicting on ever new sizes
/// does not make it grow without bound.
/// <para>
/// A layer is not safe for concurrent use: its forward and backward passes write these buffers. Fitted estimators
/// predict through copies of the network with buffers of their own (see <see cref="NeuralNetwork{T}"/>).
/// </para>
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class DenseLayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>How many batch sizes a layer keeps buffers for; a new size beyond that replaces the least recently used.</summary>
    public const int MaxCachedBatchSizes = 8;

    private readonly Workspace?[] _workspaces = new Workspace?[MaxCachedBatchSizes];
    private long _uses;
    private Workspace? _current;
    private Matrix<T>? _input;
    private Random? _noise;

    /// <summary>Creates a layer of <paramref name="units"/> neurons reading <paramref name="inputs"/> values, with zero weights and biases.</summary>
    /// <param name="inputs">m^[l−1], the size of the previous layer (or the number of features), at least 1.</param>
    /// <param name="units">m^[l], the number of neurons, at least 1.</param>
    /// <param name="activation">g, applied element-wise (or row-wise for softmax).</param>
    public DenseLayer(int inputs, int units, Activation activation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        ArgumentNullException.ThrowIfNull(activation);
        Activation = activation;
        Weights = new Matrix<T>(units, inputs);
        Bias = new Matrix<T>(1, units);
        WeightGradient = new Matrix<T>(units, inputs);
        BiasGradient = new Matrix<T>(1, units);
    }

    /// <summary>
    /// A layer that shares W^[l] and b^[l] with <paramref name="source"/> but keeps its own Z, A and δ buffers: one shard
    /// of a parallel training step (own gradients too), or an inference replica (<paramref name="shareGradients"/>: the
    /// source's gradient matrices, which a forward pass never writes, so the replica costs only its buffers).
    /// </summary>
    internal DenseLayer(DenseLayer<T> source, bool shareGradients)
    {
        Activation = source.Activation;
        Weights = source.Weights;
        Bias = source.Bias;
        WeightGradient = shareGradients ? source.WeightGradient : new Matrix<T>(source.Units, source.Inputs);
        BiasGradient = shareGradients ? source.BiasGradient : new Matrix<T>(1, source.Units);

        // A training shard draws its own stochastic-activation noise, seeded from the source's stream in creation order.
        _noise = source._noise is null || shareGradients ? null : new Random(source._noise.Next());
    }

    /// <summary>The random stream of a stochastic activation's training passes (seeded by the trainer; 0 when never seeded).</summary>
    internal void SeedNoise(int seed) => _noise = new Random(seed);

    /// <summary>m^[l−1]: inputs per sample.</summary>
    public int Inputs => Weights.Columns;

    /// <summary>m^[l]: neurons in this layer.</summary>
    public int Units => Weights.Rows;

    /// <summary>The activation g of this layer.</summary>
    public Activation Activation { get; }

    /// <summary>W^[l], m^[l] × m^[l−1]: entry (i, j) is w^[l]_{i,j}, the weight of input j into neuron i.</summary>
    public Matrix<T> Weights { get; }

    /// <summary>b^[l] as a 1 × m^[l] row.</summary>
    public Matrix<T> Bias { get; }

    /// <summary>∂L/∂W^[l] from the last backward pass, m^[l] × m^[l−1].</summary>
    public Matrix<T> WeightGradient { get; }

    /// <summary>∂L/∂b^[l] from the last backward pass, 1 × m^[l].</summary>
    public Matrix<T> BiasGradient { get; }

    /// <summary>Z^[l] of the last forward pass, n × m^[l].</summary>
    /// <exception cref="InvalidOperationException">No forward pass has run yet.</exception>
    public Matrix<T> PreActivation => Current.Z;

    /// <summary>A^[l] of the last forward pass, n × m^[l].</summary>
    /// <exception cref="InvalidOperationException">No forward pass has run yet.</exception>
    public Matrix<T> Output => Current.A;

    /// <summary>δ^[l] = ∂L/∂Z^[l] of the last backward pass, n × m^[l].</summary>
    /// <exception cref="InvalidOperationException">No forward pass has run yet.</exception>
    public Matrix<T> Delta => Current.Delta;

    /// <summary>A^[l−1], the input of the last forward pass, n × m^[l−1].</summary>
    public Matrix<T> Input => _input ?? throw NoForwardPass();

    /// <summary>Number of trainable values: m^[l]·m^[l−1] weights plus m^[l] biases.</summary>
    public int ParameterCount => Weights.Length + Bias.Length;

    /// <summary>Computes Z^[l] = A^[l−1] W^[l]ᵀ + b^[l] and A^[l] = g(Z^[l]) for a batch and returns A^[l] (kept until the next pass).</summary>
    /// <remarks>An inference pass: a randomized leaky ReLU uses its mean slope.</remarks>
    /// <param name="input">A^[l−1], n × m^[l−1].</param>
    public Matrix<T> Forward(Matrix<T> input) => Forward(input, training: false);

    /// <summary>The forward pass; with <paramref name="training"/> a stochastic activation draws its randomness (in row order, from the layer's seeded stream).</summary>
    internal Matrix<T> Forward(Matrix<T> input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Columns != Inputs)
        {
            throw new ArgumentException(
                $"This layer takes {Inputs} inputs per sample (W is {Weights.Shape}), but the batch is {input.Shape}: it needs {Inputs} columns.", nameof(input));
        }

        var ws = WorkspaceFor(input.Rows);
        _input = input;

        // The product adds b and applies an element-wise g to each block of Z as it finishes; softmax needs whole rows, and
        // a training pass of a stochastic g draws in one fixed order (the blocks finish in any order, on any thread).
        bool sample = training && Activation.IsStochastic;
        ws.Sampling = sample;
        MatrixMath.Multiply(input, Weights, ws.Z, transposeA: false, transposeB: true, accumulate: false, ws.ForwardEpilogue);
        if (sample)
        {
            Activation.ForwardTraining<T>(ws.Z.AsReadOnlySpan(), ws.A.AsSpan(), _noise ??= new Random(0));
        }
        else if (!Activation.IsElementwise)
        {
            Activation.Forward(ws.Z, ws.A);
        }

        return ws.A;
    }

    /// <summary>
    /// From δ^[l] (already in <see cref="Delta"/>) computes ∂L/∂W^[l] = δ^[l]ᵀ A^[l−1] and ∂L/∂b^[l] = Σ_rows δ^[l], and, when
    /// <paramref name="inputGradient"/> is given, ∂L/∂A^[l−1] = δ^[l] W^[l] into it (n × m^[l−1]).
    /// </summary>
    public void Backward(Matrix<T>? inputGradient)
    {
        ParameterGradients();
        if (inputGradient is not null)
        {
            MatrixMath.Multiply(Current.Delta, Weights, inputGradient);
        }
    }

    /// <summary>
    /// ∂L/∂A^[l−1] = δ^[l] W^[l] of the last backward pass, as a new n × m^[l−1] matrix (the lectures' W^[l]ᵀ δ^[l], one row
    /// per sample): the gradient with respect to the previous layer's outputs, before its g' is applied.
    /// </summary>
    /// <exception cref="InvalidOperationException">No forward pass has run yet.</exception>
    public Matrix<T> InputGradient()
    {
        var gradient = new Matrix<T>(Current.Rows, Inputs);
        MatrixMath.Multiply(Current.Delta, Weights, gradient);
        return gradient;
    }

    /// <summary>
    /// The backward pass inside a network: the parameter gradients, then, when there is a <paramref name="previous"/>
    /// layer, its δ^[l−1] = (δ^[l] W^[l]) ⊙ g'(Z^[l−1]), the derivative applied to each block of the product as it finishes.
    /// </summary>
    internal void Backpropagate(DenseLayer<T>? previous)
    {
        ParameterGradients();
        if (previous is null)
        {
            return;
        }

        var target = previous.Current;
        bool fused = previous.Activation.IsElementwise;
        MatrixMath.Multiply(Current.Delta, Weights, target.Delta, transposeA: false, transposeB: false, accumulate: false, fused ? target.DerivativeEpilogue : null);
        if (!fused)
        {
            previous.Activation.Backward(target.Z, target.A, target.Delta, target.Delta);
        }
    }

    private void ParameterGradients()
    {
        var ws = Current;
        MatrixMath.Multiply(ws.Delta, Input, WeightGradient, transposeA: true);
        MatrixMath.SumColumns(ws.Delta, BiasGradient.AsSpan());
    }

    /// <summary>Draws the weights from <paramref name="initializer"/> and sets the biases to zero.</summary>
    public void Initialize(Initializer initializer, Random random)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        initializer.Initialize(Weights, random);
        Bias.Clear();
    }

    /// <summary>Copies <paramref name="weights"/> (W^[l] as rows: weights[i][j] into neuron i from input j) into this layer.</summary>
    public void SetWeights(T[][] weights)
    {
        var given = Matrix<T>.FromRows(weights);
        if (given.Rows != Units || given.Columns != Inputs)
        {
            throw new ArgumentException($"W must be {Weights.Shape} (neurons × inputs), but the values given are {given.Shape}.", nameof(weights));
        }

        given.CopyTo(Weights);
    }

    /// <summary>Copies <paramref name="bias"/> (length m^[l]) into b^[l].</summary>
    public void SetBias(ReadOnlySpan<T> bias)
    {
        if (bias.Length != Units)
        {
            throw new ArgumentException($"This layer has {Units} neurons, so b needs {Units} values, not {bias.Length}.", nameof(bias));
        }

        bias.CopyTo(Bias.AsSpan());
    }

    /// <inheritdoc/>
    public override string ToString() => $"Dense {Inputs} → {Units}, {Activation}";

    /// <summary>Drops the reference to the last input (an idle inference replica must not keep a caller's data alive).</summary>
    internal void ForgetInput() => _input = null;

    /// <summary>The number of batch sizes whose buffers the layer holds now (at most <see cref="MaxCachedBatchSizes"/>).</summary>
    internal int CachedBatchSizes => _workspaces.Count(w => w is not null);

    internal Workspace WorkspaceFor(int rows)
    {
        if (_current is { } c && c.Rows == rows)
        {
            return c;
        }

        // A linear search of a few slots: cheap next to the product that follows, and it allocates nothing.
        var slots = _workspaces;
        int victim = 0;
        for (int i = 0; i < slots.Length; i++)
        {
            var w = slots[i];
            if (w is null)
            {
                victim = i;
                break;
            }

            if (w.Rows == rows)
            {
                w.LastUse = ++_uses;
                _current = w;
                return w;
            }

            if (w.LastUse < slots[victim]!.LastUse)
            {
                victim = i;
            }
        }

        // A new size: an empty slot, else the least recently used size gives way (the current one never does, as its
        // use is the latest).
        var ws = new Workspace(this, rows) { LastUse = ++_uses };
        slots[victim] = ws;
        _current = ws;
        return ws;
    }

    private Workspace Current => _current ?? throw NoForwardPass();

    private static InvalidOperationException NoForwardPass() =>
        new("The layer has not seen a batch yet: run a forward pass first.");

    /// <summary>The per-batch-size buffers Z^[l], A^[l] and δ^[l], and the product epilogues that fill them.</summary>
    internal sealed class Workspace
    {
        private Matrix<T>? _delta;

        public Workspace(DenseLayer<T> layer, int rows)
        {
            Rows = rows;
            Z = new Matrix<T>(rows, layer.Units);
            A = new Matrix<T>(rows, layer.Units);
            ForwardEpilogue = new BiasActivationEpilogue(layer, this);
            DerivativeEpilogue = new ActivationDerivativeEpilogue(layer.Activation, this);
        }

        public int Rows { get; }

        public Matrix<T> Z { get; }

        public Matrix<T> A { get; }

        /// <summary>δ^[l], made on first use: a forward-only pass (prediction) never needs it.</summary>
        public Matrix<T> Delta => _delta ??= new Matrix<T>(Rows, Z.Columns);

        /// <summary>When the layer last used these buffers, in its own count of lookups (for least-recently-used eviction).</summary>
        public long LastUse { get; set; }

        /// <summary>True during a training pass of a stochastic activation: the epilogue adds b only, and g runs after the product.</summary>
        public bool Sampling { get; set; }

        /// <summary>Z += b, then A = g(Z) when g is element-wise, on each finished block of Z = A^[l−1] W^[l]ᵀ.</summary>
        public GemmEpilogue<T> ForwardEpilogue { get; }

        /// <summary>δ ⊙= g'(Z) on each finished block of δ = ∂L/∂A^[l] (g element-wise).</summary>
        public GemmEpilogue<T> DerivativeEpilogue { get; }

        /// <summary>
        /// The spans of a block of rows × columns at (row, column) in a matrix of this width: one span of whole rows when
        /// the block spans whole rows, else one span per row. RowLength is the length of the rows a span holds, which
        /// the activations take as their width.
        /// </summary>
        public static (int Offset, int Length, int Count, int Stride, int RowLength) Segments(int row, int rows, int column, int columns, int width) =>
            columns == width ? (row * width, rows * width, 1, 0, width) : (row * width + column, columns, rows, width, columns);
    }

    private sealed class BiasActivationEpilogue(DenseLayer<T> layer, Workspace ws) : GemmEpilogue<T>
    {
        public override void Apply(int row, int rows, int column, int columns)
        {
            int width = ws.Z.Columns;
            var z = ws.Z.Data;
            var bias = layer.Bias.Data.AsSpan(column, columns);
            for (int r = row; r < row + rows; r++)
            {
                var zr = z.AsSpan(r * width + column, columns);
                TensorPrimitives.Add(zr, bias, zr);
            }

            if (layer.Activation.IsElementwise && !ws.Sampling)
            {
                var (offset, length, count, stride, rowLength) = Workspace.Segments(row, rows, column, columns, width);
                for (int i = 0; i < count; i++, offset += stride)
                {
                    layer.Activation.Forward<T>(z.AsSpan(offset, length), ws.A.Data.AsSpan(offset, length), rowLength);
                }
            }
        }
    }

    private sealed class ActivationDerivativeEpilogue(Activation activation, Workspace ws) : GemmEpilogue<T>
    {
        public override void Apply(int row, int rows, int column, int columns)
        {
            var (offset, length, count, stride, rowLength) = Workspace.Segments(row, rows, column, columns, ws.Z.Columns);
            for (int i = 0; i < count; i++, offset += stride)
            {
                var delta = ws.Delta.Data.AsSpan(offset, length);
                activation.Backward<T>(ws.Z.Data.AsSpan(offset, length), ws.A.Data.AsSpan(offset, length), delta, delta, rowLength);
            }
        }
    }
}
