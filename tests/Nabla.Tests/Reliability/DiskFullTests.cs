using System.Diagnostics;
using Nabla.Tests.Cli;
using Xunit.Abstractions;

namespace Nabla.Tests.Reliability;

/// <summary>
/// A disk that fills while the CLI writes: on a 1 MiB tmpfs (where the machine lets the tests mount one: Linux, as root), a
/// train whose model and plots do not fit, and a predict into a full disk, fail with exit code 1 and one line, and leave the
/// directory as it was: no new file, no temporary, an old model unchanged. Elsewhere the tests say why they did not run and pass.
/// </summary>
public sealed class DiskFullTests(ITestOutputHelper output) : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Train_that_fills_the_disk_fails_in_one_line_and_leaves_nothing()
    {
        WithTmpfs(directory =>
        {
            string data = _cli.Flowers();
            var (code, _, error) = TrainBig(data, directory);
            AssertFailedInOneLine(code, error);
            Assert.Empty(FilesIn(directory));
        });
    }

    [Fact]
    public void Train_that_fills_the_disk_keeps_the_old_model()
    {
        WithTmpfs(directory =>
        {
            string data = _cli.Flowers();
            string model = Path.Combine(directory, "m.json");
            var small = _cli.Run("train", "--data", data, "--save", model, "--epochs", "2", "--quiet");
            Assert.True(small.Code == 0, small.Error);
            byte[] old = File.ReadAllBytes(model);

            var (code, _, error) = TrainBig(data, directory);
            AssertFailedInOneLine(code, error);
            Assert.Equal([model], FilesIn(directory));
            Assert.Equal(old, File.ReadAllBytes(model));
        });
    }

    [Fact]
    public void Plots_that_fill_the_disk_after_the_model_was_staged_leave_the_old_model_and_no_temporary()
    {
        WithTmpfs(directory =>
        {
            string data = _cli.Flowers();
            string model = Path.Combine(directory, "m.json");
            var small = _cli.Run("train", "--data", data, "--save", model, "--epochs", "2", "--quiet");
            Assert.True(small.Code == 0, small.Error);
            byte[] old = File.ReadAllBytes(model);
            // Room for the new model (some 10 kB) but not for the plots (some 200 kB of PNG and SVG).
            string filler = Fill(directory, leaveFree: 64 * 1024);

            var (code, _, error) = _cli.Run("train", "--data", data, "--save", model, "--plots", Path.Combine(directory, "p"), "--epochs", "2", "--seed", "1", "--quiet");
            AssertFailedInOneLine(code, error);
            Assert.Contains(Path.Combine(directory, "p"), error, StringComparison.Ordinal); // a plot failed, after the model was staged
            Assert.Equal([filler, model], FilesIn(directory));
            Assert.Equal(old, File.ReadAllBytes(model));
        });
    }

    [Fact]
    public void Predict_into_a_full_disk_fails_in_one_line_and_leaves_nothing()
    {
        WithTmpfs(directory =>
        {
            string data = _cli.Flowers();
            string model = _cli.PathOf("m.json");
            var trained = _cli.Run("train", "--data", data, "--save", model, "--epochs", "2", "--quiet");
            Assert.True(trained.Code == 0, trained.Error);
            string filler = Fill(directory);

            var (code, _, error) = _cli.Run("predict", "--model", model, "--data", data, "--output", Path.Combine(directory, "o.csv"));
            AssertFailedInOneLine(code, error);
            Assert.Equal([filler], FilesIn(directory));
        });
    }

    /// <summary>A network of 2 × 400 hidden units: about 160,000 weights, a model file of some 3 MB, beyond the 1 MiB disk.</summary>
    private (int Code, string Out, string Error) TrainBig(string data, string directory) =>
        _cli.Run("train", "--data", data, "--save", Path.Combine(directory, "m.json"), "--plots", Path.Combine(directory, "p"),
            "--hidden", "400,400", "--epochs", "2", "--quiet");

    private void AssertFailedInOneLine(int code, string error)
    {
        output.WriteLine(error);
        Assert.Equal(1, code);
        Assert.StartsWith("nabla: ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Contains("No space left on device", error, StringComparison.Ordinal);
        Assert.DoesNotContain(".nabla-tmp-", error, StringComparison.Ordinal); // the message names the destination, not the removed temporary
    }

    /// <summary>Every file under <paramref name="directory"/>, hidden temporaries included (empty directories are not files).</summary>
    private static string[] FilesIn(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Order(StringComparer.Ordinal)];

    /// <summary>Writes a file until the disk has no more than <paramref name="leaveFree"/> bytes free; returns its path.</summary>
    private static string Fill(string directory, long leaveFree = 0)
    {
        string path = Path.Combine(directory, "filler");
        var chunk = new byte[4096];
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (new DriveInfo(directory).AvailableFreeSpace > leaveFree)
            {
                stream.Write(chunk);
                stream.Flush();
            }
        }
        catch (IOException)
        {
            // full
        }

        return path;
    }

    /// <summary>Runs <paramref name="body"/> with a fresh 1 MiB tmpfs mounted on a new directory, unmounted afterwards whatever happens.</summary>
    private void WithTmpfs(Action<string> body)
    {
        if (!OperatingSystem.IsLinux())
        {
            output.WriteLine("Skipped: a tmpfs needs Linux.");
            return;
        }

        string directory = Directory.CreateTempSubdirectory("nabla-full-").FullName;
        try
        {
            var (mounted, message) = Run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", directory);
            if (!mounted)
            {
                output.WriteLine($"Skipped: cannot mount a 1 MiB tmpfs here (needs root): {message}");
                return;
            }

            try
            {
                body(directory);
            }
            finally
            {
                if (!Run("umount", directory).Ok)
                {
                    Run("umount", "-l", directory);
                }
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static (bool Ok, string Message) Run(string program, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            string error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode == 0, error.Trim());
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (false, e.Message);
        }
    }
}
