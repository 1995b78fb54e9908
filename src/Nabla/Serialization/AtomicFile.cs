using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Nabla.Serialization;

/// <summary>
/// Writes files so that an interrupted write never leaves a damaged file: the old file, if any, stays whole until the new one is
/// complete. Temporaries are named <c>.NAME.nabla-tmp-PID-GUID</c> next to their destination, so that a later write to the same
/// destination can recognise and remove those a killed process left behind.
/// </summary>
internal static class AtomicFile
{
    /// <summary>What every temporary's name holds between the destination's name and the writer's process id.</summary>
    public const string TemporaryMarker = ".nabla-tmp-";

    /// <summary>A temporary whose writer still runs is removed after this long anyway: the process id may have been reused.</summary>
    public static readonly TimeSpan StaleAge = TimeSpan.FromDays(1);

    /// <summary>
    /// Writes <paramref name="text"/> (UTF-8, no byte order mark) to a temporary file in the same directory, flushes it to disk, and
    /// renames it over <paramref name="path"/>. The directory is created if needed.
    /// </summary>
    /// <exception cref="IOException">The file cannot be written; nothing is left behind.</exception>
    public static void WriteAllText(string path, string text) => Write(path, Utf8(text));

    /// <summary>
    /// Writes what <paramref name="write"/> puts into the stream to a temporary file in the same directory, flushes it to
    /// disk, and renames it over <paramref name="path"/>. The directory is created if needed.
    /// </summary>
    /// <exception cref="IOException">The file cannot be written; nothing is left behind.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        var (temp, full) = WriteTemporary(path, write);
        try
        {
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>The writer of <paramref name="text"/> as UTF-8 without a byte order mark.</summary>
    public static Action<Stream> Utf8(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return stream => stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
    }

    /// <summary>
    /// The first half of <see cref="Write"/>: checks <paramref name="path"/>, creates its directory, removes stale temporaries of
    /// it, and writes and flushes a new temporary next to it, which the caller then renames over the destination (or deletes).
    /// </summary>
    /// <returns>The temporary and the full path of the destination.</returns>
    /// <exception cref="IOException">The file cannot be written; no temporary is left behind.</exception>
    public static (string Temp, string Destination) WriteTemporary(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = CheckDestination(path);
        string directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        RemoveStaleTemporaries(full);

        // Same directory, so the final rename stays on one file system and is atomic.
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}{TemporaryMarker}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}");
        try
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        catch (IOException e) when (e.Message.Contains(temp, StringComparison.Ordinal))
        {
            // The system's message ("No space left on device : '/dir/.m.json.nabla-tmp-…'") names the temporary, which is gone:
            // name the destination instead.
            TryDelete(temp);
            throw new IOException($"Cannot write {path}: {WithoutPath(e.Message, temp)} (the temporary was removed; nothing was changed).", e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        return (temp, full);
    }

    /// <summary><paramref name="message"/> without the " : 'PATH'" (or "'PATH'") that .NET puts into its I/O error messages.</summary>
    private static string WithoutPath(string message, string path)
    {
        string text = message.Replace($" : '{path}'", "", StringComparison.Ordinal).Replace($"'{path}'", "the file", StringComparison.Ordinal)
            .Replace(path, "the file", StringComparison.Ordinal).Trim();
        return text.TrimEnd('.');
    }

    /// <summary>The full path of <paramref name="path"/>, after checking that it does not name a directory.</summary>
    /// <exception cref="IOException">The path is a directory.</exception>
    public static string CheckDestination(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            // Checked before anything is written: a rename over a directory would fail only at the end.
            throw new IOException($"Cannot write {path}: it is a directory; give a file name, or remove the directory.");
        }

        return full;
    }

    /// <summary>
    /// Deletes the temporaries of <paramref name="destination"/> that other processes left behind: those whose process is no
    /// longer running, and any older than <see cref="StaleAge"/>. Files it cannot delete are left alone.
    /// </summary>
    /// <returns>How many were deleted.</returns>
    public static int RemoveStaleTemporaries(string destination)
    {
        string full = Path.GetFullPath(destination);
        string? directory = Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory))
        {
            return 0;
        }

        // Match the prefix by hand: the destination's name may hold characters that a search pattern treats as wildcards.
        string prefix = $".{Path.GetFileName(full)}{TemporaryMarker}";
        int removed = 0;
        try
        {
            foreach (string file in Directory.EnumerateFiles(directory, $"*{TemporaryMarker}*"))
            {
                string name = Path.GetFileName(file);
                if (name.StartsWith(prefix, StringComparison.Ordinal) && IsStale(name[prefix.Length..], file) && TryDelete(file))
                {
                    removed++;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Cleaning up is a courtesy; the write itself must not fail for it.
        }

        return removed;
    }

    /// <summary>Deletes <paramref name="path"/> if it can; returns whether it did.</summary>
    public static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            // The caller already has an error or a result that matters more than a stray temporary file.
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Whether a temporary with this <c>PID-GUID</c> tail was left by a process that has ended, or long ago.</summary>
    private static bool IsStale(string tail, string file)
    {
        int dash = tail.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !int.TryParse(tail.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
            || !Guid.TryParseExact(tail.AsSpan(dash + 1), "N", out _))
        {
            return false; // not one of ours
        }

        if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > StaleAge)
        {
            return true;
        }

        return pid != Environment.ProcessId && !IsRunning(pid);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (Exception e) when (e is NotSupportedException or PlatformNotSupportedException or System.ComponentModel.Win32Exception)
        {
            return true; // cannot tell: keep the file until it is a day old
        }
    }
}
