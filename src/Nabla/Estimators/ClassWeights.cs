using System.Globalization;

namespace Nabla.Estimators;

/// <summary>
/// How much each class's samples count in training, for imbalanced classes: <see cref="Balanced"/> weighs class k by
/// n / (K nₖ) (scikit-learn's <c>class_weight='balanced'</c>: every class then counts as much as a balanced data set's),
/// or a weight per class given in the classifier's class order. The loss of a sample is multiplied by its class's weight.
/// </summary>
public sealed record ClassWeights
{
    private readonly double[]? _given;

    private ClassWeights(double[]? given) => _given = given;

    /// <summary>nₖ-balanced weights: class k weighs n / (K nₖ).</summary>
    public static ClassWeights Balanced { get; } = new((double[]?)null);

    /// <summary>The weights given, one per class in the classifier's class order (sorted, as <c>Classes</c>); null for <see cref="Balanced"/>.</summary>
    public IReadOnlyList<double>? Given => _given;

    /// <summary>One weight per class, in class order; each finite and positive.</summary>
    /// <exception cref="ArgumentException">No weight, or one not finite and positive.</exception>
    public static ClassWeights Of(params double[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length == 0 || weights.Any(w => !(w > 0) || !double.IsFinite(w)))
        {
            throw new ArgumentException($"Class weights must be one finite positive number per class, not [{string.Join(", ", weights.Select(w => w.ToString(CultureInfo.InvariantCulture)))}].", nameof(weights));
        }

        return new ClassWeights([.. weights]);
    }

    /// <summary>The weight of each row, from its class index in [0, <paramref name="classCount"/>).</summary>
    /// <exception cref="ArgumentException">Given weights whose count is not the number of classes.</exception>
    internal double[] RowWeights(IReadOnlyList<int> classIndices, int classCount)
    {
        return ForRows(PerClass(classIndices, classCount), classIndices);
    }

    /// <summary>Each row's weight: the weight in <paramref name="perClass"/> of its class index.</summary>
    internal static double[] ForRows(double[] perClass, IReadOnlyList<int> classIndices) => [.. classIndices.Select(k => perClass[k])];

    /// <summary>The weight of each class in [0, <paramref name="classCount"/>), balanced from the rows' class indices or as given.</summary>
    /// <exception cref="ArgumentException">Given weights whose count is not the number of classes.</exception>
    internal double[] PerClass(IReadOnlyList<int> classIndices, int classCount)
    {
        if (_given is null)
        {
            var counts = new int[classCount];
            foreach (int k in classIndices)
            {
                counts[k]++;
            }

            // A class with no rows has no weight that matters; 1 keeps every weight positive.
            return [.. counts.Select(c => c == 0 ? 1 : (double)classIndices.Count / (classCount * c))];
        }

        return _given.Length == classCount
            ? _given
            : throw new ArgumentException($"{_given.Length} class weights were given, but there are {classCount} classes: give one weight per class, in the classifier's (sorted) class order.", "classWeights");
    }

    /// <inheritdoc/>
    public bool Equals(ClassWeights? other) => other is not null && (_given is null ? other._given is null : other._given is not null && _given.SequenceEqual(other._given));

    /// <inheritdoc/>
    public override int GetHashCode() => _given is null ? 0 : _given.Aggregate(17, (h, w) => h * 31 + w.GetHashCode());
}
