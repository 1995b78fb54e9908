using System.CommandLine;
using System.Text.Json.Nodes;
using Nabla.Models;

namespace Nabla.Cli.Commands;

/// <summary>Options and output pieces shared by <c>nabla cv</c> and <c>nabla tune</c>.</summary>
internal static class SelectionOptions
{
    /// <summary><c>--folds K</c>.</summary>
    public static Option<int> Folds() => new("--folds", "-k") { HelpName = "K", Description = "Number of folds, at least 2.", DefaultValueFactory = _ => 5 };

    /// <summary>Hyperparameter values as a JSON object, by schema name.</summary>
    public static JsonObject Json(HyperparameterValues values, IEnumerable<string>? only = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var names = only?.ToHashSet(StringComparer.Ordinal);
        var o = new JsonObject();
        foreach (var (h, v) in values.Entries)
        {
            if (names is null || names.Contains(h.Name))
            {
                o[h.Name] = h.ToJson(v);
            }
        }

        return o;
    }
}
