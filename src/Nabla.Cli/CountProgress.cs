using Spectre.Console;

namespace Nabla.Cli;

/// <summary>
/// Shows how many of a known number of jobs (folds, settings) are done: a Spectre.Console progress bar when standard error
/// is a terminal, one plain line per finished job when it is redirected, nothing when quiet. Reports may come from any
/// thread.
/// </summary>
internal sealed class CountProgress : IProgress<int>
{
    private readonly object _gate = new();
    private readonly TextWriter? _plain;
    private readonly int _total;
    private readonly string _noun;
    private readonly ProgressTask? _task;
    private int _shown;

    private CountProgress(TextWriter? plain, ProgressTask? task, int total, string noun)
    {
        _plain = plain;
        _task = task;
        _total = total;
        _noun = noun;
    }

    /// <summary>Runs <paramref name="work"/> with a reporter of finished jobs suited to the output (null when <paramref name="quiet"/>).</summary>
    /// <param name="context">Where the command writes.</param>
    /// <param name="total">The number of jobs.</param>
    /// <param name="noun">What a job is, in the plural: <c>folds</c>, <c>settings</c>.</param>
    /// <param name="quiet">Show nothing.</param>
    /// <param name="work">The work, given the reporter.</param>
    public static T Run<T>(CliContext context, int total, string noun, bool quiet, Func<IProgress<int>?, T> work) =>
        ProgressDisplay.Run<T, CountProgress>(context, quiet, noun, total, (plain, task) => new CountProgress(plain, task, total, noun), work);

    /// <inheritdoc/>
    public void Report(int value)
    {
        lock (_gate)
        {
            // Reports from parallel jobs may arrive out of order; show each count once, rising.
            if (value <= _shown)
            {
                return;
            }

            _shown = value;
            if (_plain is not null)
            {
                _plain.WriteLine($"{_noun} {value}/{_total} done");
            }
            else if (_task is not null)
            {
                _task.Value = value;
            }
        }
    }
}
