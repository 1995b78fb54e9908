namespace Nabla.IO;

/// <summary>Which limit of <see cref="CsvLimits"/> the input exceeded.</summary>
internal enum CsvLimitKind
{
    /// <summary><see cref="CsvLimits.MaxLineLength"/>.</summary>
    LineLength,

    /// <summary><see cref="CsvLimits.MaxCharacters"/>.</summary>
    Characters,
}
