using Nabla.Tensors;

namespace Nabla.Plotting;

/// <summary>A rectangle of the plane, [x₀, x₁] × [y₀, y₁]: the part of the feature space a 2-D plot shows.</summary>
public sealed record PlotArea
{
    /// <summary>The rectangle [<paramref name="xMin"/>, <paramref name="xMax"/>] × [<paramref name="yMin"/>, <paramref name="yMax"/>].</summary>
    /// <exception cref="ArgumentException">A bound is not finite, or a minimum is not below its maximum.</exception>
    public PlotArea(double xMin, double xMax, double yMin, double yMax)
    {
        if (!double.IsFinite(xMin) || !double.IsFinite(xMax) || !double.IsFinite(yMin) || !double.IsFinite(yMax) || xMin >= xMax || yMin >= yMax)
        {
            throw new ArgumentException($"A plot area needs finite bounds with x₀ < x₁ and y₀ < y₁, not [{xMin}, {xMax}] × [{yMin}, {yMax}].", nameof(xMin));
        }

        XMin = xMin;
        XMax = xMax;
        YMin = yMin;
        YMax = yMax;
    }

    /// <summary>x₀, the left edge.</summary>
    public double XMin { get; }

    /// <summary>x₁, the right edge.</summary>
    public double XMax { get; }

    /// <summary>y₀, the bottom edge.</summary>
    public double YMin { get; }

    /// <summary>y₁, the top edge.</summary>
    public double YMax { get; }

    /// <summary>x₁ − x₀.</summary>
    public double Width => XMax - XMin;

    /// <summary>y₁ − y₀.</summary>
    public double Height => YMax - YMin;

    /// <summary>
    /// The smallest rectangle holding every row of an n × 2 matrix of points, with a margin of 5% of its extent on each side
    /// (at least 0.5), as the decision plots use by default.
    /// </summary>
    /// <exception cref="ArgumentException">The matrix does not have two columns, has no rows, or holds a value that is not finite.</exception>
    public static PlotArea Around(Matrix<double> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Columns != 2 || points.Rows == 0)
        {
            throw new ArgumentException($"A plot area is found around n × 2 points (n ≥ 1), not {points.Rows} × {points.Columns}.", nameof(points));
        }

        double x0 = double.PositiveInfinity, x1 = double.NegativeInfinity, y0 = double.PositiveInfinity, y1 = double.NegativeInfinity;
        for (int i = 0; i < points.Rows; i++)
        {
            double x = points[i, 0], y = points[i, 1];
            if (!double.IsFinite(x) || !double.IsFinite(y))
            {
                throw new ArgumentException($"Point {i} is ({x}, {y}); plotted points must be finite.", nameof(points));
            }

            x0 = Math.Min(x0, x);
            x1 = Math.Max(x1, x);
            y0 = Math.Min(y0, y);
            y1 = Math.Max(y1, y);
        }

        double mx = Math.Max(0.05 * (x1 - x0), 0.5), my = Math.Max(0.05 * (y1 - y0), 0.5);
        return new PlotArea(x0 - mx, x1 + mx, y0 - my, y1 + my);
    }

    /// <summary>This rectangle grown by <paramref name="fraction"/> of its width and height on every side (about the same centre).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is negative or not finite.</exception>
    public PlotArea Inflate(double fraction)
    {
        if (!double.IsFinite(fraction) || fraction < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The fraction to grow by must be finite and not negative.");
        }

        double mx = fraction * Width, my = fraction * Height;
        return new PlotArea(XMin - mx, XMax + mx, YMin - my, YMax + my);
    }

    /// <summary>Whether (<paramref name="x"/>, <paramref name="y"/>) lies in the closed rectangle.</summary>
    public bool Contains(double x, double y) => x >= XMin && x <= XMax && y >= YMin && y <= YMax;
}
