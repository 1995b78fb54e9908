using Nabla.Activations;
using Nabla.Estimators;
using Nabla.Losses;
using Nabla.Mlp;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Tests.Cli;
using Nabla.Training;

namespace Nabla.Tests.Losses;

public sealed class ClassWeightedLossTests
{
    [Fact]
    public void A_weighted_log_loss_is_the_sum_of_each_rows_loss_times_its_class_weight_over_n()
    {
        // Two classes, one sigmoid unit: rows of class 0 weigh 0.5, of class 1 weigh 3; by hand from the logits.
        var z = Matrix<double>.FromRows([[0.3], [-1.2], [2.0]]);
        var a = z.Clone();
        Activation.Sigmoid.Forward(z, a);
        var y = Matrix<double>.FromRows([[1.0], [0.0], [1.0]]);
        var loss = new BinaryCrossEntropyLoss().WithClassWeights([0.5, 3]);
        double[] w = [3, 0.5, 3];
        double expected = 0;
        for (int i = 0; i < 3; i++)
        {
            double p = 1 / (1 + Math.Exp(-z[i, 0]));
            expected += w[i] * -(y[i, 0] * Math.Log(p) + (1 - y[i, 0]) * Math.Log(1 - p));
        }

        Assert.Equal(expected / 3, loss.Value(z, a, y, Activation.Sigmoid), 12);
        Assert.Equal(expected / 3, loss.Value(a, y), 12);
        var delta = new Matrix<double>(3, 1);
        loss.OutputDelta(z, a, y, Activation.Sigmoid, delta);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(w[i] * (a[i, 0] - y[i, 0]) / 3, delta[i, 0], 12);
        }

