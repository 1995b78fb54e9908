using System.Numerics;
using Nabla.Interactive.Html;
using Nabla.Networks;

namespace Nabla.Interactive;

public static partial class NablaHtml
{
    /// <summary>
    /// One forward and backward pass kept by <see cref="NetworkTrace{T}"/>, layer by layer in the notes' notation: the
    /// input and target, then for each layer l its W^[l], b^[l], z^[l], a^[l], ∂L/∂a^[l], δ^[l], ∂L/∂W^[l] and ∂L/∂b^[l],
    /// and the loss. The matrices are in the trace's convention (samples as rows, or the lectures' columns).
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <exception cref="ArgumentNullException"><paramref name="trace"/> is null.</exception>
    public static string Trace<T>(NetworkTrace<T> trace)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(trace);
        var html = new HtmlWriter().Raw("<div class=\"nabla-trace\">");
        html.Properties("network trace", [
            ("loss L", HtmlWriter.Number(trace.Loss)),
            ("samples", HtmlWriter.Count(trace.SampleCount)),
            ("convention", trace.ColumnConvention ? "columns (the lectures': one sample per column)" : "rows (Nabla's: one sample per row)"),
        ]);
        WriteMatrix(html, trace.Input, "x = a^[0]");
        WriteMatrix(html, trace.Target, "y");
        foreach (var layer in trace.Layers)
        {
            int l = layer.Layer;
            html.Raw("<div class=\"nabla-layer\">").Element("h5", $"layer {l}: {layer.Units} units, g = {layer.Activation}");
            WriteMatrix(html, layer.Weights, $"W^[{l}]");
            WriteMatrix(html, layer.Bias, $"b^[{l}]");
            WriteMatrix(html, layer.PreActivation, $"z^[{l}]");
            WriteMatrix(html, layer.Output, $"a^[{l}]");
            WriteMatrix(html, layer.OutputGradient, $"∂L/∂a^[{l}]");
            WriteMatrix(html, layer.Delta, $"δ^[{l}]");
            WriteMatrix(html, layer.WeightGradient, $"∂L/∂W^[{l}]");
            WriteMatrix(html, layer.BiasGradient, $"∂L/∂b^[{l}]");
            html.Raw("</div>");
        }

        return html.Raw("</div>").ToString();
    }

    /// <summary>
    /// ∂L/∂w^[l]_{i,j} written out by the chain rule: its three factors with their formulas and values, the upstream
    /// terms of ∂L/∂a_i^[l], every path from the loss to the weight (when they were enumerated), and the value by
    /// backpropagation beside the product and the sum over paths.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="chainRule"/> is null.</exception>
    public static string ChainRule(ChainRule chainRule)
    {
        ArgumentNullException.ThrowIfNull(chainRule);
        var html = new HtmlWriter().Raw("<div class=\"nabla-chain-rule\">");
        html.Properties($"∂L/∂{chainRule.Weight} (sample {chainRule.Sample})", [
            ("product of the factors", HtmlWriter.Number(chainRule.Product)),
            ("sum over paths", chainRule.Paths.Count > 0 ? HtmlWriter.Number(chainRule.PathSum) : null),
            ("paths", HtmlWriter.Count(chainRule.PathCount)),
            ("backpropagation", HtmlWriter.Number(chainRule.Backpropagation)),
        ]);
        WriteFactors(html, "factors", chainRule.Factored);
        if (chainRule.Upstream.Count > 0)
        {
            WriteFactors(html, $"upstream terms of ∂L/∂a_{chainRule.Unit}^[{chainRule.Layer}]", chainRule.Upstream);
        }

        foreach (var path in chainRule.Paths)
        {
            WriteFactors(html, $"path through units {string.Join(" → ", path.Units)}: product {HtmlWriter.Number(path.Product)}", path.Factors);
        }

        return html.Raw("</div>").ToString();
    }

    private static void WriteFactors(HtmlWriter html, string caption, IReadOnlyList<ChainRuleFactor> factors)
    {
        html.Raw("<table class=\"nabla-factors\">").Element("caption", caption);
        html.HeaderRow(["derivative", "formula", "value"]);
        foreach (var factor in factors)
        {
            html.Row(factor.Derivative, [factor.Formula, HtmlWriter.Number(factor.Value)]);
        }

        html.Raw("</table>");
    }
}
