namespace Nabla.Data.Preprocessing;

/// <summary>
/// One-hot encoding of a text column: category k of the K categories seen in training becomes the 0/1 vector with a single 1
/// at position k. Categories are kept in ordinal (culture-independent) order.
/// </summary>
public sealed class OneHotEncoder
{
    private readonly string[] _categories;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates an encoder for the given categories, kept in the given order.</summary>
    /// <exception cref="ArgumentException">No categories, an empty one, or one repeated.</exception>
    public OneHotEncoder(IReadOnlyList<string> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        if (categories.Count == 0)
        {
            throw new ArgumentException("A one-hot encoder needs at least one category.", nameof(categories));
        }

        _categories = [.. categories];
        _index = new Dictionary<string, int>(_categories.Length, StringComparer.Ordinal);
        for (int k = 0; k < _categories.Length; k++)
        {
            if (string.IsNullOrEmpty(_categories[k]) || !_index.TryAdd(_categories[k], k))
            {
                throw new ArgumentException($"Category {k} ('{_categories[k]}') is empty or repeated; categories must be distinct and not empty.", nameof(categories));
            }
        }
    }

    /// <summary>The categories, in feature order.</summary>
    public IReadOnlyList<string> Categories => _categories;

    /// <summary>K, the number of 0/1 features produced.</summary>
    public int Width => _categories.Length;

    /// <summary>Learns the distinct values of <paramref name="values"/>, sorted ordinally.</summary>
    public static OneHotEncoder Fit(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new OneHotEncoder([.. values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    /// <summary>The position of <paramref name="category"/>, or −1 if it was not seen in training.</summary>
    public int IndexOf(string category) => _index.TryGetValue(category, out int k) ? k : -1;

    /// <summary>Writes the one-hot vector of <paramref name="category"/> into <paramref name="destination"/> (length <see cref="Width"/>).</summary>
    /// <exception cref="ArgumentException">The category was not seen in training.</exception>
    public void Encode(string category, Span<double> destination)
    {
        int k = IndexOf(category);
        if (k < 0)
        {
            throw new ArgumentException($"Category '{category}' was not seen in training; known categories: {string.Join(", ", _categories)}.", nameof(category));
        }

        destination[.._categories.Length].Clear();
        destination[k] = 1;
    }
}
