using Nabla.Cli.Evaluation;
using Nabla.Metrics;
using Nabla.Tensors;

namespace Nabla.Tests.Cli;

/// <summary>The chunked scores of <c>nabla evaluate</c> against the library's metrics over all rows at once.</summary>
public sealed class EvaluationTallyTests
{
    private static readonly int[] ChunkSizes = [1, 7, 100, 1000];

    [Theory]
    [InlineData(2, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    public void Classification_figures_equal_the_metrics_over_all_rows(int classCount, int seed)
    {
        var random = new Random(seed);
        int n = 2500;
        var truth = Enumerable.Range(0, n).Select(_ => random.Next(classCount)).ToArray();
        var predicted = truth.Select(k => random.NextDouble() < 0.7 ? k : random.Next(classCount)).ToArray();
        var p = new Matrix<double>(n, classCount);
        for (int i = 0; i < n; i++)
        {
            // Rounded scores, so that the AUC meets ties; one exact 0 to reach the clipping of log-loss.
            var row = Enumerable.Range(0, classCount).Select(_ => Math.Round(random.NextDouble(), 2) + 1e-3).ToArray();
            double sum = row.Sum();
            for (int k = 0; k < classCount; k++)
            {
                p[i, k] = i == 5 ? (k == truth[i] ? 0 : 1.0 / (classCount - 1)) : row[k] / sum;
            }
        }

        string[] classes = [.. Enumerable.Range(0, classCount).Select(k => $"c{k}")];
        var tally = new ClassificationTally(classes, probabilities: true);
        foreach (var (start, count) in Chunks(n))
        {
            tally.Add(truth[start..(start + count)], predicted[start..(start + count)], p.SelectRows([.. Enumerable.Range(start, count)]));
        }

        var expected = new ConfusionMatrix<string>([.. truth.Select(k => classes[k])], [.. predicted.Select(k => classes[k])], classes);
        Assert.Equal(n, tally.Rows);
        Assert.Equal(expected.ToArray(), tally.Matrix.ToArray());
        Assert.Equal(ClassificationMetrics.LogLoss(p, truth), tally.LogLoss);
        // Two classes: the second as positive; more: the mean of each class's AUC against the rest.
        double OneVersusRest(int k) => ClassificationMetrics.RocAuc([.. Enumerable.Range(0, n).Select(i => p[i, k])], [.. truth.Select(c => c == k)]);
        double auc = classCount == 2 ? OneVersusRest(1) : Enumerable.Range(0, classCount).Average(OneVersusRest);
        Assert.Equal(auc, tally.RocAuc()!.Value.Auc, 14);
        Assert.Equal(0, tally.RocAuc()!.Value.ErrorBound);
    }

    [Theory]
    [InlineData(2)]   // ties: scores of two decimals, each a bin of its own
    [InlineData(12)]  // almost every score distinct, many sharing a bin
    public void Beyond_the_exact_rows_the_auc_comes_from_a_histogram_within_its_bound(int decimals)
    {
        var random = new Random(decimals);
        int n = 20_000;
        var truth = Enumerable.Range(0, n).Select(_ => random.Next(2)).ToArray();
        var scores = truth.Select(k => Math.Round(Math.Clamp(0.5 + (k - 0.5) * 0.3 + 0.8 * (random.NextDouble() - 0.5), 0, 1), decimals)).ToArray();
        var p = new Matrix<double>(n, 2);
        for (int i = 0; i < n; i++)
        {
            (p[i, 0], p[i, 1]) = (1 - scores[i], scores[i]);
        }

        var tally = new ClassificationTally(["a", "b"], probabilities: true, exactAucRows: 5_000);
        foreach (var (start, count) in Chunks(n))
        {
            tally.Add(truth[start..(start + count)], truth[start..(start + count)], p.SelectRows([.. Enumerable.Range(start, count)]));
        }

        double exact = ClassificationMetrics.RocAuc(scores, [.. truth.Select(k => k == 1)]);
        var (auc, bound) = tally.RocAuc()!.Value;
        Assert.InRange(Math.Abs(auc - exact), 0, bound + 1e-12);
        if (decimals == 2)
        {
            Assert.Equal(exact, auc, 12); // bins finer than the ties: every pair in one bin is a tie, which counts one half either way
        }
        else
        {
            Assert.InRange(bound, 1e-9, 1e-3);
        }
    }

    [Fact]
    public void Beyond_the_exact_rows_more_classes_take_the_mean_of_their_histogram_aucs_within_the_bound()
    {
        var random = new Random(9);
        int n = 6000, k = 3;
        var truth = Enumerable.Range(0, n).Select(_ => random.Next(k)).ToArray();
        var p = new Matrix<double>(n, k);
        for (int i = 0; i < n; i++)
        {
            var row = Enumerable.Range(0, k).Select(c => (c == truth[i] ? 1.5 : 1.0) * random.NextDouble() + 1e-9).ToArray();
            for (int c = 0; c < k; c++)
            {
                p[i, c] = row[c] / row.Sum();
            }
        }

        var tally = new ClassificationTally(["a", "b", "c"], probabilities: true, exactAucRows: 1000);
        foreach (var (start, count) in Chunks(n))
        {
            tally.Add(truth[start..(start + count)], truth[start..(start + count)], p.SelectRows([.. Enumerable.Range(start, count)]));
        }

        double exact = Enumerable.Range(0, k).Average(c => ClassificationMetrics.RocAuc([.. Enumerable.Range(0, n).Select(i => p[i, c])], [.. truth.Select(t => t == c)]));
        var (auc, bound) = tally.RocAuc()!.Value;
        Assert.InRange(bound, 1e-9, 1e-2);
        Assert.InRange(Math.Abs(auc - exact), 0, bound + 1e-12);
    }

    [Fact]
    public void No_probabilities_and_one_class_present_give_no_log_loss_or_auc()
    {
        var tally = new ClassificationTally(["a", "b"], probabilities: false);
        tally.Add([0, 1], [0, 0], null);
        Assert.Null(tally.LogLoss);
        Assert.Null(tally.RocAuc());

        var oneClass = new ClassificationTally(["a", "b"], probabilities: true);
        oneClass.Add([1, 1], [1, 0], new Matrix<double>(2, 2, [0.2, 0.8, 0.6, 0.4]));
        Assert.Null(oneClass.RocAuc());
        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.4)) / 2, oneClass.LogLoss!.Value, 15);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Regression_figures_equal_the_metrics_over_all_rows(int targets)
    {
        var random = new Random(targets);
        int n = 3000;
        var y = new Matrix<double>(n, targets);
        var predicted = new Matrix<double>(n, targets);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < targets; j++)
            {
                // A large offset tests the running mean's stability; the last target of three is constant.
                y[i, j] = j == 2 ? 4 : 1e6 + 10 * random.NextDouble();
                predicted[i, j] = j == 2 ? 4 : y[i, j] + random.NextDouble() - 0.5;
            }
        }

        var tally = new RegressionTally(targets);
        foreach (var (start, count) in Chunks(n))
        {
            int[] rows = [.. Enumerable.Range(start, count)];
            tally.Add(y.SelectRows(rows), predicted.SelectRows(rows));
        }

        var report = tally.Report();
        Assert.Equal(n, tally.Rows);
        Assert.Equal(RegressionMetrics.MeanSquaredError(y, predicted), report.MeanSquaredError);
        Assert.Equal(RegressionMetrics.MeanAbsoluteError(y, predicted), report.MeanAbsoluteError);
        Assert.Equal(RegressionMetrics.R2(y, predicted), report.R2, 1e-10);
    }

    // Chunks of varying sizes, as the last chunk of a file is shorter than the rest.
    private static IEnumerable<(int Start, int Count)> Chunks(int n)
    {
        int start = 0;
        for (int c = 0; start < n; c++)
        {
            int count = Math.Min(ChunkSizes[c % ChunkSizes.Length], n - start);
            yield return (start, count);
            start += count;
        }
    }
}
