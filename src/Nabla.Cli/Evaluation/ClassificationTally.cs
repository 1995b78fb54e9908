using Nabla.Metrics;
using Nabla.Tensors;

namespace Nabla.Cli.Evaluation;

/// <summary>
/// A classifier's scores over a file read in chunks, added up as the chunks come, in bounded memory: the confusion counts and
/// the log-loss sum take constant memory and equal the library's metrics over all rows at once. The ROC AUC of a two-class
/// model ranks every row: up to <see cref="ExactAucRows"/> rows it keeps each row's score and class (9 bytes a row) and is
/// exact; beyond, it counts the rows in <see cref="HistogramBins"/> bins of P(second class) and reports the bound of its error.
/// </summary>
/// <param name="classes">The model's classes, in its order.</param>
/// <param name="probabilities">Whether the model gives class probabilities (for log-loss and ROC AUC).</param>
/// <param name="exactAucRows">Rows up to which the ROC AUC is exact (tests lower it).</param>
internal sealed class ClassificationTally(IReadOnlyList<string> classes, bool probabilities, int exactAucRows = ClassificationTally.ExactAucRows)
{
    /// <summary>Up to this many rows the ROC AUC is exact (about 38 MB of scores and flags).</summary>
    public const int ExactAucRows = 1 << 22;

    /// <summary>Bins of the score histogram that stands in for the scores beyond <see cref="ExactAucRows"/> rows (16 MB).</summary>
    public const int HistogramBins = 1 << 20;

    private readonly int[,] _counts = new int[classes.Count, classes.Count];
    private readonly List<double[]> _scores = [];
    private readonly List<bool[]> _positive = [];
    private long[]? _negativeBins, _positiveBins;
    private double _logLossSum;
    private (double Auc, double ErrorBound)? _auc;

    /// <summary>Rows counted so far.</summary>
    public int Rows { get; private set; }

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

            if (classes.Count == 2)
            {
                double[] scores = [.. Enumerable.Range(0, p.Rows).Select(i => p[i, 1])];
                bool[] positive = [.. truth.Select(k => k == 1)];
                if (_negativeBins is null && (long)Rows + truth.Count > exactAucRows)
                {
                    StartHistogram();
                }

                if (_negativeBins is null)
                {
                    _scores.Add(scores);
                    _positive.Add(positive);
                }
                else
                {
                    Bin(scores, positive);
                }
            }
        }

        Rows = checked(Rows + truth.Count);
    }

    /// <summary>The confusion matrix of every row counted.</summary>
    public ConfusionMatrix<string> Matrix => new(classes, _counts);

    /// <summary>The mean log-loss, or null for a model without probabilities.</summary>
    public double? LogLoss => probabilities && Rows > 0 ? _logLossSum / Rows : null;

    /// <summary>
    /// The ROC AUC with the second class as positive and the most it can be off (0 when exact), or null unless the model
    /// gives probabilities for two classes and the rows hold both. Ask after the last <see cref="Add"/>.
    /// </summary>
    public (double Auc, double ErrorBound)? RocAuc()
    {
        if (!probabilities || classes.Count != 2 || _counts[0, 0] + _counts[0, 1] == 0 || _counts[1, 0] + _counts[1, 1] == 0)
        {
            return null;
        }

        // Once asked, the rows' scores are given up for the sort: the answer is kept instead.
        return _auc ??= _negativeBins is null ? (ClassificationMetrics.RocAucInPlace(Join(_scores), Join(_positive)), 0) : HistogramAuc();
    }

    private void StartHistogram()
    {
        _negativeBins = new long[HistogramBins];
        _positiveBins = new long[HistogramBins];
        for (int c = 0; c < _scores.Count; c++)
        {
            Bin(_scores[c], _positive[c]);
        }

        _scores.Clear();
        _positive.Clear();
    }

    private void Bin(double[] scores, bool[] positive)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            // A probability in [0, 1]; anything else (never from a fitted model) goes to the nearest end.
            int bin = double.IsNaN(scores[i]) ? 0 : (int)Math.Clamp(scores[i] * HistogramBins, 0, HistogramBins - 1);
            (positive[i] ? _positiveBins! : _negativeBins!)[bin]++;
        }
    }

    // Pairs in different bins are ordered by their bins; pairs in one bin count one half, as ties do, so the error is at most
    // half of their share.
    private (double Auc, double ErrorBound) HistogramAuc()
    {
        double ordered = 0, sameBin = 0, negativesBelow = 0, positives = 0;
        for (int b = 0; b < HistogramBins; b++)
        {
            double pos = _positiveBins![b], neg = _negativeBins![b];
            ordered += pos * negativesBelow + pos * neg / 2;
            sameBin += pos * neg;
            negativesBelow += neg;
            positives += pos;
        }

        double pairs = positives * negativesBelow;
        return (ordered / pairs, sameBin / 2 / pairs);
    }

    // The chunks end to end, each let go once copied: the rows' values are held about once, not twice.
    private T[] Join<T>(List<T[]> chunks)
    {
        var all = new T[Rows];
        int at = 0;
        for (int c = 0; c < chunks.Count; c++)
        {
            chunks[c].CopyTo(all, at);
            at += chunks[c].Length;
            chunks[c] = [];
        }

        chunks.Clear();
        return all;
    }
}
