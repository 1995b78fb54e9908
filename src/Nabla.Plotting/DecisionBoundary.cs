using ScottPlot;

namespace Nabla.Plotting;

/// <summary>
/// A decision boundary in the plane, the curve g(x₁, x₂) = 0, drawn by <see cref="Plots.Boundaries"/> and
/// <see cref="Plots.AddBoundaries"/>: a perceptron's or logistic regression's line w₀ + w₁x₁ + w₂x₂ = 0, a curve x₂ = f(x₁),
/// a circle, or any implicit function (such as a Bayes classifier's log-odds or a network's output minus ½). A boundary may be
/// restricted to a region (<see cref="Within"/>) and given its own color, line pattern and width (<see cref="WithStyle"/>).
/// Instances are immutable.
/// </summary>
public sealed class DecisionBoundary
{
    /// <summary>The line width, in pixels, of a boundary without one of its own.</summary>
    public const float DefaultWidth = 2.5f;

    /// <summary>Grid cells per axis used to trace a boundary by default.</summary>
    public const int DefaultResolution = 240;

    private DecisionBoundary(string name, Func<double, double, double> function, Func<double, double, bool>? region, Color? color, LinePattern pattern, float width)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Function = function;
        Region = region;
        Color = color;
        Pattern = pattern;
        Width = width;
    }

    /// <summary>The name in the legend.</summary>
    public string Name { get; }

    /// <summary>g(x₁, x₂); the boundary is where it is 0.</summary>
    public Func<double, double, double> Function { get; }

    /// <summary>Where the boundary is drawn (null: everywhere in the plotted area).</summary>
    public Func<double, double, bool>? Region { get; }

    /// <summary>The line color, or null to take the next of the plot's boundary colors.</summary>
    public Color? Color { get; }

    /// <summary>The line pattern (solid unless set).</summary>
    public LinePattern Pattern { get; }

    /// <summary>The line width in pixels.</summary>
    public float Width { get; }

    /// <summary>The line w₀ + w₁x₁ + w₂x₂ = 0 (a perceptron's [b, w₁, w₂]).</summary>
    /// <exception cref="ArgumentException">w₁ and w₂ are both 0, or a coefficient is not finite.</exception>
    public static DecisionBoundary Line(string name, double w0, double w1, double w2)
    {
        if (!double.IsFinite(w0) || !double.IsFinite(w1) || !double.IsFinite(w2) || (w1 == 0 && w2 == 0))
        {
            throw new ArgumentException($"The line {w0} + {w1}·x₁ + {w2}·x₂ = 0 is not a line: w₁ and w₂ must be finite and not both 0.", nameof(w1));
        }

        return Implicit(name, (x1, x2) => w0 + w1 * x1 + w2 * x2);
    }

    /// <summary>The curve x₂ = f(x₁).</summary>
    public static DecisionBoundary Curve(string name, Func<double, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Implicit(name, (x1, x2) => x2 - f(x1));
    }

    /// <summary>The circle (x₁ − c₁)² + (x₂ − c₂)² = r², for example the edge of a disk-shaped class.</summary>
    /// <exception cref="ArgumentException">The centre or radius is not finite, or the radius is not positive.</exception>
    public static DecisionBoundary Circle(string name, double centreX, double centreY, double radius)
    {
        if (!double.IsFinite(centreX) || !double.IsFinite(centreY) || !double.IsFinite(radius) || radius <= 0)
        {
            throw new ArgumentException($"A circle needs a finite centre and a finite positive radius, not centre ({centreX}, {centreY}) and radius {radius}.", nameof(radius));
        }

        return Implicit(name, (x1, x2) => (x1 - centreX) * (x1 - centreX) + (x2 - centreY) * (x2 - centreY) - radius * radius);
    }

    /// <summary>The set where <paramref name="g"/>(x₁, x₂) = 0, found on a grid (both signs must occur in the plotted area).</summary>
    public static DecisionBoundary Implicit(string name, Func<double, double, double> g)
    {
        ArgumentNullException.ThrowIfNull(g);
        return new DecisionBoundary(name, g, null, null, LinePattern.Solid, DefaultWidth);
    }

    /// <summary>
    /// This boundary drawn only where <paramref name="region"/> holds (and any region it already had), for example the part of
    /// a circle that separates two classes inside their common support. The ends are found by bisection on the region's edge.
    /// </summary>
    public DecisionBoundary Within(Func<double, double, bool> region)
    {
        ArgumentNullException.ThrowIfNull(region);
        var previous = Region;
        Func<double, double, bool> combined = previous is null ? region : (x1, x2) => previous(x1, x2) && region(x1, x2);
        return new DecisionBoundary(Name, Function, combined, Color, Pattern, Width);
    }

    /// <summary>This boundary with another color, line pattern or width (null keeps the current one).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is not positive and finite.</exception>
    public DecisionBoundary WithStyle(Color? color = null, LinePattern? pattern = null, float? width = null)
    {
        if (width is { } w && (!float.IsFinite(w) || w <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(width), w, "The line width must be positive and finite.");
        }

        return new DecisionBoundary(Name, Function, Region, color ?? Color, pattern ?? Pattern, width ?? Width);
    }

    /// <summary>
    /// The boundary inside <paramref name="area"/> as polylines, traced by marching squares on a grid of
    /// <paramref name="resolution"/> cells per axis and clipped to <see cref="Region"/>. A closed curve comes back to its first
    /// point; an empty list means the boundary does not cross the area.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="resolution"/> is below 2.</exception>
    public IReadOnlyList<IReadOnlyList<(double X, double Y)>> Trace(PlotArea area, int resolution = DefaultResolution)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 2);
        var lines = Contour.ZeroPolylines(Function, area, resolution);
        if (Region is not null)
        {
            lines = Contour.Clip(lines, Region);
        }

        return lines;
    }
}
