namespace Nabla.Cli;

/// <summary>The entry point of the <c>nabla</c> command.</summary>
internal static class Program
{
    /// <summary>Runs the command line and returns the process exit code.</summary>
    public static int Main(string[] args) => NablaCommand.Run(args, Console.Out, Console.Error);
}
