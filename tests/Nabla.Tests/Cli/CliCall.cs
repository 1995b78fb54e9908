using System.Text.Json;
using Nabla.Cli;

namespace Nabla.Tests.Cli;

/// <summary>One in-process call of the nabla command that needs no files, with its output captured.</summary>
internal static class CliCall
{
    public static (int Exit, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = NablaCommand.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    public static JsonElement Json(params string[] args)
    {
        var (exit, output, error) = Run(args);
        Assert.True(exit == 0, $"exit {exit}: {error}");
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }
}
