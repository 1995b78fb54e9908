using System.Text.Json;
using System.Text.Json.Nodes;
using Nabla.Cli;
using Nabla.Tests.Plotting;

namespace Nabla.Tests.Cli;

public sealed class TrainCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("train")]
    [InlineData("predict")]
    [InlineData("evaluate")]
    [InlineData("inspect")]
    public void Every_command_has_help_with_examples(string command)
    {
        var (code, output, _) = _cli.Run(command, "--help");
        Assert.Equal(0, code);
        Assert.Contains("Examples:", output);
        Assert.Contains($"nabla {command}", output);
    }

    [Fact]
    public void Root_help_lists_the_commands()
    {
        var (code, output, _) = _cli.Run("--help");
        Assert.Equal(0, code);
        foreach (var c in new[] { "train", "predict", "evaluate", "inspect", "experiment" })
        {
            Assert.Contains(c, output);
        }
    }

    [Fact]
    public void Train_on_the_built_in_data_reports_saves_and_plots()
    {
        string model = _cli.PathOf("m.json"), plots = _cli.PathOf("plots");
        var (code, output, error) = _cli.Run("train", "--save", model, "--plots", plots);
        Assert.Equal(0, code);
        Assert.Contains("built-in: two Gaussian classes", output);
        Assert.Contains("Split: 1600 training rows, 400 test rows", output);
        Assert.Contains("test ", output);
        Assert.Contains($"Saved the model to {model}", output);
        Assert.StartsWith("L-BFGS iteration   1/200  loss ", error); // 1600 training rows: the automatic solver is L-BFGS
        Assert.True(File.Exists(model));
        foreach (var name in new[] { "loss", "confusion-matrix", "decision-regions" })
        {
            Assert.Equal((800, 600), PlotsTests.PngSize(Path.Combine(plots, name + ".png")));
            PlotsTests.AssertSvg(Path.Combine(plots, name + ".svg"), 800, 600);
        }
    }

    [Fact]
    public void Train_json_is_exactly_one_object_with_the_documented_fields()
    {
        var (code, output, error) = _cli.Run("train", "--json", "--no-save", "--epochs", "5", "--seed", "3");
        Assert.Equal(0, code);
        var o = JsonNode.Parse(output)!.AsObject();
        Assert.Equal("mlp", (string?)o["model"]);
        Assert.Equal(["A", "B"], o["classes"]!.AsArray().Select(c => (string)c!));
        Assert.InRange((double)o["train"]!["accuracy"]!, 0.7, 1);
        Assert.True((double)o["test"]!["loss"]! > 0);
        Assert.Equal(5, o["history"]!.AsArray().Count);
        Assert.NotNull(o["history"]![0]!["validation_loss"]);
        Assert.True((double)o["seconds"]! >= 0);
        Assert.Null(o["saved"]);
        Assert.Contains("L-BFGS iteration 5/5", error);
    }

    [Fact]
    public void Quiet_prints_no_progress()
    {
        var (code, _, error) = _cli.Run("train", "--quiet", "--no-save", "--epochs", "3");
        Assert.Equal(0, code);
        Assert.Equal("", error);
    }

    [Fact]
    public void Same_seed_gives_the_same_model_and_a_different_seed_does_not()
    {
        string Run(string name, string seed)
        {
            string path = _cli.PathOf(name);
            Assert.Equal(0, _cli.Run("train", "--quiet", "--epochs", "5", "--seed", seed, "--save", path).Code);
            return JsonNode.Parse(File.ReadAllText(path))!["parameters"]!.ToJsonString();
        }

        Assert.Equal(Run("a.json", "1"), Run("b.json", "1"));
        Assert.NotEqual(Run("a.json", "1"), Run("c.json", "2"));
    }

    [Fact]
    public void Threads_fix_the_model_a_large_network_trains_to()
    {
        // 2-256-128-2 in batches of 64: large enough for the step to be cut into one shard per thread.
        string Run(string name, string threads)
        {
            string path = _cli.PathOf(name);
            var (code, _, error) = _cli.Run("train", "--quiet", "--hidden", "256,128", "--batch-size", "64", "--epochs", "3", "--threads", threads, "--save", path);
            Assert.True(code == 0, error);
            return JsonNode.Parse(File.ReadAllText(path))!["parameters"]!.ToJsonString();
        }

        Assert.Equal(Run("a.json", "2"), Run("b.json", "2"));
        Assert.Equal(Run("c.json", "3"), Run("d.json", "3"));
        Assert.NotEqual(Run("a.json", "1"), Run("b.json", "2")); // the gradient is summed in another order
    }

    [Fact]
    public void Train_on_csv_with_text_labels_and_a_categorical_column()
    {
        string data = _cli.Flowers();
        string model = _cli.PathOf("flowers.json");
        var (code, output, _) = _cli.Run("train", "--data", data, "--target", "species", "--hidden", "16,8", "--activation", "tanh", "--save", model, "--quiet");
        Assert.Equal(0, code);
        Assert.Contains("3 classes: setosa, versicolor, virginica", output);
        Assert.Contains("1 one-hot encoded → 5 features", output);
        Assert.Contains("mlp 5-16-8-3 (tanh hidden, softmax output, cross-entropy)", output);
        var saved = JsonNode.Parse(File.ReadAllText(model))!;
        Assert.Equal(["setosa", "versicolor", "virginica"], saved["classes"]!.AsArray().Select(c => (string)c!));
        Assert.Equal("categorical", (string?)saved["preprocessing"]!["columns"]![2]!["kind"]);
    }

    [Fact]
    public void Numeric_class_labels_sort_as_numbers()
    {
        var lines = new List<string> { "x,label" };
        for (int i = 0; i < 60; i++)
        {
            lines.Add($"{i % 3}.{i % 7},{new[] { "2", "10", "1.0" }[i % 3]}");
        }

        var (code, output, _) = _cli.Run("train", "--data", _cli.Write("n.csv", string.Join('\n', lines)), "--json", "--epochs", "3", "--quiet");
        Assert.Equal(0, code);
        Assert.Equal(["1", "2", "10"], JsonNode.Parse(output)!["classes"]!.AsArray().Select(c => (string)c!));
    }

    [Fact]
    public void Regression_is_chosen_for_real_valued_targets()
    {
        var (code, output, _) = _cli.Run("train", "--data", _cli.Line(), "--json", "--hidden", "8", "--epochs", "200", "--learning-rate", "0.02", "--quiet");
        Assert.Equal(0, code);
        var o = JsonNode.Parse(output)!;
        Assert.Equal("regression", (string?)o["task"]);
        Assert.True((double)o["test"]!["r2"]! > 0.95, o.ToJsonString());
        Assert.NotNull(o["train"]!["mse"]);
    }

    [Fact]
    public void Perceptron_trains_from_the_cli()
    {
        string model = _cli.PathOf("p.json");
        var (code, output, _) = _cli.Run("train", "--model", "perceptron", "--save", model, "--plots", _cli.PathOf("pp"));
        Assert.Equal(0, code);
        Assert.Contains("perceptron (pocket, one unit)", output);
        Assert.Equal("perceptron", (string?)JsonNode.Parse(File.ReadAllText(model))!["model"]);
        Assert.True(File.Exists(Path.Combine(_cli.PathOf("pp"), "decision-regions.png")));
        Assert.True(File.Exists(Path.Combine(_cli.PathOf("pp"), "loss.png"))); // its errors per epoch
    }

    [Theory]
    [InlineData("--model", "svm")]
    [InlineData("--bogus")]
    [InlineData("--epochs", "many")]
    [InlineData("--hidden", "8,x")]
    [InlineData("--scale", "log")]
    public void Bad_usage_exits_with_2(params string[] args)
    {
        var (code, _, error) = _cli.Run(["train", .. args]);
        Assert.Equal(2, code);
        Assert.Contains("nabla --help", error);
    }

    [Theory]
    [InlineData("--test-fraction", "1", "--test-fraction must be at least 0 and below 1")]
    [InlineData("--learning-rate", "-1", "--learning-rate is '-1', but it takes a number > 0.")]
    [InlineData("--hidden", "8,0", "--hidden is '8,0', but it takes whole numbers ≥ 1, comma-separated, or none.")]
    [InlineData("--epochs", "0", "--epochs is '0', but it takes a whole number ≥ 1.")]
    [InlineData("--threads", "-1", "--threads is '-1', but it takes a whole number ≥ 0.")]
    public void Bad_values_exit_with_1_and_say_what_to_do(string option, string value, string expected)
    {
        var (code, _, error) = _cli.Run("train", option, value, "--save", _cli.PathOf("x.json"));
        Assert.Equal(1, code);
        Assert.Contains(expected, error);
        Assert.False(File.Exists(_cli.PathOf("x.json")));
    }

    [Fact]
    public void Verbose_adds_the_stack_trace()
    {
        var (code, _, error) = _cli.Run("train", "--data", _cli.PathOf("none.csv"), "--verbose");
        Assert.Equal(1, code);
        Assert.Contains("no such file", error);
        Assert.Contains("   at ", error);
    }

    public static TheoryData<string, string, string[]> BadCsvFiles() => new()
    {
        { "", "bad.csv is empty: a CSV file needs a header row", [] },
        { "a,b,y\n", "bad.csv has a header but no data rows", [] },
        { "a,b,y\n1,2,x\n3,4\n", "bad.csv, line 3: 2 cells, but the header has 3 columns", [] },
        { "a,b,y\n1,2,x\n,4,y\n", "bad.csv, line 3, column 'a': missing value (empty cell). Fill it in, remove the row, or impute missing values (--impute median or mean).", ["--impute", "none"] },
        { "a,b,y\n1,2,x\nNaN,4,y\n", "bad.csv, line 3, column 'a': missing value ('NaN')", ["--impute", "none"] },
        { "a,b,y\n1,2,x\n3,inf,y\n", "bad.csv, line 3, column 'b': 'inf' is infinite", [] },
        { "a,b,y\n1,2,x\n3,1e999,y\n", "bad.csv, line 3, column 'b': '1e999' is infinite", [] },
        { "a,b,y\n1,2,x\n3,4,y\n5,six,x\n7,8,y\n", "bad.csv, line 4, column 'b': expected a number (the column's other values are numbers), found 'six'", [] },
        { "a,b,y\n1,2,x\n3,4,y\n", "bad.csv has no target column 'label'. Its columns are: a, b, y.", ["--target", "label"] },
        { "a,b,y\n1,2,x\n3,4,x\n", "bad.csv: every row has the target 'x' in column 'y': a classifier needs at least two classes", [] },
        { "a,b,y\n,,\n3,4,\n", "bad.csv: every row's target (y) is missing, so there is nothing to learn from", [] },
        { "a,b,y\n1,2,x\n\"3,4,y\n", "bad.csv, line 3: broken quoting", [] },
        { "a,a,y\n1,2,x\n", "bad.csv: the header names column 'a' twice", [] },
        { "a,b,y\n1,2,1.5\n3,4,2.5\n", "--model perceptron is a classifier, but the task is regression", ["--task", "regression", "--model", "perceptron"] },
        { "a,b,y\n1,2,x\n3,4,y\n", "bad.csv, line 2, column 'y': expected a number for the regression target, found 'x'", ["--task", "regression"] },
        { "a,y\n1,x\n2,y\n", "bad.csv has no feature columns left besides the target (y) and the dropped columns", ["--drop", "a"] },
    };

    [Theory]
    [MemberData(nameof(BadCsvFiles))]
    public void Bad_csv_files_exit_with_1_name_the_problem_and_write_nothing(string csv, string expected, string[] extra)
    {
        string data = _cli.Write("bad.csv", csv);
        string model = _cli.PathOf("out.json"), plots = _cli.PathOf("plots");
        var (code, output, error) = _cli.Run(["train", "--data", data, "--save", model, "--plots", plots, "--test-fraction", "0", .. extra]);
        Assert.Equal(1, code);
        var lines = error.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("nabla: ", lines[0]);
        Assert.Contains(expected.Replace("bad.csv", data), lines[0]);
        Assert.False(File.Exists(model));
        Assert.False(Directory.Exists(plots));
        Assert.DoesNotContain("Saved", output);
    }

    [Fact]
    public void Impute_fills_missing_values_and_is_saved()
    {
        string data = _cli.Write("gaps.csv", "a,b,y\n1,2,x\n,4,y\n3,,x\n4,5,y\n2,2,x\n5,6,y\n");
        string model = _cli.PathOf("gaps.json");
        var (code, _, error) = _cli.Run("train", "--data", data, "--impute", "median", "--test-fraction", "0", "--validation-fraction", "0", "--epochs", "3", "--save", model, "--quiet");
        Assert.True(code == 0, error);
        Assert.Equal("median", (string?)JsonNode.Parse(File.ReadAllText(model))!["preprocessing"]!["impute"]);
        var (pcode, predictions, perror) = _cli.Run("predict", "--model", model, "--data", _cli.Write("new.csv", "a,b\n,1\n"));
        Assert.True(pcode == 0, perror);
        Assert.StartsWith("a,b,prediction\n,1,", predictions);
    }

    [Fact]
    public void Json_output_is_valid_even_when_progress_is_shown()
    {
        var (code, output, _) = _cli.Run("train", "--json", "--no-save", "--epochs", "2");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
    }

    [Fact]
    public void A_header_with_a_line_break_or_a_nul_keeps_the_error_on_one_line()
    {
        string data = _cli.Write("odd.csv", "\"a\nb\",c\0d,y\n1,x,0\n2,y,1\n");
        var (code, _, error) = _cli.Run("train", "--data", data, "--target", "missing", "--no-save");
        Assert.Equal(1, code);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Contains("a\\nb", error);
        Assert.Contains("c\\0d", error);
    }

    [Theory]
    [InlineData("inf", "is infinite")]
    public void A_numeric_target_with_a_bad_cell_is_still_regression_and_names_the_cell(string bad, string message)
    {
        var lines = new List<string> { "a,y" };
        for (int i = 0; i < 30; i++)
        {
            lines.Add(i == 6 ? $"{i},{bad}" : FormattableString.Invariant($"{i},{i * 1.5 + 0.25}"));
        }

        string data = _cli.Write("y.csv", string.Join('\n', lines) + "\n");
        var (code, output, error) = _cli.Run("train", "--data", data, "--no-save");
        Assert.Equal(1, code);
        Assert.Contains("Task: regression", output);
        Assert.Contains("line 8, column 'y'", error);
        Assert.Contains(message, error);
    }
}
