using System.Globalization;
using Nabla.Metrics;
using ScottPlot;

namespace Nabla.Plotting;

public static partial class Plots
{
    /// <summary>ROC curves, one per class (one against the rest) or one for two classes, each with its area in the legend, and the diagonal of a random ranking.</summary>
    /// <exception cref="ArgumentException">There is no curve.</exception>
    public static Plot RocCurves(IReadOnlyList<(string Name, Curve Curve)> curves, string title = "ROC curves")
    {
        ArgumentNullException.ThrowIfNull(curves);
        var plot = Curves([.. curves.Select(c => ($"{c.Name} (AUC {Area(c.Curve).ToString("0.000", CultureInfo.InvariantCulture)})", c.Curve.X, c.Curve.Y))], title, "false-positive rate", "true-positive rate");
        Diagonal(plot, "random ranking");
        return Unit(plot);
    }

    /// <summary>Precision–recall curves, one per class (one against the rest) or one for two classes, each with its average precision in the legend.</summary>
    /// <exception cref="ArgumentException">There is no curve.</exception>
    public static Plot PrecisionRecallCurves(IReadOnlyList<(string Name, Curve Curve, double AveragePrecision)> curves, string title = "Precision–recall curves")
    {
        ArgumentNullException.ThrowIfNull(curves);
        var plot = Curves([.. curves.Select(c => ($"{c.Name} (AP {c.AveragePrecision.ToString("0.000", CultureInfo.InvariantCulture)})", c.Curve.X, c.Curve.Y))], title, "recall", "precision");
        return Unit(plot);
    }

    /// <summary>A reliability diagram: per class, the fraction of positives against the mean predicted probability of each bin, and the diagonal of perfect calibration.</summary>
    /// <exception cref="ArgumentException">There is no curve, or one has no bin.</exception>
    public static Plot Calibration(IReadOnlyList<(string Name, IReadOnlyList<CalibrationBin> Bins)> curves, string title = "Calibration (reliability)")
    {
        ArgumentNullException.ThrowIfNull(curves);
        var plot = Curves([.. curves.Select(c => (c.Name, (IReadOnlyList<double>)[.. c.Bins.Select(b => b.MeanPredicted)], (IReadOnlyList<double>)[.. c.Bins.Select(b => b.FractionPositive)]))], title, "mean predicted probability", "fraction positive");
        Diagonal(plot, "perfectly calibrated");
        return Unit(plot);
    }

    private static double Area(Curve c) => Enumerable.Range(1, c.X.Count - 1).Sum(k => (c.X[k] - c.X[k - 1]) * (c.Y[k] + c.Y[k - 1]) / 2);

    private static void Diagonal(Plot plot, string name)
    {
        var line = plot.Add.Line(0, 0, 1, 1);
        line.LineColor = Colors.Gray;
        line.LinePattern = LinePattern.Dashed;
        line.LegendText = name;
    }

    private static Plot Unit(Plot plot)
    {
        plot.Axes.SetLimits(-0.02, 1.02, -0.02, 1.02);
        return plot;
    }
}
