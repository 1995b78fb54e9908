namespace Nabla.Networks;

/// <summary>
/// One path from the loss back to a weight, through one unit of each layer above it: its factors and their product. The
/// paths' products add up to the weight's gradient.
/// </summary>
/// <param name="Units">The unit (1-based) the path passes in each layer from the output down to the weight's layer.</param>
/// <param name="Factors">The factors, from the loss down to the weight.</param>
/// <param name="Product">The product of the factors.</param>
public sealed record ChainRulePath(IReadOnlyList<int> Units, IReadOnlyList<ChainRuleFactor> Factors, double Product);
