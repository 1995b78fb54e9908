using System.Text.Json.Nodes;
using Nabla.Estimators;
using Nabla.Linear;
using Nabla.Metrics;
using Nabla.Tensors;
using Nabla.Tests.Cli;

namespace Nabla.Tests.Estimators;

public sealed class PermutationImportanceTests
{
    private static (Matrix<double> X, Matrix<double> Y) Line(int n, int seed)
    {
        // y = 3·x0 exactly; x1 is noise the model has no use for.
        var random = new Random(seed);
        var x = new Matrix<double>(n, 2);
        var y = new Matrix<double>(n, 1);
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = random.NextDouble() * 2 - 1;
            x[i, 1] = random.NextDouble() * 2 - 1;
            y[i, 0] = 3 * x[i, 0];
        }

        return (x, y);
    }

    [Fact]
    public void Each_drop_is_the_baseline_minus_the_score_with_that_shuffle()
    {
        var (x, y) = Line(400, 1);
        var model = new LinearRegression<double>().Fit(x, y);
        var result = PermutationImportance.ForRegressor(model, x, y, repeats: 3, seed: 7);

        // Recompute repeat by repeat: the stream of group g is Random(seed · 1,000,003 + g).
        for (int g = 0; g < 2; g++)
        {
            var random = new Random(7 * 1_000_003 + g);
            for (int r = 0; r < 3; r++)
            {
                int[] order = [.. Enumerable.Range(0, x.Rows)];
                random.Shuffle(order);
                var shuffled = x.Clone();
                for (int i = 0; i < x.Rows; i++)
                {
                    shuffled[i, g] = x[order[i], g];
                }

                Assert.Equal(model.Score(x, y) - RegressionMetrics.R2(y, model.Predict(shuffled)), result[g].Drops[r], 12);
            }
        }

        // Shuffling x0 of y = 3·x0: R² = 1 − E[9(x − x')²] / Var(3x) = 1 − 2 = −1, a drop of about 2; x1 is not used.
        Assert.InRange(result[0].Mean, 1.7, 2.3);
        Assert.InRange(Math.Abs(result[1].Mean), 0, 1e-12);
        Assert.Equal(Math.Sqrt(result[0].Drops.Sum(d => (d - result[0].Mean) * (d - result[0].Mean)) / 3), result[0].StandardDeviation, 15);
        Assert.Equal(result, PermutationImportance.ForRegressor(model, x, y, repeats: 3, seed: 7), new ImportanceComparer());
    }

    [Fact]
    public void A_group_is_shuffled_together_and_bad_groups_are_refused()
    {
        var (x, y) = Line(100, 2);
        var model = new LinearRegression<double>().Fit(x, y);
        var both = Assert.Single(PermutationImportance.ForRegressor(model, x, y, [("all", [0, 1])], repeats: 2));
        Assert.Equal([0, 1], both.Features);
        Assert.Equal(model.Score(x, y), both.Baseline);

        // Shuffled together, each row keeps its pair (x0, x1), and the rows are a permutation of the original ones.
        var pairs = new HashSet<(double, double)>(Enumerable.Range(0, x.Rows).Select(i => (x[i, 0], x[i, 1])));
        int calls = 0;
        PermutationImportance.ForScore(x, m =>
        {
            calls++;
            Assert.All(Enumerable.Range(0, m.Rows), i => Assert.Contains((m[i, 0], m[i, 1]), pairs));
            Assert.Equal(x.Rows, Enumerable.Range(0, m.Rows).Select(i => (m[i, 0], m[i, 1])).Distinct().Count());
            return 0;
        }, [("all", [0, 1])], repeats: 3);
        Assert.Equal(4, calls);
        Assert.Contains("Group 'bad' must name at least one feature, each in [0, 2)", Assert.Throws<ArgumentException>(() => PermutationImportance.ForRegressor(model, x, y, [("bad", [2])])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => PermutationImportance.ForRegressor(model, x, y, repeats: 0));
    }

    [Fact]
    public void The_command_ranks_the_columns_and_a_noise_column_comes_last()
    {
        using var cli = new CliRunner();
        var random = new Random(3);
        var lines = new List<string> { "signal,noise,color,y" };
        for (int i = 0; i < 200; i++)
        {
            double s = random.NextDouble() * 2 - 1;
            lines.Add(FormattableString.Invariant($"{s},{random.NextDouble()},{(random.Next(2) == 0 ? "red" : "blue")},{(s > 0 ? "up" : "down")}"));
        }

        string data = cli.Write("t.csv", string.Join('\n', lines) + "\n");
        string model = cli.PathOf("m.json");
        Assert.Equal(0, cli.Run("train", "--data", data, "--model", "logistic", "--save", model, "--quiet").Code);
        var (code, output, error) = cli.Run("importance", "--model", model, "--data", data, "--json", "--repeats", "4");
        Assert.True(code == 0, error);
        var o = JsonNode.Parse(output)!;
        var columns = o["columns"]!.AsArray();
        Assert.Equal("signal", (string)columns[0]!["column"]!);
        Assert.Equal(3, columns.Count);
        Assert.All(columns.Skip(1), c => Assert.InRange((double)c!["mean"]!, -0.05, 0.05));
        Assert.Equal(4, columns[0]!["drops"]!.AsArray().Count);
        Assert.Equal(1, cli.Run("importance", "--model", model, "--data", data, "--repeats", "0").Code);
    }

    private sealed class ImportanceComparer : IEqualityComparer<FeatureImportance>
    {
        public bool Equals(FeatureImportance? a, FeatureImportance? b) => a!.Name == b!.Name && a.Drops.SequenceEqual(b.Drops);

        public int GetHashCode(FeatureImportance obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
