using Nabla.Bayes;

namespace Nabla.Cli.Experiments;

/// <summary>A two-class decision rule of the bayes-vs-perceptron experiment and how often it errs.</summary>
/// <param name="Boundary">The rule as a conic: class A where q(x, y) &gt; 0.</param>
/// <param name="Rule">The rule in words.</param>
/// <param name="TestError">Error rate on the fresh test points drawn from the mixture (Monte Carlo).</param>
/// <param name="ExactError">The exact error P_A·P(decide B | A) + P_B·P(decide A | B), from <see cref="RegionProbabilities"/>.</param>
/// <param name="TrainingError">Error rate on the training data.</param>
internal sealed record DecisionRuleResult(QuadraticBoundary Boundary, string Rule, double TestError, double ExactError, double TrainingError);
