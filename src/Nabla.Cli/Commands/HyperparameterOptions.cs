using System.CommandLine;
using Nabla.Models;

namespace Nabla.Cli.Commands;

/// <summary>
/// One command-line option per hyperparameter name of the registered model kinds (<see cref="ModelKinds.All"/>),
/// generated from their schemas: the option, its help (which kinds use it, its range and each kind's default) and the
/// parsing of its text into a kind's values. Nothing here names a model.
/// </summary>
internal sealed class HyperparameterOptions
{
    private readonly List<(string Name, Option<string?> Option)> _options = [];

    /// <summary>Builds the options, leaving out the names in <paramref name="except"/> (hyperparameters a command sets from its own options).</summary>
    public HyperparameterOptions(params string[] except)
    {
        foreach (var group in ModelKinds.All.SelectMany(k => k.Hyperparameters.Select(h => (Kind: k, Hyperparameter: h)))
                     .GroupBy(p => p.Hyperparameter.Name))
        {
            if (except.Contains(group.Key))
            {
                continue;
            }

            var entries = group.ToArray();
            var first = entries[0].Hyperparameter;
            string kinds = string.Join(", ", entries.Select(e => e.Kind.Name));
            var helps = entries.Select(e => e.Hyperparameter.Help).Distinct().ToArray();
            string help = helps.Length == 1
                ? $"{kinds}: {helps[0]}"
                : string.Join("; ", entries.Select(e => $"{e.Kind.Name}: {e.Hyperparameter.Help}"));
            var ranges = entries.Select(e => e.Hyperparameter.Range).Distinct().ToArray();
            var defaults = entries.Select(e => e.Hyperparameter.Format(e.Hyperparameter.DefaultObject)).Distinct().ToArray();
            string defaultText = defaults.Length == 1
                ? defaults[0]
                : string.Join(", ", entries.Select(e => $"{e.Kind.Name} {e.Hyperparameter.Format(e.Hyperparameter.DefaultObject)}"));
            var option = new Option<string?>(first.OptionName)
            {
                HelpName = first.Choices.Count > 0 ? null : "VALUE",
                Description = $"{help}. Takes {string.Join(" / ", ranges)}; default {defaultText}.",
            };
            if (first.Choices.Count > 0 && entries.All(e => e.Hyperparameter.Choices.SequenceEqual(first.Choices)) && first.ValueType == typeof(string))
            {
                option.AcceptOnlyFromAmong([.. first.Choices]);
            }
            else
            {
                // Text no kind can read is bad usage (exit 2); a value out of the chosen kind's range is bad input (exit 1).
                option.Validators.Add(result =>
                {
                    if (result.Tokens.Count == 1 && !entries.Any(e => e.Hyperparameter.IsWellFormed(result.Tokens[0].Value)))
                    {
                        string message = $"{first.OptionName} takes {string.Join(" / ", ranges)}, not '{result.Tokens[0].Value}'.";
                        try
                        {
                            first.Parse(result.Tokens[0].Value);
                        }
                        catch (FormatException e)
                        {
                            message = OptionText(e.Message, first);
                        }

                        result.AddError(message);
                    }
                });
            }

            _options.Add((group.Key, option));
        }
    }

    /// <summary>
    /// The hyperparameter table of docs/cli.md, generated from the registry (a test keeps the doc equal to it): one row per
    /// option, with the kinds that use it, each kind's default and the values it takes.
    /// </summary>
    public static string MarkdownTable()
    {
        var text = new System.Text.StringBuilder("| option | model | default | takes | meaning |\n| --- | --- | --- | --- | --- |\n");
        foreach (var group in ModelKinds.All.SelectMany(k => k.Hyperparameters.Select(h => (Kind: k, Hyperparameter: h))).GroupBy(p => p.Hyperparameter.Name))
        {
            foreach (var (kind, h) in group)
            {
                text.Append($"| `{h.OptionName}` | {kind.Name} | `{h.Format(h.DefaultObject)}` | {h.Range.Replace("|", "\\|", StringComparison.Ordinal)} | {h.Help} |\n");
            }
        }

        return text.ToString();
    }

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All => _options.Select(o => (Option)o.Option);

    /// <summary>The hyperparameter texts given on the command line, by name.</summary>
    public IReadOnlyDictionary<string, string> Given(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, option) in _options)
        {
            if (result.GetValue(option) is { } text)
            {
                given[name] = text;
            }
        }

        return given;
    }

    /// <summary>
    /// The kind's defaults with the given texts applied; a text for a hyperparameter the kind does not have is an error
    /// naming the kinds that do.
    /// </summary>
    /// <exception cref="CliException">A value is out of range, or not a hyperparameter of <paramref name="kind"/>.</exception>
    public static HyperparameterValues Apply(ModelKind kind, IReadOnlyDictionary<string, string> given, HyperparameterValues? start = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(given);
        var values = start ?? kind.Defaults;
        foreach (var (name, text) in given)
        {
            var h = kind.Find(name);
            if (h is null)
            {
                string option = "--" + name.Replace('_', '-');
                var users = ModelKinds.All.Where(k => k.Find(name) is not null).Select(k => k.Name).ToArray();
                throw new CliException($"{option} is a hyperparameter of {string.Join(" and ", users.Select(u => $"--model {u}"))}; --model {kind.Name} does not use it. "
                    + $"Leave {option} out, or use {(users.Length == 1 ? $"--model {users[0]}" : "one of those models")}.");
            }

            try
            {
                values = values.WithText(name, text);
            }
            catch (ArgumentException e)
            {
                // The library names the hyperparameter; the command line names its option.
                throw new CliException(OptionText(e.Message.Split(" (Parameter")[0], h));
            }
        }

        return values;
    }

    /// <summary>A library message about <paramref name="h"/> with its option name in place of its name.</summary>
    public static string OptionText(string message, Hyperparameter h)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(h);
        return message.StartsWith(h.Name + " ", StringComparison.Ordinal) ? h.OptionName + message[h.Name.Length..] : message;
    }
}
