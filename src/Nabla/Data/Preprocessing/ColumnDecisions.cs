using System.Globalization;

namespace Nabla.Data.Preprocessing;

/// <summary>The decisions <see cref="Preprocessor.Fit"/> takes on its own, gathered per kind into one line each (<see cref="Preprocessor.Notes"/>).</summary>
internal sealed class ColumnDecisions(PreprocessorOptions options)
{
    private readonly List<string> _grouped = [];
    private readonly List<string> _dates = [];
    private readonly List<string> _identifiers = [];
    private readonly List<string> _rare = [];
    private readonly List<string> _filled = [];
    private readonly List<string> _indicators = [];
    private readonly List<string> _identifierNames = [];

    /// <summary>For the error when no column is left: which were left out as identifiers.</summary>
    public string DroppedSuffix => _identifierNames.Count == 0 ? "" : $" and the identifier columns left out ({string.Join(", ", _identifierNames)}; keep one with Categorical = [{_identifierNames[0]}])";

    public void Grouped(string column, int cells, string example) => _grouped.Add($"'{column}' ({N(cells)} cells, such as {example})");

    public void Date(string column, string first, string last, bool hasTime) => _dates.Add($"'{column}' ({first} to {last}{(hasTime ? ", with times" : "")})");

    public void Identifier(string column, int distinct, int values)
    {
        _identifiers.Add($"'{column}' ({N(distinct)} distinct values in {N(values)})");
        _identifierNames.Add(column);
    }

    public void Rare(string column, int categories, int rows) => _rare.Add($"'{column}' ({N(categories)} categor{(categories == 1 ? "y" : "ies")}, {N(rows)} row{(rows == 1 ? "" : "s")})");

    /// <summary>Records the fill of a column with <paramref name="missing"/> missing values; returns whether it gets an indicator feature.</summary>
    public bool Filled(string column, int missing, int rows, string? fill)
    {
        if (missing == 0 || fill is null)
        {
            return false;
        }

        _filled.Add($"'{column}' {N(missing)} cell{(missing == 1 ? "" : "s")} with {fill}");
        bool indicator = missing >= PreprocessorOptions.MissingIndicatorShare * rows;
        if (indicator)
        {
            _indicators.Add($"'{column}={FeatureColumn.MissingName}' ({Percent((double)missing / rows)} missing)");
        }

        return indicator;
    }

    public string[] Notes()
    {
        var notes = new List<string>();
        Add(notes, _identifiers, $"left out as identifiers or free text (nearly every value distinct; to keep one, Categorical = [{_identifierNames.FirstOrDefault()}])");
        Add(notes, _dates, $"ISO 8601 dates turned into {FeatureColumn.DateParts.Length} features each (fractional year; day of year and weekday as sine and cosine; {FeatureColumn.DateParts.Length + FeatureColumn.TimeParts.Length} with the time of day)");
        Add(notes, _grouped, "read as numbers with digits grouped by commas (1,149 is 1149)");
        string unseen = options.UnknownCategories == UnknownCategoryHandling.Ignore ? ", as unseen ones will" : "";
        Add(notes, _rare, $"categories seen in fewer than {N(options.MinCategoryCount)} training rows share one feature NAME={OneHotEncoder.OtherName}{unseen} (MinCategoryCount = {N(options.MinCategoryCount)})");
        Add(notes, _filled, $"missing values filled (Impute = {options.Impute}; text: the most frequent value; dates: the median date)");
        Add(notes, _indicators, $"missing-value indicator features added, where {Percent(PreprocessorOptions.MissingIndicatorShare)} or more of a column is missing");
        return [.. notes];
    }

    private static void Add(List<string> notes, List<string> items, string what)
    {
        if (items.Count > 0)
        {
            notes.Add($"{what}: {Preprocessor.List(items)}");
        }
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    // 0.05 → "5%", the same in every culture (the notes are saved in model files).
    private static string Percent(double share) => (100 * share).ToString("0", CultureInfo.InvariantCulture) + "%";
}
