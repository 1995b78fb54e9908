using System.Globalization;
using Nabla.Activations;
using ScottPlot;

namespace Nabla.Plotting;

public static partial class Plots
{
    /// <summary>A derivative below this fraction of its maximum counts as saturated in the activation figures.</summary>
    public const double SaturationFraction = 0.05;

    private const int CurvePoints = 801;

    /// <summary>
    /// The saturation regions of a squashing activation (sigmoid, tanh, generalized logistic): the z in
    /// [<paramref name="zMin"/>, <paramref name="zMax"/>] where g'(z) is below <see cref="SaturationFraction"/> of its largest
    /// value there, as intervals; empty for the other activations, whose derivative does not vanish in both tails.
    /// </summary>
    /// <exception cref="ArgumentException">The range is empty or not finite.</exception>
    public static IReadOnlyList<(double From, double To)> SaturationRegions(Activation activation, double zMin = -6, double zMax = 6)
    {
        ArgumentNullException.ThrowIfNull(activation);
        RequireRange(zMin, zMax);
        if (activation is not (SigmoidActivation or TanhActivation or GeneralizedLogisticActivation))
        {
            return [];
        }

        var z = Grid(zMin, zMax);
        var d = z.Select(v => activation.Derivative(v, activation.Value(v))).ToArray();
        double limit = SaturationFraction * d.Max();
        var regions = new List<(double, double)>();
        int start = -1;
        for (int i = 0; i <= z.Length; i++)
        {
            bool saturated = i < z.Length && d[i] < limit;
            if (saturated && start < 0)
            {
                start = i;
            }
            else if (!saturated && start >= 0)
            {
                regions.Add((z[start], z[i - 1]));
                start = -1;
            }
        }

        return regions;
    }

    /// <summary>
    /// One activation g and its derivative g' over [<paramref name="zMin"/>, <paramref name="zMax"/>], with the saturation
    /// regions of a squashing activation shaded (<see cref="SaturationRegions"/>). The step function's derivative is drawn as
    /// 0 (it is undefined at 0); a randomized leaky ReLU also shows the range of its training slopes.
    /// </summary>
    /// <exception cref="ArgumentException">The activation is not element-wise (softmax works on whole rows), or the range is empty.</exception>
    public static Plot Activation(Activation activation, double zMin = -6, double zMax = 6)
    {
        ArgumentNullException.ThrowIfNull(activation);
        RequireElementwise(activation);
        RequireRange(zMin, zMax);
        var plot = new Plot();
        var z = Grid(zMin, zMax);
        Shade(plot, activation, zMin, zMax, ClassColors[3]);
        var g = plot.Add.ScatterLine(z, [.. z.Select(activation.Value)]);
        g.Color = ClassColors[0];
        g.LineWidth = 3;
        g.LegendText = $"g(z) = {Formula(activation)}";
        var d = plot.Add.ScatterLine(z, Derivatives(activation, z));
        d.Color = ClassColors[1];
        d.LineWidth = 2.5f;
        d.LinePattern = LinePattern.Dashed;
        d.LegendText = $"g'(z) = {DerivativeFormula(activation)}";
        if (activation is RandomizedLeakyReluActivation r)
        {
            foreach (var (slope, name) in new[] { (r.Lower, "lower"), (r.Upper, "upper") })
            {
                var line = plot.Add.ScatterLine(new[] { zMin, 0.0 }, new[] { slope * zMin, 0.0 });
                line.Color = ClassColors[2];
                line.LinePattern = LinePattern.Dotted;
                line.LineWidth = 1.5f;
                line.LegendText = name == "lower" ? $"training: a slope α ~ U({N(r.Lower)}, {N(r.Upper)}) per entry, between these lines" : "";
            }
        }

        Axes(plot, $"{activation.Name}: g and g'", "z", "g(z), g'(z)");
        return plot;
    }

    /// <summary>
    /// Several activations on one picture: their values g(z), or with <paramref name="derivatives"/> their derivatives g'(z),
    /// with the saturation regions of sigmoid and tanh shaded.
    /// </summary>
    /// <exception cref="ArgumentException">There is no activation, one is not element-wise, or the range is empty.</exception>
    public static Plot ActivationFamily(IEnumerable<Activation> activations, bool derivatives = false, double zMin = -6, double zMax = 6)
    {
        ArgumentNullException.ThrowIfNull(activations);
        var all = activations.ToList();
        if (all.Count == 0)
        {
            throw new ArgumentException("Give at least one activation to draw.", nameof(activations));
        }

        all.ForEach(RequireElementwise);
        RequireRange(zMin, zMax);
        var plot = new Plot();
        var z = Grid(zMin, zMax);
        foreach (var a in all.Where(a => a is SigmoidActivation or TanhActivation))
        {
            Shade(plot, a, zMin, zMax, a is SigmoidActivation ? ClassColors[0] : ClassColors[1]);
        }

        for (int k = 0; k < all.Count; k++)
        {
            var a = all[k];
            var line = plot.Add.ScatterLine(z, derivatives ? Derivatives(a, z) : [.. z.Select(a.Value)]);
            line.Color = ClassColor(k);
            line.LineWidth = 2.5f;
            line.LegendText = $"{a}: {(derivatives ? DerivativeFormula(a) : Formula(a))}";
        }

        Axes(plot, derivatives ? "The activations' derivatives g'(z)" : "The activations g(z)", "z", derivatives ? "g'(z)" : "g(z)");
        return plot;
    }

