using System.Numerics;
using Nabla.Interactive.Html;
using Nabla.Tensors;

namespace Nabla.Interactive;

/// <summary>
/// HTML for Nabla's objects, as notebooks show them: matrices, fitted models, metric reports, training histories, network
/// traces and plots. Each method returns a self-contained fragment (a <c>div</c> with tables, and SVG for pictures) with
/// every value from the data escaped. <see cref="NablaFormatters.Register"/> makes .NET Interactive use these for display.
/// </summary>
/// <remarks>
/// Large matrices are never written out cell by cell: past <see cref="MaxRows"/> rows or <see cref="MaxColumns"/> columns
/// only the corners are shown (the first and last rows and columns) with the shape, so a million-cell matrix costs a few
/// dozen cells. Rows and columns are numbered from 1, as the notes number w^[l]_{i,j}. The settings are shared by every
/// formatter of the process, like .NET Interactive's own <c>Formatter.ListExpansionLimit</c>.
/// </remarks>
public static partial class NablaHtml
{
    private static int s_maxRows = 10;
    private static int s_maxColumns = 10;
    private static int s_significantDigits = 6;

    /// <summary>The most rows of a matrix (or epochs of a history) shown in full; longer ones show their first and last rows. At least 2; default 10.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 2.</exception>
    public static int MaxRows
    {
        get => s_maxRows;
        set => s_maxRows = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "NablaHtml.MaxRows must be at least 2 (a first and a last row).");
    }

    /// <summary>The most columns of a matrix shown in full; wider ones show their first and last columns. At least 2; default 10.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 2.</exception>
    public static int MaxColumns
    {
        get => s_maxColumns;
        set => s_maxColumns = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "NablaHtml.MaxColumns must be at least 2 (a first and a last column).");
    }

    /// <summary>Significant digits of the numbers in tables, 1 to 17; default 6.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1 to 17.</exception>
    public static int SignificantDigits
    {
        get => s_significantDigits;
        set => s_significantDigits = value is >= 1 and <= 17 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "NablaHtml.SignificantDigits must be between 1 and 17.");
    }

    /// <summary>
    /// A matrix as a table with its shape in the caption, for example <c>W^[1]: 2 × 3</c>; past <see cref="MaxRows"/> ×
    /// <see cref="MaxColumns"/> only its corners, with ⋮ and … where rows and columns are left out.
    /// </summary>
    /// <param name="matrix">Any matrix.</param>
    /// <param name="name">What the matrix is, for the caption (for example <c>W^[1]</c>); null for none.</param>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    public static string Matrix<T>(Matrix<T> matrix, string? name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var html = new HtmlWriter();
        WriteMatrix(html, matrix, name);
        return html.ToString();
    }

    internal static void WriteMatrix<T>(HtmlWriter html, Matrix<T> matrix, string? name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rows = Shown(matrix.Rows, MaxRows);
        var columns = Shown(matrix.Columns, MaxColumns);
        bool cut = rows.Count < matrix.Rows || columns.Count < matrix.Columns;
        string shape = $"{matrix.Rows} × {matrix.Columns}";
        string caption = (name is null ? shape : $"{name}: {shape}") + (cut ? $" (corners; {HtmlWriter.Count((long)matrix.Rows * matrix.Columns)} entries)" : "");

        html.Raw("<table class=\"nabla-matrix\" style=\"display:inline-table;vertical-align:top;margin:0 1.5em 1em 0\">").Element("caption", caption);
        html.Raw("<tr><th></th>");
        ForEachShown(columns, () => html.Element("th", "…"), c => html.Element("th", Index(c)));
        html.Raw("</tr>");
        ForEachShown(rows, () =>
        {
            html.Raw("<tr><th>⋮</th>");
            ForEachShown(columns, () => html.Raw("<td>⋱</td>"), _ => html.Raw("<td>⋮</td>"));
            html.Raw("</tr>");
        }, r =>
        {
            html.Raw("<tr>").Element("th", Index(r));
            ForEachShown(columns, () => html.Raw("<td>…</td>"), c => html.Element("td", HtmlWriter.Number(double.CreateTruncating(matrix[r, c]))));
            html.Raw("</tr>");
        });
        html.Raw("</table>");
    }

    // The indices shown of a dimension of `count`: all of them, or the first ⌈limit/2⌉ and the last ⌊limit/2⌋.
    internal static IReadOnlyList<int> Shown(int count, int limit)
    {
        if (count <= limit)
        {
            return [.. Enumerable.Range(0, count)];
        }

        int head = (limit + 1) / 2;
        int tail = limit / 2;
        return [.. Enumerable.Range(0, head), .. Enumerable.Range(count - tail, tail)];
    }

    // A 0-based index as the tables number rows and columns, from 1.
    private static string Index(int index) => (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
