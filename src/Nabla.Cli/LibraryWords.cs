using System.Text.RegularExpressions;

namespace Nabla.Cli;

/// <summary>
/// The library's messages name its own parameters (<c>Impute = Mean or Median</c>, <c>Drop = [id]</c>, a kind's
/// hyperparameters by schema name); the command line names its options. This maps the one to the other, for every
/// message the commands print.
/// </summary>
internal static partial class LibraryWords
{
    /// <summary>The message with the preprocessing options in the command line's words.</summary>
    public static string ToCommandLine(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message = message.Replace("Impute = Median or Mean", "--impute median or mean", StringComparison.Ordinal)
            .Replace("treat the target as class labels (train a classifier)", "train a classifier (--task classification)", StringComparison.Ordinal);
        message = SettingOption().Replace(message, m => $"--{Kebab(m.Groups[1].Value)} {m.Groups[2].Value.ToLowerInvariant()}");
        return ListOption().Replace(message, m => $"--{m.Groups[1].Value.ToLowerInvariant()} {m.Groups[2].Value}");
    }

    // MinCategoryCount → min-category-count.
    private static string Kebab(string name) => KebabBoundary().Replace(name, "-$1").ToLowerInvariant();

    /// <summary>A model kind's text (notes, how fitting ended) with its hyperparameters' names as their options: <c>learning_rate</c> → <c>--learning-rate</c>.</summary>
    public static string ToCommandLine(string message, Nabla.Models.ModelKind kind)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(kind);
        foreach (var h in kind.Hyperparameters)
        {
            message = Regex.Replace(message, $@"(?<![\w-]){h.Name}\b", h.OptionName);
        }

        return message;
    }

    /// <summary>
    /// The library's features by column index of x ("feature 3", "features 3, 4 and 7", as the models' messages name them)
    /// by the preprocessing's feature names: "column 'Island=Torgersen'", "columns 'a', 'b' and 'c'". Indices beyond the
    /// names (or no names) are left as they are.
    /// </summary>
    public static string NameFeatures(string message, IReadOnlyList<string>? names)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (names is null || names.Count == 0)
        {
            return message;
        }

        return FeatureIndices().Replace(message, m =>
        {
            var indices = m.Groups[2].Value.Split([", ", " and "], StringSplitOptions.None);
            if (!indices.All(t => int.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int i) && i < names.Count))
            {
                return m.Value;
            }

            string list = m.Groups[2].Value;
            string named = FeatureIndex().Replace(list, i => $"'{names[int.Parse(i.Value, System.Globalization.CultureInfo.InvariantCulture)]}'");
            return (m.Groups[1].Value == "feature" ? "column " : "columns ") + named;
        });
    }

    /// <summary>
    /// A model's refusal to fit in the command line's words: its features named (<see cref="NameFeatures"/>) and the kind's
    /// snake_case hyperparameters (<c>var_smoothing</c>) as options. Plain-word names (<c>loss</c>, <c>covariance</c>) stay
    /// words here: in an error message they are as often English as they are options.
    /// </summary>
    public static string ToCommandLine(string message, Nabla.Models.ModelKind kind, IReadOnlyList<string>? featureNames)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(kind);
        foreach (var h in kind.Hyperparameters.Where(h => h.Name.Contains('_', StringComparison.Ordinal)))
        {
            message = Regex.Replace(message, $@"(?<![\w-]){h.Name}\b", h.OptionName);
        }

        return NameFeatures(message, featureNames);
    }

    [GeneratedRegex(@"\b(feature|features) (\d+(?:(?:, | and )\d+)*)\b")]
    private static partial Regex FeatureIndices();

    [GeneratedRegex(@"\d+")]
    private static partial Regex FeatureIndex();

    [GeneratedRegex(@"\b(Categorical|Drop) = \[([^\]]*)\]")]
    private static partial Regex ListOption();

    [GeneratedRegex(@"\b(Impute|MinCategoryCount|UnknownCategories) = (\w+)")]
    private static partial Regex SettingOption();

    [GeneratedRegex(@"(?<=[a-z])([A-Z])")]
    private static partial Regex KebabBoundary();
}
