namespace Nabla.Tests.Cli;

/// <summary>--max-line-length and --max-columns on the commands that read CSV files.</summary>
public sealed class CsvLimitCliTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Theory]
    [InlineData("train")]
    [InlineData("cv")]
    [InlineData("tune")]
    public void Learning_commands_apply_the_line_limit(string command)
    {
        string data = _cli.Write("long.csv", "a,b,label\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{i},{i % 3},{i % 2}\n")));
        string[] extra = command == "tune" ? ["--model", "logistic", "--grid", "l2=0.1,1"] : ["--model", "logistic"];
        Assert.Equal(0, _cli.Run([command, "--data", data, "--quiet", .. extra]).Code);
        var (code, _, error) = _cli.Run([command, "--data", data, "--quiet", "--max-line-length", "5", .. extra]);
        Assert.Equal(1, code);
        Assert.Contains("long.csv, line 1: a line is longer than 5 characters", error);
        Assert.Contains("--max-line-length N", error);
    }

    [Fact]
    public void Train_applies_the_column_limit()
    {
        string data = _cli.Write("wide.csv", "a,b,c,label\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{i},{i % 3},{i % 5},{i % 2}\n")));
        var (code, _, error) = _cli.Run("train", "--data", data, "--quiet", "--no-save", "--max-columns", "3");
        Assert.Equal(1, code);
        Assert.Contains("the header has 4 columns, more than 3 (the limit)", error);
        Assert.Equal(0, _cli.Run("train", "--data", data, "--quiet", "--no-save", "--model", "logistic", "--max-columns", "4").Code);
    }

    [Fact]
    public void Predict_and_evaluate_apply_the_line_limit()
    {
        string data = _cli.Flowers();
        string model = _cli.PathOf("m.json");
        Assert.Equal(0, _cli.Run("train", "--data", data, "--model", "logistic", "--save", model, "--quiet").Code);
        foreach (var command in new[] { "predict", "evaluate" })
        {
            var (code, _, error) = _cli.Run(command, "--model", model, "--data", data, "--max-line-length", "10");
            Assert.Equal(1, code);
            Assert.Contains("flowers.csv, line 1: a line is longer than 10 characters", error);
        }
    }

    [Fact]
    public void A_limit_must_be_positive() => Assert.Equal(2, _cli.Run("train", "--max-line-length", "0").Code);

    public void Dispose() => _cli.Dispose();
}
