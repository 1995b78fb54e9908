namespace Nabla.Metrics;

/// <summary>
/// The order in which classifiers number their classes: strings by ordinal (UTF-16 code unit) comparison, every other
/// type by <see cref="Comparer{T}.Default"/>. It never depends on the current culture, so the same data gives the
/// same class indices (and the same model file) on every machine.
/// </summary>
public static class LabelOrder
{
    /// <summary>
    /// The comparer of labels of type <typeparamref name="TLabel"/>: <see cref="StringComparer.Ordinal"/> for strings
    /// (a culture's comparison would sort "Ä" and "Z" differently in different cultures, and call some different
    /// strings equal), <see cref="Comparer{T}.Default"/> otherwise (numbers and enums compare without a culture).
    /// </summary>
    /// <typeparam name="TLabel">The label type.</typeparam>
    public static IComparer<TLabel> Comparer<TLabel>() =>
        typeof(TLabel) == typeof(string) ? (IComparer<TLabel>)(object)StringComparer.Ordinal : System.Collections.Generic.Comparer<TLabel>.Default;

    /// <summary>
    /// The distinct labels of <paramref name="labels"/> (distinct by <see cref="EqualityComparer{T}.Default"/>, as the
    /// classifiers index them), sorted by <see cref="Comparer{TLabel}"/>.
    /// </summary>
    /// <param name="labels">Labels, none null.</param>
    /// <typeparam name="TLabel">The label type.</typeparam>
    /// <exception cref="ArgumentException">
    /// A label is null, the label type has no order, or two labels that are not equal compare as equal (their order
    /// would then be arbitrary).
    /// </exception>
    public static TLabel[] SortedDistinct<TLabel>(IEnumerable<TLabel> labels)
        where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(labels);
        var seen = new HashSet<TLabel>(EqualityComparer<TLabel>.Default);
        var distinct = new List<TLabel>();
        foreach (var label in labels)
        {
            if (label is null)
            {
                throw new ArgumentException("A label is missing (null): every sample needs a label.", nameof(labels));
            }

            if (seen.Add(label))
            {
                distinct.Add(label);
            }
        }

        var sorted = distinct.ToArray();
        var comparer = Comparer<TLabel>();
        try
        {
            Array.Sort(sorted, comparer);
        }
        catch (InvalidOperationException e)
        {
            // Array.Sort wraps the comparer's own complaint, such as a type that implements no IComparable.
            throw new ArgumentException(
                $"Labels of type {typeof(TLabel).Name} cannot be sorted into classes ({e.InnerException?.Message ?? e.Message}). Use labels that have an order, such as strings or integers, or implement IComparable<{typeof(TLabel).Name}>.",
                nameof(labels), e);
        }

        // Equality decides which labels are one class, the comparer their order: the two must agree.
        for (int k = 1; k < sorted.Length; k++)
        {
            if (comparer.Compare(sorted[k - 1], sorted[k]) == 0)
            {
                throw new ArgumentException(
                    $"The labels '{sorted[k - 1]}' and '{sorted[k]}' are different but compare as equal, so their class order would be arbitrary. Give {typeof(TLabel).Name} an order (IComparable) that agrees with its Equals.",
                    nameof(labels));
            }
        }

        return sorted;
    }
}
