using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Training;
using Xunit.Abstractions;

namespace Nabla.Tests.Training;

/// <summary>Each full-batch solver learns XOR and a small smooth regression, in few iterations.</summary>
public class SolverConvergenceTests(ITestOutputHelper output)
{
    private static readonly double[,] XorInputs = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };
    private static readonly double[,] XorLabels = { { 0 }, { 1 }, { 1 }, { 0 } };

    public static TheoryData<TrainingSolver, string, int> XorCases => new()
    {
        // solver, loss, iteration limit
        { TrainingSolver.Lbfgs, "log-loss", 200 },
        { TrainingSolver.LevenbergMarquardt, "mse", 200 },
        { TrainingSolver.Rprop, "log-loss", 500 },
        { TrainingSolver.ScaledConjugateGradient, "log-loss", 300 },
    };

    [Theory, MemberData(nameof(XorCases))]
    public void Learns_xor(TrainingSolver solver, string lossName, int limit)
    {
        var network = NeuralNetwork<double>.Create([2, 3, 1], Activation.Tanh, Activation.Sigmoid, Initializer.GlorotUniform, seed: 0);
        var (x, y) = (Matrix<double>.FromArray(XorInputs), Matrix<double>.FromArray(XorLabels));
        var loss = Loss.Parse(lossName);
        var history = Trainer.Train(network, x, y, loss, new TrainingOptions { Solver = solver, Epochs = limit, Tolerance = 1e-6 });

        output.WriteLine($"{solver}: {history.Epochs.Count} iterations, {lossName} {history.Losses[^1]:G4}, stop {history.StopReason}");
        Assert.True(history.Losses[^1] < 0.01, $"final {lossName} {history.Losses[^1]}");
        Assert.Equal(history.Epochs.Count, history.BestEpoch);
        var p = network.Predict(x);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(XorLabels[i, 0] == 1, p[i, 0] > 0.5);
        }
    }

    public static TheoryData<TrainingSolver, int, double> RegressionCases => new()
    {
        // solver, iteration limit, mse to reach
        { TrainingSolver.Lbfgs, 500, 1e-3 },
        { TrainingSolver.LevenbergMarquardt, 100, 1e-4 },
        { TrainingSolver.Rprop, 1000, 2e-3 },
        { TrainingSolver.ScaledConjugateGradient, 500, 1e-3 },
    };

    [Theory, MemberData(nameof(RegressionCases))]
    public void Fits_a_sine(TrainingSolver solver, int limit, double goal)
    {
        // y = sin(x) on 40 points of [−3, 3] with a 1-8-1 tanh network.
        const int n = 40;
        var x = new Matrix<double>(n, 1);
        var y = new Matrix<double>(n, 1);
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = -3 + 6.0 * i / (n - 1);
            y[i, 0] = Math.Sin(x[i, 0]);
        }

        var network = NeuralNetwork<double>.Create([1, 8, 1], Activation.Tanh, Activation.Identity, Initializer.GlorotUniform, seed: 1);
        var history = Trainer.Train(network, x, y, new MeanSquaredErrorLoss(), new TrainingOptions { Solver = solver, Epochs = limit, Tolerance = 1e-7 });

        output.WriteLine($"{solver}: {history.Epochs.Count} iterations, mse {history.Losses[^1]:G4}, stop {history.StopReason}; " + string.Join(" ", new[] { 1, 5, 10, 20, 50, 99 }.Where(k => k < history.Epochs.Count).Select(k => $"{k}:{history.Losses[k]:G3}")));
        Assert.True(history.Losses[^1] < goal, $"final mse {history.Losses[^1]} after {history.Epochs.Count} iterations");
    }
}
