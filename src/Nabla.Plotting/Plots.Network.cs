using Nabla.Networks;
using ScottPlot;

namespace Nabla.Plotting;

public static partial class Plots
{
    /// <summary>A layer with more units than this is drawn with its first and last units only, and a gap between.</summary>
    public const int MaxDrawnUnits = 16;

    /// <summary>Weights are labelled with their symbol and value when a layer has at most this many edges drawn.</summary>
    public const int MaxLabelledEdges = 12;

    private static readonly Color PositiveWeight = Color.FromHex("#1f77b4");
    private static readonly Color NegativeWeight = Color.FromHex("#d62728");

    /// <summary>
    /// The diagram of a network: layers from left (inputs a^[0] = x) to right (outputs), units as nodes labelled in the notes'
    /// notation (x_j, a_i^[l], with b_i^[l] beneath), weights as edges whose colour gives the sign (blue positive, red negative)
    /// and whose width grows with |w^[l]_{i,j}| (the largest weight of the network widest); small layers label each edge
    /// w^[l]_{i,j} = value.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="inputNames">Names of the inputs (for example the feature names), shown beside x_j; optional.</param>
    /// <param name="outputNames">Names of the outputs (for example the classes), shown beside ŷ_i; optional.</param>
    /// <param name="title">The title.</param>
    public static Plot Network<T>(NeuralNetwork<T> network, IReadOnlyList<string>? inputNames = null, IReadOnlyList<string>? outputNames = null, string? title = null)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        var sizes = network.Sizes;
        int layers = sizes.Length - 1;
        var drawn = sizes.Select(DrawnUnits).ToArray();
        double max = network.Layers.Max(l => l.Weights.AsReadOnlySpan().ToArray().Max(w => Math.Abs(double.CreateChecked(w))));
        max = max > 0 ? max : 1;
        double Y(int layer, int position) => (drawn[layer].Length - 1) / 2.0 - position;

        var plot = new Plot();
        for (int l = 1; l <= layers; l++)
        {
            var w = network.Layers[l - 1].Weights;
            int edges = drawn[l].Length * drawn[l - 1].Length;
            for (int a = 0; a < drawn[l].Length; a++)
            {
                int i = drawn[l][a];
                for (int b = 0; b < drawn[l - 1].Length; b++)
                {
                    int j = drawn[l - 1][b];
                    double v = double.CreateChecked(w[i, j]);
                    var edge = plot.Add.Line(l - 1, Y(l - 1, b), l, Y(l, a));
                    edge.LineColor = (v >= 0 ? PositiveWeight : NegativeWeight).WithAlpha(0.85);
                    edge.LineWidth = (float)(0.5 + 6 * Math.Abs(v) / max);
                    if (edges <= MaxLabelledEdges)
                    {
                        // Near the receiving unit, where the edges into it fan apart.
                        double t = 0.7;
                        var label = plot.Add.Text($"w^[{l}]_{{{i + 1},{j + 1}}} = {N(v)}", l - 1 + t, Y(l - 1, b) + t * (Y(l, a) - Y(l - 1, b)));
                        label.LabelFontSize = 11;
                        label.LabelAlignment = Alignment.LowerCenter;
                        label.LabelFontColor = edge.LineColor.WithAlpha(1.0);
                    }
                }
            }
        }

