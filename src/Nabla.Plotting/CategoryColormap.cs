using ScottPlot;

namespace Nabla.Plotting;

/// <summary>A colormap for class indices: each class gets its own pale color (the heat map's intensity range is 0 … K−1).</summary>
internal sealed class CategoryColormap(Color[] colors) : IColormap
{
    public string Name => "classes";

    public Color GetColor(double normalizedIntensity)
    {
        if (double.IsNaN(normalizedIntensity))
        {
            return Colors.Transparent;
        }

        int k = (int)Math.Round(Math.Clamp(normalizedIntensity, 0, 1) * (colors.Length - 1));
        return colors[k];
    }
}
