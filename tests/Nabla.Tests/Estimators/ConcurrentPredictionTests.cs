using Nabla.Activations;
using Nabla.Bayes;
using Nabla.Data;
using Nabla.Estimators;
using Nabla.Linear;
using Nabla.Mlp;
using Nabla.Neurons;
using Nabla.Tensors;

namespace Nabla.Tests.Estimators;

/// <summary>
/// One fitted model, many threads predicting at once: every answer must be bit for bit the one a single thread gets.
/// Batches of different sizes are mixed so that per-batch-size buffers, if shared, would be overwritten mid-pass.
/// </summary>
public class ConcurrentPredictionTests
{
    private const int Threads = 8;
    private const int Iterations = 1500;
    private static readonly int[] BatchRows = [1, 7, 64, 200];

    [Fact]
    public void Mlp_classifier_with_two_classes_predicts_the_same_from_many_threads()
    {
        var data = SyntheticData.Moons(count: 200, noise: 0.15, seed: 3);
        var model = new MlpClassifier<double, int>(new MlpOptions { HiddenLayers = [16, 16], Epochs = 20, Seed = 1 })
            .Fit(data.Features, data.Labels);
        Assert.Equal(1, model.Network.OutputSize);
        AssertClassifierIsThreadSafe(model, data.Features);
    }

    [Fact]
    public void Mlp_classifier_with_three_classes_predicts_the_same_from_many_threads()
    {
        var data = ThreeGaussians(seed: 4);
        var model = new MlpClassifier<double, int>(new MlpOptions { HiddenLayers = [12], Epochs = 20, Activation = Activation.Tanh, Seed = 2 })
            .Fit(data.Features, data.Labels);
        Assert.Equal(3, model.Network.OutputSize);
        AssertClassifierIsThreadSafe(model, data.Features);
    }

    [Fact]
    public void Mlp_regressor_predicts_the_same_from_many_threads()
    {
        var data = SyntheticData.Moons(count: 200, noise: 0.1, seed: 5);
        var x = data.Features;
        var y = new Matrix<double>(x.Rows, 2);
        for (int i = 0; i < x.Rows; i++)
        {
            y[i, 0] = Math.Sin(x[i, 0]) + x[i, 1];
            y[i, 1] = 10 * x[i, 0] * x[i, 1];
        }

        var model = new MlpRegressor<double>(new MlpOptions { HiddenLayers = [16], Epochs = 20, Seed = 3 }).Fit(x, y);
        var batches = Batches(x);
        var expected = batches.Select(model.Predict).ToArray();
        RunTogether(batches.Length, (b, _) => BitsDiffer(model.Predict(batches[b]), expected[b]) ? 1 : 0);
    }

    [Fact]
    public void Perceptron_predicts_the_same_from_many_threads()
    {
        var data = ThreeGaussians(seed: 6);
        var model = new Perceptron<double, int>(new PerceptronOptions { MaxEpochs = 20 }).Fit(data.Features, data.Labels);
        Assert.Equal(3, model.Classes.Count);
        AssertClassifierIsThreadSafe(model, data.Features);
    }

    [Fact]
    public void Binary_logistic_regression_predicts_the_same_from_many_threads()
    {
        var data = SyntheticData.Moons(count: 200, noise: 0.2, seed: 7);
        var model = new LogisticRegression<double, int>().Fit(data.Features, data.Labels);
        Assert.Equal(1, model.Coefficients.Rows);
        AssertClassifierIsThreadSafe(model, data.Features);
    }

    [Fact]
    public void Multinomial_logistic_regression_predicts_the_same_from_many_threads()
    {
        var data = ThreeGaussians(seed: 8);
        var model = new LogisticRegression<double, int>().Fit(data.Features, data.Labels);
        Assert.Equal(3, model.Coefficients.Rows);
        AssertClassifierIsThreadSafe(model, data.Features);
    }

    [Fact]
    public void Bayes_classifier_predicts_the_same_from_many_threads()
    {
        var data = ThreeGaussians(seed: 9);
        var model = new BayesClassifier<double, int>().Fit(data.Features, data.Labels);
        AssertClassifierIsThreadSafe(model, data.Features);
    }

    private static SyntheticDataset ThreeGaussians(int seed) =>
        SyntheticData.GaussianClasses([[0.0, 0.0], [3.0, 0.5], [1.0, 3.0]], [1.0, 0.8, 1.2], [70, 70, 60], seed);

    /// <summary>Batches of 1, 7, 64 and 200 rows cut (with wrap-around) from different places of <paramref name="x"/>.</summary>
    private static Matrix<double>[] Batches(Matrix<double> x) =>
        [.. BatchRows.Select((rows, b) =>
        {
            var batch = new Matrix<double>(rows, x.Columns);
            for (int i = 0; i < rows; i++)
            {
                x.Row((13 * b + i) % x.Rows).CopyTo(batch.Row(i));
            }

            return batch;
        })];

    private static void AssertClassifierIsThreadSafe<TLabel>(Classifier<double, TLabel> model, Matrix<double> x)
        where TLabel : notnull
    {
        var batches = Batches(x);
        var labels = batches.Select(model.Predict).ToArray();
        var probabilities = model.SupportsProbabilities ? batches.Select(model.PredictProbabilities).ToArray() : null;

        // Sanity: the batches are not all one answer, so a wrong pass would show as a different label.
        Assert.True(labels[^1].Distinct().Count() > 1);

        RunTogether(batches.Length, (b, iteration) =>
        {
            // Alternate the two calls so that a thread doing one can disturb a thread doing the other.
            if (probabilities is not null && iteration % 2 == 1)
            {
                return BitsDiffer(model.PredictProbabilities(batches[b]), probabilities[b]) ? 1 : 0;
            }

            return model.Predict(batches[b]).SequenceEqual(labels[b]) ? 0 : 1;
        });
    }

    /// <summary>
    /// Starts <see cref="Threads"/> threads together (a barrier) and has each run <see cref="Iterations"/> calls of
    /// <paramref name="call"/>(batch, iteration), the batch drawn per iteration from a per-thread seed; the call returns 1
    /// for a wrong answer. Fails with the share of wrong answers, or with the first exception a thread threw.
    /// </summary>
    private static void RunTogether(int batchCount, Func<int, int, int> call)
    {
        int wrong = 0;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        using var barrier = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            var random = new Random(100 + t);
            barrier.SignalAndWait();
            try
            {
                for (int i = 0; i < Iterations; i++)
                {
                    Interlocked.Add(ref wrong, call(random.Next(batchCount), i));
                }
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
            }
        })).ToArray();

        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        Assert.Empty(failures);
        Assert.True(wrong == 0, $"{wrong} of {Threads * Iterations} concurrent calls ({100.0 * wrong / (Threads * Iterations):F2}%) differed from the single-threaded answer.");
    }

    private static bool BitsDiffer(Matrix<double> actual, Matrix<double> expected)
    {
        if (actual.Rows != expected.Rows || actual.Columns != expected.Columns)
        {
            return true;
        }

        var a = actual.AsReadOnlySpan();
        var e = expected.AsReadOnlySpan();
        for (int i = 0; i < a.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(a[i]) != BitConverter.DoubleToInt64Bits(e[i]))
            {
                return true;
            }
        }

        return false;
    }
}
