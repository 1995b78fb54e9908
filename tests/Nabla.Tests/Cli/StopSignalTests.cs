using System.Diagnostics;
using Nabla.Cli;
using Nabla.Models;

namespace Nabla.Tests.Cli;

/// <summary>A fact that needs the <c>kill</c> command to send a real signal; skipped, saying so, where there is none.</summary>
public sealed class NeedsKillFactAttribute : FactAttribute
{
    public NeedsKillFactAttribute()
    {
        if (StopSignalTests.Kill is null)
        {
            Skip = "Needs the POSIX kill command on PATH to send SIGTERM to a child process; none found.";
        }
    }
}

public sealed class StopSignalTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private readonly CliRunner _cli = new();

    /// <summary>The kill command, or null where there is none (Windows).</summary>
    public static string? Kill { get; } = OperatingSystem.IsWindows() ? null : (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, "kill")).FirstOrDefault(File.Exists);

    public void Dispose() => _cli.Dispose();

    [NeedsKillFact]
    public void Sigterm_stops_training_after_the_current_batch_and_saves_the_best_model_as_ctrl_c_does()
    {
        string model = _cli.PathOf("m.json");
        string host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            WorkingDirectory = _cli.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { typeof(NablaCommand).Assembly.Location, "train", "--solver", "gd", "--epochs", "100000", "--validation-fraction", "0", "--save", model, "--plots", _cli.PathOf("plots") })
        {
            start.ArgumentList.Add(arg);
        }

        var error = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var training = new ManualResetEventSlim();
        using var child = new Process { StartInfo = start };
        child.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                error.Enqueue(line);
                if (line.StartsWith("epoch ", StringComparison.Ordinal))
                {
                    training.Set();
                }
            }
        };
        child.OutputDataReceived += (_, _) => { };
        var clock = Stopwatch.StartNew();
        child.Start();
        try
        {
            child.BeginErrorReadLine();
            child.BeginOutputReadLine();
            Assert.True(training.Wait(Limit), $"no progress line within {Limit.TotalSeconds} s: {string.Join('\n', error)}");

            using (var kill = Process.Start(Kill!, ["-TERM", child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                kill.WaitForExit();
                Assert.Equal(0, kill.ExitCode);
            }

            Assert.True(child.WaitForExit(Limit - clock.Elapsed), "the child did not stop after SIGTERM");
            child.WaitForExit(); // the rest of the redirected output
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }
        }

        string stderr = string.Join('\n', error);
        Assert.True(child.ExitCode == 1, $"exit {child.ExitCode}: {stderr}");
        Assert.Contains("nabla: training stopped by SIGTERM after ", stderr);
        var loaded = ModelFile.LoadClassifier<double, string>(model);
        Assert.True(loaded.Model.IsFitted);
        Assert.True(loaded.Training!.Cancelled);
    }
}
