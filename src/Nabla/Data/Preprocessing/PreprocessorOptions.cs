namespace Nabla.Data.Preprocessing;

/// <summary>How <see cref="Preprocessor.Fit"/> turns a table into features.</summary>
public sealed record PreprocessorOptions
{
    /// <summary>The target column(s): not features. Default: the last column.</summary>
    public IReadOnlyList<string>? Targets { get; init; }

    /// <summary>How numeric features are rescaled. Default <see cref="ScalerKind.Standard"/>.</summary>
    public ScalerKind Scale { get; init; } = ScalerKind.Standard;

    /// <summary>What fills missing values. Default <see cref="ImputeStrategy.None"/>: a missing value is an error.</summary>
    public ImputeStrategy Impute { get; init; } = ImputeStrategy.None;

    /// <summary>Columns to one-hot encode even though their values are numbers (codes such as zip codes or 1/2/3 for categories).</summary>
    public IReadOnlyList<string> Categorical { get; init; } = [];

    /// <summary>Columns to leave out (identifiers, free text, leaks of the target).</summary>
    public IReadOnlyList<string> Drop { get; init; } = [];
}
