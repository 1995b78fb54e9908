using Spectre.Console;

namespace Nabla.Cli;

/// <summary>
/// How the commands show progress, one way for all: nothing when quiet; a reporter writing plain lines when standard error
/// is not the process's own terminal; otherwise a Spectre.Console bar (description, bar, percentage, time left, spinner).
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/> with the reporter <paramref name="create"/> makes for the output, or null when quiet.</summary>
    /// <param name="context">Where the command writes.</param>
    /// <param name="quiet">Show nothing.</param>
    /// <param name="task">The bar's first description.</param>
    /// <param name="maxValue">The bar's end.</param>
    /// <param name="create">The reporter: given the writer of plain lines (null when live) and the bar's task (null when plain).</param>
    /// <param name="work">The work, given the reporter.</param>
    /// <param name="fillAtEnd">Whether the bar is filled when the work ends early (training that stopped before its last epoch).</param>
    public static T Run<T, TReporter>(CliContext context, bool quiet, string task, double maxValue, Func<TextWriter?, ProgressTask?, TReporter> create, Func<TReporter?, T> work, bool fillAtEnd = false)
        where TReporter : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(work);
        if (quiet)
        {
            return work(null);
        }

        // The live bar only when our error stream is the process's own, and that is a terminal.
        bool live = ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!live)
        {
            return work(create(context.Error, null));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var bar = ctx.AddTask(task, maxValue: maxValue);
                result = work(create(null, bar));
                if (fillAtEnd)
                {
                    bar.Value = bar.MaxValue;
                }
            });
        return result;
    }
}
