using System.Globalization;
using Nabla.Interactive.Html;
using Nabla.Metrics;

namespace Nabla.Interactive;

public static partial class NablaHtml
{
    /// <summary>
    /// A classification report: accuracy, balanced accuracy, macro F1, log-loss and ROC AUC (where the model has
    /// probabilities), precision, recall, F1 and support per class, and the confusion matrix.
    /// </summary>
    /// <typeparam name="TLabel">The label type.</typeparam>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static string Report<TLabel>(ClassificationReport<TLabel> report)
        where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new HtmlWriter().Raw("<div class=\"nabla-report\">");
        html.Properties("classification report", [
            ("accuracy", HtmlWriter.Number(report.Accuracy)),
            ("balanced accuracy", HtmlWriter.Number(report.BalancedAccuracy)),
            ("macro F1", HtmlWriter.Number(report.MacroF1)),
            ("log-loss", HtmlWriter.Number(report.LogLoss)),
            ("ROC AUC", HtmlWriter.Number(report.RocAuc)),
            ("samples", HtmlWriter.Count(report.ConfusionMatrix.Total)),
        ]);
        html.Raw("<table class=\"nabla-per-class\">").Element("caption", "per class");
        html.HeaderRow(["class", "precision", "recall", "F1", "support"]);
        foreach (var scores in report.PerClass)
        {
            html.Row(Label(scores.Class), [HtmlWriter.Number(scores.Precision), HtmlWriter.Number(scores.Recall), HtmlWriter.Number(scores.F1), HtmlWriter.Count(scores.Support)]);
        }

        html.Raw("</table>");
        WriteConfusionMatrix(html, report.ConfusionMatrix);
        return html.Raw("</div>").ToString();
    }

    /// <summary>A regression report: mean squared error, mean absolute error and R².</summary>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static string Report(RegressionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new HtmlWriter().Raw("<div class=\"nabla-report\">")
            .Properties("regression report", [
                ("mean squared error", HtmlWriter.Number(report.MeanSquaredError)),
                ("mean absolute error", HtmlWriter.Number(report.MeanAbsoluteError)),
                ("R²", HtmlWriter.Number(report.R2)),
            ])
            .Raw("</div>").ToString();
    }

    /// <summary>
    /// A confusion matrix: one row per actual class, one column per predicted class, with each row's total (the support)
    /// and each column's total. Past <see cref="MaxRows"/> classes, only the first and last classes.
    /// </summary>
    /// <typeparam name="TLabel">The label type.</typeparam>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    public static string ConfusionMatrix<TLabel>(ConfusionMatrix<TLabel> matrix)
        where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var html = new HtmlWriter();
        WriteConfusionMatrix(html, matrix);
        return html.ToString();
    }

    private static void WriteConfusionMatrix<TLabel>(HtmlWriter html, ConfusionMatrix<TLabel> matrix)
        where TLabel : notnull
    {
        var classes = Shown(matrix.Classes.Count, MaxRows);
        bool cut = classes.Count < matrix.Classes.Count;
        html.Raw("<table class=\"nabla-confusion\">")
            .Element("caption", "confusion matrix: rows actual, columns predicted" + (cut ? $" (first and last of {matrix.Classes.Count} classes)" : ""));
        html.Raw("<tr><th>actual \\ predicted</th>");
        ForEachShown(classes, () => html.Element("th", "…"), k => html.Element("th", Label(matrix.Classes[k])));
        html.Raw("<th>total</th></tr>");
        for (int r = 0; r < classes.Count; r++)
        {
            if (r > 0 && classes[r] != classes[r - 1] + 1)
            {
                html.Raw("<tr><th>⋮</th></tr>");
            }

            int actual = classes[r];
            html.Raw("<tr>").Element("th", Label(matrix.Classes[actual]));
            ForEachShown(classes, () => html.Element("td", "…"), k => html.Element("td", HtmlWriter.Count(matrix[actual, k])));
            html.Element("td", HtmlWriter.Count(matrix.Support(actual))).Raw("</tr>");
        }

        html.Raw("<tr><th>total</th>");
        ForEachShown(classes, () => html.Element("td", "…"), k => html.Element("td", HtmlWriter.Count(matrix.PredictedCount(k))));
        html.Element("td", HtmlWriter.Count(matrix.Total)).Raw("</tr></table>");
    }

    // Calls `item` for each shown index and `gap` where indices were left out between two shown ones.
    private static void ForEachShown(IReadOnlyList<int> shown, Action gap, Action<int> item)
    {
        for (int i = 0; i < shown.Count; i++)
        {
            if (i > 0 && shown[i] != shown[i - 1] + 1)
            {
                gap();
            }

            item(shown[i]);
        }
    }

    // A label as text, the same in every culture.
    private static string Label<TLabel>(TLabel label) => Convert.ToString(label, CultureInfo.InvariantCulture) ?? "";
}
