using Nabla.Serialization;

namespace Nabla.Cli;

/// <summary>
/// The files one command writes, as one unit: each is first written to a temporary next to its destination, and only when all
/// are written are they renamed into place. Disposing without <see cref="Commit"/> deletes the temporaries, so a command that
/// fails half way leaves the destinations as they were.
/// </summary>
internal sealed class OutputSet : IDisposable
{
    private readonly List<(string Temp, string Destination)> _staged = [];
    private readonly List<string> _paths = [];
    private readonly List<string> _createdDirectories = [];
    private bool _committed;

    /// <summary>The destinations staged so far, as given, in order.</summary>
    public IReadOnlyList<string> Paths => _paths;

    /// <summary>Writes the file that <paramref name="write"/> produces to a temporary for <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The temporary cannot be written, or <paramref name="path"/> is a directory.</exception>
    public void Stage(string path, Action<Stream> write)
    {
        _staged.Add(AtomicFile.WriteTemporary(path, write));
        _paths.Add(path);
    }

    /// <summary>Records a directory this command created for its outputs: removed again, if still empty, when the command fails.</summary>
    public void Created(string directory) => _createdDirectories.Add(directory);

    /// <summary>Stages <paramref name="text"/> (UTF-8, no byte order mark) for <paramref name="path"/>.</summary>
    public void StageText(string path, string text) => Stage(path, AtomicFile.Utf8(text));

    /// <summary>
    /// Renames every temporary over its destination (each rename atomic), in the order staged. Destinations are checked again
    /// first, so that the one failure that can be foreseen, a destination that has become a directory, moves nothing.
    /// </summary>
    public void Commit()
    {
        foreach (var (_, destination) in _staged)
        {
            AtomicFile.CheckDestination(destination);
        }

        while (_staged.Count > 0)
        {
            var (temp, destination) = _staged[0];
            File.Move(temp, destination, overwrite: true);
            _staged.RemoveAt(0);
        }

        _committed = true;
    }

    /// <summary>Deletes the temporaries not committed and, after a failure, the directories created for them that are still empty.</summary>
    public void Dispose()
    {
        foreach (var (temp, _) in _staged)
        {
            AtomicFile.TryDelete(temp);
        }

        _staged.Clear();
        if (!_committed)
        {
            foreach (string directory in _createdDirectories)
            {
                try
                {
                    if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
                    {
                        Directory.Delete(directory);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Left as it is: the command's own error says what went wrong.
                }
            }
        }
    }
}
