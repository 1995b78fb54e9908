using Nabla.Models;
using Nabla.Playground.Engine;
using Nabla.Tensors;

namespace Nabla.Playground.Tests.Engine;

public class TrainingSessionTests
{
    [Fact]
    public void Training_lowers_the_loss_and_an_epoch_is_one_trainer_epoch_of_the_library()
    {
        var settings = new PlaygroundSettings { Dataset = DatasetKind.Xor, Hidden = [4], LearningRate = 0.1, Seed = 2 };
        var session = new TrainingSession(settings, Datasets.Generate(settings));
        for (int i = 0; i < 150; i++)
        {
            session.TrainEpoch();
        }

        Assert.Equal(150, session.Epoch);
        Assert.Equal(151, session.TrainLoss.Count);
        Assert.True(session.TrainLoss[^1] < 0.5 * session.TrainLoss[0], $"loss {session.TrainLoss[0]} → {session.TrainLoss[^1]}");
        Assert.True(session.TestAccuracy >= 0.95, $"test accuracy {session.TestAccuracy}");
    }

    [Fact]
    public void The_exported_model_file_predicts_the_page_labels_and_imports_to_the_same_network()
    {
        var settings = new PlaygroundSettings { Dataset = DatasetKind.Moons, Hidden = [5, 3], Inputs = [InputFeature.X1, InputFeature.X2, InputFeature.SinX1], Seed = 4 };
        var points = Datasets.Generate(settings);
        var session = new TrainingSession(settings, points);
        for (int i = 0; i < 20; i++)
        {
            session.TrainEpoch();
        }

        string json = session.ToModelJson();
        var loaded = ModelFile.ParseClassifier<double, string>(json, "model.json");
        var features = Features.Matrix(settings.Inputs, points.X1, points.X2);
        var labels = loaded.Model.Predict(features);
        var page = session.PredictLabels(points.X1, points.X2);
        Assert.Equal(page.Select(v => v == 1 ? "1" : "0"), labels);
        Assert.Equal(["x1", "x2", "sin(x1)"], loaded.Preprocessing!.FeatureNames);

        var (imported, network) = TrainingSession.FromModelJson(json, "model.json", new PlaygroundSettings());
        Assert.Equal([5, 3], imported.Hidden);
        Assert.Equal(settings.Inputs, imported.Inputs);
        Assert.Equal(session.Network.Forward(features).AsReadOnlySpan().ToArray(), network.Forward(features).AsReadOnlySpan().ToArray());
    }

    [Fact]
    public void A_regression_model_exports_and_a_model_of_unknown_inputs_is_refused_with_the_reason()
    {
        var settings = new PlaygroundSettings { Dataset = DatasetKind.Plane, Hidden = [3], Seed = 1 };
        var points = Datasets.Generate(settings);
        var session = new TrainingSession(settings, points);
        session.TrainEpoch();
        var loaded = ModelFile.ParseRegressor<double>(session.ToModelJson(), "r.json");
        var x = Features.Matrix(settings.Inputs, points.X1, points.X2);
        Assert.Equal(session.Predict(points.X1, points.X2), loaded.Model.Predict(x).AsReadOnlySpan().ToArray());

        var other = new Nabla.Mlp.MlpClassifier<double, string>(new Nabla.Mlp.MlpOptions { HiddenLayers = [2], Epochs = 2, ValidationFraction = 0 })
            .Fit(Matrix<double>.FromRows([[0.0, 1, 2], [1, 0, 1], [2, 2, 0], [1, 1, 1]]), ["a", "b", "a", "b"]);
        var e = Assert.Throws<ArgumentException>(() => TrainingSession.FromModelJson(ModelFile.ToJson(other), "other.json", new PlaygroundSettings()));
        Assert.Contains("whose input columns are among x1, x2", e.Message, StringComparison.Ordinal);
    }
}
