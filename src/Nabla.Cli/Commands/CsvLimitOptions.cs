using System.CommandLine;
using System.Globalization;
using Nabla.IO;

namespace Nabla.Cli.Commands;

/// <summary>
/// <c>--max-line-length</c> and <c>--max-columns</c>: the <see cref="CsvLimits"/> of every command that reads a CSV file
/// (train, cv, tune, predict, evaluate). The defaults never bother a real table; they make hostile input fail quickly.
/// </summary>
internal sealed class CsvLimitOptions
{
    private readonly Option<int> _maxLineLength = new("--max-line-length")
    {
        HelpName = "N",
        Description = $"The most characters one line of the CSV file may hold (a row may hold 4 lines' worth); longer lines are an error. Default {Text(CsvLimits.DefaultMaxLineLength)}.",
        DefaultValueFactory = _ => CsvLimits.DefaultMaxLineLength,
    };

    private readonly Option<int> _maxColumns = new("--max-columns")
    {
        HelpName = "N",
        Description = $"The most columns the CSV file's header may name. Default {Text(CsvLimits.DefaultMaxColumns)}.",
        DefaultValueFactory = _ => CsvLimits.DefaultMaxColumns,
    };

    /// <summary>Creates the options.</summary>
    public CsvLimitOptions()
    {
        foreach (var option in new[] { _maxLineLength, _maxColumns })
        {
            option.Validators.Add(result =>
            {
                if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n <= 0)
                {
                    result.AddError($"{option.Name} must be a positive whole number, not {result.Tokens[0].Value}.");
                }
            });
        }
    }

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All => [_maxLineLength, _maxColumns];

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The parsed limits.</summary>
    public CsvLimits Read(ParseResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new CsvLimits { MaxLineLength = r.GetValue(_maxLineLength), MaxColumns = r.GetValue(_maxColumns) };
    }

    private static string Text(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
