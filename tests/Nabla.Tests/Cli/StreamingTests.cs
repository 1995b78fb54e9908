using System.Globalization;
using System.Text.Json.Nodes;
using Nabla.Cli.Commands;
using Nabla.IO;

namespace Nabla.Tests.Cli;

/// <summary>predict and evaluate read their data a chunk of rows at a time, with the same results as reading it whole.</summary>
public sealed class StreamingTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Chunks_hold_every_row_once_with_its_line_number()
    {
        var lines = new List<string> { "a,b" };
        lines.AddRange(Enumerable.Range(0, 25).Select(i => FormattableString.Invariant($"{i},{i * 2}")));
        string path = _cli.Write("n.csv", string.Join('\n', lines) + "\n");
        var chunks = CsvFiles.ReadChunks(path, 10).ToList();
        Assert.Equal([10, 10, 5], chunks.Select(c => c.RowCount));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => i.ToString(CultureInfo.InvariantCulture)), chunks.SelectMany(c => Enumerable.Range(0, c.RowCount).Select(i => c[i, 0])));
        Assert.Equal(2, chunks[0].LineOf(0));
        Assert.Equal(22, chunks[2].LineOf(0));
        var whole = CsvFiles.Read(path);
        Assert.Equal(whole.RowCount, chunks.Sum(c => c.RowCount));
    }

    [Fact]
    public void An_error_in_a_later_chunk_names_its_line()
    {
        var lines = new List<string> { "a,b" };
        lines.AddRange(Enumerable.Range(0, 30).Select(i => i == 27 ? "1,2,3" : "1,2"));
        string path = _cli.Write("bad.csv", string.Join('\n', lines) + "\n");
        var e = Assert.Throws<Nabla.Data.Preprocessing.DataFormatException>(() => CsvFiles.ReadChunks(path, 10).ToList());
        Assert.Contains("line 29: 3 cells", e.Message);
    }

    [Fact]
    public void Predict_and_evaluate_over_several_chunks_equal_their_whole_file_results()
    {
        int rows = PredictCommand.ChunkRows * 2 + 17;
        var random = new Random(5);
        var lines = new List<string> { "x1,x2,label" };
        for (int i = 0; i < rows; i++)
        {
            double a = random.NextDouble(), b = random.NextDouble();
            lines.Add(FormattableString.Invariant($"{a},{b},{(a + b > 1 ? "up" : "down")}"));
        }

        string data = _cli.Write("many.csv", string.Join('\n', lines) + "\n");
        string model = _cli.PathOf("m.json");
        Assert.Equal(0, _cli.Run("train", "--data", data, "--model", "logistic", "--save", model, "--quiet").Code);
        string output = _cli.PathOf("p.csv");
        Assert.Equal(0, _cli.Run("predict", "--model", model, "--data", data, "--probabilities", "--output", output).Code);

        // The same predictions, computed here on the whole table in one batch.
        var saved = Nabla.Cli.ModelFiles.SavedModel.Load(model);
        var table = CsvFiles.Read(data);
        var p = saved.PredictProbabilities(saved.Features(table));
        var written = File.ReadAllLines(output);
        Assert.Equal(rows + 1, written.Length);
        Assert.Equal("x1,x2,label,prediction,p(down),p(up)", written[0]);
        for (int i = 0; i < rows; i += 997)
        {
            Assert.EndsWith(FormattableString.Invariant($",{p[i, 0]:R},{p[i, 1]:R}"), written[i + 1]);
        }

        var evaluated = JsonNode.Parse(_cli.Run("evaluate", "--model", model, "--data", data, "--json").Out)!;
        Assert.Equal(rows, (int)evaluated["rows"]!);
        Assert.Equal(rows, evaluated["confusion_matrix"]!.AsArray().Sum(r => r!.AsArray().Sum(v => (int)v!)));
    }
}