        Assert.Equal("log-loss (mean over samples, class weights 0.5, 3)", loss.ToString());
        Assert.NotEqual(new BinaryCrossEntropyLoss(), loss);
        Assert.Null(new BinaryCrossEntropyLoss().ClassWeights);
    }

    [Fact]
    public void Softmax_cross_entropy_weights_each_one_hot_row_by_its_class()
    {
        var z = Matrix<double>.FromRows([[0.1, 2.0, -1.0], [1.5, 0.2, 0.3]]);
        var a = z.Clone();
        Activation.Softmax.Forward(z, a);
        var y = Matrix<double>.FromRows([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]);
        var loss = new CategoricalCrossEntropyLoss(Reduction.Sum).WithClassWeights([2, 1, 5]);
        double expected = -5 * Math.Log(a[0, 2]) - 2 * Math.Log(a[1, 0]);
        Assert.Equal(expected, loss.Value(z, a, y, Activation.Softmax), 12);
        var delta = new Matrix<double>(2, 3);
        loss.OutputDelta(z, a, y, Activation.Softmax, delta);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(5 * (a[0, j] - y[0, j]), delta[0, j], 12);
            Assert.Equal(2 * (a[1, j] - y[1, j]), delta[1, j], 12);
        }

        Assert.Throws<ArgumentException>(() => new CategoricalCrossEntropyLoss().WithClassWeights([1, 2]).Value(a, y));
        Assert.Throws<ArgumentException>(() => new CategoricalCrossEntropyLoss().WithClassWeights([1, 0, 2]));
        Assert.Throws<ArgumentException>(() => new MeanSquaredErrorLoss().WithClassWeights([1]));
        // A target that names no class would weigh its sample by ≤ 0.
        var number = Matrix<double>.FromRows([[5.0]]);
        Assert.Contains("target rows that name a class", Assert.Throws<ArgumentException>(() => new MeanSquaredErrorLoss().WithClassWeights([1, 0.1]).Value(number, number)).Message);
        // The weights a loss reports cannot change it.
        var weighted = new CategoricalCrossEntropyLoss().WithClassWeights([1, 2, 3]);
        Assert.IsNotType<double[]>(weighted.ClassWeights);
    }

    [Fact]
    public void A_weighted_squared_error_passes_the_gradient_check_through_a_network()
    {
        var random = new Random(5);
        var network = NeuralNetwork<double>.Create([3, 4, 3], Activation.Tanh, Activation.Softmax, Initializer.GlorotUniform, seed: 2);
        var x = new Matrix<double>(6, 3);
        var y = new Matrix<double>(6, 3);
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                x[i, j] = random.NextDouble() * 2 - 1;
            }

            y[i, i % 3] = 1;
        }

        foreach (var loss in new Loss[] { new MeanSquaredErrorLoss().WithClassWeights([0.5, 2, 4]), new CategoricalCrossEntropyLoss().WithClassWeights([0.5, 2, 4]), new BinaryCrossEntropyLoss().WithClassWeights([0.5, 2, 4]) })
        {
            var check = GradientCheck.Run(network, x, y, loss);
            Assert.True(check.MaxRelativeError < 1e-6, $"{loss}: {check.MaxRelativeError}");
        }
    }

    [Fact]
    public void A_weighted_squared_error_after_one_sigmoid_unit_passes_the_gradient_check()
    {
        var network = NeuralNetwork<double>.Create([2, 3, 1], Activation.Tanh, Activation.Sigmoid, Initializer.GlorotUniform, seed: 3);
        var x = Matrix<double>.FromRows([[0.1, -0.4], [0.9, 0.2], [-0.5, 0.7], [0.3, 0.3]]);
        var y = Matrix<double>.FromRows([[1.0], [0.0], [1.0], [0.0]]);
        var check = GradientCheck.Run(network, x, y, new MeanSquaredErrorLoss().WithClassWeights([3, 0.5]));
        Assert.True(check.MaxRelativeError < 1e-6, check.MaxRelativeError.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_class_weight_of_three_gives_the_gradients_of_three_copies_of_its_rows()
    {
        // Σ-reduced weighted loss on the data = Σ-reduced loss on the data with each class-1 row three times, so the
        // gradients are equal to rounding: the weight follows the row through any batch.
        var random = new Random(6);
        var rows = Enumerable.Range(0, 12).Select(_ => new[] { random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1 }).ToArray();
        double[] labels = [.. rows.Select(r => r[0] + r[1] > 0 ? 1.0 : 0.0)];
        var copies = rows.Zip(labels).SelectMany(p => Enumerable.Repeat(p, p.Second == 1 ? 3 : 1)).ToArray();
        NeuralNetwork<double> Net() => NeuralNetwork<double>.Create([2, 3, 1], Activation.Tanh, Activation.Sigmoid, Initializer.GlorotUniform, seed: 7);
        var weighted = Net();
        weighted.ComputeGradients(Matrix<double>.FromRows(rows), Matrix<double>.FromRows([.. labels.Select(l => new[] { l })]), new BinaryCrossEntropyLoss(Reduction.Sum).WithClassWeights([1, 3]));
        var repeated = Net();
        repeated.ComputeGradients(Matrix<double>.FromRows([.. copies.Select(c => c.First)]), Matrix<double>.FromRows([.. copies.Select(c => new[] { c.Second })]), new BinaryCrossEntropyLoss(Reduction.Sum));
        for (int p = 0; p < weighted.Parameters.Count; p++)
        {
            var g = weighted.Parameters[p].Gradient.AsReadOnlySpan();
            var h = repeated.Parameters[p].Gradient.AsReadOnlySpan();
            for (int i = 0; i < g.Length; i++)
            {
                Assert.Equal(h[i], g[i], 10);
            }
        }
    }

    [Theory]
    [InlineData(TrainingSolver.Lbfgs)]
    [InlineData(TrainingSolver.GradientDescent)]
    public void Balanced_weights_raise_an_mlps_recall_of_a_rare_class(TrainingSolver solver)
    {
        // 1 row in 10 is of class b, whose values overlap a's (as for logistic regression); recall on fresh rows.
        var random = new Random(2);
        (Matrix<double> X, string[] Y) Draw(int n)
        {
            var rows = Enumerable.Range(0, n).Select(i => i % 10 == 0 ? "b" : "a").Select(c => (Class: c, X: (c == "b" ? 1.0 : 0) + random.NextDouble() * 1.6 - 0.8)).ToArray();
            return (Matrix<double>.FromRows([.. rows.Select(r => new[] { r.X })]), [.. rows.Select(r => r.Class)]);
        }

        var (x, y) = Draw(400);
        var (testX, testY) = Draw(2000);
        double Recall(ClassWeights? w) => new MlpClassifier<double, string>(new MlpOptions
        {
            HiddenLayers = [2], Solver = solver, ClassWeights = w, Epochs = 200, ValidationFraction = 0, LearningRate = 0.05, L2 = 1e-2, Seed = 1,
        }).Fit(x, y).Evaluate(testX, testY).ConfusionMatrix.Recall(1);
        double balanced = Recall(ClassWeights.Balanced), plain = Recall(null);
        Assert.True(balanced > plain + 0.2, $"{balanced} vs {plain}");
    }

    [Fact]
    public void Class_weights_are_refused_where_they_cannot_apply()
    {
        Assert.Contains("a regressor has none", Assert.Throws<ArgumentException>(() => new MlpRegressor<double>(new MlpOptions { ClassWeights = ClassWeights.Balanced })).Message);
        Assert.Contains("give them as MlpOptions.ClassWeights", Assert.Throws<ArgumentException>(() => new MlpClassifier<double, string>(new MlpOptions
        {
            Loss = new BinaryCrossEntropyLoss().WithClassWeights([1, 2]),
        })).Message);
        var x = Matrix<double>.FromRows([[0.0], [1.0], [2.0]]);
        Assert.Contains("2 class weights were given, but there are 3 classes",
            Assert.Throws<ArgumentException>(() => new MlpClassifier<double, string>(new MlpOptions { ClassWeights = ClassWeights.Of(1, 2) }).Fit(x, ["a", "b", "c"])).Message);
    }

    [Fact]
    public void The_command_line_trains_a_weighted_mlp_and_saves_the_weights()
    {
        using var cli = new CliRunner();
        string data = cli.Flowers();
        string model = cli.PathOf("w.json");
        var (code, _, error) = cli.Run("train", "--data", data, "--target", "species", "--model", "mlp", "--class-weight", "1,2,1", "--save", model, "--quiet");
        Assert.True(code == 0, error);
        Assert.Contains("\"class_weight\": \"1,2,1\"", File.ReadAllText(model), StringComparison.Ordinal);
        var (predicted, output, why) = cli.Run("predict", "--model", model, "--data", data);
        Assert.True(predicted == 0, why);
        Assert.NotEmpty(output);

        // A numeric target has no classes to weigh: one line that names the option.
        string numbers = cli.Write("n.csv", "x,y\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{i},{i * 0.5}\n")));
        var (bad, _, message) = cli.Run("train", "--data", numbers, "--target", "y", "--model", "mlp", "--class-weight", "balanced", "--no-save");
        Assert.Equal(1, bad);
        Assert.Contains("--class-weight applies to classification, but this network predicts numbers", message, StringComparison.Ordinal);
        Assert.Single(message.Trim().Split('\n'));
    }
}

