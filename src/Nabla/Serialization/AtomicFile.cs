using System.Text;

namespace Nabla.Serialization;

/// <summary>Writes files so that an interrupted write never leaves a damaged file: the old file, if any, stays whole until the new one is complete.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="text"/> (UTF-8, no byte order mark) to a temporary file in the same directory, flushes it to disk, and
    /// renames it over <paramref name="path"/>. The directory is created if needed.
    /// </summary>
    /// <exception cref="IOException">The file cannot be written; nothing is left behind.</exception>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, stream => stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text)));
    }

    /// <summary>
    /// Writes what <paramref name="write"/> puts into the stream to a temporary file in the same directory, flushes it to
    /// disk, and renames it over <paramref name="path"/>. The directory is created if needed.
    /// </summary>
    /// <exception cref="IOException">The file cannot be written; nothing is left behind.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new IOException($"{path} is a directory: give a file name, such as {Path.Combine(path, "model.json")}.");
        }

        string directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);

        // Same directory, so the final rename stays on one file system and is atomic.
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The write already failed; that error matters more than a stray temporary file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
