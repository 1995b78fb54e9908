namespace Nabla.Data.Preprocessing;

/// <summary>
/// What <see cref="Preprocessor.Transform(TabularData, PreprocessingCounts?)"/> did on its own, counted per column over one or
/// more tables (the chunks of a file): missing values filled, and categories outside the learned ones. Not thread-safe: one
/// per caller.
/// </summary>
public sealed class PreprocessingCounts
{
    private readonly Dictionary<string, (long Count, string Example)> _filled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Count, string Example)> _unknown = new(StringComparer.Ordinal);

    /// <summary>Missing values filled, per column.</summary>
    public IReadOnlyDictionary<string, long> FilledValues => _filled.ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal);

    /// <summary>Cells whose category was not seen in training, per column.</summary>
    public IReadOnlyDictionary<string, long> UnknownCategories => _unknown.ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal);

    /// <summary>One line per kind of decision, naming the columns with their counts and an example; empty when nothing was decided.</summary>
    public IReadOnlyList<string> Notes()
    {
        var notes = new List<string>();
        if (_unknown.Count > 0)
        {
            notes.Add($"categories not seen in training, encoded as {OneHotEncoder.OtherName} where the column has it, else as none of the known ones: {Summary(_unknown)}");
        }

        if (_filled.Count > 0)
        {
            notes.Add($"missing values filled with the training fill values: {Summary(_filled)}");
        }

        return notes;
    }

    internal void Filled(string column, string where) => Add(_filled, column, where);

    internal void Unknown(string column, string where) => Add(_unknown, column, where);

    private static void Add(Dictionary<string, (long Count, string Example)> counts, string column, string example)
    {
        counts[column] = counts.TryGetValue(column, out var c) ? (c.Count + 1, c.Example) : (1, example);
    }

    private static string Summary(Dictionary<string, (long Count, string Example)> counts) =>
        Preprocessor.List(counts.Select(p => $"'{p.Key}' {p.Value.Count} cell{(p.Value.Count == 1 ? "" : "s")} (first: {p.Value.Example})"));
}
