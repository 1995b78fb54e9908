namespace Nabla.Linear;

/// <summary>
/// Hyperparameters of <see cref="LinearRegression{T}"/>. The objective is the mean half squared error plus an L2 penalty
/// on the weights (not the intercepts): J(W, b) = (1/(2n)) Σᵢ ‖yᵢ − W xᵢ − b‖² + (λ/2) ‖W‖²_F. Multiplied by 2n this is
/// scikit-learn's Ridge objective ‖Y − X Wᵀ − 1bᵀ‖²_F + α ‖W‖²_F with α = λ n; λ = 0 is its LinearRegression.
/// </summary>
public sealed record LinearRegressionOptions
{
    /// <summary>
    /// λ ≥ 0 (finite), the L2 (ridge) penalty's strength. Default 0: ordinary least squares (see <see cref="MinimumNorm"/>
    /// for a singular XᵀX).
    /// </summary>
    public double L2 { get; init; }

    /// <summary>
    /// With λ = 0 and a singular XᵀX (after centering, with an intercept: a constant feature, collinear features such as the
    /// one-hot columns of a category, or fewer samples than features), use the least-squares solution of least norm in the
    /// standardized features (as NumPy's lstsq does in the raw ones, but independent of the features' units; a constant
    /// feature gets weight 0; the predictions are the same least-squares fit), and report the rank
    /// (<see cref="LinearRegression{T}.Rank"/>). False refuses with a message naming the feature. Default true.
    /// </summary>
    public bool MinimumNorm { get; init; } = true;

    /// <summary>Learn intercepts b (one bias per target, the weight of a constant input 1; not penalized). Default true.</summary>
    public bool FitIntercept { get; init; } = true;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="L2"/> is negative, NaN or infinite.</exception>
    internal void Validate()
    {
        if (!(L2 >= 0) || !double.IsFinite(L2))
        {
            throw new ArgumentOutOfRangeException(nameof(L2), L2, $"The L2 penalty λ must be 0 or more and finite, not {L2.ToString(System.Globalization.CultureInfo.InvariantCulture)}: use 0 for ordinary least squares or a positive value for ridge regression.");
        }
    }
}
