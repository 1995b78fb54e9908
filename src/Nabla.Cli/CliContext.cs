namespace Nabla.Cli;

/// <summary>Where a command writes: standard output for results, standard error for progress and errors.</summary>
/// <param name="Out">Results (text or the single JSON object).</param>
/// <param name="Error">Messages for the person at the terminal.</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error);
