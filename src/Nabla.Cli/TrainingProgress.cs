using System.Globalization;
using Nabla.Training;
using Spectre.Console;

namespace Nabla.Cli;

/// <summary>
/// Shows training progress: a Spectre.Console progress bar (epoch, loss, validation metric, time left) when standard error is a
/// terminal, one plain line per epoch on standard error when it is redirected, nothing with <c>--quiet</c>.
/// </summary>
internal sealed class TrainingProgress : IProgress<EpochRecord>
{
    private readonly TextWriter? _plain;
    private readonly int _epochs;
    private readonly string _unit;
    private readonly ProgressTask? _task;

    private TrainingProgress(TextWriter? plain, ProgressTask? task, int epochs, string unit)
    {
        _plain = plain;
        _task = task;
        _epochs = epochs;
        _unit = unit;
    }

    /// <summary>True when progress is drawn as a live bar.</summary>
    public bool IsLive => _plain is null;

    /// <summary>
    /// Runs <paramref name="train"/> with a progress reporter suited to the output: live bar, plain lines, or none
    /// (<paramref name="quiet"/>).
    /// </summary>
    /// <param name="context">Where the command writes.</param>
    /// <param name="epochs">The epoch limit, for the bar and the lines.</param>
    /// <param name="quiet">Show nothing.</param>
    /// <param name="train">The training, given the reporter (null when quiet).</param>
    /// <param name="unit">What a step is: <c>epoch</c>, <c>L-BFGS iteration</c>, …</param>
    public static T Run<T>(CliContext context, int epochs, bool quiet, Func<IProgress<EpochRecord>?, T> train, string unit = "epoch") =>
        ProgressDisplay.Run<T, TrainingProgress>(context, quiet, "training", epochs, (plain, task) => new TrainingProgress(plain, task, epochs, unit), train, fillAtEnd: true);

    /// <inheritdoc/>
    public void Report(EpochRecord value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string text = Describe(value, _epochs, _unit);
        if (_plain is not null)
        {
            _plain.WriteLine(text);
        }
        else if (_task is not null)
        {
            _task.Description = Markup.Escape(text);
            _task.Value = value.Epoch;
        }
    }

    /// <summary>One line for an epoch (or iteration): <c>epoch 12/200  loss 0.3412  val loss 0.3310  val acc 0.912</c>.</summary>
    public static string Describe(EpochRecord value, int epochs, string unit = "epoch")
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = string.Create(CultureInfo.InvariantCulture, $"{unit} {value.Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(epochs.ToString(CultureInfo.InvariantCulture).Length)}/{epochs}  loss {value.Loss:0.0000}");
        if (value.ValidationLoss is double v)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"  val loss {v:0.0000}");
        }

        if (value.ValidationAccuracy is double a)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"  val acc {a:0.000}");
        }

        return text;
    }
}
