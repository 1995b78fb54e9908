using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Tests.TestSupport;
using Nabla.Training;

namespace Nabla.Tests.Training;

public class TrainerTests
{
    [Fact]
    public void Same_seed_gives_bit_identical_weights_other_seed_other_weights()
    {
        var (x, y) = Regression(new Random(1), 23);
        TrainingOptions Options(int seed) => new() { Epochs = 15, BatchSize = 4, Seed = seed, Optimizer = new GradientDescent(0.05) };

        var (a, ha) = Train(x, y, Options(5));
        var (b, hb) = Train(x, y, Options(5));
        var (c, hc) = Train(x, y, Options(6));

        Assert.Equal(ha.Losses, hb.Losses);
        for (int i = 0; i < a.Parameters.Count; i++)
        {
            Assert.True(a.Parameters[i].Value.Equals(b.Parameters[i].Value), $"{a.Parameters[i].Name} differs between two runs with seed 5");
        }

        Assert.NotEqual(ha.Losses, hc.Losses);
        Assert.False(a.Layers[0].Weights.Equals(c.Layers[0].Weights));
    }

    [Fact]
    public void Full_batch_training_ignores_the_seed()
    {
        var (x, y) = Regression(new Random(2), 10);

        var (a, _) = Train(x, y, new TrainingOptions { Epochs = 10, Seed = 1 });
        var (b, _) = Train(x, y, new TrainingOptions { Epochs = 10, Seed = 2 });
        var (c, _) = Train(x, y, new TrainingOptions { Epochs = 10, BatchSize = 500, Seed = 3 }); // a batch larger than the data is the full batch

        Assert.True(a.Layers[0].Weights.Equals(b.Layers[0].Weights));
        Assert.True(a.Layers[0].Weights.Equals(c.Layers[0].Weights));
    }

    [Fact]
    public void Unshuffled_batches_of_one_are_the_textbook_stochastic_loop()
    {
        var (x, y) = Regression(new Random(3), 9);
        var loss = new MeanSquaredErrorLoss();
        var (trained, _) = Train(x, y, new TrainingOptions { Epochs = 3, BatchSize = 1, Shuffle = false, Optimizer = new GradientDescent(0.05) });

        var manual = NewNetwork();
        var sgd = new GradientDescent(0.05);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            for (int i = 0; i < x.Rows; i++)
            {
                manual.ComputeGradients(x.SelectRows([i]), y.SelectRows([i]), loss);
                sgd.Step(manual.Parameters);
            }
        }

