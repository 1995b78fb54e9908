namespace Nabla.Data.Preprocessing;

/// <summary>What <see cref="Preprocessor"/> does with a missing value.</summary>
public enum ImputeStrategy
{
    /// <summary>A missing value is an error that names its file, line and column.</summary>
    None,

    /// <summary>Fill a missing number with the column's mean on the training rows (and a missing category with the most frequent one).</summary>
    Mean,

    /// <summary>Fill a missing number with the column's median on the training rows (and a missing category with the most frequent one).</summary>
    Median,
}
