namespace Nabla.Data.Preprocessing;

/// <summary>How <see cref="Preprocessor.Fit"/> turns a table into features. The defaults take a table as it comes; every decision they lead to is in <see cref="Preprocessor.Notes"/>.</summary>
public sealed record PreprocessorOptions
{
    /// <summary>A column gets a 0/1 missing-value indicator feature when at least this share of its training values is missing (and they are filled).</summary>
    public const double MissingIndicatorShare = 0.05;

    /// <summary>A text column whose distinct values are at least this share of its values (names, titles) is an identifier, left out when <see cref="DropIdentifiers"/>.</summary>
    public const double IdentifierShare = 0.9;

    /// <summary>A text column needs at least this many values to be judged an identifier.</summary>
    public const int IdentifierMinValues = 20;

    /// <summary>The target column(s): not features. Default: the last column.</summary>
    public IReadOnlyList<string>? Targets { get; init; }

    /// <summary>How numeric features are rescaled. Default <see cref="ScalerKind.Standard"/>.</summary>
    public ScalerKind Scale { get; init; } = ScalerKind.Standard;

    /// <summary>
    /// What fills missing values: <see cref="ImputeStrategy.Median"/> by default (a text column: its most frequent value; a
    /// date column: its median date); <see cref="ImputeStrategy.None"/> makes a missing value an error.
    /// </summary>
    public ImputeStrategy Impute { get; init; } = ImputeStrategy.Median;

    /// <summary>
    /// Categories seen in fewer training rows than this share one feature, <c>name=(other)</c>, which also takes categories
    /// never seen. Default 5; 1 keeps every category.
    /// </summary>
    public int MinCategoryCount { get; init; } = 5;

    /// <summary>What a category not seen in training becomes at prediction time. Default <see cref="UnknownCategoryHandling.Ignore"/>.</summary>
    public UnknownCategoryHandling UnknownCategories { get; init; } = UnknownCategoryHandling.Ignore;

    /// <summary>Whether text columns that are identifiers (see <see cref="IdentifierShare"/>) are left out. Default true; a column named in <see cref="Categorical"/> is always kept.</summary>
    public bool DropIdentifiers { get; init; } = true;

    /// <summary>Columns to one-hot encode even though their values are numbers (codes such as zip codes or 1/2/3 for categories).</summary>
    public IReadOnlyList<string> Categorical { get; init; } = [];

    /// <summary>Columns to leave out (identifiers, free text, leaks of the target).</summary>
    public IReadOnlyList<string> Drop { get; init; } = [];

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MinCategoryCount"/> is below 1.</exception>
    public void Validate() => ArgumentOutOfRangeException.ThrowIfLessThan(MinCategoryCount, 1, nameof(MinCategoryCount));
}
