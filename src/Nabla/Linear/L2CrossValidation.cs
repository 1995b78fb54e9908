using System.Globalization;
using Nabla.Estimators;
using Nabla.Sampling;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Linear;

/// <summary>
/// Chooses logistic regression's λ by k-fold cross-validation over scikit-learn's <c>LogisticRegressionCV</c> grid of ten
/// values C = 10⁻⁴ … 10⁴: λ = 1/(C n), each fitted by L-BFGS on the folds (warm-started from the previous, stronger
/// penalty) and scored by held-out log-loss (that class's <c>scoring='neg_log_loss'</c>; its default is accuracy). The objective is convex, so the λ chosen does not depend on the solver
/// that then fits the model.
/// </summary>
internal static class L2CrossValidation
{
    /// <summary>Above this many training rows λ is 1/n (scikit-learn's C = 1) without a search: the folds would cost ~50 fits, and with this many rows the penalty matters little.</summary>
    public const int RowLimit = 10_000;

    /// <summary>k, when every class has at least this many rows; otherwise as many folds as the smallest class has rows.</summary>
    public const int Folds = 5;

    /// <summary>scikit-learn's C of each candidate, weakest penalty last: 10⁻⁴ … 10⁴ in ten log-spaced steps.</summary>
    private static readonly double[] InverseStrengths = [.. Enumerable.Range(0, 10).Select(i => Math.Pow(10, -4 + 8.0 * i / 9))];

    /// <summary>Why no search runs on <paramref name="rows"/> rows, or null when one does.</summary>
    public static string? NoSearchReason(int rows) =>
        rows > RowLimit ? $"more than {RowLimit.ToString("N0", CultureInfo.InvariantCulture)} training rows"
        : rows < 2 * Folds ? $"fewer than {2 * Folds} training rows"
        : null;

    /// <summary>λ = 1/n, scikit-learn's default C = 1, used when no search runs.</summary>
    public static double Default(int rows) => 1.0 / Math.Max(rows, 1);

    /// <summary>
    /// The fits' own L-BFGS settings, apart from the model's epochs and tolerance: every candidate is minimized to
    /// convergence, so the λ chosen depends on the data alone, not on the solver or iteration limit that then fits the model.
    /// </summary>
    private static readonly LbfgsOptions Settings = new() { MaxIterations = 1000, GradientTolerance = 1e-6 };

    /// <summary>Runs the search on the training rows <paramref name="x"/> (n × d) with class indices <paramref name="y"/>, the folds on <paramref name="threads"/> threads (0: all; the result does not depend on it).</summary>
    public static L2Search Run(Matrix<double> x, int[] y, int classCount, bool fitIntercept, double[]? classWeights, int seed, int threads)
    {
        int n = x.Rows, units = classCount == 2 ? 1 : classCount;
        int smallest = Enumerable.Range(0, classCount).Select(k => y.Count(v => v == k)).Where(c => c > 0).Min();
        int k = Math.Min(Folds, smallest);
        // Stratified when every class can be in every training part; otherwise plain folds (a rare class then misses some).
        var folds = k >= 2
            ? DataSplit.Folds(n, k, seed, [.. y.Select(v => v.ToString(CultureInfo.InvariantCulture))])
            : DataSplit.Folds(n, Folds, seed);
        var losses = new double[folds.Length][];
        // Each fold writes only its own row of losses, so the result does not depend on how the folds share the threads.
        Parallel.For(0, folds.Length, new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : ComputeSettings.MaxThreads }, f =>
        {
            var test = folds[f];
            int[] train = DataSplit.TrainingRows(n, test);
            var (trainX, trainY) = (x.SelectRows(train), train.Select(i => y[i]).ToArray());
            var (testX, testY) = (x.SelectRows(test), test.Select(i => y[i]).ToArray());
            var score = new LogLossObjective(testX, testY, units, 0, fitIntercept, Weights(testY, classWeights));
            var trainWeights = Weights(trainY, classWeights);
            var theta = new double[score.Size];
            var gradient = new double[score.Size];
            losses[f] = new double[InverseStrengths.Length];
            for (int c = 0; c < InverseStrengths.Length; c++)
            {
                var objective = new LogLossObjective(trainX, trainY, units, 1 / (InverseStrengths[c] * train.Length), fitIntercept, trainWeights);
                var result = Lbfgs.Minimize(objective.Evaluate, theta, Settings);
                losses[f][c] = result.StopReason == OptimizationStopReason.NotFinite ? double.PositiveInfinity : score.Evaluate(result.Point, gradient);
                // A fit that went non-finite is no start for the next one: that starts afresh from θ = 0.
                theta = double.IsFinite(losses[f][c]) ? result.Point : new double[score.Size];
            }
        });

        double[] candidates = [.. InverseStrengths.Select(c => 1 / (c * n))];
        // A fit whose held-out loss is not finite counts as the worst.
        double[] mean = [.. Enumerable.Range(0, candidates.Length).Select(c => losses.Average(l => double.IsFinite(l[c]) ? l[c] : double.PositiveInfinity))];
        int best = 0;
        for (int c = 1; c < mean.Length; c++)
        {
            if (mean[c] < mean[best])
            {
                best = c;
            }
        }

        return new L2Search(candidates, mean, folds.Length, candidates[best]);
    }

    private static double[]? Weights(int[] y, double[]? classWeights) => classWeights is null ? null : ClassWeights.ForRows(classWeights, y);
}
