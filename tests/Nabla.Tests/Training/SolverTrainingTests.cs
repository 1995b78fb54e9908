using Nabla.Activations;
using Nabla.Losses;
using Nabla.Mlp;
using Nabla.Networks;
using Nabla.Sampling;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Tests.Training;

/// <summary>What the trainer gives every epoch of gradient descent, the full-batch solvers give every iteration.</summary>
public class SolverTrainingTests
{
    public static TheoryData<TrainingSolver> Solvers =>
        [TrainingSolver.Lbfgs, TrainingSolver.LevenbergMarquardt, TrainingSolver.Rprop, TrainingSolver.ScaledConjugateGradient];

    private static (Matrix<double> X, Matrix<double> Y) Blobs(int perClass = 40, int seed = 3)
    {
        var set = Nabla.Data.SyntheticData.GaussianClasses([[0.0, 0.0], [1.5, 1.0]], [1.0, 1.0], [perClass, perClass], seed).Shuffled(seed);
        return (set.Features, Matrix<double>.ColumnVector([.. set.Labels.Select(l => (double)l)]));
    }

    private static NeuralNetwork<double> Network(int seed = 1) =>
        NeuralNetwork<double>.Create([2, 5, 1], Activation.Tanh, Activation.Sigmoid, Initializer.GlorotUniform, seed);

    // LM needs a squared error; the others train on the natural log-loss.
    private static Loss LossFor(TrainingSolver solver) => solver == TrainingSolver.LevenbergMarquardt ? new MeanSquaredErrorLoss() : new BinaryCrossEntropyLoss();

    [Theory, MemberData(nameof(Solvers))]
    public void The_same_seed_gives_the_same_bits(TrainingSolver solver)
    {
        var (x, y) = Blobs();
        var options = new TrainingOptions { Solver = solver, Epochs = 30, ValidationFraction = 0.2, Seed = 4, L2 = 1e-3 };
        var (a, b) = (Network(), Network());
        var ha = Trainer.Train(a, x, y, LossFor(solver), options);
        var hb = Trainer.Train(b, x, y, LossFor(solver), options);
        Assert.Equal(ha.Losses, hb.Losses);
        for (int i = 0; i < a.Parameters.Count; i++)
        {
            Assert.Equal(a.Parameters[i].Value.AsReadOnlySpan().ToArray(), b.Parameters[i].Value.AsReadOnlySpan().ToArray());
        }
    }

    [Theory, MemberData(nameof(Solvers))]
    public void Early_stopping_keeps_the_best_iterations_weights(TrainingSolver solver)
    {
        // Few rows and many units: the validation loss turns up, and training stops Patience iterations after its best.
        var (x, y) = Blobs(perClass: 25, seed: 8);
        var network = NeuralNetwork<double>.Create([2, 16, 1], Activation.Tanh, Activation.Sigmoid, Initializer.GlorotUniform, 2);
        var loss = LossFor(solver);
        var history = Trainer.Train(network, x, y, loss, new TrainingOptions { Solver = solver, Epochs = 500, ValidationFraction = 0.3, Patience = 5, TrackAccuracy = true, Tolerance = 0 });

        double best = history.Epochs.Min(e => e.ValidationLoss!.Value);
        Assert.Equal(best, history.Best!.ValidationLoss);
        Assert.NotNull(history.Best.ValidationAccuracy);
        Assert.True(history.StoppedEarly == (history.StopReason == OptimizationStopReason.Stopped), $"{history.StopReason}, stopped early {history.StoppedEarly}");
        if (history.StoppedEarly)
        {
            Assert.Equal(history.BestEpoch + 5, history.Epochs.Count);
        }

        var (_, validation) = Trainer.SplitValidation(x.Rows, 0.3, 0);
        Assert.Equal(best, network.Evaluate(x.SelectRows(validation), y.SelectRows(validation), loss), 12);
    }

    [Theory, MemberData(nameof(Solvers))]
    public void Progress_comes_once_per_iteration_and_cancellation_stops_after_the_current_one(TrainingSolver solver)
    {
        var (x, y) = Blobs();
        using var cancel = new CancellationTokenSource();
        var seen = new List<EpochRecord>();
        var progress = new SynchronousProgress(r =>
        {
            seen.Add(r);
            if (r.Epoch == 3)
            {
                cancel.Cancel();
            }
        });
        var history = Trainer.Train(Network(), x, y, LossFor(solver), new TrainingOptions { Solver = solver, Epochs = 100, Tolerance = 0, Progress = progress, CancellationToken = cancel.Token });

        Assert.True(history.Cancelled);
        Assert.False(history.StoppedEarly);
        Assert.Equal([1, 2, 3], seen.Select(r => r.Epoch));
        Assert.Equal(seen, history.Epochs);
        Assert.Equal(3, history.BestEpoch);
        Assert.Equal(SolverTraining.UnitOf(solver), history.Unit);
    }

