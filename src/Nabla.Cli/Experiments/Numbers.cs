using System.Globalization;
using Nabla.Tensors;

namespace Nabla.Cli.Experiments;

/// <summary>How the experiments print numbers: invariant culture, up to eight decimals, vectors in parentheses, matrices as rows.</summary>
internal static class Numbers
{
    /// <summary>One number, up to eight decimals.</summary>
    public static string F(double v) => v.ToString("0.########", CultureInfo.InvariantCulture);

    /// <summary>A number for tables: six significant digits, exponent where small.</summary>
    public static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A vector: (v₁, v₂, …).</summary>
    public static string V(ReadOnlySpan<double> v)
    {
        var parts = new string[v.Length];
        for (int i = 0; i < v.Length; i++)
        {
            parts[i] = F(v[i]);
        }

        return "(" + string.Join(", ", parts) + ")";
    }

    /// <summary>A matrix as its rows: [[…], […]].</summary>
    public static string M(Matrix<double> m) =>
        "[" + string.Join(", ", Enumerable.Range(0, m.Rows).Select(i => "[" + V(m.Row(i))[1..^1] + "]")) + "]";
}
