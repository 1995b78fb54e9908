namespace Nabla.Estimators;

/// <summary>
/// How much a fitted model's score drops when one feature (or a group of features, such as the one-hot features of one
/// column) is shuffled across the rows, breaking its link to the target: the permutation importance of
/// <see cref="PermutationImportance"/>.
/// </summary>
/// <param name="Name">The feature's (or group's) name.</param>
/// <param name="Features">The feature indices shuffled together.</param>
/// <param name="Mean">The mean drop, baseline score − shuffled score, over the repeats (score units: accuracy or R²).</param>
/// <param name="StandardDeviation">The spread of the drop over the repeats, √(Σ(dᵣ − mean)²/repeats).</param>
/// <param name="Drops">The drop of each repeat.</param>
/// <param name="Baseline">The score with nothing shuffled, which every drop is measured from.</param>
public sealed record FeatureImportance(string Name, IReadOnlyList<int> Features, double Mean, double StandardDeviation, IReadOnlyList<double> Drops, double Baseline);
