using ScottPlot;

namespace Nabla.Plotting;

/// <summary>A colormap from <paramref name="low"/> at intensity 0 to <paramref name="high"/> at 1, interpolated in RGB.</summary>
internal sealed class SequentialColormap(Color low, Color high) : IColormap
{
    public string Name => "sequential";

    public Color GetColor(double normalizedIntensity)
    {
        double t = double.IsNaN(normalizedIntensity) ? 0 : Math.Clamp(normalizedIntensity, 0, 1);
        return new Color(Mix(low.R, high.R, t), Mix(low.G, high.G, t), Mix(low.B, high.B, t));
    }

    private static byte Mix(byte a, byte b, double t) => (byte)Math.Round(a + (b - a) * t);
}
