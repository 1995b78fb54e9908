namespace Nabla.Plotting;

/// <summary>
/// A decision boundary in the plane, the curve g(x₁, x₂) = 0, drawn by <see cref="Plots.Boundaries"/>: a perceptron's or
/// logistic regression's line w₀ + w₁x₁ + w₂x₂ = 0, a curve x₂ = f(x₁), or any implicit function (such as a Bayes classifier's
/// log-odds).
/// </summary>
public sealed class DecisionBoundary
{
    private DecisionBoundary(string name, Func<double, double, double> function)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Function = function;
    }

    /// <summary>The name in the legend.</summary>
    public string Name { get; }

    /// <summary>g(x₁, x₂); the boundary is where it is 0.</summary>
    public Func<double, double, double> Function { get; }

    /// <summary>The line w₀ + w₁x₁ + w₂x₂ = 0 (a perceptron's [b, w₁, w₂]).</summary>
    /// <exception cref="ArgumentException">w₁ and w₂ are both 0, or a coefficient is not finite.</exception>
    public static DecisionBoundary Line(string name, double w0, double w1, double w2)
    {
        if (!double.IsFinite(w0) || !double.IsFinite(w1) || !double.IsFinite(w2) || (w1 == 0 && w2 == 0))
        {
            throw new ArgumentException($"The line {w0} + {w1}·x₁ + {w2}·x₂ = 0 is not a line: w₁ and w₂ must be finite and not both 0.", nameof(w1));
        }

        return new DecisionBoundary(name, (x1, x2) => w0 + w1 * x1 + w2 * x2);
    }

    /// <summary>The curve x₂ = f(x₁).</summary>
    public static DecisionBoundary Curve(string name, Func<double, double> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new DecisionBoundary(name, (x1, x2) => x2 - f(x1));
    }

    /// <summary>The set where <paramref name="g"/>(x₁, x₂) = 0, found on a grid (both signs must occur in the plotted area).</summary>
    public static DecisionBoundary Implicit(string name, Func<double, double, double> g)
    {
        ArgumentNullException.ThrowIfNull(g);
        return new DecisionBoundary(name, g);
    }
}
