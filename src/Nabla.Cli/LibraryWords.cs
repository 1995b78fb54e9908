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

    [GeneratedRegex(@"\b(Categorical|Drop) = \[([^\]]*)\]")]
    private static partial Regex ListOption();

    [GeneratedRegex(@"\b(Impute|MinCategoryCount|UnknownCategories) = (\w+)")]
    private static partial Regex SettingOption();

    [GeneratedRegex(@"(?<=[a-z])([A-Z])")]
    private static partial Regex KebabBoundary();
}
