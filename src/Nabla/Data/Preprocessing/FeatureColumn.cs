namespace Nabla.Data.Preprocessing;

/// <summary>
/// One input column of a <see cref="Preprocessor"/>: its name, how it becomes features, what fills a missing value, and
/// whether a 0/1 feature marks the rows where it was missing.
/// </summary>
public sealed record FeatureColumn
{
    /// <summary>The features a date column becomes without a time of day: fractional year, day of year and weekday as angles.</summary>
    internal static readonly string[] DateParts = ["year", "day-of-year-sin", "day-of-year-cos", "weekday-sin", "weekday-cos"];

    /// <summary>The two more features of a date-time column: the time of day as an angle.</summary>
    internal static readonly string[] TimeParts = ["time-sin", "time-cos"];

    /// <summary>Creates a numeric column.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="fill">The value that replaces a missing one (from imputation), or null when a missing value is an error.</param>
    /// <param name="missingIndicator">Whether a 0/1 feature <c>name=(missing)</c> marks the rows where the value was missing (needs a fill).</param>
    /// <param name="thousandsSeparators">Whether cells may group digits with commas (<c>1,149</c> is 1149).</param>
    /// <exception cref="ArgumentException">The name is empty, the fill is not finite, or an indicator is asked for without a fill.</exception>
    public static FeatureColumn Numeric(string name, double? fill = null, bool missingIndicator = false, bool thousandsSeparators = false) =>
        new(name, ColumnKind.Numeric, fill, null, null, null, false, missingIndicator) { ThousandsSeparators = thousandsSeparators };

    /// <summary>Creates a categorical column.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="encoder">The categories seen in training.</param>
    /// <param name="fill">The category that replaces a missing one, or null when a missing value is an error.</param>
    /// <param name="missingIndicator">Whether a 0/1 feature <c>name=(missing)</c> marks the rows where the value was missing (needs a fill).</param>
    /// <exception cref="ArgumentException">The name is empty, the fill is not a category of the encoder, or an indicator is asked for without a fill.</exception>
    public static FeatureColumn Categorical(string name, OneHotEncoder encoder, string? fill = null, bool missingIndicator = false) =>
        new(name, ColumnKind.Categorical, null, fill, encoder, null, false, missingIndicator);

    /// <summary>Creates a date column (ISO 8601 dates or date-times).</summary>
    /// <param name="name">The column name.</param>
    /// <param name="hasTime">Whether the dates carry a time of day (two more features).</param>
    /// <param name="fill">The date that replaces a missing one (the median of the training dates), or null when a missing value is an error.</param>
    /// <param name="missingIndicator">Whether a 0/1 feature <c>name=(missing)</c> marks the rows where the value was missing (needs a fill).</param>
    /// <exception cref="ArgumentException">The name is empty, or an indicator is asked for without a fill.</exception>
    public static FeatureColumn Date(string name, bool hasTime, DateTime? fill = null, bool missingIndicator = false) =>
        new(name, ColumnKind.Date, null, null, null, fill, hasTime, missingIndicator);

    private FeatureColumn(string name, ColumnKind kind, double? fill, string? fillCategory, OneHotEncoder? encoder, DateTime? fillDate, bool hasTime, bool missingIndicator)
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

        if (missingIndicator && fill is null && fillCategory is null && fillDate is null)
        {
            throw new ArgumentException($"Column '{name}' has a missing-value indicator but no fill value: a row with the value missing could not be encoded.", nameof(missingIndicator));
        }

        Name = name;
        Kind = kind;
        Fill = fill;
        FillCategory = fillCategory;
        FillDate = fillDate;
        Encoder = encoder;
        HasTime = hasTime;
        MissingIndicator = missingIndicator;
    }

    /// <summary>The column name in the data.</summary>
    public string Name { get; }

    /// <summary>Numeric, categorical or date.</summary>
    public ColumnKind Kind { get; }

    /// <summary>For a numeric column, the value that replaces a missing one; null when missing values are errors.</summary>
    public double? Fill { get; }

    /// <summary>For a categorical column, the category that replaces a missing one; null when missing values are errors.</summary>
    public string? FillCategory { get; }

    /// <summary>For a date column, the date that replaces a missing one; null when missing values are errors.</summary>
    public DateTime? FillDate { get; }

    /// <summary>For a categorical column, its categories; null otherwise.</summary>
    public OneHotEncoder? Encoder { get; }

    /// <summary>For a date column, whether it carries a time of day.</summary>
    public bool HasTime { get; }

    /// <summary>For a numeric column, whether digits may be grouped with commas (<c>1,149</c>).</summary>
    public bool ThousandsSeparators { get; private init; }

    /// <summary>Whether one more 0/1 feature, <c>name=(missing)</c>, marks the rows where the value was missing.</summary>
    public bool MissingIndicator { get; }

    /// <summary>Number of features this column becomes: 1 for numbers, one per category (and "other"), 5 for a date and 7 for a date-time; plus 1 with the indicator.</summary>
    public int Width => ValueWidth + (MissingIndicator ? 1 : 0);

    /// <summary>The features of the value itself, without the indicator.</summary>
    internal int ValueWidth => Kind switch
    {
        ColumnKind.Categorical => Encoder!.Width,
        ColumnKind.Date => DateParts.Length + (HasTime ? TimeParts.Length : 0),
        _ => 1,
    };

    /// <summary>
    /// The names of its features: the column name; <c>name=category</c> for each category (and <c>name=(other)</c>);
    /// <c>name:year</c>, <c>name:day-of-year-sin</c>, … for a date; then <c>name=(missing)</c> with the indicator.
    /// </summary>
    public IEnumerable<string> FeatureNames
    {
        get
        {
            IEnumerable<string> value = Kind switch
            {
                ColumnKind.Categorical => Encoder!.FeatureNames.Select(c => $"{Name}={c}"),
                ColumnKind.Date => DateParts.Concat(HasTime ? TimeParts : []).Select(p => $"{Name}:{p}"),
                _ => [Name],
            };
            return MissingIndicator ? value.Append($"{Name}={MissingName}") : value;
        }
    }

    /// <summary>The name of the indicator feature's value: <c>(missing)</c>.</summary>
    internal const string MissingName = "(missing)";
}
