using Nabla.Estimators;
using Nabla.Linear;
using Nabla.Tensors;
using Nabla.Training;
using Nabla.Tests.Cli;

namespace Nabla.Tests.Linear;

public sealed class ClassWeightTests
{
    [Fact]
    public void Balanced_weights_are_n_over_k_times_the_class_count() =>
        // Counts 3 and 1 of 4 rows, 2 classes: 4/(2·3) and 4/(2·1).
        Assert.Equal([4 / 6.0, 4 / 6.0, 2, 4 / 6.0], ClassWeights.Balanced.RowWeights([0, 0, 1, 0], 2));

    [Fact]
    public void A_weight_of_three_fits_as_three_copies_of_the_row()
    {
        // (1/n) Σ wᵢ ℓᵢ + (λ/2)‖W‖² with wᵢ = 3 on class b equals the data with each b row three times, at λ' = λ n / n'.
        var random = new Random(4);
        var rows = Enumerable.Range(0, 60).Select(_ => new[] { random.NextDouble() * 4 - 2, random.NextDouble() * 4 - 2 }).ToArray();
        string[] labels = [.. rows.Select(r => r[0] + 0.5 * r[1] + 0.4 * (random.NextDouble() - 0.5) > 0.6 ? "b" : "a")];
        double lambda = 0.01;
        var weighted = new LogisticRegression<double, string>(new LogisticRegressionOptions { L2Penalty = lambda, ClassWeights = ClassWeights.Of(1, 3), Tolerance = 1e-10 })
            .Fit(Matrix<double>.FromRows(rows), labels);
        var copies = rows.Zip(labels).SelectMany(p => Enumerable.Repeat(p, p.Second == "b" ? 3 : 1)).ToArray();
        var duplicated = new LogisticRegression<double, string>(new LogisticRegressionOptions { L2Penalty = lambda * rows.Length / copies.Length, Tolerance = 1e-10 })
            .Fit(Matrix<double>.FromRows([.. copies.Select(p => p.First)]), [.. copies.Select(p => p.Second)]);
        for (int j = 0; j < 2; j++)
        {
            Assert.Equal(duplicated.Coefficients[0, j], weighted.Coefficients[0, j], 6);
        }

        Assert.Equal(duplicated.Intercepts[0], weighted.Intercepts[0], 6);
    }

    [Fact]
    public void Balanced_weights_raise_the_recall_of_a_rare_class_and_are_checked()
    {
        // 1 row in 10 is of class b, whose values overlap a's.
        var random = new Random(2);
        var rows = Enumerable.Range(0, 400).Select(i => (Class: i % 10 == 0 ? "b" : "a", X: 0.0)).Select(r => (r.Class, X: (r.Class == "b" ? 1.0 : 0) + random.NextDouble() * 1.6 - 0.8)).ToArray();
        var x = Matrix<double>.FromRows([.. rows.Select(r => new[] { r.X })]);
        string[] y = [.. rows.Select(r => r.Class)];
        double Recall(ClassWeights? w) => new LogisticRegression<double, string>(new LogisticRegressionOptions { L2Penalty = 1e-4, ClassWeights = w }).Fit(x, y).Evaluate(x, y).ConfusionMatrix.Recall(1);
        Assert.True(Recall(ClassWeights.Balanced) > Recall(null) + 0.2, $"{Recall(ClassWeights.Balanced)} vs {Recall(null)}");

        Assert.Contains("3 class weights were given, but there are 2 classes", Assert.Throws<ArgumentException>(() => new LogisticRegression<double, string>(new LogisticRegressionOptions { ClassWeights = ClassWeights.Of(1, 2, 3) }).Fit(x, y)).Message);
        Assert.Throws<ArgumentException>(() => ClassWeights.Of(1, 0));
    }

