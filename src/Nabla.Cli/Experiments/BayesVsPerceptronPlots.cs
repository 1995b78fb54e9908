using System.Globalization;
using Nabla.Plotting;
using Nabla.Tensors;
using ScottPlot;

namespace Nabla.Cli.Experiments;

/// <summary>
/// The figures of one bayes-vs-perceptron case: the training points with the Bayes boundary and the perceptron's line, and
/// the perceptron's errors per epoch.
/// </summary>
internal static class BayesVsPerceptronPlots
{
    /// <summary>At most this many training points are drawn (a seeded sample when there are more).</summary>
    public const int MaxPoints = 2000;

    /// <summary>Width of the boundaries picture in pixels.</summary>
    public const int BoundariesWidth = 900;

    /// <summary>Height of the boundaries picture in pixels (taller than wide: the legend sits below the plane).</summary>
    public const int BoundariesHeight = 960;

    /// <summary>Width of the errors-per-epoch picture in pixels.</summary>
    public const int ErrorsWidth = 900;

    /// <summary>Height of the errors-per-epoch picture in pixels (with the legend below the plot).</summary>
    public const int ErrorsHeight = 650;

    /// <summary>
    /// The training points (at most <see cref="MaxPoints"/>, colored by class) with the Bayes rule's boundary, the report's own
    /// decision rule (dashed) and the headline perceptron's line w₀ + w₁x + w₂y = 0, in square units. For the Gaussian cases the Bayes boundary is the conic q(x, y) = 0;
    /// for the disk cases the two disks' circles are drawn dashed and the Bayes boundary is the part of disk A's circle inside
    /// disk B (elsewhere only one class, or none, can occur).
    /// </summary>
    public static Plot Boundaries(BayesVsPerceptronResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var c = result.Case;
        var data = result.TrainingData;
        var rows = Sample(data.Features.Rows, result.Seed);
        var points = new Matrix<double>(rows.Length, 2);
        var classes = new int[rows.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            points[k, 0] = data.Features[rows[k], 0];
            points[k, 1] = data.Features[rows[k], 1];
            classes[k] = data.Labels[rows[k]];
        }

        var boundaries = new List<DecisionBoundary>();
        string bayesError = $"exact error {F(result.BayesRule.ExactError)}";
        if (c.IsGaussian)
        {
            var q = result.BayesRule.Boundary;
            boundaries.Add(DecisionBoundary.Implicit($"Bayes rule: q(x, y) = {q} = 0, A where q > 0; {bayesError}", q.Evaluate).WithStyle(width: 3));
        }
        else
        {
            var (ax, ay) = (BayesVsPerceptronCase.CentreA[0], BayesVsPerceptronCase.CentreA[1]);
            var (bx, by) = (BayesVsPerceptronCase.CentreB[0], BayesVsPerceptronCase.CentreB[1]);
            double rb = c.ScaleB;
            boundaries.Add(DecisionBoundary.Circle($"edge of disk A (r = {F(c.ScaleA)})", ax, ay, c.ScaleA)
                .WithStyle(Plots.ClassColor(0).Darken(0.3), LinePattern.Dashed, 1.5f));
            boundaries.Add(DecisionBoundary.Circle($"edge of disk B (r = {F(rb)})", bx, by, rb)
                .WithStyle(Plots.ClassColor(1).Darken(0.3), LinePattern.Dashed, 1.5f));
            // In the overlap the densities P_A/(πr_A²) and P_B/(πr_B²) compare; the winner's disk edge, inside the other disk,
            // is the boundary (a tie goes to A, the first class). In every case of the report A wins or ties.
            double da = c.PriorA / (c.ScaleA * c.ScaleA), db = c.PriorB / (rb * rb);
            bool tie = Math.Abs(da - db) <= 1e-12 * Math.Max(da, db);
            var bayes = tie || da > db
                ? DecisionBoundary.Circle($"Bayes rule: A inside disk A ({(tie ? "the overlap is a tie, given to A" : "A wins the overlap")}); boundary: disk A's edge inside disk B; {bayesError}", ax, ay, c.ScaleA)
                    .Within((x, y) => (x - bx) * (x - bx) + (y - by) * (y - by) <= rb * rb)
                : DecisionBoundary.Circle($"Bayes rule: B inside disk B (B wins the overlap); boundary: disk B's edge inside disk A; {bayesError}", bx, by, rb)
                    .Within((x, y) => (x - ax) * (x - ax) + (y - ay) * (y - ay) <= c.ScaleA * c.ScaleA);
            boundaries.Add(bayes.WithStyle(Colors.Black, width: 3.5f));
        }

        // The report's own rule, dashed: where it is wrong it shows beside the true boundary.
        var report = result.ReportRule;
        bool optimal = Math.Abs(report.ExactError - result.BayesRule.ExactError) < 1e-12;
        boundaries.Add(DecisionBoundary.Implicit(
                $"the report's rule: {report.Rule}; exact error {F(report.ExactError)} ({(optimal ? "Bayes-optimal" : "not Bayes-optimal")})", report.Boundary.Evaluate)
            .WithStyle(Color.FromHex("#ff7f0e"), LinePattern.Dashed, 2.5f));

        var w = result.Perceptron.Weights.Row(0);
        boundaries.Add(DecisionBoundary.Line(
                $"{Variant(result)} perceptron: {F(w[0])} + {F(w[1])}x + {F(w[2])}y = 0, A where ≥ 0; exact error {F(result.PerceptronRule.ExactError)}", w[0], w[1], w[2])
            .WithStyle(Color.FromHex("#2ca02c"), width: 3));

        string ClassName(int k, string letter, IReadOnlyList<double> centre, double scale, int count)
        {
            int drawn = classes.Count(i => i == k);
            string points = drawn == count ? $"{count} points" : $"{drawn} of {count} points shown";
            string law = c.IsGaussian ? $"N(({F(centre[0])}, {F(centre[1])}), {F(scale * scale)}·I)" : $"uniform in the disk of radius {F(scale)} about ({F(centre[0])}, {F(centre[1])})";
            return $"class {letter}: {law}, {points}";
        }

        var plot = Plots.Boundaries(
            points, classes,
            [ClassName(0, "A", BayesVsPerceptronCase.CentreA, c.ScaleA, c.CountA), ClassName(1, "B", BayesVsPerceptronCase.CentreB, c.ScaleB, c.CountB)],
            boundaries, $"{c.Name}: Bayes rule vs perceptron", ["x", "y"], equalAspect: true);
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Vertical;
        return plot;
    }

