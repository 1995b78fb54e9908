using Nabla.Metrics;
using Nabla.Tensors;

namespace Nabla.Cli.Evaluation;

/// <summary>
/// A classifier's scores over a file read in chunks, added up as the chunks come, in bounded memory: the confusion counts and
/// the log-loss sum take constant memory and equal the library's metrics over all rows at once. The ROC AUC (two classes:
/// the second as positive; more: the mean of each class's AUC against the rest, as <c>Classifier.Evaluate</c>) ranks every
/// row: up to <see cref="ExactAucRows"/> rows it keeps each row's scores and class and is exact; beyond, it counts the rows
/// in bins of each class's probability and reports the bound of its error.
/// </summary>
/// <param name="classes">The model's classes, in its order.</param>
/// <param name="probabilities">Whether the model gives class probabilities (for log-loss and ROC AUC).</param>
/// <param name="exactAucRows">Rows up to which the ROC AUC is exact (tests lower it).</param>
internal sealed class ClassificationTally(IReadOnlyList<string> classes, bool probabilities, int exactAucRows = ClassificationTally.ExactAucRows)
{
    /// <summary>Up to this many rows the ROC AUC is exact (two classes: about 38 MB of scores and classes).</summary>
    public const int ExactAucRows = 1 << 22;

    /// <summary>Bins of the score histogram of two classes beyond <see cref="ExactAucRows"/> rows (16 MB); with more classes, <see cref="ClassBins"/> per class.</summary>
    public const int HistogramBins = 1 << 20;

    /// <summary>Bins of each class's histogram when there are more than two classes (1 MB a class).</summary>
    public const int ClassBins = 1 << 16;

    private readonly int[,] _counts = new int[classes.Count, classes.Count];
    private readonly int[] _ranked = classes.Count == 2 ? [1] : [.. Enumerable.Range(0, classes.Count)];
    private readonly List<double[]> _scores = []; // per chunk, the ranked classes' probabilities row by row
    private readonly List<int[]> _truth = [];
    private long[][]? _negativeBins, _positiveBins;
    private double _logLossSum;
    private (double Auc, double ErrorBound)? _auc;

    /// <summary>Rows counted so far.</summary>
    public int Rows { get; private set; }

    private int Bins => classes.Count == 2 ? HistogramBins : ClassBins;

    /// <summary>Counts one chunk: each row's true and predicted class index, and its class probabilities (rows × K) when the model gives them.</summary>
    public void Add(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, Matrix<double>? p)
    {
        if (_auc is not null)
        {
            throw new InvalidOperationException("The ROC AUC has been computed; no rows can be added after it.");
        }

        for (int i = 0; i < truth.Count; i++)
        {
            _counts[truth[i], predicted[i]]++;
        }

        if (probabilities && p is not null)
        {
            for (int i = 0; i < truth.Count; i++)
            {
                _logLossSum += ClassificationMetrics.LogLossTerm(p[i, truth[i]]);
            }

            var scores = new double[truth.Count * _ranked.Length];
            for (int i = 0; i < truth.Count; i++)
            {
                for (int r = 0; r < _ranked.Length; r++)
                {
                    scores[i * _ranked.Length + r] = p[i, _ranked[r]];
                }
            }

            int[] classOf = [.. truth];
            if (_negativeBins is null && (long)Rows + truth.Count > exactAucRows)
            {
                StartHistogram();
            }

            if (_negativeBins is null)
            {
                _scores.Add(scores);
                _truth.Add(classOf);
            }
            else
            {
                Bin(scores, classOf);
            }
        }

        Rows = checked(Rows + truth.Count);
    }

    /// <summary>The confusion matrix of every row counted.</summary>
    public ConfusionMatrix<string> Matrix => new(classes, _counts);

    /// <summary>The mean log-loss, or null for a model without probabilities.</summary>
    public double? LogLoss => probabilities && Rows > 0 ? _logLossSum / Rows : null;

    /// <summary>
    /// The ROC AUC and the most it can be off (0 when exact), or null unless the model gives probabilities and the rows hold
    /// both sides of at least one ranked class (two classes: both classes). Ask after the last <see cref="Add"/>.
    /// </summary>
    public (double Auc, double ErrorBound)? RocAuc()
    {
        if (_auc is not null)
        {
            return _auc;
        }

        int[] present = [.. Enumerable.Range(0, _ranked.Length).Where(r => Support(_ranked[r]) > 0 && Support(_ranked[r]) < Rows)];
        if (!probabilities || present.Length == 0 || (classes.Count == 2 && present.Length != 1))
        {
            return null;
        }

        // Once asked, the rows' scores are given up for the sorts: the answer is kept instead.
        var each = present.Select(r => _negativeBins is null ? (Exact(r), 0.0) : HistogramAuc(r)).ToArray();
        _scores.Clear();
        _truth.Clear();
        _auc = (each.Average(e => e.Item1), each.Average(e => e.Item2));
        return _auc;
    }

    private int Support(int k) => Enumerable.Range(0, classes.Count).Sum(j => _counts[k, j]);

    private double Exact(int r)
    {
        var scores = new double[Rows];
        var positive = new bool[Rows];
        int at = 0;
        for (int c = 0; c < _scores.Count; c++)
        {
            var truth = _truth[c];
            for (int i = 0; i < truth.Length; i++, at++)
            {
                scores[at] = _scores[c][i * _ranked.Length + r];
                positive[at] = truth[i] == _ranked[r];
            }
        }

        return ClassificationMetrics.RocAucInPlace(scores, positive);
    }

    private void StartHistogram()
    {
        _negativeBins = [.. _ranked.Select(_ => new long[Bins])];
        _positiveBins = [.. _ranked.Select(_ => new long[Bins])];
        for (int c = 0; c < _scores.Count; c++)
        {
            Bin(_scores[c], _truth[c]);
        }

        _scores.Clear();
        _truth.Clear();
    }

    private void Bin(double[] scores, int[] truth)
    {
        for (int i = 0; i < truth.Length; i++)
        {
            for (int r = 0; r < _ranked.Length; r++)
            {
                // A probability in [0, 1]; anything else (never from a fitted model) goes to the nearest end.
                double s = scores[i * _ranked.Length + r];
                int bin = double.IsNaN(s) ? 0 : (int)Math.Clamp(s * Bins, 0, Bins - 1);
                (truth[i] == _ranked[r] ? _positiveBins! : _negativeBins!)[r][bin]++;
            }
        }
    }

    // Pairs in different bins are ordered by their bins; pairs in one bin count one half, as ties do, so the error is at most
    // half of their share.
    private (double Auc, double ErrorBound) HistogramAuc(int r)
    {
        double ordered = 0, sameBin = 0, negativesBelow = 0, positives = 0;
        for (int b = 0; b < Bins; b++)
        {
            double pos = _positiveBins![r][b], neg = _negativeBins![r][b];
            ordered += pos * negativesBelow + pos * neg / 2;
            sameBin += pos * neg;
            negativesBelow += neg;
            positives += pos;
        }

        double pairs = positives * negativesBelow;
        return (ordered / pairs, sameBin / 2 / pairs);
    }
}
