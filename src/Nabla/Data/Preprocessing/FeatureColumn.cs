namespace Nabla.Data.Preprocessing;

/// <summary>One input column of a <see cref="Preprocessor"/>: its name, how it becomes features, and what fills a missing value.</summary>
public sealed record FeatureColumn
{
    /// <summary>Creates a numeric column.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="fill">The value that replaces a missing one (from imputation), or null when a missing value is an error.</param>
    public static FeatureColumn Numeric(string name, double? fill = null) => new(name, ColumnKind.Numeric, fill, null, null);

    /// <summary>Creates a categorical column.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="encoder">The categories seen in training.</param>
    /// <param name="fill">The category that replaces a missing one, or null when a missing value is an error.</param>
    public static FeatureColumn Categorical(string name, OneHotEncoder encoder, string? fill = null) => new(name, ColumnKind.Categorical, null, fill, encoder);

    private FeatureColumn(string name, ColumnKind kind, double? fill, string? fillCategory, OneHotEncoder? encoder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (fill is double f && !double.IsFinite(f))
        {
            throw new ArgumentException($"Column '{name}' has fill value {f}; it must be finite.", nameof(fill));
        }

        if (kind == ColumnKind.Categorical)
        {
            ArgumentNullException.ThrowIfNull(encoder);
            if (fillCategory is not null && encoder.IndexOf(fillCategory) < 0)
            {
                throw new ArgumentException($"Column '{name}' fills missing values with '{fillCategory}', which is not one of its categories.", nameof(fillCategory));
            }
        }

        Name = name;
        Kind = kind;
        Fill = fill;
        FillCategory = fillCategory;
        Encoder = encoder;
    }

    /// <summary>The column name in the data.</summary>
    public string Name { get; }

    /// <summary>Numeric or categorical.</summary>
    public ColumnKind Kind { get; }

    /// <summary>For a numeric column, the value that replaces a missing one; null when missing values are errors.</summary>
    public double? Fill { get; }

    /// <summary>For a categorical column, the category that replaces a missing one; null when missing values are errors.</summary>
    public string? FillCategory { get; }

    /// <summary>For a categorical column, its categories; null for a numeric one.</summary>
    public OneHotEncoder? Encoder { get; }

    /// <summary>Number of features this column becomes: 1, or the number of categories.</summary>
    public int Width => Encoder?.Width ?? 1;

    /// <summary>The names of its features: the column name, or <c>name=category</c> for each category.</summary>
    public IEnumerable<string> FeatureNames => Encoder is null ? [Name] : Encoder.Categories.Select(c => $"{Name}={c}");
}
