using Nabla.Activations;
using Nabla.Losses;
using Nabla.Mlp;
using Nabla.Networks;
using Nabla.Sampling;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Tests.Estimators;

public class MlpEstimatorTests
{
    private static (Matrix<double> X, string[] Y) Blobs(int perClass, int classes, int seed)
    {
        var random = new Random(seed);
        var rows = new List<double[]>();
        var labels = new List<string>();
        for (int k = 0; k < classes; k++)
        {
            double cx = 3 * Math.Cos(2 * Math.PI * k / classes), cy = 3 * Math.Sin(2 * Math.PI * k / classes);
            for (int i = 0; i < perClass; i++)
            {
                rows.Add([cx + 0.5 * random.NextGaussian(), cy + 0.5 * random.NextGaussian()]);
                labels.Add($"c{k}");
            }
        }

        return (Matrix<double>.FromRows(rows), [.. labels]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Prediction_in_blocks_of_rows_equals_the_whole_forward_pass(int classes)
    {
        // More rows than one inference block, and a last block shorter than the rest.
        var (x, y) = Blobs(2100, classes, 4);
        Assert.True(x.Rows > 2 * NeuralNetwork<double>.InferenceBlockRows);
        var model = new MlpClassifier<double, string>(new MlpOptions { HiddenLayers = [6], Epochs = 2 }).Fit(x, y);
        var whole = model.Network.Predict(x);
        var p = model.PredictProbabilities(x);
        var labels = model.Predict(x);
        for (int i = 0; i < x.Rows; i++)
        {
            // The products of a block and of the whole may round the last bit differently (the kernels' edge tiles).
            if (classes == 2)
            {
                Assert.Equal(whole[i, 0], p[i, 1], 1e-15);
                Assert.Equal(whole[i, 0] >= 0.5 ? "c1" : "c0", labels[i]);
            }
            else
            {
                for (int k = 0; k < classes; k++)
                {
                    Assert.Equal(whole[i, k], p[i, k], 1e-15);
                }

                Assert.Equal($"c{System.Numerics.Tensors.TensorPrimitives.IndexOfMax<double>(whole.Row(i))}", labels[i]);
            }
        }

        var regressor = new MlpRegressor<double>(new MlpOptions { HiddenLayers = [6], Epochs = 2 }).Fit(x, Matrix<double>.ColumnVector([.. y.Select(l => l == "c1" ? 2.0 : -1.0)]));
        var values = regressor.Predict(x);
        var single = regressor.Predict(x.SelectRows([x.Rows - 1]));
        Assert.Equal(single[0, 0], values[x.Rows - 1, 0]);
    }

    [Fact]
    public void A_validation_set_larger_than_a_block_is_measured_as_a_whole()
    {
        // 0.5 of 10,000 rows: 5,000 validation rows, more than one block of the validation pass.
        var (x, y) = Blobs(5000, 2, 5);
        var model = new MlpClassifier<double, string>(new MlpOptions { HiddenLayers = [4], Epochs = 3, ValidationFraction = 0.5, Patience = 10 }).Fit(x, y);
        var (_, validation) = Trainer.SplitValidation(x.Rows, 0.5, 0);
        Assert.True(validation.Length > Trainer.ValidationBlockRows);
        var targets = Matrix<double>.ColumnVector([.. y.Select(l => l == "c1" ? 1.0 : 0.0)]);
        var last = model.History.Best!;
        Assert.Equal(last.ValidationLoss!.Value, model.Network.Evaluate(x.SelectRows(validation), targets.SelectRows(validation), new BinaryCrossEntropyLoss()), 12);
        Assert.Equal(last.ValidationAccuracy!.Value, model.Score(x.SelectRows(validation), [.. validation.Select(i => y[i])]), 12);
    }

    [Fact]
    public void Binary_classifier_learns_separable_blobs_with_string_labels()
    {
        var (x, y) = Blobs(50, 2, 1);
        var model = new MlpClassifier<double, string>(new MlpOptions { HiddenLayers = [8], Epochs = 50 }).Fit(x, y);
        Assert.Equal(["c0", "c1"], model.Classes);
        Assert.Equal(1, model.Network.OutputSize);
        Assert.True(model.Score(x, y) > 0.97);
        var p = model.PredictProbabilities(x);
        for (int i = 0; i < x.Rows; i++)
        {
            Assert.Equal(1.0, p[i, 0] + p[i, 1], 12);
        }
    }

    [Fact]
    public void Multiclass_classifier_uses_softmax_and_learns()
    {
        var (x, y) = Blobs(40, 3, 2);
        var model = new MlpClassifier<float, string>(new MlpOptions { Solver = TrainingSolver.GradientDescent, HiddenLayers = [16], Epochs = 60, Activation = Activation.Tanh })
            .Fit(Matrix<float>.FromRows(x.ToRows().Select(r => r.Select(v => (float)v).ToArray()).ToArray()), y);
        Assert.Equal(3, model.Network.OutputSize);
        Assert.Equal("softmax", model.Network.OutputActivation.Name);
        Assert.True(model.History.Epochs.Count == 60);
    }

    [Fact]
    public void Fitting_twice_with_the_same_seed_gives_identical_weights()
    {
        var (x, y) = Blobs(30, 2, 3);
        var options = new MlpOptions { HiddenLayers = [4], Epochs = 20, ValidationFraction = 0.2, Seed = 5 };
        var a = new MlpClassifier<double, string>(options).Fit(x, y);
        var b = new MlpClassifier<double, string>(options).Fit(x, y);
        for (int i = 0; i < a.Network.Parameters.Count; i++)
        {
            Assert.Equal(a.Network.Parameters[i].Value, b.Network.Parameters[i].Value);
        }
    }

    [Fact]
    public void Early_stopping_restores_the_best_epoch()
    {
        var (x, y) = Blobs(60, 2, 4);
        var model = new MlpClassifier<double, string>(new MlpOptions { Solver = TrainingSolver.GradientDescent, HiddenLayers = [8], Epochs = 500, ValidationFraction = 0.25, Patience = 5, LearningRate = 0.2 }).Fit(x, y);
        var h = model.History;
        double best = h.Epochs.Min(e => e.ValidationLoss!.Value);
        Assert.Equal(best, h.Best!.ValidationLoss);
        Assert.NotNull(h.Best.ValidationAccuracy);
        Assert.True(h.StoppedEarly == (h.Epochs.Count < 500));

        // The weights are those of the best epoch: the validation loss recomputed now equals the best one.
        var (train, validation) = Trainer.SplitValidation(x.Rows, 0.25, 0);
        var targets = Matrix<double>.ColumnVector([.. y.Select(l => l == "c1" ? 1.0 : 0.0)]);
        Assert.Equal(best, model.Network.Evaluate(x.SelectRows(validation), targets.SelectRows(validation), new BinaryCrossEntropyLoss()), 12);
        Assert.Equal(train.Length + validation.Length, x.Rows);
    }

    [Fact]
    public void Patience_counts_epochs_without_improvement()
    {
        var (x, y) = Blobs(40, 2, 4);
        var yy = Matrix<double>.ColumnVector([.. y.Select(l => l == "c1" ? 1.0 : 0.0)]);
        var net = NeuralNetwork<double>.Create([2, 4, 1], Activation.Tanh, Activation.Sigmoid, Initializer.GlorotUniform, 1);
        var h = Trainer.Train(net, x, yy, new BinaryCrossEntropyLoss(), new TrainingOptions { Epochs = 100, ValidationFraction = 0.2, Patience = 3, MinImprovement = 100 });
        Assert.True(h.StoppedEarly);
        Assert.Equal(4, h.Epochs.Count);
        Assert.Equal(1, h.BestEpoch);
    }

    [Fact]
    public void Cancellation_stops_and_keeps_the_best_weights()
    {
        var (x, y) = Blobs(40, 2, 5);
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(r =>
        {
            if (r.Epoch == 3)
            {
                cts.Cancel();
            }
        });
        var model = new MlpClassifier<double, string>(new MlpOptions { Epochs = 100, ValidationFraction = 0.2, Progress = progress, CancellationToken = cts.Token }).Fit(x, y);
        Assert.True(model.History.Cancelled);
        Assert.Equal(3, model.History.Epochs.Count);
        Assert.InRange(model.History.BestEpoch, 1, 3);
    }

    [Fact]
    public void L2_penalty_shrinks_the_weights()
    {
        var (x, y) = Blobs(40, 2, 6);
        double Norm(MlpClassifier<double, string> m) => m.Network.Parameters.Where(p => p.Name.StartsWith('W')).Sum(p => p.Value.AsReadOnlySpan().ToArray().Sum(v => v * v));
        var plain = new MlpClassifier<double, string>(new MlpOptions { Epochs = 50, L2 = 0 }).Fit(x, y);
        var penalized = new MlpClassifier<double, string>(new MlpOptions { Epochs = 50, L2 = 0.1 }).Fit(x, y);
        Assert.True(Norm(penalized) < Norm(plain));
    }

    [Fact]
    public void Regressor_fits_a_noisy_line_and_two_targets()
    {
        var random = new Random(7);
        int n = 200;
        var x = new Matrix<double>(n, 1);
        var y = new Matrix<double>(n, 2);
        for (int i = 0; i < n; i++)
        {
            double v = random.NextDouble() * 4 - 2;
            x[i, 0] = v;
            y[i, 0] = 1000 + 300 * v + random.NextGaussian();
            y[i, 1] = v * v;
        }

        var model = new MlpRegressor<double>(new MlpOptions { HiddenLayers = [16], Activation = Activation.Tanh, Epochs = 200, L2 = 0 }).Fit(x, y);
        Assert.Equal(2, model.TargetCount);
        Assert.True(model.Score(x, y) > 0.95, $"R² {model.Score(x, y)}");
        Assert.Equal("identity", model.Network.OutputActivation.Name);
    }

    [Fact]
    public void Bad_hyperparameters_are_rejected_with_the_name()
    {
        Assert.Contains("Hidden layer 2", Assert.Throws<ArgumentOutOfRangeException>(() => new MlpClassifier<double, int>(new MlpOptions { HiddenLayers = [3, 0] })).Message);
        Assert.Throws<FormatException>(() => Activation.Parse("swish"));
        Assert.Contains("cannot be used in an MLP", Assert.Throws<ArgumentException>(() => new MlpClassifier<double, int>(new MlpOptions { Activation = Activation.Step })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MlpRegressor<double>(new MlpOptions { ValidationFraction = 1 }));
        Assert.Contains("squared error", Assert.Throws<ArgumentException>(() => new MlpRegressor<double>(new MlpOptions { Loss = new BinaryCrossEntropyLoss() })).Message);
    }

    [Fact]
    public void Trainer_without_validation_keeps_its_old_behaviour()
    {
        var x = Matrix<double>.FromRows([[0.0, 0], [0, 1], [1, 0], [1, 1]]);
        var y = Matrix<double>.ColumnVector([0.0, 1, 1, 0]);
        var net = NeuralNetwork<double>.Create([2, 2, 1], Activation.Sigmoid, Activation.Sigmoid, Initializer.GlorotUniform, 0);
        var h = Trainer.Train(net, x, y, new BinaryCrossEntropyLoss(), new TrainingOptions { Epochs = 10 });
        Assert.Equal(10, h.BestEpoch);
        Assert.All(h.Epochs, e => Assert.Null(e.ValidationLoss));
        Assert.False(h.StoppedEarly);
    }

    /// <summary>An IProgress that calls back synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress(Action<EpochRecord> action) : IProgress<EpochRecord>
    {
        public void Report(EpochRecord value) => action(value);
    }
}