    [Theory, MemberData(nameof(Solvers))]
    public void A_loss_that_overflows_names_the_iteration_and_a_remedy(TrainingSolver solver)
    {
        // Inputs of 1e200 through an identity network: the squared error is infinite from the start.
        var x = Matrix<double>.FromRows([[1e200], [-1e200], [2e200]]);
        var y = Matrix<double>.FromRows([[1.0], [0.0], [2.0]]);
        var network = NeuralNetwork<double>.Create([1, 1], Activation.Identity, Activation.Identity, Initializer.Uniform(0.5, 1), 0);
        var e = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(network, x, y, new MeanSquaredErrorLoss(), new TrainingOptions { Solver = solver, Epochs = 10 }));
        Assert.Contains($"Training diverged in {SolverTraining.UnitOf(solver)} 1", e.Message);
        Assert.Contains(solver == TrainingSolver.Rprop ? "Δmax" : "Standardize the features", e.Message);
    }

    [Fact]
    public void Levenberg_marquardt_refuses_a_loss_that_is_not_a_squared_error()
    {
        var (x, y) = Blobs();
        var e = Assert.Throws<ArgumentException>(() => Trainer.Train(Network(), x, y, new BinaryCrossEntropyLoss(), new TrainingOptions { Solver = TrainingSolver.LevenbergMarquardt }));
        Assert.Contains("sum of squared errors, not log-loss", e.Message);

        var classifier = Assert.Throws<ArgumentException>(() => new MlpClassifier<double, int>(new MlpOptions { Solver = TrainingSolver.LevenbergMarquardt }));
        Assert.Contains("--loss mse", classifier.Message);
        Assert.Contains("another solver (lbfgs, scg or rprop)", classifier.Message);

        // With mse on its probabilities, as MATLAB's trainlm, the classifier trains.
        var labels = Enumerable.Range(0, y.Rows).Select(i => (int)y[i, 0]).ToArray();
        var model = new MlpClassifier<double, int>(new MlpOptions { Solver = TrainingSolver.LevenbergMarquardt, Loss = new MeanSquaredErrorLoss(), HiddenLayers = [4], Epochs = 20 }).Fit(x, labels);
        Assert.Equal("LM iteration", model.History.Unit);
        Assert.True(model.Score(x, labels) > 0.7);
    }

    [Fact]
    public void Levenberg_marquardt_stops_when_the_damping_passes_its_maximum()
    {
        // A linear network, a least-squares line: at its minimum (slope 1.98, intercept 1.03) no step lowers the error any
        // more, so μ rises past μmax.
        var x = Matrix<double>.FromRows([[0.0], [1.0], [2.0], [3.0]]);
        var y = Matrix<double>.FromRows([[1.0], [3.1], [4.9], [7.0]]);
        var network = NeuralNetwork<double>.Create([1, 1], Activation.Identity, Activation.Identity, Initializer.Zeros, 0);
        var history = Trainer.Train(network, x, y, new MeanSquaredErrorLoss(), new TrainingOptions
        {
            Solver = TrainingSolver.LevenbergMarquardt,
            Epochs = 100,
            Tolerance = 0,
            LevenbergMarquardt = new LevenbergMarquardtOptions { Maximum = 1e4 },
        });
        Assert.Equal(OptimizationStopReason.DampingLimit, history.StopReason);
        Assert.InRange(history.Epochs.Count, 1, 10);
        Assert.Equal(1.98, network.Layers[0].Weights[0, 0], 1e-9);
        Assert.Equal(1.03, network.Layers[0].Bias[0, 0], 1e-9);
    }

    [Fact]
    public void The_automatic_solver_is_lbfgs_up_to_the_row_limit()
    {
        var o = new MlpOptions();
        Assert.Null(o.Solver);
        Assert.Equal(TrainingSolver.Lbfgs, o.SolverFor(MlpOptions.LbfgsRowLimit));
        Assert.Equal(TrainingSolver.GradientDescent, o.SolverFor(MlpOptions.LbfgsRowLimit + 1));
        Assert.Equal(TrainingSolver.Rprop, (o with { Solver = TrainingSolver.Rprop }).SolverFor(10));

        var (x, y) = Blobs();
        var labels = Enumerable.Range(0, y.Rows).Select(i => (int)y[i, 0]).ToArray();
        var model = new MlpClassifier<double, int>(new MlpOptions { HiddenLayers = [4], Epochs = 15 }).Fit(x, labels);
        Assert.Equal("L-BFGS iteration", model.History.Unit);
        Assert.NotNull(model.History.StopReason);
    }

    [Fact]
    public void Solver_options_out_of_range_are_refused_with_their_name()
    {
        Assert.Contains("Δmin", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { Rprop = new RpropOptions { MinimumStep = 1 } }.Validated()).Message);
        Assert.Contains("μ decrease", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { LevenbergMarquardt = new LevenbergMarquardtOptions { Decrease = 2 } }.Validated()).Message);
        Assert.Contains("σ", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { ScaledConjugateGradient = new ScaledConjugateGradientOptions { Sigma = 0 } }.Validated()).Message);
        Assert.Contains("tolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new MlpOptions { Tolerance = -1 }.Validate()).Message);
    }

    private sealed class SynchronousProgress(Action<EpochRecord> report) : IProgress<EpochRecord>
    {
        public void Report(EpochRecord value) => report(value);
    }
}
