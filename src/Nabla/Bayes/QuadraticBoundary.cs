using System.Globalization;

namespace Nabla.Bayes;

/// <summary>
/// A conic q(x, y) = a·x² + b·y² + c·xy + d·x + e·y + f in the plane, the decision boundary q = 0 of a two-class rule in
/// 2-D that decides the first class where q &gt; 0 and the second where q &lt; 0. With a = b = c = 0 it is the line
/// d·x + e·y + f = 0.
/// </summary>
/// <param name="Xx">a, the coefficient of x².</param>
/// <param name="Yy">b, the coefficient of y².</param>
/// <param name="Xy">c, the coefficient of xy.</param>
/// <param name="X">d, the coefficient of x.</param>
/// <param name="Y">e, the coefficient of y.</param>
/// <param name="Constant">f, the constant term.</param>
public sealed record QuadraticBoundary(double Xx, double Yy, double Xy, double X, double Y, double Constant)
{
    /// <summary>True when the quadratic terms are exactly zero, so the boundary is a line (equal covariances).</summary>
    public bool IsLinear => Xx == 0 && Yy == 0 && Xy == 0;

    /// <summary>q(x, y).</summary>
    public double Evaluate(double x, double y) => Xx * x * x + Yy * y * y + Xy * x * y + X * x + Y * y + Constant;

    /// <summary>
    /// The Bayes minimum-risk boundary between two Gaussian classes in the plane: q(x) = log[(c₂₁ − c₁₁) P₁ p₁(x)] −
    /// log[(c₁₂ − c₂₂) P₂ p₂(x)], positive where class 1 (<paramref name="first"/>) has the smaller conditional risk. With
    /// Λᵢ = Σᵢ⁻¹: the quadratic part is −½ xᵀ(Λ₁ − Λ₂)x, the linear part (Λ₁μ₁ − Λ₂μ₂)ᵀx, and
    /// f = −½ μ₁ᵀΛ₁μ₁ + ½ μ₂ᵀΛ₂μ₂ − ½ log det Σ₁ + ½ log det Σ₂ + log[(c₂₁ − c₁₁) P₁ / ((c₁₂ − c₂₂) P₂)].
    /// </summary>
    /// <param name="first">p₁ = p(x | C₁), 2-D.</param>
    /// <param name="second">p₂ = p(x | C₂), 2-D.</param>
    /// <param name="firstPrior">P₁ &gt; 0.</param>
    /// <param name="secondPrior">P₂ &gt; 0.</param>
    /// <param name="costs">2 × 2, c[i, j] the cost of deciding i when j is true (zero-based); null for 0-1 costs.</param>
    /// <exception cref="ArgumentException">Not 2-D, a prior not positive, or costs where an error does not cost more than a correct decision.</exception>
    public static QuadraticBoundary BetweenGaussians(GaussianDensity first, GaussianDensity second, double firstPrior, double secondPrior, double[,]? costs = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Dimension != 2 || second.Dimension != 2)
        {
            throw new ArgumentException($"A boundary q(x, y) needs two 2-D Gaussians, not {first.Dimension}-D and {second.Dimension}-D.");
        }

        if (!(firstPrior > 0) || !(secondPrior > 0) || !double.IsFinite(firstPrior) || !double.IsFinite(secondPrior))
        {
            throw new ArgumentException($"Both priors must be positive for a boundary to exist, not {firstPrior} and {secondPrior}.");
        }

        costs ??= new double[,] { { 0, 1 }, { 1, 0 } };
        if (costs.GetLength(0) != 2 || costs.GetLength(1) != 2)
        {
            throw new ArgumentException($"Two classes need a 2×2 cost matrix, not {costs.GetLength(0)}×{costs.GetLength(1)}.", nameof(costs));
        }

        double firstWeight = costs[1, 0] - costs[0, 0], secondWeight = costs[0, 1] - costs[1, 1];
        if (!(firstWeight > 0) || !(secondWeight > 0))
        {
            throw new ArgumentException(
                $"Deciding wrongly must cost more than deciding rightly (c₂₁ > c₁₁ and c₁₂ > c₂₂); with c₂₁ − c₁₁ = {firstWeight} and c₁₂ − c₂₂ = {secondWeight} one class is always chosen and there is no boundary.",
                nameof(costs));
        }

        var p1 = first.Precision();
        var p2 = second.Precision();
        var m1 = first.Mean;
        var m2 = second.Mean;

        // v = Λμ, and μᵀΛμ.
        double v1x = p1[0, 0] * m1[0] + p1[0, 1] * m1[1], v1y = p1[1, 0] * m1[0] + p1[1, 1] * m1[1];
        double v2x = p2[0, 0] * m2[0] + p2[0, 1] * m2[1], v2y = p2[1, 0] * m2[0] + p2[1, 1] * m2[1];
        double quad1 = m1[0] * v1x + m1[1] * v1y, quad2 = m2[0] * v2x + m2[1] * v2y;

        return new QuadraticBoundary(
            Xx: -0.5 * (p1[0, 0] - p2[0, 0]),
            Yy: -0.5 * (p1[1, 1] - p2[1, 1]),
            Xy: -0.5 * ((p1[0, 1] + p1[1, 0]) - (p2[0, 1] + p2[1, 0])),
            X: v1x - v2x,
            Y: v1y - v2y,
            Constant: -0.5 * quad1 + 0.5 * quad2 - 0.5 * first.LogDeterminant + 0.5 * second.LogDeterminant
                      + Math.Log(firstWeight * firstPrior) - Math.Log(secondWeight * secondPrior));
    }

    /// <summary>The polynomial as text, for example <c>-0.25·x² - 0.25·y² + 1·x + 2·y - 1.80685</c>.</summary>
    public override string ToString()
    {
        var terms = new List<string>();
        void Add(double coefficient, string variable)
        {
            if (coefficient == 0 && variable.Length > 0)
            {
                return;
            }

            string value = Math.Abs(coefficient).ToString("G6", CultureInfo.InvariantCulture);
            string sign = coefficient < 0 ? "-" : "+";
            string term = variable.Length == 0 ? value : value + "·" + variable;
            terms.Add(terms.Count == 0 ? (coefficient < 0 ? "-" + term : term) : $"{sign} {term}");
        }

        Add(Xx, "x²");
        Add(Yy, "y²");
        Add(Xy, "xy");
        Add(X, "x");
        Add(Y, "y");
        Add(Constant, string.Empty);
        return string.Join(' ', terms);
    }
}
