namespace Nabla.Cli;

/// <summary>Bad input the user can fix: the CLI prints the message on one line and exits with code 1.</summary>
internal sealed class CliException(string message) : Exception(message);