        for (int i = 0; i < manual.Parameters.Count; i++)
        {
            Assert.True(manual.Parameters[i].Value.Equals(trained.Parameters[i].Value), manual.Parameters[i].Name);
        }
    }

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    public void Epoch_loss_weights_a_short_last_batch_correctly(Reduction reduction)
    {
        // A step so small that no parameter moves: each epoch's loss must then be the loss of the whole data set.
        var (x, y) = Regression(new Random(4), 10);
        var loss = new HalfSquaredErrorLoss(reduction);
        var network = NewNetwork();
        double expected = network.Evaluate(x, y, loss);

        var history = Trainer.Train(network, x, y, loss, new TrainingOptions { Epochs = 2, BatchSize = 4, Optimizer = new GradientDescent(1e-300) });

        Assertions.Close(expected, history.Losses[0], 1e-12 * expected);
        Assertions.Close(expected, history.Losses[1], 1e-12 * expected);
        Assert.Equal([1, 2], history.Epochs.Select(e => e.Epoch));
    }

    [Fact]
    public void Loss_decreases_on_a_linear_regression()
    {
        var (x, y) = Regression(new Random(5), 40, noise: 0);
        var network = NeuralNetwork<double>.Create([2, 1], Activation.Identity, Activation.Identity, Initializer.Zeros);

        var history = Trainer.Train(network, x, y, new MeanSquaredErrorLoss(), new TrainingOptions { Epochs = 300, Optimizer = new GradientDescent(0.2) });

        var losses = history.Losses;
        for (int e = 1; e < losses.Length; e++)
        {
            Assert.True(losses[e] <= losses[e - 1], $"loss rose from {losses[e - 1]} to {losses[e]} in epoch {e + 1}");
        }

        Assert.True(losses[^1] < 1e-6 * losses[0], $"loss only fell from {losses[0]} to {losses[^1]}");
        // y = 2·x1 − 3·x2 + 1 recovered.
        Assertions.Close(2, network.Layers[0].Weights[0, 0], 1e-3);
        Assertions.Close(-3, network.Layers[0].Weights[0, 1], 1e-3);
        Assertions.Close(1, network.Layers[0].Bias[0, 0], 1e-3);
    }

    [Fact]
    public void Mini_batch_training_of_a_hidden_layer_reduces_the_loss()
    {
        var (x, y) = Regression(new Random(6), 64);
        var (network, history) = Train(x, y, new TrainingOptions { Epochs = 60, BatchSize = 8, Seed = 1, Optimizer = new GradientDescent(0.05) });

        Assert.True(history.Losses[^1] < 0.05 * history.Losses[0], $"{history.Losses[0]} → {history.Losses[^1]}");
        Assert.True(network.Evaluate(x, y, new MeanSquaredErrorLoss()) < 0.05 * history.Losses[0]);
    }

    [Fact]
    public void Progress_reports_every_epoch_in_order()
    {
        var (x, y) = Regression(new Random(7), 12);
        var progress = new Recorder();

        var (_, history) = Train(x, y, new TrainingOptions { Epochs = 5, Progress = progress });

        Assert.Equal(history.Epochs, progress.Records);
        Assert.Equal([1, 2, 3, 4, 5], progress.Records.Select(r => r.Epoch));
    }

    [Fact]
    public void A_huge_learning_rate_diverges_with_an_explained_error()
    {
        var (x, y) = Regression(new Random(8), 20);
        var network = NeuralNetwork<double>.Create([2, 1], Activation.Identity, Activation.Identity, seed: 1);

        var e = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(network, x, y, new MeanSquaredErrorLoss(),
            new TrainingOptions { Epochs = 10_000, Optimizer = new GradientDescent(1e3) }));

        Assert.InRange(e.Epoch, 2, 10_000);
        Assert.Contains($"epoch {e.Epoch}", e.Message);
        Assert.Contains("Lower the learning rate", e.Message);
        Assert.Matches(@"\b1000\b", e.Message); // the learning rate used
        Assert.Matches(@"\b100\b", e.Message);  // the suggestion, α/10
    }

    [Fact]
    public void Training_through_a_step_activation_is_refused()
    {
        var x = Matrix<double>.FromArray(new double[,] { { 0, 0 }, { 1, 1 } });
        var y = Matrix<double>.FromArray(new double[,] { { 0 }, { 1 } });
        var network = NeuralNetwork<double>.Create([2, 2, 1], Activation.Step, Activation.Sigmoid, seed: 1);
        var before = network.Layers[0].Weights.Clone();

        var e = Assert.Throws<NotSupportedException>(() => Trainer.Train(network, x, y, new BinaryCrossEntropyLoss()));

        Assert.Contains("step", e.Message);
        Assert.Contains("gradient descent", e.Message);
        Assert.True(before.Equals(network.Layers[0].Weights));
    }

    [Theory]
    [InlineData(true, 2, 1, double.NaN)]
    [InlineData(true, 0, 0, double.PositiveInfinity)]
    [InlineData(false, 3, 0, double.NaN)]
    [InlineData(false, 1, 0, double.NegativeInfinity)]
    public void Non_finite_data_is_rejected_naming_row_and_column(bool inInputs, int row, int column, double value)
    {
        var (x, y) = Regression(new Random(9), 5);
        (inInputs ? x : y)[row, column] = value;

        var e = Assert.Throws<ArgumentException>(() => Train(x, y, new TrainingOptions { Epochs = 1 }));

        Assert.Equal(inInputs ? "x" : "y", e.ParamName);
        Assert.Contains(inInputs ? "inputs" : "targets", e.Message);
        Assert.Contains($"row {row}, column {column}", e.Message);
    }

    [Fact]
    public void Wrong_shapes_and_empty_data_are_rejected()
    {
        var network = NewNetwork();

        var e = Assert.Throws<ArgumentException>(() => Trainer.Train(network, new Matrix<double>(5, 3), new Matrix<double>(5, 1), new MeanSquaredErrorLoss()));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("2 features", e.Message);
        Assert.Contains("5×3", e.Message);

        e = Assert.Throws<ArgumentException>(() => Trainer.Train(network, new Matrix<double>(5, 2), new Matrix<double>(4, 1), new MeanSquaredErrorLoss()));
        Assert.Equal("y", e.ParamName);
        Assert.Contains("4×1", e.Message);
        Assert.Contains("5×1", e.Message);

        e = Assert.Throws<ArgumentException>(() => Trainer.Train(network, new Matrix<double>(5, 2), new Matrix<double>(5, 2), new MeanSquaredErrorLoss()));
        Assert.Contains("5×2", e.Message);

        e = Assert.Throws<ArgumentException>(() => Trainer.Train(network, new Matrix<double>(0, 2), new Matrix<double>(0, 1), new MeanSquaredErrorLoss()));
        Assert.Contains("no rows", e.Message);
    }

    [Fact]
    public void Bad_options_are_rejected()
    {
        var (x, y) = Regression(new Random(10), 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => Train(x, y, new TrainingOptions { Epochs = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Train(x, y, new TrainingOptions { BatchSize = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientDescent(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientDescent(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientDescent(double.PositiveInfinity));
    }

    [Fact]
    public void Cancellation_stops_training_and_says_so()
    {
        var (x, y) = Regression(new Random(11), 12);
        using var cts = new CancellationTokenSource();
        var progress = new Recorder(record =>
        {
            if (record.Epoch == 3)
            {
                cts.Cancel();
            }
        });

        var (network, history) = Train(x, y, new TrainingOptions { Epochs = 100, BatchSize = 5, CancellationToken = cts.Token, Progress = progress });

        Assert.True(history.Cancelled);
        Assert.Equal(3, history.Epochs.Count);
        Assert.True(network.Layers[0].Weights.IsFinite());
    }

    [Fact]
    public void An_already_cancelled_token_changes_nothing()
    {
        var (x, y) = Regression(new Random(12), 12);
        var network = NewNetwork();
        var before = network.Parameters.Select(p => p.Value.Clone()).ToArray();

        var history = Trainer.Train(network, x, y, new MeanSquaredErrorLoss(), new TrainingOptions { CancellationToken = new CancellationToken(canceled: true) });

        Assert.True(history.Cancelled);
        Assert.Empty(history.Epochs);
        for (int i = 0; i < before.Length; i++)
        {
            Assert.True(before[i].Equals(network.Parameters[i].Value));
        }
    }

    private static NeuralNetwork<double> NewNetwork() =>
        NeuralNetwork<double>.Create([2, 6, 1], Activation.Tanh, Activation.Identity, Initializer.GlorotUniform, seed: 3);

    private static (NeuralNetwork<double> Network, TrainingHistory History) Train(Matrix<double> x, Matrix<double> y, TrainingOptions options)
    {
        var network = NewNetwork();
        var history = Trainer.Train(network, x, y, new MeanSquaredErrorLoss(), options);
        return (network, history);
    }

    [Fact]
    public void Stop_when_ends_training_after_that_epoch()
    {
        var (x, y) = Regression(new Random(8), 20);
        var asked = new List<int>();
        var (_, history) = Train(x, y, new TrainingOptions { Epochs = 50, StopWhen = r => { asked.Add(r.Epoch); return r.Epoch == 3; } });
        Assert.Equal([1, 2, 3], asked);
        Assert.Equal(3, history.Epochs.Count);
        Assert.True(history.StoppedEarly);
        Assert.Equal(3, history.BestEpoch);
    }

    [Fact]
    public void Any_trainable_model_trains_with_early_stopping_and_restores_its_best_values()
    {
        var (x, y) = Regression(new Random(9), 200);
        var model = new AffineModel(2);
        var recorder = new Recorder();
        var history = Trainer.Train(model, x, y, new MeanSquaredErrorLoss(), new TrainingOptions
        {
            Epochs = 300, BatchSize = 20, Optimizer = new Adam(0.05), ValidationFraction = 0.2, Patience = 5, Progress = recorder,
        });

        Assert.Equal(history.Epochs.Count, recorder.Records.Count);
        Assert.Equal(2, model.Parameters[0].Value[0, 0], 0.05);
        Assert.Equal(-3, model.Parameters[0].Value[0, 1], 0.05);
        Assert.Equal(1, model.Parameters[1].Value[0, 0], 0.05);

        // The model holds the best epoch's values: evaluating it again gives that epoch's validation loss.
        var best = history.Best!;
        var (_, validation) = Trainer.SplitValidation(x.Rows, 0.2, 0);
        Assert.Equal(best.ValidationLoss!.Value, model.Evaluate(x.SelectRows(validation), y.SelectRows(validation), new MeanSquaredErrorLoss()), 1e-12);
    }

    /// <summary>n samples of y = 2·x1 − 3·x2 + 1 (+ noise), x uniform on [−1, 1]².</summary>
    private static (Matrix<double> X, Matrix<double> Y) Regression(Random random, int n, double noise = 0.05)
    {
        var x = TestData.Uniform<double>(random, n, 2);
        var y = new Matrix<double>(n, 1);
        for (int i = 0; i < n; i++)
        {
            y[i, 0] = 2 * x[i, 0] - 3 * x[i, 1] + 1 + noise * (2 * random.NextDouble() - 1);
        }

        return (x, y);
    }

    /// <summary>ŷ = X wᵀ + b written directly against <see cref="ITrainable{T}"/>, not a network: the trainer needs nothing more.</summary>
    private sealed class AffineModel : ITrainable<double>
    {
        private readonly Parameter<double>[] _parameters;
        private Matrix<double> _output = new(0, 1);
        private Matrix<double> _residual = new(0, 1);

        public AffineModel(int inputs)
        {
            _parameters = [new("W1", new Matrix<double>(1, inputs), new Matrix<double>(1, inputs)), new("b1", new Matrix<double>(1, 1), new Matrix<double>(1, 1))];
        }

        public int InputSize => _parameters[0].Value.Columns;

        public int OutputSize => 1;

        public IReadOnlyList<Parameter<double>> Parameters => _parameters;

        public Matrix<double> Output => _output;

        public double ComputeGradients(Matrix<double> x, Matrix<double> target, Loss loss)
        {
            double value = Evaluate(x, target, loss);
            loss.Gradient(_output, target, _residual);
            MatrixMath.Multiply(_residual, x, _parameters[0].Gradient, transposeA: true);
            MatrixMath.SumColumns(_residual, _parameters[1].Gradient.AsSpan());
            return value;
        }

        public double Evaluate(Matrix<double> x, Matrix<double> target, Loss loss)
        {
            if (_output.Rows != x.Rows)
            {
                (_output, _residual) = (new Matrix<double>(x.Rows, 1), new Matrix<double>(x.Rows, 1));
            }

            MatrixMath.Multiply(x, _parameters[0].Value, _output, transposeB: true);
            MatrixMath.AddRowVector(_output, _parameters[1].Value.AsReadOnlySpan());
            return loss.Value(_output, target);
        }
    }

    /// <summary>A synchronous IProgress (Progress&lt;T&gt; would post to a thread-pool context).</summary>
    private sealed class Recorder(Action<EpochRecord>? onReport = null) : IProgress<EpochRecord>
    {
        public List<EpochRecord> Records { get; } = [];

        public void Report(EpochRecord value)
        {
            Records.Add(value);
            onReport?.Invoke(value);
        }
    }
}
