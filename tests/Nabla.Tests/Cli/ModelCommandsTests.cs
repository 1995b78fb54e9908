using System.Globalization;
using System.Text.Json.Nodes;
using Nabla.Models;
using Nabla.IO;

namespace Nabla.Tests.Cli;

/// <summary>predict, evaluate and inspect on models trained by the CLI.</summary>
public sealed class ModelCommandsTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly string _data;
    private readonly string _model;

    public ModelCommandsTests()
    {
        _data = _cli.Flowers();
        _model = _cli.PathOf("flowers.json");
        var (code, _, error) = _cli.Run("train", "--data", _data, "--target", "species", "--hidden", "8", "--save", _model, "--quiet", "--epochs", "60");
        Assert.True(code == 0, error);
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Predict_writes_csv_to_stdout_with_the_input_columns_and_a_prediction()
    {
        var (code, output, _) = _cli.Run("predict", "--model", _model, "--data", _data);
        Assert.Equal(0, code);
        var table = CsvFiles.Read(new StringReader(output), "out");
        Assert.Equal(["petal", "sepal", "color", "species", "prediction"], table.Columns);
        Assert.Equal(120, table.RowCount);
        int right = Enumerable.Range(0, 120).Count(i => table[i, 3] == table[i, 4]);
        Assert.True(right > 100, $"{right} of 120 right");
    }

    [Fact]
    public void Predict_with_probabilities_to_a_file()
    {
        string output = _cli.PathOf("p.csv");
        string features = _cli.Write("new.csv", "color,sepal,petal\nred,1,0\nblue,-1,4\n");
        var (code, stdout, error) = _cli.Run("predict", "--model", _model, "--data", features, "--probabilities", "--output", output);
        Assert.Equal(0, code);
        Assert.Equal("", stdout);
        Assert.Contains("Wrote 2 predictions", error);
        var table = CsvFiles.Read(output);
        Assert.Equal(["color", "sepal", "petal", "prediction", "p(setosa)", "p(versicolor)", "p(virginica)"], table.Columns);
        Assert.Equal("setosa", table[0, 3]);
        Assert.Equal("virginica", table[1, 3]);
        double sum = Enumerable.Range(4, 3).Sum(j => double.Parse(table[0, j], CultureInfo.InvariantCulture));
        Assert.Equal(1, sum, 12);
    }

    [Fact]
    public void Reloaded_model_predicts_exactly_what_training_measured()
    {
        var (code, output, _) = _cli.Run("evaluate", "--model", _model, "--data", _data, "--json");
        Assert.Equal(0, code);
        var e = JsonNode.Parse(output)!;
        var saved = JsonNode.Parse(File.ReadAllText(_model))!["training"]!;
        int trainRows = (int)saved["training_rows"]!, testRows = (int)saved["test_rows"]!;
        double expected = ((double)saved["train_metrics"]!["accuracy"]! * trainRows + (double)saved["test_metrics"]!["accuracy"]! * testRows) / (trainRows + testRows);
        Assert.Equal(expected, (double)e["accuracy"]!, 12);
    }

    [Fact]
    public void Evaluate_json_has_the_documented_fields()
    {
        var (code, output, _) = _cli.Run("evaluate", "--model", _model, "--data", _data, "--json");
        Assert.Equal(0, code);
        var e = JsonNode.Parse(output)!.AsObject();
        foreach (var key in new[] { "accuracy", "log_loss", "confusion_matrix", "per_class", "macro_f1" })
        {
            Assert.True(e.ContainsKey(key), key);
        }

        var cm = e["confusion_matrix"]!.AsArray();
        Assert.Equal(3, cm.Count);
        Assert.Equal(120, cm.Sum(r => r!.AsArray().Sum(v => (int)v!)));
        Assert.Equal("setosa", (string?)e["per_class"]![0]!["class"]);
        Assert.InRange((double)e["per_class"]![0]!["f1"]!, 0.5, 1);
    }

    [Fact]
    public void Evaluate_text_shows_metrics_table_and_confusion_matrix()
    {
        var (code, output, _) = _cli.Run("evaluate", "--model", _model, "--data", _data);
        Assert.Equal(0, code);
        Assert.Matches(@"accuracy  [01]\.\d{4}\n", output);
        Assert.Contains("log-loss", output);
        Assert.Contains("precision    recall        f1   support", output);
        Assert.Contains("Confusion matrix (rows: true class, columns: predicted class):", output);
    }

    [Fact]
    public void Evaluate_binary_model_reports_roc_auc()
    {
        string model = _cli.PathOf("b.json");
        Assert.Equal(0, _cli.Run("train", "--save", model, "--quiet", "--epochs", "5").Code);
        string data = _cli.Write("ab.csv", "x1,x2,class\n1,2,A\n0,0,B\n1.5,2.5,A\n-0.5,0.2,B\n");
        var (code, output, _) = _cli.Run("evaluate", "--model", model, "--data", data, "--json");
        Assert.Equal(0, code);
        Assert.Equal(1.0, (double)JsonNode.Parse(output)!["roc_auc"]!);
    }

    [Fact]
    public void Regression_model_round_trip_through_predict_and_evaluate()
    {
        string data = _cli.Line();
        string model = _cli.PathOf("line.json");
        Assert.Equal(0, _cli.Run("train", "--data", data, "--hidden", "8", "--epochs", "100", "--save", model, "--quiet").Code);
        var (code, output, _) = _cli.Run("evaluate", "--model", model, "--data", data, "--json");
        Assert.Equal(0, code);
        var e = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(["rows", "mse", "mae", "r2", "notes"], e.Select(p => p.Key));
        Assert.Empty(e["notes"]!.AsArray());
        Assert.True((double)e["r2"]! > 0.9);
        var (pcode, predictions, _) = _cli.Run("predict", "--model", model, "--data", data);
        Assert.Equal(0, pcode);
        Assert.StartsWith("x1,x2,y,predicted_y\n", predictions);
        Assert.Equal(1, _cli.Run("predict", "--model", model, "--data", data, "--probabilities").Code);
    }

    [Fact]
    public void Inspect_shows_architecture_preprocessing_and_training()
    {
        var (code, output, _) = _cli.Run("inspect", "--model", _model);
        Assert.Equal(0, code);
        Assert.Contains("model       mlp (classification, float64)", output);
        Assert.Contains("dense 5 → 8, relu  (48 parameters)", output);
        Assert.Contains("dense 8 → 3, softmax  (27 parameters)", output);
        Assert.Contains("parameters  75", output);
        Assert.Contains("color: categorical, one-hot over 3 categories (blue, red, white)", output);
        Assert.Contains("training metrics  accuracy", output);
        var (jcode, json, _) = _cli.Run("inspect", "--model", _model, "--json");
        Assert.Equal(0, jcode);
        Assert.Equal(75, (int)JsonNode.Parse(json)!["parameters"]!);
    }

    [Fact]
    public void Predict_rejects_data_the_model_cannot_read()
    {
        string output = _cli.PathOf("never.csv");
        string strict = _cli.PathOf("flowers-strict.json");
        Assert.Equal(0, _cli.Run("train", "--data", _data, "--target", "species", "--hidden", "8", "--save", strict, "--quiet", "--epochs", "5", "--impute", "none", "--unknown-categories", "error").Code);
        var cases = new (string Model, string Csv, string Expected)[]
        {
            (_model, "petal,sepal\n1,2\n", "has no feature column 'color'"),
            (strict, "petal,sepal,color\n1,2,green\n", "line 2, column 'color': category 'green' was not seen in training (known: blue, red, white). Use a known category, or let unknown categories be encoded as none of the known ones (--unknown-categories ignore)."),
            (strict, "petal,sepal,color\n1,,red\n", "line 2, column 'sepal': missing value (empty cell). Fill it in or remove the row (the model was trained with --impute none, so it has no value to fill in)."),
            (_model, "petal,sepal,color\n1,x,red\n", "line 2, column 'sepal': expected a number (the model reads column 'sepal' as numbers), found 'x'"),
        };
        foreach (var (model, csv, expected) in cases)
        {
            var (code, stdout, error) = _cli.Run("predict", "--model", model, "--data", _cli.Write("x.csv", csv), "--output", output);
            Assert.Equal(1, code);
            Assert.Contains(expected, error);
            Assert.Equal("", stdout);
            Assert.False(File.Exists(output));
        }
    }

    [Fact]
    public void Evaluate_rejects_unknown_classes_with_the_line()
    {
        var (code, _, error) = _cli.Run("evaluate", "--model", _model, "--data", _cli.Write("e.csv", "petal,sepal,color,species\n1,2,red,setosa\n1,2,red,rose\n"));
        Assert.Equal(1, code);
        Assert.Contains("line 3, column 'species': 'rose' is not one of the model's classes (setosa, versicolor, virginica)", error);
    }

    public static TheoryData<string, string> BadModelFiles()
    {
        var data = new TheoryData<string, string>
        {
            { "", "is empty: not a Nabla model file" },
            { "{\"format\": \"nabla-model\", \"vers", "ends too early (the file is truncated)" },
            { "<html></html>", "it is not valid JSON" },
            { "{\"hello\": 1}", "is not a Nabla model file: it has no \"format\": \"nabla-model\" field" },
            { "{\"format\": \"nabla-model\", \"version\": 7}", "was written in model format version 7" },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(BadModelFiles))]
    public void Bad_model_files_exit_with_1_for_every_command(string text, string expected)
    {
        string model = _cli.Write("bad.json", text);
        string output = _cli.PathOf("out.csv");
        foreach (var args in new[]
        {
            new[] { "predict", "--model", model, "--data", _data, "--output", output },
            ["evaluate", "--model", model, "--data", _data],
            ["inspect", "--model", model],
        })
        {
            var (code, stdout, error) = _cli.Run(args);
            Assert.Equal(1, code);
            Assert.Equal("", stdout);
            Assert.StartsWith($"nabla: {model}", error);
            Assert.Contains(expected, error);
            Assert.Single(error.TrimEnd().Split('\n'));
            Assert.False(File.Exists(output));
        }
    }

    [Fact]
    public void Edited_model_files_are_caught()
    {
        var doc = JsonNode.Parse(File.ReadAllText(_model))!;
        doc["parameters"]!["layers"]![1]!["weights"]![0]!.AsArray().RemoveAt(0);
        string edited = _cli.Write("edited.json", doc.ToJsonString());
        var (code, _, error) = _cli.Run("predict", "--model", edited, "--data", _data);
        Assert.Equal(1, code);
        Assert.Contains("parameters.layers[1].weights[0] must be an array of 8 numbers", error);

        var (mcode, _, merror) = _cli.Run("inspect", "--model", _cli.PathOf("missing.json"));
        Assert.Equal(1, mcode);
        Assert.Contains("no such model file", merror);
    }

    [Fact]
    public void Missing_required_options_are_usage_errors()
    {
        Assert.Equal(2, _cli.Run("predict", "--data", _data).Code);
        Assert.Equal(2, _cli.Run("evaluate", "--model", _model).Code);
        Assert.Equal(2, _cli.Run("inspect").Code);
    }
}
