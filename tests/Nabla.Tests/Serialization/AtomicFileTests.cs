using System.Globalization;
using Nabla.Serialization;

namespace Nabla.Tests.Serialization;

public sealed class AtomicFileTests : IDisposable
{
    // No process has this id: Linux caps pids at 2^22, Windows ids are multiples of 4.
    private const int DeadPid = int.MaxValue;

    private readonly string _directory = Directory.CreateTempSubdirectory("nabla-atomic-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private string Plant(string destination, int pid, string? guid = null)
    {
        string path = PathOf($".{destination}.nabla-tmp-{pid.ToString(CultureInfo.InvariantCulture)}-{guid ?? Guid.NewGuid().ToString("N")}");
        File.WriteAllText(path, "half a model");
        return path;
    }

    [Fact]
    public void The_temporary_sits_next_to_the_destination_and_names_the_writing_process()
    {
        string model = PathOf("m.json");
        string? temp = null;
        AtomicFile.Write(model, stream => temp = ((FileStream)stream).Name);

        Assert.Equal(_directory, Path.GetDirectoryName(temp));
        Assert.Matches($@"^\.m\.json\.nabla-tmp-{Environment.ProcessId}-[0-9a-f]{{32}}$", Path.GetFileName(temp));
        Assert.Equal([model], Directory.GetFiles(_directory));
    }

    [Fact]
    public void A_save_removes_the_temporaries_that_a_killed_process_left_for_the_same_file()
    {
        string dead = Plant("m.json", DeadPid);
        string old = Plant("m.json", Environment.ProcessId);
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-2)); // its pid may have been reused
        string running = Plant("m.json", Environment.ProcessId); // still being written, by all we know
        string otherFile = Plant("other.json", DeadPid);
        string notOurs = PathOf(".m.json.nabla-tmp-by-hand");
        File.WriteAllText(notOurs, "someone's notes");

        AtomicFile.WriteAllText(PathOf("m.json"), "{}");

        Assert.False(File.Exists(dead));
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(running));
        Assert.True(File.Exists(otherFile));
        Assert.True(File.Exists(notOurs));
        Assert.Equal("{}", File.ReadAllText(PathOf("m.json")));
    }

    [Fact]
    public void A_failed_write_leaves_neither_a_temporary_nor_a_changed_file()
    {
        string model = PathOf("m.json");
        File.WriteAllText(model, "old");

        Assert.Throws<IOException>(() => AtomicFile.Write(model, stream =>
        {
            stream.WriteByte(1);
            throw new IOException("No space left on device");
        }));

        Assert.Equal("old", File.ReadAllText(model));
        Assert.Equal([model], Directory.GetFiles(_directory));
    }

    [Fact]
    public void A_directory_in_the_way_fails_before_anything_is_written()
    {
        string path = PathOf("m.json");
        Directory.CreateDirectory(path);
        var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(path, "{}"));
        Assert.Equal($"Cannot write {path}: it is a directory; give a file name, or remove the directory.", e.Message);
        Assert.Empty(Directory.GetFiles(_directory));
    }
}