public sealed class ClassWeightedLeastSquaresTests
{
    [Fact]
    public void Levenberg_marquardt_weighs_each_residual_by_the_root_of_its_class_weight()
    {
        // ½‖r‖² · Scale must be the weighted mse plus the penalty, and Scale · Jᵀr its gradient, as backpropagation gives it.
        var random = new Random(9);
        var network = NeuralNetwork<double>.Create([2, 3, 3], Activation.Tanh, Activation.Softmax, Initializer.GlorotUniform, seed: 4);
        var x = new Matrix<double>(7, 2);
        var y = new Matrix<double>(7, 3);
        for (int i = 0; i < 7; i++)
        {
            x[i, 0] = random.NextDouble() * 2 - 1;
            x[i, 1] = random.NextDouble() * 2 - 1;
            y[i, i % 3] = 1;
        }

        var loss = new MeanSquaredErrorLoss().WithClassWeights([0.5, 2, 3]);
        const double l2 = 0.01;
        var objective = new NetworkObjective<double>(network, x, y, loss, l2, threads: 1);
        var point = objective.Point();
        var expected = new double[point.Length];
        double value = objective.Evaluate(point, expected);
        var problem = new NetworkLeastSquares<double>(network, x, y, loss, l2);
        Assert.Equal(value, problem.Scale * problem.Value(point), 10);
        var gram = new double[point.Length * point.Length];
        var gradient = new double[point.Length];
        Assert.Equal(value, problem.Scale * problem.Linearize(point, gram, gradient), 10);
        for (int j = 0; j < point.Length; j++)
        {
            Assert.Equal(expected[j], problem.Scale * gradient[j], 10);
        }

        // And the classifier trains with them.
        var model = new MlpClassifier<double, int>(new MlpOptions
        {
            HiddenLayers = [3], Solver = TrainingSolver.LevenbergMarquardt, Loss = new MeanSquaredErrorLoss(), ClassWeights = ClassWeights.Balanced, Epochs = 20, ValidationFraction = 0,
        }).Fit(x, [.. Enumerable.Range(0, 7).Select(i => i % 3)]);
        Assert.Equal(3, model.Classes.Count);
    }
}
