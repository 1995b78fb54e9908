using Nabla.Sampling;
using Nabla.Linear;
using Nabla.Training;

namespace Nabla.Tests.Linear;

/// <summary>Logistic regression's gradient-descent solver runs on <see cref="Trainer"/>: its optimizers, progress and cancellation.</summary>
public class LogisticGradientDescentTests
{
    /// <summary>Two (or three) Gaussian blobs a few σ apart with one label in ten flipped: separable but for the noise.</summary>
    private static (double[][] X, int[] Y) Blobs(int classes, int perClass, int seed)
    {
        var random = new Random(seed);
        var x = new List<double[]>();
        var y = new List<int>();
        for (int k = 0; k < classes; k++)
        {
            double cx = 2 * Math.Cos(2 * Math.PI * k / classes), cy = 2 * Math.Sin(2 * Math.PI * k / classes);
            for (int i = 0; i < perClass; i++)
            {
                x.Add([cx + 0.7 * random.NextGaussian(), cy + 0.7 * random.NextGaussian()]);
                y.Add(random.Next(10) == 0 ? (k + 1) % classes : k);
            }
        }

        return (x.ToArray(), y.ToArray());
    }

    private static LogisticRegression<double, int> Fit(double[][] x, int[] y, LogisticRegressionOptions options) =>
        new LogisticRegression<double, int>(options with { L2Penalty = 1e-2 }).Fit(x, y);

    [Theory]
    [InlineData(2, "sgd", 1.0, true)]
    [InlineData(2, "nesterov", 0.2, true)]
    [InlineData(2, "momentum", 0.2, false)]
    [InlineData(3, "sgd", 1.0, true)]
    [InlineData(3, "momentum", 0.2, true)]
    public void Gradient_descent_reaches_the_lbfgs_optimum(int classes, string optimizer, double learningRate, bool intercept)
    {
        var (x, y) = Blobs(classes, 30, seed: classes);
        var lbfgs = Fit(x, y, new LogisticRegressionOptions { Tolerance = 1e-12, FitIntercept = intercept });
        var gd = Fit(x, y, new LogisticRegressionOptions
        {
            Solver = LogisticRegressionSolver.GradientDescent,
            Optimizer = Optimizer.ParseKind(optimizer),
            LearningRate = learningRate,
            MaxIterations = 20000,
            Tolerance = 1e-8,
            FitIntercept = intercept,
        });

        Assert.True(gd.Converged, $"{optimizer}: ‖∇J‖∞ = {gd.GradientNorm} after {gd.Iterations} epochs");
        Assert.Equal(OptimizationStopReason.GradientTolerance, gd.StopReason);
        Assert.True(gd.GradientNorm <= 1e-8);
        Assert.Equal(gd.Iterations + 1, gd.LossHistory.Count);
        for (int k = 0; k < lbfgs.Coefficients.Rows; k++)
        {
            for (int j = 0; j < 2; j++)
            {
                Assert.Equal(lbfgs.Coefficients[k, j], gd.Coefficients[k, j], 1e-4);
            }

            Assert.Equal(lbfgs.Intercepts[k], gd.Intercepts[k], 1e-4);
            if (!intercept)
            {
                Assert.Equal(0, gd.Intercepts[k]);
            }
        }
    }

    [Fact]
    public void Progress_reports_one_record_per_epoch()
    {
        var (x, y) = Blobs(3, 20, seed: 1);
        var records = new List<EpochRecord>();
        var model = Fit(x, y, new LogisticRegressionOptions
        {
            Solver = LogisticRegressionSolver.GradientDescent,
            Optimizer = OptimizerKind.Adam,
            LearningRate = 0.05,
            BatchSize = 8,
            MaxIterations = 25,
            Tolerance = 0,
            Progress = new Recorder(records.Add),
        });

        Assert.Equal(25, model.Iterations);
        Assert.Equal(Enumerable.Range(1, 25), records.Select(r => r.Epoch));
        Assert.Equal(26, model.LossHistory.Count);
        Assert.False(model.Converged);
        Assert.Equal(OptimizationStopReason.MaxIterations, model.StopReason);

        // The trainer's record is the mean log-loss of the epoch's batches, without the penalty.
        Assert.All(records, r => Assert.True(r.Loss > 0 && double.IsFinite(r.Loss)));
        Assert.True(records[^1].Loss < records[0].Loss);
    }

