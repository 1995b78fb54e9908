namespace Nabla.Data.Preprocessing;

/// <summary>
/// One-hot encoding of a text column: category k of the K categories seen in training becomes the 0/1 vector with a single 1
/// at position k. Categories are kept in ordinal (culture-independent) order. With an "other" feature (position K), the
/// categories too rare to learn from, and any not seen in training, share it.
/// </summary>
public sealed class OneHotEncoder
{
    /// <summary>The name of the shared feature of rare and unseen categories: <c>(other)</c>.</summary>
    public const string OtherName = "(other)";

    private readonly string[] _categories;
    private readonly string[] _rare;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates an encoder for the given categories, kept in the given order.</summary>
    /// <param name="categories">The categories with a feature of their own, distinct and not empty.</param>
    /// <param name="rare">The categories too rare in training for a feature of their own: they share one more, "other" (none: no such feature).</param>
    /// <exception cref="ArgumentException">No categories, an empty one, or one repeated (in either list).</exception>
    public OneHotEncoder(IReadOnlyList<string> categories, IReadOnlyList<string>? rare = null)
    {
        ArgumentNullException.ThrowIfNull(categories);
        if (categories.Count == 0)
        {
            throw new ArgumentException("A one-hot encoder needs at least one category.", nameof(categories));
        }

        _categories = [.. categories];
        _rare = rare is null ? [] : [.. rare];
        _index = new Dictionary<string, int>(_categories.Length + _rare.Length, StringComparer.Ordinal);
        for (int k = 0; k < _categories.Length + _rare.Length; k++)
        {
            string c = k < _categories.Length ? _categories[k] : _rare[k - _categories.Length];
            if (string.IsNullOrEmpty(c) || !_index.TryAdd(c, Math.Min(k, _categories.Length)))
            {
                throw new ArgumentException($"Category '{c}' is empty or repeated; categories must be distinct and not empty.", k < _categories.Length ? nameof(categories) : nameof(rare));
            }
        }
    }

    /// <summary>The categories, in feature order (without "other").</summary>
    public IReadOnlyList<string> Categories => _categories;

    /// <summary>The categories too rare in training for a feature of their own, which share the "other" feature.</summary>
    public IReadOnlyList<string> Rare => _rare;

    /// <summary>Whether feature K, "other", stands for the <see cref="Rare"/> categories (and, when unseen categories are ignored, for those).</summary>
    public bool Other => _rare.Length > 0;

    /// <summary>The number of 0/1 features produced: K, or K + 1 with "other".</summary>
    public int Width => _categories.Length + (Other ? 1 : 0);

    /// <summary>The names of the features: the categories, then <see cref="OtherName"/> with "other".</summary>
    public IEnumerable<string> FeatureNames => Other ? _categories.Append(OtherName) : _categories;

    /// <summary>Learns the distinct values of <paramref name="values"/>, sorted ordinally.</summary>
    public static OneHotEncoder Fit(IEnumerable<string> values) => Fit(values, 1);

    /// <summary>
    /// Learns the values of <paramref name="values"/> seen at least <paramref name="minCount"/> times, sorted ordinally; the
    /// rarer ones share an "other" feature. When that would leave no category of its own, every value keeps one.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minCount"/> is below 1.</exception>
    public static OneHotEncoder Fit(IEnumerable<string> values, int minCount)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var v in values)
        {
            counts[v] = counts.GetValueOrDefault(v) + 1;
        }

        var kept = counts.Where(c => c.Value >= minCount).Select(c => c.Key).Order(StringComparer.Ordinal).ToArray();
        return kept.Length == 0 || kept.Length == counts.Count
            ? new OneHotEncoder([.. counts.Keys.Order(StringComparer.Ordinal)])
            : new OneHotEncoder(kept, [.. counts.Where(c => c.Value < minCount).Select(c => c.Key).Order(StringComparer.Ordinal)]);
    }

    /// <summary>The feature of <paramref name="category"/>: its position, K ("other") for a rare one, or −1 if it was not seen in training.</summary>
    public int IndexOf(string category) => _index.TryGetValue(category, out int k) ? k : -1;

    /// <summary>
    /// Writes the one-hot vector of <paramref name="category"/> into <paramref name="destination"/> (length <see cref="Width"/>):
    /// a rare category, or one never seen, sets the "other" feature.
    /// </summary>
    /// <exception cref="ArgumentException">The category was not seen in training, and there is no "other" feature.</exception>
    public void Encode(string category, Span<double> destination)
    {
        int k = IndexOf(category);
        if (k < 0 && !Other)
        {
            throw new ArgumentException($"Category '{category}' was not seen in training; known categories: {string.Join(", ", _categories)}.", nameof(category));
        }

        destination[..Width].Clear();
        destination[k < 0 ? _categories.Length : k] = 1;
    }
}
