using Nabla.Bayes;
using Nabla.Data;
using Nabla.Tensors;

namespace Nabla.Playground.Engine;

/// <summary>
/// The true class densities and priors of a dataset that has them (the two Gaussians, the report's cases), in class order
/// (class 0 first), with the costs of the settings: enough for the Bayes classifier, its boundary and its risk.
/// </summary>
public sealed record KnownDensities(string Description, IReadOnlyList<IDensity> Densities, IReadOnlyList<double> Priors, double Cost)
{
    /// <summary>The report's six cases (as <c>nabla experiment bayes-vs-perceptron</c> names them).</summary>
    public static IReadOnlyList<string> Cases { get; } = ["gauss-equal", "gauss-unequal", "gauss-unequal-priors", "disk-equal", "disk-unequal", "disk-unequal-priors"];

    /// <summary>The densities of the settings' dataset, or null when it has none known (every set but the two Gaussians and the report's).</summary>
    public static KnownDensities? Of(PlaygroundSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Dataset == DatasetKind.Gaussians)
        {
            double s = Datasets.GaussianSpread(settings.Noise);
            return new($"N((−2,−2), {s:0.##}²I) and N((2,2), {s:0.##}²I), equal priors", Datasets.GaussianDensities(settings.Noise), [0.5, 0.5], settings.Cost);
        }

        if (settings.Dataset != DatasetKind.Report)
        {
            return null;
        }

        // The report: A (class 1) about (1, 2), B (class 0) about (0, 0); N_A : N_B = 1 : 2 for the unequal priors.
        double[] a = [1.0, 2.0], b = [0.0, 0.0];
        bool gaussian = settings.Case.StartsWith("gauss", StringComparison.Ordinal);
        bool unequal = settings.Case.Contains("unequal", StringComparison.Ordinal);
        double priorA = settings.Case.EndsWith("priors", StringComparison.Ordinal) ? 1.0 / 3 : 0.5;
        IDensity densityA, densityB;
        string text;
        if (gaussian)
        {
            double sb = unequal ? Math.Sqrt(2) : 1;
            (densityA, densityB) = (GaussianDensity.Isotropic(a, 1), GaussianDensity.Isotropic(b, sb));
            text = $"A (blue) ~ N((1,2), I), B (orange) ~ N((0,0), {sb * sb:0.##}·I)";
        }
        else
        {
            double rb = unequal ? 2 : Math.Sqrt(2);
            (densityA, densityB) = (new UniformBallDensity(a, Math.Sqrt(2)), new UniformBallDensity(b, rb));
            text = $"A (blue) uniform in the disk of radius √2 about (1,2), B (orange) in the disk of radius {rb:0.###} about (0,0)";
        }

        return new($"{text}, P(A) = {priorA:0.###}", [densityB, densityA], [1 - priorA, priorA], settings.Cost);
    }

    /// <summary>The Bayes classifier of these densities, priors and costs (classes 0 and 1).</summary>
    public BayesClassifier<double, int> Classifier() =>
        BayesClassifier<double, int>.FromDensities([0, 1], Densities, Priors, Cost == 1 ? null : new double[,] { { 0, Cost }, { 1, 0 } });

    /// <summary>n points drawn from the densities, as many of each class as its prior says.</summary>
    public SyntheticDataset Sample(int n, int seed)
    {
        int ones = Math.Clamp((int)Math.Round(n * Priors[1]), 1, n - 1);
        return SyntheticData.FromDensities(Densities, [n - ones, ones], seed);
    }

    /// <summary>The probability threshold of the minimum-risk decision from P(class 1 | x): 1/(1 + c).</summary>
    public double Threshold => 1 / (1 + Cost);

    /// <summary>The Bayes classifier's decision at each grid point as −½ (class 0) or +½ (class 1), centred on 0 for drawing its boundary as the zero contour.</summary>
    public double[] Decisions(SurfaceGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var x = Features.Matrix([InputFeature.X1, InputFeature.X2], grid.X1, grid.X2);
        return [.. Classifier().PredictClassIndices(x).Select(k => k - 0.5)];
    }

    /// <summary>The points of a matrix's two columns, for a decision function.</summary>
    public static (double[] X1, double[] X2) Columns(Matrix<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return ([.. Enumerable.Range(0, x.Rows).Select(i => x[i, 0])], [.. Enumerable.Range(0, x.Rows).Select(i => x[i, 1])]);
    }
}