    [Fact]
    public void Gradient_descent_reaches_the_weighted_optimum_that_lbfgs_finds()
    {
        // The same weighted objective J = (1/n) Σ wᵢ ℓᵢ + (λ/2)‖W‖²: full-batch gradient descent to a tight tolerance and
        // L-BFGS meet at its one minimum, so gd applies the weights as L-BFGS does.
        var random = new Random(8);
        var rows = Enumerable.Range(0, 80).Select(_ => new[] { random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1 }).ToArray();
        string[] labels = [.. rows.Select(r => r[0] - r[1] + 0.8 * (random.NextDouble() - 0.5) > 0.5 ? "b" : r[1] > 0.3 ? "c" : "a")];
        var x = Matrix<double>.FromRows(rows);
        var weights = ClassWeights.Of(1, 4, 2);
        var lbfgs = new LogisticRegression<double, string>(new LogisticRegressionOptions { L2Penalty = 0.05, ClassWeights = weights, Tolerance = 1e-9 }).Fit(x, labels);
        var gd = new LogisticRegression<double, string>(new LogisticRegressionOptions
        {
            L2Penalty = 0.05, ClassWeights = weights, Solver = LogisticRegressionSolver.GradientDescent, LearningRate = 1, BatchSize = 0,
            MaxIterations = 20000, Tolerance = 1e-7, ValidationFraction = 0,
        }).Fit(x, labels);
        Assert.Equal(OptimizationStopReason.GradientTolerance, gd.StopReason);
        for (int k = 0; k < 3; k++)
        {
            for (int j = 0; j < 2; j++)
            {
                Assert.Equal(lbfgs.Coefficients[k, j], gd.Coefficients[k, j], 4);
            }
        }

        var unweighted = new LogisticRegression<double, string>(new LogisticRegressionOptions { L2Penalty = 0.05, Tolerance = 1e-9 }).Fit(x, labels);
        Assert.True(Math.Abs(unweighted.Coefficients[1, 0] - lbfgs.Coefficients[1, 0]) > 0.05); // the weights change the answer
    }

    [Fact]
    public void A_weighted_perceptron_takes_the_weighted_steps_by_hand()
    {
        // Rows (a, x = 2), (b, x = 1), η = 1, weights a 1, b 3; w = [b, w₁] from 0, a tie (w·x = 0) decides b (+1).
        // Epoch 1: a is misread: w += 1·(−2)[1, 2] = [−2, −4]; b: −6 < 0, misread: w += 3·2·[1, 1] = [4, 2].
        // Epoch 2: a: 8 ≥ 0, misread: w = [2, −2]; b: 0, right. Epoch 3: a −2, b 0: both right.
        var x = Matrix<double>.FromRows([[2.0], [1.0]]);
        var model = new Nabla.Neurons.Perceptron<double, string>(new Nabla.Neurons.PerceptronOptions { ClassWeights = ClassWeights.Of(1, 3) }).Fit(x, ["a", "b"]);
        Assert.Equal(new[,] { { 2.0, -2.0 } }, model.Weights.ToArray());
        Assert.Equal(3, model.Updates);
        Assert.Equal([2, 1, 0], model.ErrorsPerEpoch);
        Assert.Null(model.Convergence); // the theorem counts unweighted steps
    }

    [Fact]
    public void The_command_line_takes_class_weights_and_saves_them()
    {
        using var cli = new CliRunner();
        string data = cli.Flowers();
        string model = cli.PathOf("w.json");
        var (code, _, error) = cli.Run("train", "--data", data, "--target", "species", "--model", "logistic", "--class-weight", "balanced", "--save", model, "--quiet");
        Assert.True(code == 0, error);
        Assert.Contains("\"class_weight\": \"balanced\"", File.ReadAllText(model), StringComparison.Ordinal);

        // The recall of each class, on the test rows, in the text and in --json (where a never-predicted class shows as 0).
        var (_, text, _) = cli.Run("train", "--data", data, "--target", "species", "--model", "logistic", "--no-save");
        Assert.Matches(@"Recall per class \(test rows\): setosa [01]\.\d{4}, versicolor [01]\.\d{4}, virginica [01]\.\d{4}\n", text.ReplaceLineEndings("\n"));
        var (_, json, _) = cli.Run("train", "--data", data, "--target", "species", "--model", "logistic", "--no-save", "--json");
        var recall = System.Text.Json.Nodes.JsonNode.Parse(json)!["recall"]!;
        Assert.Equal("test", (string?)recall["rows"]);
        var perClass = recall["per_class"]!.AsObject();
        Assert.Equal(["setosa", "versicolor", "virginica"], perClass.Select(p => p.Key));
        Assert.All(perClass, p => Assert.InRange((double)p.Value!, 0, 1));
        var (bad, _, message) = cli.Run("train", "--data", data, "--target", "species", "--model", "logistic", "--class-weight", "1,2", "--no-save");
        Assert.Equal(1, bad);
        Assert.Contains("2 class weights were given, but there are 3 classes", message, StringComparison.Ordinal);
        var (usage, _, why) = cli.Run("train", "--data", data, "--model", "logistic", "--class-weight", "heavy", "--no-save");
        Assert.Equal(2, usage); // a value the option does not take, as for every hyperparameter
        Assert.Contains("'heavy' is not none, balanced, or weights > 0 separated by commas", why, StringComparison.Ordinal);
    }
}
