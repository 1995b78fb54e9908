using Nabla.Interactive.Html;

namespace Nabla.Interactive;

public static partial class NablaHtml
{
    /// <summary>
    /// Any table of texts, escaped, with a header row: for a notebook's own comparisons (a slide's value beside Nabla's).
    /// Past <see cref="MaxRows"/> rows, only the first and last ones.
    /// </summary>
    /// <param name="caption">What the table shows; null for no caption.</param>
    /// <param name="header">The column names.</param>
    /// <param name="rows">The rows, each with as many cells as <paramref name="header"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="header"/> or <paramref name="rows"/> is null.</exception>
    /// <exception cref="ArgumentException">A row has another number of cells than the header.</exception>
    public static string Table(string? caption, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r] is null || rows[r].Count != header.Count)
            {
                throw new ArgumentException($"Row {r + 1} of the table has {rows[r]?.Count ?? 0} cells but the header has {header.Count}: give every row one cell per column.", nameof(rows));
            }
        }

        var html = new HtmlWriter().Raw("<table class=\"nabla-table\">");
        if (caption is not null)
        {
            html.Element("caption", caption);
        }

        html.HeaderRow(header);
        ForEachShown(Shown(rows.Count, MaxRows), () => html.HeaderRow(Enumerable.Repeat("⋮", header.Count)), r =>
        {
            html.Raw("<tr>");
            foreach (var cell in rows[r])
            {
                html.Element("td", cell);
            }

            html.Raw("</tr>");
        });
        return html.Raw("</table>").ToString();
    }

    /// <summary>A number as the tables write it: invariant culture, <see cref="SignificantDigits"/> significant digits.</summary>
    public static string Number(double value) => HtmlWriter.Number(value);
}
