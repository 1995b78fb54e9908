using System.Diagnostics;

namespace Nabla.Tests.Cli;

/// <summary>A FIFO or a device given as a data or model file is refused at once, never read from or waited on.</summary>
public sealed class SpecialFileTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_fifo_is_refused_without_blocking()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/mkfifo"))
        {
            return; // nothing to test where FIFOs cannot be made
        }

        string fifo = _cli.PathOf("pipe.csv");
        using (var mkfifo = Process.Start("/usr/bin/mkfifo", fifo))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // Run on a task so that a regression (a blocking open) fails the test instead of hanging the suite.
        var run = Task.Run(() => (_cli.Run("train", "--data", fifo, "--no-save"), _cli.Run("inspect", "--model", fifo)));
        var (train, inspect) = await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, train.Code);
        Assert.Equal($"nabla: {fifo} is a FIFO (named pipe), not a CSV file: give the path of a .csv file (to read a stream, save it to a file first).\n", train.Error.ReplaceLineEndings("\n"));
        Assert.Equal(1, inspect.Code);
        Assert.Contains("is a FIFO (named pipe), not a model file", inspect.Error);
    }

    [Fact]
    public void A_device_is_refused()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/dev/zero"))
        {
            return;
        }

        var (code, _, error) = _cli.Run("evaluate", "--model", "/dev/zero", "--data", "/dev/zero");
        Assert.Equal(1, code);
        Assert.Contains("/dev/zero is a character device", error);
    }
}
