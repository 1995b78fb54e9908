using Nabla.Bayes;
using Nabla.Data;
using Nabla.Neurons;

namespace Nabla.Cli.Experiments;

/// <summary>
/// Everything one case of the bayes-vs-perceptron experiment computed, for printing or plotting: the training data, the
/// Bayes rule of the true densities and priors, the report's own rule, the trained perceptrons and their errors.
/// </summary>
internal sealed record BayesVsPerceptronResult
{
    /// <summary>The case.</summary>
    public required BayesVsPerceptronCase Case { get; init; }

    /// <summary>The seed of the training data (the perceptron shuffles with seed + 1, the test points use seed + 2).</summary>
    public required int Seed { get; init; }

    /// <summary>The training data: N_A points of class A (label 0) then N_B of class B (label 1).</summary>
    public required SyntheticDataset TrainingData { get; init; }

    /// <summary>The Bayes minimum-risk classifier of the true densities and priors (0-1 costs); class index 0 is A, 1 is B.</summary>
    public required BayesClassifier<double, int> Bayes { get; init; }

    /// <summary>The Bayes rule: A where q &gt; 0 (for the disks, q is the circle of disk A), with its errors.</summary>
    public required DecisionRuleResult BayesRule { get; init; }

    /// <summary>The rule the report derived, with its errors.</summary>
    public required DecisionRuleResult ReportRule { get; init; }

    /// <summary>The perceptron variant reported as "the perceptron".</summary>
    public required PerceptronVariant Variant { get; init; }

    /// <summary>
    /// The perceptrons trained on the data with labels d = +1 for A and −1 for B, as in the report; weights [w₀, w₁, w₂],
    /// firing (deciding A) where w₀ + w₁x + w₂y ≥ 0. One per variant; <see cref="Variant"/> is the headline one.
    /// </summary>
    public required IReadOnlyDictionary<PerceptronVariant, Perceptron<double, int>> Perceptrons { get; init; }

    /// <summary>The perceptrons' lines and errors, per variant.</summary>
    public required IReadOnlyDictionary<PerceptronVariant, DecisionRuleResult> PerceptronRules { get; init; }

    /// <summary>The number of fresh test points.</summary>
    public required int TestSize { get; init; }

    /// <summary>Test error of the headline perceptron minus that of the Bayes rule, on the same points.</summary>
    public required double TestErrorDifference { get; init; }

    /// <summary>The standard error of <see cref="TestErrorDifference"/> (paired: only points the two rules decide differently count).</summary>
    public required double TestErrorDifferenceStandardError { get; init; }

    /// <summary>The headline perceptron.</summary>
    public Perceptron<double, int> Perceptron => Perceptrons[Variant];

    /// <summary>The headline perceptron's line and errors.</summary>
    public DecisionRuleResult PerceptronRule => PerceptronRules[Variant];
}
