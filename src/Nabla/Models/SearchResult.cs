namespace Nabla.Models;

/// <summary>What a hyperparameter search found: every setting's cross-validated score, best first.</summary>
/// <param name="Metric">The metric the settings are ranked by (<c>accuracy</c> or <c>r2</c>), higher being better.</param>
/// <param name="Results">Each setting's cross-validation, ranked by the mean of <paramref name="Metric"/>, best first (ties keep the order the settings were tried in).</param>
public sealed record SearchResult(string Metric, IReadOnlyList<CrossValidationResult> Results)
{
    /// <summary>The best setting.</summary>
    public CrossValidationResult Best => Results[0];
}
