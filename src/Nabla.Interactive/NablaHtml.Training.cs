using Nabla.Interactive.Html;
using Nabla.Plotting;
using Nabla.Training;
using ScottPlot;

namespace Nabla.Interactive;

public static partial class NablaHtml
{
    private static int s_plotWidth = 640;
    private static int s_plotHeight = 400;

    /// <summary>The width of inline plots in pixels, 100 to 4000; default 640.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 100 to 4000.</exception>
    public static int PlotWidth
    {
        get => s_plotWidth;
        set => s_plotWidth = CheckPlotSize(value, nameof(PlotWidth));
    }

    /// <summary>The height of inline plots in pixels, 100 to 4000; default 400.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 100 to 4000.</exception>
    public static int PlotHeight
    {
        get => s_plotHeight;
        set => s_plotHeight = CheckPlotSize(value, nameof(PlotHeight));
    }

    /// <summary>A plot as inline SVG, <see cref="PlotWidth"/> × <see cref="PlotHeight"/> pixels.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="plot"/> is null.</exception>
    public static string Plot(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        return new HtmlWriter().Raw("<div class=\"nabla-plot\">").Raw(Svg(plot)).Raw("</div>").ToString();
    }

    /// <summary>
    /// A training history: how it ended, a table of its epochs (or solver iterations; past <see cref="MaxRows"/> the first
    /// and last ones) with the training loss, validation loss and accuracy and errors where recorded, and the loss curve as
    /// inline SVG.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is null.</exception>
    public static string History(TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var epochs = history.Epochs;
        var html = new HtmlWriter().Raw("<div class=\"nabla-history\">");
        html.Properties("training history", [
            ($"{history.Unit}s", HtmlWriter.Count(epochs.Count)),
            ($"best {history.Unit}", epochs.Count > 0 ? HtmlWriter.Count(history.BestEpoch) : null),
            ($"final {history.Quantity}", epochs.Count > 0 ? HtmlWriter.Number(epochs[^1].Loss) : null),
            ("stopped early", history.StoppedEarly ? "yes" : null),
            ("cancelled", history.Cancelled ? "yes" : null),
            ("stop reason", history.StopReason?.ToString()),
            ("‖∇F‖∞ at the end", double.IsNaN(history.GradientNorm) ? null : HtmlWriter.Number(history.GradientNorm)),
        ]);
        if (epochs.Count == 0)
        {
            return html.Element("p", "No epochs recorded.").Raw("</div>").ToString();
        }

        bool validationLoss = epochs.Any(e => e.ValidationLoss is not null);
        bool validationAccuracy = epochs.Any(e => e.ValidationAccuracy is not null);
        bool errors = epochs.Any(e => e.Errors is not null);
        var shown = Shown(epochs.Count, MaxRows);
        html.Raw("<table class=\"nabla-epochs\">")
            .Element("caption", shown.Count < epochs.Count ? $"first and last of {epochs.Count} {history.Unit}s" : $"{history.Unit}s");
        html.HeaderRow([
            history.Unit, history.Quantity,
            .. validationLoss ? ["validation loss"] : Array.Empty<string>(),
            .. validationAccuracy ? ["validation accuracy"] : Array.Empty<string>(),
            .. errors ? ["errors"] : Array.Empty<string>(),
        ]);
        int columns = 2 + (validationLoss ? 1 : 0) + (validationAccuracy ? 1 : 0) + (errors ? 1 : 0);
        ForEachShown(shown, () => html.Row("⋮", Enumerable.Repeat("⋮", columns - 1)), i =>
        {
            var e = epochs[i];
            html.Row(HtmlWriter.Count(e.Epoch), [
                HtmlWriter.Number(e.Loss),
                .. validationLoss ? [HtmlWriter.Number(e.ValidationLoss) ?? ""] : Array.Empty<string>(),
                .. validationAccuracy ? [HtmlWriter.Number(e.ValidationAccuracy) ?? ""] : Array.Empty<string>(),
                .. errors ? [e.Errors is { } n ? HtmlWriter.Count(n) : ""] : Array.Empty<string>(),
            ]);
        });
        html.Raw("</table>");
        html.Raw("<div class=\"nabla-plot\">").Raw(Svg(Plots.LossCurves(history, $"{history.Quantity} per {history.Unit}", history.Unit))).Raw("</div>");
        return html.Raw("</div>").ToString();
    }

    // ScottPlot writes the SVG document itself (its texts escaped as XML); the XML declaration is dropped for inline use.
    private static string Svg(Plot plot)
    {
        string svg = plot.GetSvgXml(PlotWidth, PlotHeight);
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }

    private static int CheckPlotSize(int value, string name) =>
        value is >= 100 and <= 4000 ? value : throw new ArgumentOutOfRangeException(name, value, $"NablaHtml.{name} must be between 100 and 4000 pixels.");
}
