namespace Nabla.Bayes;

/// <summary>
/// A class-conditional probability density p(x | C) on ℝᵈ for the <see cref="BayesClassifier{T, TLabel}"/>. Implement it
/// to give the classifier any density: it needs the logarithm of the density (for numerical stability) and, for the Monte
/// Carlo risk estimates and for drawing data, a way to sample from it.
/// </summary>
public interface IDensity
{
    /// <summary>d, the dimension of the points.</summary>
    int Dimension { get; }

    /// <summary>log p(x); <see cref="double.NegativeInfinity"/> where the density is zero. Never NaN.</summary>
    /// <param name="x">A point of length <see cref="Dimension"/>.</param>
    double LogDensity(ReadOnlySpan<double> x);

    /// <summary>Draws one point from the density into <paramref name="destination"/> (length <see cref="Dimension"/>).</summary>
    /// <param name="random">The source of randomness; a seeded one gives reproducible draws.</param>
    /// <param name="destination">Receives the point.</param>
    /// <exception cref="NotSupportedException">The density cannot be sampled (Monte Carlo risk estimates then need another way to draw points).</exception>
    void Sample(Random random, Span<double> destination);
}
