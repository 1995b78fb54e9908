using System.Globalization;
using System.Text;

namespace Nabla.Interactive.Html;

/// <summary>
/// Builds an HTML fragment. Every text that comes from data (labels, names, numbers) goes through <see cref="Text"/>,
/// which escapes it; only the element names and fixed attributes written here are raw.
/// </summary>
internal sealed class HtmlWriter
{
    private readonly StringBuilder _html = new();

    /// <summary>Writes a text with the five characters that HTML gives a meaning escaped (&amp; &lt; &gt; &quot; &#39;); the rest, × ∂ δ included, as it is.</summary>
    public HtmlWriter Text(string? text)
    {
        foreach (char c in text ?? "")
        {
            switch (c)
            {
                case '&': _html.Append("&amp;"); break;
                case '<': _html.Append("&lt;"); break;
                case '>': _html.Append("&gt;"); break;
                case '"': _html.Append("&quot;"); break;
                case '\'': _html.Append("&#39;"); break;
                default: _html.Append(c); break;
            }
        }

        return this;
    }

    /// <summary>Writes markup as it is: element names and fixed attributes of this library, or markup already built.</summary>
    public HtmlWriter Raw(string markup)
    {
        _html.Append(markup);
        return this;
    }

    /// <summary>Writes <c>&lt;tag&gt;text&lt;/tag&gt;</c> with the text escaped.</summary>
    public HtmlWriter Element(string tag, string? text) => Raw($"<{tag}>").Text(text).Raw($"</{tag}>");

    /// <summary>Writes a header row.</summary>
    public HtmlWriter HeaderRow(IEnumerable<string> cells)
    {
        Raw("<tr>");
        foreach (var cell in cells)
        {
            Element("th", cell);
        }

        return Raw("</tr>");
    }

    /// <summary>Writes a row whose first cell is a header (the row's name) and the rest data cells.</summary>
    public HtmlWriter Row(string name, IEnumerable<string> cells)
    {
        Raw("<tr>").Element("th", name);
        foreach (var cell in cells)
        {
            Element("td", cell);
        }

        return Raw("</tr>");
    }

    /// <summary>Writes a two-column table of names and values, skipping the rows whose value is null.</summary>
    public HtmlWriter Properties(string caption, IEnumerable<(string Name, string? Value)> rows)
    {
        Raw("<table class=\"nabla-properties\">").Element("caption", caption);
        foreach (var (name, value) in rows)
        {
            if (value is not null)
            {
                Row(name, [value]);
            }
        }

        return Raw("</table>");
    }

    /// <inheritdoc/>
    public override string ToString() => _html.ToString();

    /// <summary>A number as the tables show it: invariant culture, the significant digits of <see cref="NablaHtml.SignificantDigits"/>.</summary>
    public static string Number(double value) => value.ToString("G" + NablaHtml.SignificantDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A nullable number, or null.</summary>
    public static string? Number(double? value) => value is { } v ? Number(v) : null;

    /// <summary>An integer with invariant digit grouping.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