    private static void Shade(Plot plot, Activation activation, double zMin, double zMax, Color color)
    {
        var regions = SaturationRegions(activation, zMin, zMax);
        // Each tail region touches one end of the range: name it by its inner edge, z ≤ a or z ≥ b.
        string where = string.Join(" or ", regions.Select(r => r.From <= zMin ? $"z ≤ {N(r.To)}" : r.To >= zMax ? $"z ≥ {N(r.From)}" : $"{N(r.From)} ≤ z ≤ {N(r.To)}"));
        for (int k = 0; k < regions.Count; k++)
        {
            var span = plot.Add.HorizontalSpan(regions[k].From, regions[k].To);
            span.FillStyle.Color = color.WithAlpha(0.12);
            span.LineStyle.Width = 0;
            span.LegendText = k == 0 ? $"{activation.Name} saturated (g' < {N(100 * SaturationFraction)}% of its maximum): {where}" : "";
        }
    }

    private static void Axes(Plot plot, string title, string x, string y)
    {
        var zero = plot.Add.HorizontalLine(0);
        zero.LineColor = Colors.Gray;
        zero.LineWidth = 1;
        var axis = plot.Add.VerticalLine(0);
        axis.LineColor = Colors.Gray;
        axis.LineWidth = 1;
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Vertical;
    }

    private static double[] Derivatives(Activation a, double[] z) =>
        a.IsDifferentiable ? [.. z.Select(v => a.Derivative(v, a.Value(v)))] : new double[z.Length];

    private static double[] Grid(double zMin, double zMax) =>
        [.. Enumerable.Range(0, CurvePoints).Select(i => zMin + (zMax - zMin) * i / (CurvePoints - 1))];

    private static void RequireElementwise(Activation a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (!a.IsElementwise)
        {
            throw new ArgumentException($"The {a.Name} activation works on whole rows, so it has no curve g(z) to draw.", nameof(a));
        }
    }

    private static void RequireRange(double zMin, double zMax)
    {
        if (!double.IsFinite(zMin) || !double.IsFinite(zMax) || !(zMin < zMax))
        {
            throw new ArgumentException($"The range of z must be finite with zMin < zMax, not [{zMin}, {zMax}].", nameof(zMin));
        }
    }

    /// <summary>g(z) in the lectures' words.</summary>
    private static string Formula(Activation a) => a switch
    {
        IdentityActivation => "z",
        LinearActivation l => $"{N(l.Alpha)}z + {N(l.Beta)}",
        StepActivation => "1 if z ≥ 0, else 0",
        SigmoidActivation => "1/(1 + e^(−z))",
        GeneralizedLogisticActivation g => $"{N(g.Maximum)}/(1 + e^(−{N(g.Steepness)}(z − {N(g.Midpoint)})))",
        TanhActivation => "tanh z",
        ReluActivation => "max(0, z)",
        LeakyReluActivation l => $"z if z ≥ 0, else {N(l.Alpha)}z",
        RandomizedLeakyReluActivation r => $"z if z ≥ 0, else {N(r.MeanSlope)}z (the mean slope, inference)",
        _ => a.ToString(),
    };

    private static string DerivativeFormula(Activation a) => a switch
    {
        IdentityActivation => "1",
        LinearActivation l => N(l.Alpha),
        StepActivation => "0 (undefined at 0: no gradient flows)",
        SigmoidActivation => "g(1 − g)",
        GeneralizedLogisticActivation g => $"{N(g.Steepness)}·g(1 − g/{N(g.Maximum)})",
        TanhActivation => "1 − g²",
        ReluActivation => "1 if z ≥ 0, else 0",
        LeakyReluActivation l => $"1 if z ≥ 0, else {N(l.Alpha)}",
        RandomizedLeakyReluActivation r => $"1 if z ≥ 0, else {N(r.MeanSlope)}",
        _ => "g'(z)",
    };

    private static string N(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
