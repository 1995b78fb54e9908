using System.Numerics;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;

namespace Nabla.Training;

/// <summary>
/// A network with a squared-error loss as a least-squares problem, for <see cref="LevenbergMarquardt"/>. With c the loss's
/// factor (L = c Σᵢ wᵢ Σₖ eᵢₖ², eᵢₖ = aᵢₖ − yᵢₖ, wᵢ the sample's class weight, 1 without them: c = 1/(n·m^[L]) for mse, 1/(2n) for half-squared-error, without the 1/n for
/// sums), F = L + (λ/2)‖W‖² = 2c · ½‖r‖² with residuals r = (√w e; √ρ·W), ρ = λ/(2c): the penalty is a sum of squares too.
/// </summary>
/// <remarks>
/// The Jacobian ∂eᵢₖ/∂θ is one row per sample i and output k. Row (i, k) is built from one backward pass that starts from
/// the unit vector of output k instead of ∂L/∂a: δ^[L] = ∂aₖ/∂z^[L], δ^[l−1] = (δ^[l] W^[l]) ⊙ g'(z^[l−1]), and then
/// ∂eᵢₖ/∂w^[l]_{u,j} = δ^[l]_{i,u} a^[l−1]_{i,j}, ∂eᵢₖ/∂b^[l]_u = δ^[l]_{i,u}. The rows are made a block of samples at a
/// time, one output at a time, and added into JᵀJ and Jᵀe by matrix products, so J is never held whole.
/// </remarks>
internal sealed class NetworkLeastSquares<T> : ILeastSquares
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // Jacobian entries (rows × parameters) built at a time: 8 MB of doubles.
    private const int BlockEntries = 1 << 20;

    private readonly NeuralNetwork<T> _network;
    private readonly NetworkObjective<T> _parameters;
    private readonly Matrix<T> _x;
    private readonly Matrix<T> _y;
    private readonly Loss _loss; // for the class weights: a weighted sample's residuals are √w e
    private readonly double _rho;
    private readonly int _blockRows;
    private readonly int[] _offsets; // where each parameter starts in θ
    private readonly Block _full; // the buffers of a full block of rows
    private Block? _tail; // and of the last, shorter one
    private Matrix<double>? _gram;
    private Matrix<double>? _gradient;

    public NetworkLeastSquares(NeuralNetwork<T> network, Matrix<T> x, Matrix<T> y, Loss loss, double l2)
    {
        _network = network;
        _parameters = new NetworkObjective<T>(network, x, y, loss, l2, threads: 1);
        (_x, _y, _loss) = (x, y, loss);
        int n = x.Rows, m = network.OutputSize;
        double c = (loss is MeanSquaredErrorLoss ? 1.0 / m : 0.5) / (loss.Reduction == Reduction.Mean ? n : 1);
        Scale = 2 * c;
        _rho = l2 / (2 * c);
        Size = network.ParameterCount;
        _blockRows = Math.Clamp(BlockEntries / Size, 1, n);
        _offsets = new int[network.Parameters.Count];
        for (int i = 1; i < _offsets.Length; i++)
        {
            _offsets[i] = _offsets[i - 1] + network.Parameters[i - 1].Value.Length;
        }

        // One block that is all the rows reads the matrices themselves; smaller blocks are copied into buffers of their own.
        _full = new Block(network, _blockRows, Size, _blockRows == n ? (x, y) : (new Matrix<T>(_blockRows, x.Columns), new Matrix<T>(_blockRows, y.Columns)));
    }

    /// <inheritdoc/>
    public int Size { get; }

    /// <inheritdoc/>
    public double Scale { get; }

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> point)
    {
        _parameters.Write(point);
        double squares = 0;
        for (int start = 0; start < _x.Rows; start += _blockRows)
        {
            var (xb, yb) = Rows(start).Data;
            var a = _network.Forward(xb).AsReadOnlySpan();
            var t = yb.AsReadOnlySpan();
            int m = yb.Columns;
            for (int i = 0; i < a.Length; i++)
            {
                double e = double.CreateChecked(a[i] - t[i]);
                squares += double.CreateChecked(_loss.SampleWeight(t.Slice(i / m * m, m))) * e * e;
            }
        }

        return squares / 2 + Penalty(point);
    }

    /// <inheritdoc/>
    public double Linearize(ReadOnlySpan<double> point, double[] gram, double[] gradient)
    {
        _parameters.Write(point);
        // The caller's arrays, wrapped once as matrices for the products.
        var gramMatrix = _gram is { } g && g.Data == gram ? g : _gram = new Matrix<double>(Size, Size, gram);
        var gradientMatrix = _gradient is { } v && v.Data == gradient ? v : _gradient = new Matrix<double>(Size, 1, gradient);
        Array.Clear(gram);
        Array.Clear(gradient);
        double squares = 0;
        var layers = _network.Layers;
        int outputs = _network.OutputSize;
        for (int start = 0; start < _x.Rows; start += _blockRows)
        {
            var block = Rows(start);
            var (xb, yb) = block.Data;
            int rows = xb.Rows;
            var output = _network.Forward(xb);
            for (int k = 0; k < outputs; k++)
            {
                var residual = block.Residual;
                for (int i = 0; i < rows; i++)
                {
                    double root = Math.Sqrt(double.CreateChecked(_loss.SampleWeight(yb.Row(i))));
                    double e = root * double.CreateChecked(output[i, k] - yb[i, k]);
                    residual[i, 0] = e;
                    squares += e * e;
                }

                var jacobian = block.Jacobian;
                FillJacobian(layers, block, k);
                if (_loss.IsClassWeighted)
                {
                    // Row (i, k) of J is ∂(√wᵢ eᵢₖ)/∂θ.
                    for (int i = 0; i < rows; i++)
                    {
                        System.Numerics.Tensors.TensorPrimitives.Multiply(jacobian.Row(i), Math.Sqrt(double.CreateChecked(_loss.SampleWeight(yb.Row(i)))), jacobian.Row(i));
                    }
                }
                MatrixMath.Multiply(jacobian, jacobian, gramMatrix, transposeA: true, accumulate: true);
                MatrixMath.Multiply(jacobian, residual, gradientMatrix, transposeA: true, accumulate: true);
            }
        }

        // The penalty's residuals √ρ·w: ρ on the weights' diagonal of JᵀJ and ρw in Jᵀr.
        if (_rho > 0)
        {
            var parameters = _network.Parameters;
            for (int p = 0; p < parameters.Count; p++)
            {
                if (!parameters[p].IsWeight)
                {
                    continue;
                }

                for (int j = _offsets[p], end = j + parameters[p].Value.Length; j < end; j++)
                {
                    gram[j * Size + j] += _rho;
                    gradient[j] += _rho * point[j];
                }
            }
        }

        return squares / 2 + Penalty(point);
    }

    private double Penalty(ReadOnlySpan<double> point)
    {
        double sum = 0;
        var parameters = _network.Parameters;
        for (int p = 0; p < parameters.Count; p++)
        {
            if (parameters[p].IsWeight && _rho > 0)
            {
                var w = point.Slice(_offsets[p], parameters[p].Value.Length);
                sum += Vectors.Dot(w, w);
            }
        }

        return _rho / 2 * sum;
    }

    /// <summary>Rows [start, start + block) of the data in their block's buffers: the matrices themselves when they are one block.</summary>
    private Block Rows(int start)
    {
        int rows = Math.Min(_blockRows, _x.Rows - start);
        var block = rows == _blockRows ? _full : _tail ??= new Block(_network, rows, Size, (new Matrix<T>(rows, _x.Columns), new Matrix<T>(rows, _y.Columns)));
        if (rows == _x.Rows)
        {
            return block;
        }

        var (xb, yb) = block.Data;
        _x.AsReadOnlySpan().Slice(start * _x.Columns, rows * _x.Columns).CopyTo(xb.AsSpan());
        _y.AsReadOnlySpan().Slice(start * _y.Columns, rows * _y.Columns).CopyTo(yb.AsSpan());
        return block;
    }

    /// <summary>The Jacobian rows ∂e_{i,k}/∂θ of the block's samples for output <paramref name="k"/>, after its forward pass.</summary>
    private void FillJacobian(IReadOnlyList<DenseLayer<T>> layers, Block block, int k)
    {
        int last = layers.Count - 1;
        var (delta, upstream, jacobian) = (block.Delta, block.Upstream, block.Jacobian);
        int rows = jacobian.Rows;

        // δ^[L] = ∂a_k/∂z^[L]: the output activation's backward pass applied to the unit vector of output k.
        upstream[last].AsSpan().Clear();
        for (int i = 0; i < rows; i++)
        {
            upstream[last][i, k] = T.One;
        }

        var output = layers[last];
        output.Activation.Backward(output.PreActivation, output.Output, upstream[last], delta[last]);
        for (int l = last; l > 0; l--)
        {
            MatrixMath.Multiply(delta[l], layers[l].Weights, upstream[l - 1]);
            layers[l - 1].Activation.Backward(layers[l - 1].PreActivation, layers[l - 1].Output, upstream[l - 1], delta[l - 1]);
        }

        for (int l = 0; l <= last; l++)
        {
            var input = layers[l].Input;
            int units = layers[l].Units, inputs = layers[l].Inputs;
            int w = _offsets[2 * l], b = _offsets[2 * l + 1];
            for (int i = 0; i < rows; i++)
            {
                var row = jacobian.Row(i);
                var a = input.Row(i);
                for (int u = 0; u < units; u++)
                {
                    double d = double.CreateChecked(delta[l][i, u]);
                    row[b + u] = d;
                    var weights = row.Slice(w + u * inputs, inputs);
                    for (int j = 0; j < inputs; j++)
                    {
                        weights[j] = d * double.CreateChecked(a[j]);
                    }
                }
            }
        }
    }

    /// <summary>The buffers of a block of rows: its data (copied, unless the block is all the data), δ^[l] and ∂eₖ/∂a^[l] per layer, its Jacobian rows and residuals.</summary>
    private sealed class Block(NeuralNetwork<T> network, int rows, int parameters, (Matrix<T> X, Matrix<T> Y) data)
    {
        public (Matrix<T> X, Matrix<T> Y) Data { get; } = data;

        public Matrix<T>[] Delta { get; } = [.. network.Layers.Select(l => new Matrix<T>(rows, l.Units))];

        public Matrix<T>[] Upstream { get; } = [.. network.Layers.Select(l => new Matrix<T>(rows, l.Units))];

        public Matrix<double> Jacobian { get; } = new(rows, parameters);

        public Matrix<double> Residual { get; } = new(rows, 1);
    }
}
