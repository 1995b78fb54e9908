using Nabla.Activations;
using Nabla.Tensors;

namespace Nabla.Playground.Engine;

/// <summary>
/// The view's square sampled on a g × g grid (row 0 at the top): one forward pass of the network over it gives the output
/// surface and, from every layer's a^[l], the thumbnail of every node (inputs, hidden units, output), with the range each
/// is coloured over.
/// </summary>
public sealed class SurfaceGrid
{
    private readonly Matrix<double> _inputs;

    /// <summary>
    /// The most units of one layer that are drawn (as thumbnails, with their edges): wider layers are trained whole, but the
    /// page draws their first <see cref="MaxShownUnits"/> units so that a layer of thousands does not stall the browser.
    /// </summary>
    public const int MaxShownUnits = 32;

    /// <summary>How many of a layer's units are drawn.</summary>
    public static int Shown(int units) => Math.Min(units, MaxShownUnits);

    /// <summary>Samples the view at g × g points for the given input features.</summary>
    public SurfaceGrid(int g, IReadOnlyList<InputFeature> features)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(g, 2);
        ArgumentNullException.ThrowIfNull(features);
        Size = g;
        X1 = new double[g * g];
        X2 = new double[g * g];
        for (int i = 0; i < g; i++)
        {
            for (int j = 0; j < g; j++)
            {
                X1[i * g + j] = -Datasets.Extent + (j + 0.5) * 2 * Datasets.Extent / g;
                X2[i * g + j] = Datasets.Extent - (i + 0.5) * 2 * Datasets.Extent / g;
            }
        }

        _inputs = Features.Matrix(features, X1, X2);
    }

    /// <summary>g, the points per side.</summary>
    public int Size { get; }

    /// <summary>x₁ of each grid point, row by row from the top.</summary>
    public double[] X1 { get; }

    /// <summary>x₂ of each grid point.</summary>
    public double[] X2 { get; }

    /// <summary>The output a^[L] over the grid (g² values).</summary>
    public double[] Output { get; private set; } = [];

    /// <summary>Every drawn node's value over the grid, node after node: the input features, each hidden layer's first <see cref="Shown"/> units, the output.</summary>
    public double[] Nodes { get; private set; } = [];

    /// <summary>The low end of each node's colour range.</summary>
    public double[] Low { get; private set; } = [];

    /// <summary>The high end of each node's colour range.</summary>
    public double[] High { get; private set; } = [];

    /// <summary>Runs the network forward over the grid and fills <see cref="Output"/>, <see cref="Nodes"/> and the ranges.</summary>
    public void Compute(Networks.NeuralNetwork<double> network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var output = network.Forward(_inputs);
        int n = Size * Size;
        var columns = new List<(Matrix<double> M, int Column, Activation? Activation)>();
        for (int c = 0; c < _inputs.Columns; c++)
        {
            columns.Add((_inputs, c, null));
        }

        foreach (var layer in network.Layers)
        {
            for (int c = 0; c < Shown(layer.Units); c++)
            {
                columns.Add((layer.Output, c, layer.Activation));
            }
        }

        var nodes = new double[columns.Count * n];
        var low = new double[columns.Count];
        var high = new double[columns.Count];
        for (int k = 0; k < columns.Count; k++)
        {
            var (m, c, activation) = columns[k];
            double max = 1e-12;
            for (int r = 0; r < n; r++)
            {
                double v = m[r, c];
                nodes[k * n + r] = v;
                max = Math.Max(max, Math.Abs(v));
            }

            (low[k], high[k]) = activation switch
            {
                TanhActivation => (-1, 1),
                SigmoidActivation => (0, 1),
                _ => (-max, max),
            };
        }

        Output = output.AsReadOnlySpan().ToArray();
        Nodes = nodes;
        Low = low;
        High = high;
    }
}
