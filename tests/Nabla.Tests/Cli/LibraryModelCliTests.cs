using System.Globalization;
using Nabla.Mlp;
using Nabla.Models;
using Nabla.IO;
using Nabla.Serialization;
using Nabla.Tensors;

namespace Nabla.Tests.Cli;

/// <summary>Models saved from C# (float precision, numeric labels, no preprocessing) work with the CLI.</summary>
public sealed class LibraryModelCliTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Float_model_without_preprocessing_predicts_as_in_csharp()
    {
        var x = Matrix<float>.FromRows([[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f], [0.2f, 0.9f], [0.8f, 0.1f]]);
        int[] y = [0, 1, 1, 1, 1, 1];
        var model = new MlpClassifier<float, int>(new MlpOptions { HiddenLayers = [4], Epochs = 50, BatchSize = 0, LearningRate = 0.5 }).Fit(x, y);
        string path = _cli.PathOf("or.json");
        ModelFile.Save(path, model);

        string data = _cli.Write("or.csv", "a,b,target\n0,0,0\n0,1,1\n1,0,1\n1,1,1\n0.2,0.9,1\n0.8,0.1,1\n");
        var (code, output, error) = _cli.Run("predict", "--model", path, "--data", data, "--probabilities");
        Assert.True(code == 0, error);
        var table = CsvFiles.Read(new StringReader(output), "out");
        var expected = model.PredictProbabilities(x);
        for (int i = 0; i < x.Rows; i++)
        {
            Assert.Equal(model.Predict(x)[i].ToString(CultureInfo.InvariantCulture), table[i, 3]);
            Assert.Equal((double)expected[i, 1], double.Parse(table[i, 5], CultureInfo.InvariantCulture));
        }

        var (icode, inspect, _) = _cli.Run("inspect", "--model", path);
        Assert.Equal(0, icode);
        Assert.Contains("mlp (classification, float32)", inspect);
        Assert.Contains("0, 1 (number labels)", inspect);
        Assert.Equal(0, _cli.Run("evaluate", "--model", path, "--data", data).Code);
    }
}