    [Fact]
    public void Cancellation_stops_after_the_current_batch()
    {
        var (x, y) = Blobs(2, 30, seed: 2);
        using var cancel = new CancellationTokenSource();
        var model = Fit(x, y, new LogisticRegressionOptions
        {
            Solver = LogisticRegressionSolver.GradientDescent,
            BatchSize = 10,
            MaxIterations = 1000,
            Tolerance = 0,
            Progress = new Recorder(r =>
            {
                if (r.Epoch == 4)
                {
                    cancel.Cancel();
                }
            }),
            CancellationToken = cancel.Token,
        });

        Assert.True(model.Cancelled);
        Assert.False(model.Converged);
        Assert.Equal(OptimizationStopReason.MaxIterations, model.StopReason);
        Assert.Equal(4, model.Iterations);
        Assert.Equal(5, model.LossHistory.Count);
        Assert.True(double.IsFinite(model.GradientNorm));
    }

    [Fact]
    public void A_schedule_reaches_the_optimizer()
    {
        var (x, y) = Blobs(2, 20, seed: 3);
        LogisticRegression<double, int> Run(string schedule) => Fit(x, y, new LogisticRegressionOptions
        {
            Solver = LogisticRegressionSolver.GradientDescent,
            MaxIterations = 10,
            Tolerance = 0,
            Schedule = LearningRateSchedule.Parse(schedule),
        });

        Assert.NotEqual(Run("constant").LossHistory[^1], Run("step(2,0.1)").LossHistory[^1]);
    }

    [Fact]
    public void Bad_optimizer_options_say_what_is_wrong()
    {
        Assert.Contains("Unknown optimizer kind 99", Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression<double, int>(new LogisticRegressionOptions { Optimizer = (OptimizerKind)99 })).Message);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression<double, int>(new LogisticRegressionOptions { Optimizer = OptimizerKind.Momentum, Momentum = 1 }));
        Assert.Equal(nameof(LogisticRegressionOptions.Momentum), e.ParamName);
        Assert.Contains("[0, 1)", e.Message);
        Assert.Equal(nameof(LogisticRegressionOptions.Schedule), Assert.Throws<ArgumentNullException>(() => new LogisticRegression<double, int>(new LogisticRegressionOptions { Schedule = null! })).ParamName);
        Assert.Contains("thread count", Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression<double, int>(new LogisticRegressionOptions { Threads = -1 })).Message);
    }

    /// <summary>Reports on the training thread (<see cref="Progress{T}"/> would post to a thread-pool thread).</summary>
    private sealed class Recorder(Action<EpochRecord> onReport) : IProgress<EpochRecord>
    {
        public void Report(EpochRecord value) => onReport(value);
    }

    [Fact]
    public void Early_stopping_on_held_out_rows_keeps_the_best_epoch()
    {
        var (x, y) = Blobs(3, 40, seed: 5);
        var model = Fit(x, y, new LogisticRegressionOptions
        {
            Solver = LogisticRegressionSolver.GradientDescent,
            LearningRate = 2,
            MaxIterations = 5000,
            Tolerance = 0,
            ValidationFraction = 0.25,
            Patience = 3,
            BatchSize = 4,
            Seed = 1,
        });
        Assert.True(model.StoppedEarly);
        Assert.True(model.Iterations < 5000);
        Assert.InRange(model.BestEpoch, 1, model.Iterations - 3);
        var history = Nabla.Models.ModelKinds.Logistic.HistoryOf(model)!;
        Assert.True(history.StoppedEarly);
        Assert.Equal(model.BestEpoch, history.BestEpoch);
    }

    [Fact]
    public void Bad_early_stopping_options_name_the_option()
    {
        Assert.Equal(nameof(LogisticRegressionOptions.ValidationFraction), Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression<double, int>(new LogisticRegressionOptions { ValidationFraction = 1 })).ParamName);
        Assert.Equal(nameof(LogisticRegressionOptions.Patience), Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression<double, int>(new LogisticRegressionOptions { Patience = -1 })).ParamName);
    }
}