        for (int l = 0; l <= layers; l++)
        {
            for (int p = 0; p < drawn[l].Length; p++)
            {
                int u = drawn[l][p];
                var node = plot.Add.Marker(l, Y(l, p), MarkerShape.FilledCircle, 28);
                node.Color = l == 0 ? Color.FromHex("#dddddd") : l == layers ? Color.FromHex("#ffe2b0") : Color.FromHex("#d8ecd8");
                var ring = plot.Add.Marker(l, Y(l, p), MarkerShape.OpenCircle, 28);
                ring.Color = Colors.Black;
                string name = l == 0 ? $"x_{u + 1}" : $"a_{u + 1}^[{l}]";
                string beside = l == 0 && inputNames is not null && u < inputNames.Count ? $" ({inputNames[u]})"
                    : l == layers && outputNames is not null && u < outputNames.Count ? $" = ŷ ({outputNames[u]})"
                    : l == layers ? " = ŷ" : "";
                var text = plot.Add.Text(name + beside, l, Y(l, p) + 0.18);
                text.LabelFontSize = 13;
                text.LabelBold = true;
                text.LabelAlignment = Alignment.LowerCenter;
                if (l > 0)
                {
                    var bias = plot.Add.Text($"b_{u + 1}^[{l}] = {N(double.CreateChecked(network.Layers[l - 1].Bias[0, u]))}", l, Y(l, p) - 0.18);
                    bias.LabelFontSize = 11;
                    bias.LabelAlignment = Alignment.UpperCenter;
                }

                if (p == drawn[l].Length / 2 - 1 && drawn[l].Length < sizes[l])
                {
                    var gap = plot.Add.Text($"⋮ ({sizes[l] - drawn[l].Length} more)", l + 0.08, Y(l, p) - 0.5);
                    gap.LabelFontSize = 12;
                    gap.LabelAlignment = Alignment.MiddleLeft;
                }
            }

            var caption = plot.Add.Text(l == 0 ? $"inputs (m^[0] = {sizes[0]})" : $"layer {l}: {sizes[l]} × {network.Layers[l - 1].Activation}", l, (drawn.Max(d => d.Length) - 1) / 2.0 + 0.75);
            caption.LabelFontSize = 13;
            caption.LabelAlignment = Alignment.LowerCenter;
        }

        var positive = plot.Add.Line(0, 0, 0, 0);
        positive.LineColor = PositiveWeight;
        positive.LineWidth = 4;
        positive.LegendText = $"w > 0 (width ∝ |w|, widest |w| = {N(max)})";
        var negative = plot.Add.Line(0, 0, 0, 0);
        negative.LineColor = NegativeWeight;
        negative.LineWidth = 4;
        negative.LegendText = "w < 0";
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.HideAxesAndGrid();
        double half = (drawn.Max(d => d.Length) - 1) / 2.0;
        plot.Axes.SetLimits(-0.6, layers + 0.6, -half - 0.8, half + 1.2);
        plot.Title(title ?? $"Network {string.Join('-', sizes)}: a^[l] = g^[l](W^[l] a^[l−1] + b^[l])");
        return plot;
    }

    /// <summary>
    /// Curves y = f(x), one line each in the class colours, with the legend below the plot: for example a network's fits of
    /// one function for several hidden widths.
    /// </summary>
    /// <exception cref="ArgumentException">There is no curve, or a curve's x and y differ in length.</exception>
    public static Plot Curves(IEnumerable<(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)> curves, string title = "Curves", string xLabel = "x", string yLabel = "y")
    {
        ArgumentNullException.ThrowIfNull(curves);
        var all = curves.ToList();
        if (all.Count == 0 || all.Any(c => c.X is null || c.Y is null || c.X.Count != c.Y.Count || c.X.Count == 0))
        {
            throw new ArgumentException("Give at least one curve, each with as many y values as x values (at least one).", nameof(curves));
        }

        var plot = new Plot();
        for (int k = 0; k < all.Count; k++)
        {
            var line = plot.Add.ScatterLine(all[k].X.ToArray(), all[k].Y.ToArray());
            line.Color = ClassColor(k);
            line.LineWidth = 2.5f;
            line.LegendText = all[k].Name ?? "";
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Vertical;
        return plot;
    }

    // The units of a layer drawn: all of a small layer, the first and last halves of a large one.
    private static int[] DrawnUnits(int size) =>
        size <= MaxDrawnUnits ? [.. Enumerable.Range(0, size)] : [.. Enumerable.Range(0, MaxDrawnUnits / 2), .. Enumerable.Range(size - MaxDrawnUnits / 2, MaxDrawnUnits / 2)];
}
