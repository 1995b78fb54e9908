using Nabla.Cli;

namespace Nabla.Tests.Cli;

public sealed class OutputSetTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Nothing_moves_into_place_before_commit_and_everything_does_after()
    {
        string model = _cli.PathOf("m.json"), plot = Path.Combine(_cli.PathOf("plots"), "loss.svg");
        File.WriteAllText(model, "old");
        using (var outputs = new OutputSet())
        {
            outputs.StageText(model, "new");
            outputs.StageText(plot, "<svg/>");
            Assert.Equal("old", File.ReadAllText(model));
            Assert.False(File.Exists(plot));

            outputs.Commit();
            Assert.Equal([model, plot], outputs.Paths);
        }

        Assert.Equal("new", File.ReadAllText(model));
        Assert.Equal("<svg/>", File.ReadAllText(plot));
        Assert.Equal([model], Directory.GetFiles(_cli.Directory));
        Assert.Equal([plot], Directory.GetFiles(_cli.PathOf("plots")));
    }

    [Fact]
    public void A_failing_second_output_leaves_no_file_written_and_the_old_one_whole()
    {
        string model = _cli.PathOf("m.json");
        File.WriteAllText(model, "old");
        using (var outputs = new OutputSet())
        {
            outputs.StageText(model, "new");
            Assert.Throws<IOException>(() => outputs.Stage(_cli.PathOf("loss.png"), stream =>
            {
                stream.WriteByte(0x89);
                throw new IOException("No space left on device");
            }));
        }

        Assert.Equal("old", File.ReadAllText(model));
        Assert.Equal([model], Directory.GetFiles(_cli.Directory)); // no temporaries either
    }

    [Fact]
    public void A_destination_that_became_a_directory_before_commit_moves_nothing()
    {
        string model = _cli.PathOf("m.json"), plot = _cli.PathOf("loss.svg");
        using var outputs = new OutputSet();
        outputs.StageText(model, "new");
        outputs.StageText(plot, "<svg/>");
        Directory.CreateDirectory(plot);

        Assert.Throws<IOException>(outputs.Commit);
        outputs.Dispose();
        Assert.Empty(Directory.GetFiles(_cli.Directory));
    }
}