    /// <summary>
    /// The headline perceptron's errors in each training epoch (the updates it made while its weights changed), with two
    /// reference lines: the errors of its final weights and of the Bayes rule on the same training points.
    /// </summary>
    public static Plot Errors(BayesVsPerceptronResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var p = result.Perceptron;
        int n = result.TrainingData.Features.Rows;
        var plot = Plots.IntegerSeries(
            [($"{Variant(result)} perceptron: errors made during the epoch ({(p.Converged ? $"converged after {p.Epochs} epochs" : "never an error-free epoch")})", p.ErrorsPerEpoch)],
            $"{result.Case.Name}: perceptron errors per epoch",
            "epoch",
            $"misclassified training points (of {n})");
        int finalErrors = (int)Math.Round(result.PerceptronRule.TrainingError * n);
        int bayesErrors = (int)Math.Round(result.BayesRule.TrainingError * n);
        Reference(plot, finalErrors, Color.FromHex("#2ca02c"), LinePattern.Dotted, $"the perceptron's final weights on the training points: {finalErrors} errors");
        Reference(plot, bayesErrors, Colors.Black, LinePattern.Dashed, $"the Bayes rule on the training points: {bayesErrors} errors");
        var limits = plot.Axes.GetLimits();
        plot.Axes.SetLimitsY(0, Math.Max(limits.Top, Math.Max(finalErrors, bayesErrors) * 1.08));
        return plot;
    }

    /// <summary>
    /// Stages both figures for <paramref name="directory"/> in <paramref name="outputs"/> as <c>CASE-boundaries</c> and
    /// <c>CASE-perceptron-errors</c> (.png and .svg).
    /// </summary>
    /// <returns>The paths, written once the outputs are committed.</returns>
    public static IReadOnlyList<string> Write(OutputSet outputs, BayesVsPerceptronResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        return
        [
            .. ExperimentPlots.Write(outputs, Boundaries(result), directory, $"{result.Case.Name}-boundaries", BoundariesWidth, BoundariesHeight),
            .. ExperimentPlots.Write(outputs, Errors(result), directory, $"{result.Case.Name}-perceptron-errors", ErrorsWidth, ErrorsHeight),
        ];
    }

    private static void Reference(Plot plot, int value, Color color, LinePattern pattern, string label)
    {
        var line = plot.Add.HorizontalLine(value);
        line.LineColor = color;
        line.LinePattern = pattern;
        line.LineWidth = 2;
        line.LegendText = label;
    }

    /// <summary>All rows when there are at most <see cref="MaxPoints"/>, else a seeded sample of that many, in row order.</summary>
    private static int[] Sample(int rows, int seed)
    {
        var all = Enumerable.Range(0, rows).ToArray();
        if (rows <= MaxPoints)
        {
            return all;
        }

        new Random(seed).Shuffle(all);
        var chosen = all[..MaxPoints];
        Array.Sort(chosen);
        return chosen;
    }

    private static string Variant(BayesVsPerceptronResult result) => result.Variant.ToString().ToLowerInvariant();

    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
