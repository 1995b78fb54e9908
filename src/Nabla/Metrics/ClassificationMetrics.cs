using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Metrics;

/// <summary>Metrics of classification over labels and predictions: accuracy, log-loss, ROC AUC (a fitted classifier's full report is <c>Classifier.Evaluate</c>).</summary>
public static class ClassificationMetrics
{
    /// <summary>Probabilities are clipped to [ε, 1 − ε] in <see cref="LogLoss{T}"/>, so a confident mistake costs at most −log ε ≈ 34.5.</summary>
    public const double LogLossEpsilon = 1e-15;

    /// <summary>The fraction of positions where <paramref name="actual"/> and <paramref name="predicted"/> agree.</summary>
    /// <exception cref="ArgumentException">The lists are empty or differ in length.</exception>
    public static double Accuracy<TLabel>(IReadOnlyList<TLabel> actual, IReadOnlyList<TLabel> predicted)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        RequireSameCount(actual.Count, predicted.Count);
        var comparer = EqualityComparer<TLabel>.Default;
        int right = 0;
        for (int i = 0; i < actual.Count; i++)
        {
            if (comparer.Equals(actual[i], predicted[i]))
            {
                right++;
            }
        }

        return (double)right / actual.Count;
    }

    /// <summary>
    /// The log-loss (cross-entropy) −(1/n) Σ_i log p_i,y_i of class probabilities <paramref name="probabilities"/> (n × K, one row
    /// per sample) for true class indices <paramref name="classIndices"/> in [0, K); probabilities are clipped to
    /// [<see cref="LogLossEpsilon"/>, 1 − <see cref="LogLossEpsilon"/>].
    /// </summary>
    /// <exception cref="ArgumentException">The counts differ, there are no samples, or a class index is out of range.</exception>
    public static double LogLoss<T>(Matrix<T> probabilities, IReadOnlyList<int> classIndices)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(classIndices);
        RequireSameCount(classIndices.Count, probabilities.Rows);
        double sum = 0;
        for (int i = 0; i < probabilities.Rows; i++)
        {
            int k = classIndices[i];
            if ((uint)k >= (uint)probabilities.Columns)
            {
                throw new ArgumentException($"Sample {i} has class index {k}, outside [0, {probabilities.Columns}).", nameof(classIndices));
            }

            sum += LogLossTerm(double.CreateChecked(probabilities[i, k]));
        }

        return sum / probabilities.Rows;
    }

    /// <summary>
    /// The area under the ROC curve for two classes: the probability that a random positive sample gets a higher
    /// <paramref name="scores"/> value than a random negative one, ties counting one half (the Mann–Whitney statistic).
    /// </summary>
    /// <param name="scores">A score per sample, higher meaning more likely positive (such as P(positive | x)).</param>
    /// <param name="positive">Whether each sample is of the positive class.</param>
    /// <exception cref="ArgumentException">The counts differ, or one of the two classes has no sample.</exception>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(positive);
        RequireSameCount(positive.Count, scores.Count);
        return RocAucInPlace([.. scores], [.. positive]);
    }

    /// <summary>
    /// <see cref="RocAuc"/> on arrays the caller gives up: they are sorted together in place (by score), which takes no memory
    /// beyond theirs.
    /// </summary>
    internal static double RocAucInPlace(double[] scores, bool[] positive)
    {
        RequireSameCount(positive.Length, scores.Length);
        int n = scores.Length;
        int positives = positive.Count(p => p);
        int negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException($"ROC AUC needs samples of both classes, but there are {positives} positive and {negatives} negative.", nameof(positive));
        }

        Array.Sort(scores, positive);
        double rankSum = 0;
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end + 1 < n && scores[end + 1] == scores[start])
            {
                end++;
            }

            // Tied scores share the mean of their ranks (1-based).
            double rank = (start + end + 2) / 2.0;
            for (int r = start; r <= end; r++)
            {
                if (positive[r])
                {
                    rankSum += rank;
                }
            }

            start = end + 1;
        }

        // In double: P(P + 1) overflows an int from 46,341 positives.
        return (rankSum - positives * (positives + 1.0) / 2) / ((double)positives * negatives);
    }

    /// <summary>
    /// The ROC curve: for each distinct score as the threshold, from the highest down, the false-positive rate (x) and the
    /// true-positive rate (y) of deciding "positive" at or above it; from (0, 0) to (1, 1). Its area is <see cref="RocAuc"/>.
    /// </summary>
    /// <param name="scores">A score per sample, higher meaning more likely positive.</param>
    /// <param name="positive">Whether each sample is of the positive class.</param>
    /// <exception cref="ArgumentException">The counts differ, or one of the two classes has no sample.</exception>
    public static Curve RocCurve(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        var (thresholds, truePositives, falsePositives, p, n) = Sweep(scores, positive);
        return new Curve([0, .. falsePositives.Select(f => f / n)], [0, .. truePositives.Select(t => t / p)], [double.PositiveInfinity, .. thresholds]);
    }

    /// <summary>
    /// The precision–recall curve: for each distinct score as the threshold, from the highest down, the recall (x) and the
    /// precision (y) of deciding "positive" at or above it; it starts at recall 0 with precision 1.
    /// </summary>
    /// <param name="scores">A score per sample, higher meaning more likely positive.</param>
    /// <param name="positive">Whether each sample is of the positive class.</param>
    /// <exception cref="ArgumentException">The counts differ, or one of the two classes has no sample.</exception>
    public static Curve PrecisionRecallCurve(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        var (thresholds, truePositives, falsePositives, p, _) = Sweep(scores, positive);
        return new Curve([0, .. truePositives.Select(t => t / p)], [1, .. truePositives.Select((t, k) => t / (t + falsePositives[k]))], [double.PositiveInfinity, .. thresholds]);
    }

    /// <summary>
    /// The average precision AP = Σₖ (Rₖ − Rₖ₋₁) Pₖ over the thresholds of <see cref="PrecisionRecallCurve"/> (scikit-learn's
    /// <c>average_precision_score</c>): the area under the precision–recall curve without interpolation; the fraction of
    /// positives for a classifier that ranks at random, 1 for a perfect one.
    /// </summary>
    /// <exception cref="ArgumentException">The counts differ, or one of the two classes has no sample.</exception>
    public static double AveragePrecision(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        var curve = PrecisionRecallCurve(scores, positive);
        double ap = 0;
        for (int k = 1; k < curve.X.Count; k++)
        {
            ap += (curve.X[k] - curve.X[k - 1]) * curve.Y[k];
        }

        return ap;
    }

    /// <summary>
    /// A reliability diagram: the predicted probabilities of the positive class cut into <paramref name="bins"/> equal bins of
    /// [0, 1] (1 in the last), and per non-empty bin the mean predicted probability and the fraction of positives.
    /// </summary>
    /// <param name="probabilities">P(positive | x) per sample, in [0, 1].</param>
    /// <param name="positive">Whether each sample is of the positive class.</param>
    /// <param name="bins">The number of bins, at least 1.</param>
    /// <exception cref="ArgumentException">The counts differ, there are no samples, or a probability is outside [0, 1].</exception>
    public static IReadOnlyList<CalibrationBin> CalibrationCurve(IReadOnlyList<double> probabilities, IReadOnlyList<bool> positive, int bins = 10)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        RequireSameCount(positive.Count, probabilities.Count);
        var sum = new double[bins];
        var hits = new int[bins];
        var count = new int[bins];
        for (int i = 0; i < probabilities.Count; i++)
        {
            double p = probabilities[i];
            if (!(p >= 0 && p <= 1))
            {
                throw new ArgumentException($"Sample {i} has probability {p.ToString(System.Globalization.CultureInfo.InvariantCulture)}, outside [0, 1].", nameof(probabilities));
            }

            int b = Math.Min((int)(p * bins), bins - 1);
            sum[b] += p;
            hits[b] += positive[i] ? 1 : 0;
            count[b]++;
        }

        return [.. Enumerable.Range(0, bins).Where(b => count[b] > 0).Select(b => new CalibrationBin(sum[b] / count[b], (double)hits[b] / count[b], count[b]))];
    }

    // The counts of true and false positives at each distinct score, taken as the threshold from the highest down.
    private static (double[] Thresholds, double[] TruePositives, double[] FalsePositives, double Positives, double Negatives) Sweep(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(positive);
        RequireSameCount(positive.Count, scores.Count);
        double[] keys = [.. scores];
        bool[] flags = [.. positive];
        int positives = flags.Count(f => f), negatives = flags.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException($"A ROC or precision–recall curve needs samples of both classes, but there are {positives} positive and {negatives} negative.", nameof(positive));
        }

        Array.Sort(keys, flags);
        var thresholds = new List<double>();
        var tp = new List<double>();
        var fp = new List<double>();
        double t = 0, f = 0;
        for (int i = keys.Length - 1; i >= 0; i--)
        {
            t += flags[i] ? 1 : 0;
            f += flags[i] ? 0 : 1;
            if (i == 0 || keys[i - 1] != keys[i])
            {
                thresholds.Add(keys[i]);
                tp.Add(t);
                fp.Add(f);
            }
        }

        return ([.. thresholds], [.. tp], [.. fp], positives, negatives);
    }

    /// <summary>One sample's share of <see cref="LogLoss{T}"/> before the mean: −log p, p clipped to [ε, 1 − ε].</summary>
    internal static double LogLossTerm(double p) => -Math.Log(Math.Clamp(p, LogLossEpsilon, 1 - LogLossEpsilon));

    private static void RequireSameCount(int labels, int predictions)
    {
        if (labels != predictions)
        {
            throw new ArgumentException($"There are {labels} true labels but {predictions} predictions: give one prediction per label.");
        }

        if (labels == 0)
        {
            throw new ArgumentException("A metric needs at least one sample.");
        }
    }
}
