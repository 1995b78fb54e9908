namespace Nabla.Metrics;

/// <summary>
/// Counts of (true class, predicted class) pairs: entry [i, j] is the number of samples of class <c>Classes[i]</c> predicted as
/// <c>Classes[j]</c>, so the diagonal holds the right answers; with precision, recall and F1 per class.
/// </summary>
/// <typeparam name="TLabel">The label type.</typeparam>
public sealed class ConfusionMatrix<TLabel>
    where TLabel : notnull
{
    private readonly TLabel[] _classes;
    private readonly int[,] _counts;

    /// <summary>Counts the pairs (<paramref name="actual"/>[i], <paramref name="predicted"/>[i]) over the given classes.</summary>
    /// <param name="actual">The true labels.</param>
    /// <param name="predicted">The predicted labels, one per true label.</param>
    /// <param name="classes">Every class, in the order of the rows and columns; null for the sorted distinct labels of both lists (in <see cref="LabelOrder"/>, as a classifier numbers them).</param>
    /// <exception cref="ArgumentException">The lists differ in length, are empty, or hold a label not in <paramref name="classes"/>.</exception>
    public ConfusionMatrix(IReadOnlyList<TLabel> actual, IReadOnlyList<TLabel> predicted, IReadOnlyList<TLabel>? classes = null)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Count != predicted.Count)
        {
            throw new ArgumentException($"There are {actual.Count} true labels but {predicted.Count} predictions: give one prediction per label.", nameof(predicted));
        }

        if (actual.Count == 0)
        {
            throw new ArgumentException("A confusion matrix needs at least one sample.", nameof(actual));
        }

        _classes = classes is null ? LabelOrder.SortedDistinct(actual.Concat(predicted)) : [.. classes];
        var index = new Dictionary<TLabel, int>(_classes.Length);
        for (int k = 0; k < _classes.Length; k++)
        {
            if (!index.TryAdd(_classes[k], k))
            {
                throw new ArgumentException($"Class '{_classes[k]}' appears twice in the class list.", nameof(classes));
            }
        }

        _counts = new int[_classes.Length, _classes.Length];
        for (int s = 0; s < actual.Count; s++)
        {
            if (!index.TryGetValue(actual[s], out int i))
            {
                throw new ArgumentException($"Sample {s} has true label '{actual[s]}', which is not one of the classes ({string.Join(", ", _classes)}).", nameof(actual));
            }

            if (!index.TryGetValue(predicted[s], out int j))
            {
                throw new ArgumentException($"Sample {s} has predicted label '{predicted[s]}', which is not one of the classes ({string.Join(", ", _classes)}).", nameof(predicted));
            }

            _counts[i, j]++;
        }

        Total = actual.Count;
    }

    /// <summary>A confusion matrix from counts already made (for example over a file read in chunks).</summary>
    /// <param name="classes">Every class, in the order of the rows and columns, distinct.</param>
    /// <param name="counts">K × K counts: [i, j] samples of class i predicted as class j; copied.</param>
    /// <exception cref="ArgumentException">The shape is not K × K, a count is negative, a class repeats, or there are no samples.</exception>
    public ConfusionMatrix(IReadOnlyList<TLabel> classes, int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(counts);
        _classes = [.. classes];
        if (_classes.Distinct().Count() != _classes.Length)
        {
            throw new ArgumentException($"A class appears twice in the class list ({string.Join(", ", _classes)}).", nameof(classes));
        }

        if (counts.GetLength(0) != _classes.Length || counts.GetLength(1) != _classes.Length)
        {
            throw new ArgumentException($"{_classes.Length} classes need {_classes.Length} × {_classes.Length} counts, not {counts.GetLength(0)} × {counts.GetLength(1)}.", nameof(counts));
        }

        long total = 0;
        foreach (int c in counts)
        {
            if (c < 0)
            {
                throw new ArgumentException($"A count is negative ({c}); counts are numbers of samples.", nameof(counts));
            }

            total += c;
        }

        if (total == 0 || total > int.MaxValue)
        {
            throw new ArgumentException(total == 0 ? "A confusion matrix needs at least one sample." : $"The counts add up to {total}, more than {int.MaxValue} samples.", nameof(counts));
        }

        _counts = (int[,])counts.Clone();
        Total = (int)total;
    }

    /// <summary>The classes, in row and column order.</summary>
    public IReadOnlyList<TLabel> Classes => _classes;

    /// <summary>Number of samples counted.</summary>
    public int Total { get; }

    /// <summary>Samples of class <c>Classes[actual]</c> predicted as <c>Classes[predicted]</c>.</summary>
    public int this[int actual, int predicted] => _counts[actual, predicted];

    /// <summary>The fraction of samples on the diagonal.</summary>
    public double Accuracy
    {
        get
        {
            int right = 0;
            for (int k = 0; k < _classes.Length; k++)
            {
                right += _counts[k, k];
            }

            return (double)right / Total;
        }
    }

    /// <summary>
    /// The average cost per sample, (1/N) Σ counts[j, i] c_ij, of deciding class i when class j is true: the empirical
    /// risk that a minimum-risk classifier minimizes (with 0-1 costs, the error rate).
    /// </summary>
    /// <param name="costs">c_ij, K × K in the order of <see cref="Classes"/>: row = decided class, column = true class.</param>
    /// <exception cref="ArgumentException">The costs are not K × K.</exception>
    public double MeanCost(double[,] costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        int k = _classes.Length;
        if (costs.GetLength(0) != k || costs.GetLength(1) != k)
        {
            throw new ArgumentException($"With {k} classes the cost matrix must be {k}×{k}, not {costs.GetLength(0)}×{costs.GetLength(1)}.", nameof(costs));
        }

        double total = 0;
        for (int actual = 0; actual < k; actual++)
        {
            for (int predicted = 0; predicted < k; predicted++)
            {
                total += _counts[actual, predicted] * costs[predicted, actual];
            }
        }

        return Total == 0 ? 0 : total / Total;
    }

    /// <summary>The counts as a new array, [actual, predicted].</summary>
    public int[,] ToArray() => (int[,])_counts.Clone();

    /// <summary>Samples whose true class is class <paramref name="k"/> (row sum).</summary>
    public int Support(int k) => Enumerable.Range(0, _classes.Length).Sum(j => _counts[k, j]);

    /// <summary>Samples predicted as class <paramref name="k"/> (column sum).</summary>
    public int PredictedCount(int k) => Enumerable.Range(0, _classes.Length).Sum(i => _counts[i, k]);

    /// <summary>Precision of class k: of the samples predicted as k, the fraction truly k; 0 when none was predicted as k.</summary>
    public double Precision(int k) => Ratio(_counts[k, k], PredictedCount(k));

    /// <summary>Recall of class k: of the samples truly k, the fraction predicted as k; 0 when there is none.</summary>
    public double Recall(int k) => Ratio(_counts[k, k], Support(k));

    /// <summary>F1 of class k, the harmonic mean 2PR / (P + R) of precision and recall; 0 when both are 0.</summary>
    public double F1(int k)
    {
        double p = Precision(k), r = Recall(k);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>Precision, recall, F1 and support of every class, in class order.</summary>
    public IReadOnlyList<ClassScores<TLabel>> PerClass() =>
        [.. Enumerable.Range(0, _classes.Length).Select(k => new ClassScores<TLabel>(_classes[k], Precision(k), Recall(k), F1(k), Support(k)))];

    /// <summary>The unweighted mean of the per-class precisions.</summary>
    public double MacroPrecision => Enumerable.Range(0, _classes.Length).Average(Precision);

    /// <summary>
    /// The balanced accuracy: the mean of the per-class recalls over the classes that occur among the true labels
    /// (scikit-learn's <c>balanced_accuracy_score</c>), which a classifier cannot raise by predicting only the frequent
    /// classes; equal to the accuracy when the classes are balanced.
    /// </summary>
    public double BalancedAccuracy => Enumerable.Range(0, _classes.Length).Where(k => Support(k) > 0).Average(Recall);

    /// <summary>The unweighted mean of the per-class recalls.</summary>
    public double MacroRecall => Enumerable.Range(0, _classes.Length).Average(Recall);

    /// <summary>The unweighted mean of the per-class F1 scores (every class counts the same, however rare).</summary>
    public double MacroF1 => Enumerable.Range(0, _classes.Length).Average(F1);

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
