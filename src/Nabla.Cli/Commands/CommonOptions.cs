using System.CommandLine;

namespace Nabla.Cli.Commands;

/// <summary>Options shared by the data commands.</summary>
internal static class CommonOptions
{
    /// <summary>The <c>--json</c> option: exactly one JSON object on standard output.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print exactly one JSON object on standard output instead of text." };

    /// <summary><c>--verbose</c>: print the stack trace of an error too.</summary>
    public static Option<bool> Verbose() => new("--verbose") { Description = "On an error, also print the stack trace (for bug reports)." };

    /// <summary><c>--model FILE</c> of predict, evaluate and inspect.</summary>
    public static Option<string> ModelFile() => new("--model", "-m") { HelpName = "FILE.json", Description = "The model file written by 'nabla train --save'.", Required = true };

    /// <summary><c>--data FILE.csv</c> of predict and evaluate.</summary>
    public static Option<string> DataFile() => new("--data", "-d") { HelpName = "FILE.csv", Description = "A CSV file with a header row and the same feature columns as in training.", Required = true };

    /// <summary>Splits a comma-separated list, dropping blanks.</summary>
    public static string[] List(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
