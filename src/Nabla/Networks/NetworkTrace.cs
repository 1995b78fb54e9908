using System.Globalization;
using System.Numerics;
using Nabla.Activations;
using Nabla.Losses;
using Nabla.Tensors;

namespace Nabla.Networks;

/// <summary>
/// The glass box of a network: one forward and backward pass on a batch (typically one sample), with every quantity of the
/// notes copied out per layer (z^[l], a^[l], ∂L/∂a^[l], δ^[l], ∂L/∂W^[l], ∂L/∂b^[l]) in either convention, and the chain
/// rule of any weight written out factor by factor (<see cref="ChainRule"/>).
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class NetworkTrace<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The chain rule of a weight lists its paths one by one only up to this many.</summary>
    public const int MaxPaths = 64;

    private readonly Matrix<T>[] _z, _a, _delta, _outputGradient, _weights;
    private readonly Activation[] _activations;
    private readonly Matrix<T> _x;
    private readonly Matrix<T> _y;
    private readonly Loss _loss;

    private NetworkTrace(NeuralNetwork<T> network, Matrix<T> x, Matrix<T> y, Loss loss, bool columns)
    {
        _x = x;
        _y = y;
        _loss = loss;
        ColumnConvention = columns;
        Loss = double.CreateChecked(network.ComputeGradients(x, y, loss));
        int layers = network.Layers.Count;
        _z = new Matrix<T>[layers];
        _a = new Matrix<T>[layers];
        _delta = new Matrix<T>[layers];
        _outputGradient = new Matrix<T>[layers];
        _weights = new Matrix<T>[layers];
        _activations = new Activation[layers];
        var traces = new LayerTrace<T>[layers];
        for (int l = layers - 1; l >= 0; l--)
        {
            var layer = network.Layers[l];
            _z[l] = layer.PreActivation.Clone();
            _a[l] = layer.Output.Clone();
            _delta[l] = layer.Delta.Clone();
            _weights[l] = layer.Weights.Clone();
            _activations[l] = layer.Activation;
            if (l == layers - 1)
            {
                _outputGradient[l] = new Matrix<T>(_a[l].Rows, _a[l].Columns);
                loss.Gradient(_a[l], y, _outputGradient[l]);
            }
            else
            {
                _outputGradient[l] = network.Layers[l + 1].InputGradient();
            }

            traces[l] = new LayerTrace<T>(
                l + 1, layer.Activation, _weights[l], Orient(layer.Bias.Clone()), Orient(_z[l]), Orient(_a[l]), Orient(_outputGradient[l]), Orient(_delta[l]),
                layer.WeightGradient.Clone(), Orient(layer.BiasGradient.Clone()));
        }

        Layers = traces;
        Input = Orient(x);
        Target = Orient(y);
    }

    /// <summary>
    /// Runs <paramref name="network"/> forward and backward on (<paramref name="x"/>, <paramref name="target"/>) and keeps every
    /// quantity. With <paramref name="columns"/> false the batch has one sample per row (x n × m^[0], target n × m^[L]); with
    /// it true, the lectures' column convention (x m^[0] × n, target m^[L] × n), and the trace reports in that convention.
    /// The network's own gradients and buffers are those of this pass afterwards.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not fit the network.</exception>
    public static NetworkTrace<T> Run(NeuralNetwork<T> network, Matrix<T> x, Matrix<T> target, Loss loss, bool columns = false)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(loss);
        var (rows, rowTargets) = columns ? (x.Transpose(), target.Transpose()) : (x, target);
        if (rows.Columns != network.InputSize || rowTargets.Columns != network.OutputSize || rowTargets.Rows != rows.Rows || rows.Rows == 0)
        {
            string expected = columns
                ? $"x {network.InputSize} × n and the target {network.OutputSize} × n (one sample per column)"
                : $"x n × {network.InputSize} and the target n × {network.OutputSize} (one sample per row)";
            throw new ArgumentException($"A trace of this {string.Join('-', network.Sizes)} network needs {expected}, n ≥ 1, but they are {x.Shape} and {target.Shape}.", nameof(x));
        }

        return new NetworkTrace<T>(network, rows, rowTargets, loss, columns);
    }

    /// <summary>True when the matrices are in the lectures' column convention (one sample per column).</summary>
    public bool ColumnConvention { get; }

    /// <summary>A^[0] = X, in the trace's convention.</summary>
    public Matrix<T> Input { get; }

    /// <summary>Y, in the trace's convention.</summary>
    public Matrix<T> Target { get; }

    /// <summary>The loss of the pass.</summary>
    public double Loss { get; }

    /// <summary>The layers 1 … L.</summary>
    public IReadOnlyList<LayerTrace<T>> Layers { get; }

    /// <summary>n, the samples of the batch.</summary>
    public int SampleCount => _x.Rows;

    /// <summary>
    /// The chain rule of ∂L/∂w^[l]_{i,j} for sample <paramref name="sample"/>: the factored form, and every path from the loss
    /// to the weight when there are at most <see cref="MaxPaths"/> (and the layers above are element-wise).
    /// </summary>
    /// <param name="layer">l, 1-based.</param>
    /// <param name="unit">i, the unit of layer l (1-based).</param>
    /// <param name="input">j, the input of layer l (1-based).</param>
    /// <param name="sample">The sample, 0-based.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public ChainRule ChainRule(int layer, int unit, int input, int sample = 0)
    {
        int layers = _weights.Length;
        if (layer < 1 || layer > layers)
        {
            throw new ArgumentOutOfRangeException(nameof(layer), $"The network has layers 1 … {layers}, not {layer}.");
        }

        int l = layer - 1;
        if (unit < 1 || unit > _weights[l].Rows || input < 1 || input > _weights[l].Columns)
        {
            throw new ArgumentOutOfRangeException(nameof(unit), $"W^[{layer}] is {_weights[l].Rows} × {_weights[l].Columns}: w^[{layer}]_{{{unit},{input}}} does not exist.");
        }

        if (sample < 0 || sample >= SampleCount)
        {
            throw new ArgumentOutOfRangeException(nameof(sample), $"The trace has samples 0 … {SampleCount - 1}, not {sample}.");
        }

        int i = unit - 1, j = input - 1, s = sample;
        var previous = l == 0 ? _x : _a[l - 1];
        var last = ChainRuleFactorOf(previous, s, j, l, unit, input);
        var factored = new List<ChainRuleFactor>();
        var upstream = new List<ChainRuleFactor>();
        factored.AddRange(UnitFactors(l, s, i));
        factored.Add(last);
        if (l < layers - 1)
        {
            for (int k = 0; k < _weights[l + 1].Rows; k++)
            {
                double d = D(_delta[l + 1][s, k]), w = D(_weights[l + 1][k, i]);
                upstream.Add(new ChainRuleFactor($"δ_{k + 1}^[{layer + 1}] w^[{layer + 1}]_{{{k + 1},{unit}}}", $"{N(d)} × {N(w)}", d * w));
            }
        }

        long count = 1;
        for (int k = l + 1; k < layers; k++)
        {
            count *= _weights[k].Rows;
        }

        var paths = new List<ChainRulePath>();
        bool elementwise = Enumerable.Range(l, layers - l - 1).All(k => _activations[k].IsElementwise);
        if (count <= MaxPaths && elementwise)
        {
            var units = new int[layers - l];
            units[^1] = i;
            Enumerate(layers - 1);

            void Enumerate(int k)
            {
                // units[layers − 1 − k] is the unit of layer k + 1 (0-based k); the last entry is i in layer l.
                if (k == l)
                {
                    paths.Add(Path(units, l, s, last));
                    return;
                }

                for (int u = 0; u < _weights[k].Rows; u++)
                {
                    units[layers - 1 - k] = u;
                    Enumerate(k - 1);
                }
            }
        }

        double backprop = D(_delta[l][s, i]) * D(previous[s, j]);
        return new ChainRule(layer, unit, input, sample, factored, upstream, count, paths, backprop);
    }

    // The path's factors: the output unit's δ (split as ∂L/∂a · g' where the loss allows), then down each layer w and g', then a_j^[l−1].
    private ChainRulePath Path(int[] units, int l, int s, ChainRuleFactor last)
    {
        int layers = _weights.Length;
        var factors = new List<ChainRuleFactor>(OutputFactors(s, units[0]));
        for (int k = layers - 1; k > l; k--)
        {
            int upper = units[layers - 1 - k], lower = units[layers - k];
            double w = D(_weights[k][upper, lower]);
            factors.Add(new ChainRuleFactor($"∂z_{upper + 1}^[{k + 1}]/∂a_{lower + 1}^[{k}]", $"w^[{k + 1}]_{{{upper + 1},{lower + 1}}}", w));
            factors.Add(Derivative(k - 1, s, lower));
        }

        factors.Add(last);
        return new ChainRulePath([.. units.Select(u => u + 1)], factors, factors.Aggregate(1.0, (p, f) => p * f.Value));
    }

    // The factors of δ_i^[l]: ∂L/∂a_i^[l] and g'(z_i^[l]) where g is element-wise and not fused with the loss, else δ itself.
    private IEnumerable<ChainRuleFactor> UnitFactors(int l, int s, int i)
    {
        int layers = _weights.Length;
        if (l == layers - 1)
        {
            return OutputFactors(s, i);
        }

        if (!_activations[l].IsElementwise)
        {
            return [DeltaFactor(l, s, i, $"(Σ_k δ_k^[{l + 2}] w^[{l + 2}]_{{k,{i + 1}}}) through the {_activations[l].Name} Jacobian")];
        }

        var gradient = new ChainRuleFactor($"∂L/∂a_{i + 1}^[{l + 1}]", $"Σ_k δ_k^[{l + 2}] w^[{l + 2}]_{{k,{i + 1}}}", D(_outputGradient[l][s, i]));
        return [gradient, Derivative(l, s, i)];
    }

    private IEnumerable<ChainRuleFactor> OutputFactors(int s, int o)
    {
        int last = _weights.Length - 1;
        var g = _activations[last];
        if (_loss.IsFusedWith(g))
        {
            string scale = _loss.Reduction == Reduction.Mean && SampleCount > 1 ? $"(a_{o + 1}^[{last + 1}] − y_{o + 1})/n" : $"a_{o + 1}^[{last + 1}] − y_{o + 1}";
            return [DeltaFactor(last, s, o, $"{scale} ({g.Name} with {_loss.Name}, fused)")];
        }

        if (!g.IsElementwise)
        {
            return [DeltaFactor(last, s, o, $"∂L/∂a^[{last + 1}] through the {g.Name} Jacobian")];
        }

        var gradient = new ChainRuleFactor($"∂L/∂a_{o + 1}^[{last + 1}]", LossDerivative(o, last), D(_outputGradient[last][s, o]));
        return [gradient, Derivative(last, s, o)];
    }

    private string LossDerivative(int o, int last)
    {
        string a = $"a_{o + 1}^[{last + 1}]", y = $"y_{o + 1}";
        string n = _loss.Reduction == Reduction.Mean && SampleCount > 1 ? "/n" : "";
        return _loss switch
        {
            HalfSquaredErrorLoss => $"({a} − {y}){n}",
            MeanSquaredErrorLoss => $"2({a} − {y})/m^[{last + 1}]{n}",
            BinaryCrossEntropyLoss => $"({a} − {y})/({a}(1 − {a})){n}",
            CategoricalCrossEntropyLoss => $"−{y}/{a}{n}",
            _ => $"∂L/∂{a} of {_loss.Name}",
        };
    }

    private ChainRuleFactor DeltaFactor(int l, int s, int i, string formula) =>
        new($"δ_{i + 1}^[{l + 1}] = ∂L/∂z_{i + 1}^[{l + 1}]", formula, D(_delta[l][s, i]));

    private ChainRuleFactor Derivative(int l, int s, int i)
    {
        var g = _activations[l];
        T z = _z[l][s, i], a = _a[l][s, i];
        return new ChainRuleFactor($"∂a_{i + 1}^[{l + 1}]/∂z_{i + 1}^[{l + 1}]", $"{g.Name}'(z_{i + 1}^[{l + 1}]) = {DerivativeFormula(g)}", D(g.Derivative(z, a)));
    }

    private static string DerivativeFormula(Activation g) => g switch
    {
        SigmoidActivation => "a(1 − a)",
        TanhActivation => "1 − a²",
        ReluActivation => "1 if z ≥ 0, else 0",
        LeakyReluActivation leaky => $"1 if z ≥ 0, else {N(leaky.Alpha)}",
        RandomizedLeakyReluActivation r => $"1 if z ≥ 0, else the slope {N(r.MeanSlope)} (its mean, in inference)",
        GeneralizedLogisticActivation gl => $"k·a(1 − a/L) with k = {N(gl.Steepness)}, L = {N(gl.Maximum)}",
        LinearActivation linear => $"α = {N(linear.Alpha)}",
        IdentityActivation => "1",
        _ => "g'(z)",
    };

    private static ChainRuleFactor ChainRuleFactorOf(Matrix<T> previous, int s, int j, int l, int unit, int input) =>
        new($"∂z_{unit}^[{l + 1}]/∂w^[{l + 1}]_{{{unit},{input}}}", l == 0 ? $"x_{input}" : $"a_{input}^[{l}]", D(previous[s, j]));

    private Matrix<T> Orient(Matrix<T> m) => ColumnConvention ? m.Transpose() : m;

    private static double D(T v) => double.CreateChecked(v);

    private static string N(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
