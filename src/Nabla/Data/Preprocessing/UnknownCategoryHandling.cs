namespace Nabla.Data.Preprocessing;

/// <summary>What <see cref="Preprocessor.Transform(TabularData, PreprocessingCounts?)"/> does with a category not seen in training.</summary>
public enum UnknownCategoryHandling
{
    /// <summary>Encode it as none of the known categories (all zeros), or as <c>(other)</c> where the column has that feature; counted in <see cref="PreprocessingCounts"/>.</summary>
    Ignore,

    /// <summary>An error that names its file, line and column.</summary>
    Error,
}
