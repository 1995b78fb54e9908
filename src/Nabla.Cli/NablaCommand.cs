using System.CommandLine;
using System.CommandLine.Help;
using Nabla.Cli.Commands;

namespace Nabla.Cli;

/// <summary>Builds the <c>nabla</c> command tree and runs it with given output writers (so tests can capture them).</summary>
internal static class NablaCommand
{
    /// <summary>Exit code of success.</summary>
    public const int Success = 0;

    /// <summary>Exit code of bad input or failed training.</summary>
    public const int BadInput = 1;

    /// <summary>Exit code of bad usage (unknown command or option, missing argument).</summary>
    public const int BadUsage = 2;

    /// <summary>Parses <paramref name="args"/>, runs the chosen command and returns its exit code: 0 success, 1 bad input, 2 bad usage.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var context = new CliContext(output, error);
        // A plain command named "nabla" (not RootCommand, which takes its name from the executable: "Nabla.Cli" under dotnet run).
        var root = new Command("nabla", "Nabla: the neuron models of the classic machine-learning course, from the McCulloch-Pitts neuron to backpropagation.")
        {
            new HelpOption(),
            new VersionOption(),
            ExperimentCommand.Create(context),
            TrainCommand.Create(context),
            CvCommand.Create(context),
            TuneCommand.Create(context),
            PredictCommand.Create(context),
            EvaluateCommand.Create(context),
            ImportanceCommand.Create(context),
            InspectCommand.Create(context),
            ExportCommand.Create(context),
            TraceCommand.Create(context),
            PlotCommand.Create(context),
            GenerateCommand.Create(context),
            DatasetsCommand.Create(context),
            BenchCommand.Create(context),
        };

        // With no command at all, show what there is rather than an error.
        var parsed = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
            {
                error.WriteLine($"nabla: {e.Message}");
            }

            error.WriteLine("Run 'nabla --help' (or 'nabla COMMAND --help') for usage.");
            return BadUsage;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>
    /// Runs a command body, turning the errors a user can fix into one line on standard error and exit code 1; with
    /// <paramref name="verbose"/> the stack trace is printed too.
    /// </summary>
    public static int Guard(CliContext context, Func<int> body, bool verbose = false)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is CliException or ArgumentException or FormatException or IOException or UnauthorizedAccessException
                                      or InvalidOperationException or NotSupportedException or Nabla.Training.TrainingDivergedException
                                      or System.Text.Json.JsonException or InvalidDataException)
        {
            // One line whatever the data put into the message (a header name with a line break or a NUL).
            context.Error.WriteLine($"nabla: {Nabla.Data.Preprocessing.Cells.Show(LibraryWords.ToCommandLine(MessageOf(e)))}");
            if (verbose)
            {
                context.Error.WriteLine(e);
            }

            return BadInput;
        }
    }

    /// <summary>The exception's message without the "(Parameter 'x')" that .NET appends to argument errors: the text already says what is wrong.</summary>
    private static string MessageOf(Exception e) =>
        e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
}
