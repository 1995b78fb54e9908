using System.Globalization;
using System.Text.Json.Nodes;
using Nabla.Models;
using Nabla.Bayes;
using Nabla.IO;
using Nabla.Sampling;
using Nabla.Serialization;
using Nabla.Tensors;

namespace Nabla.Tests.Cli;

/// <summary><c>nabla train --model logistic</c> and <c>--model bayes-gaussian</c>, then predict, evaluate and inspect.</summary>
public sealed class LogisticBayesCliTests : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>2-D Gaussian blobs with unit variance: class k (named A, B, C, …) centred at (2k, 2k) for k &lt; 2, (0, 4) for k = 2.</summary>
    private string Points(string name, int[] sizes, int seed, bool color = false)
    {
        var random = new Random(seed);
        var lines = new List<string> { color ? "x1,x2,color,label" : "x1,x2,label" };
        for (int k = 0; k < sizes.Length; k++)
        {
            var (cx, cy) = k < 2 ? (2.0 * k, 2.0 * k) : (0.0, 4.0);
            for (int i = 0; i < sizes[k]; i++)
            {
                double a = cx + random.NextGaussian(), b = cy + random.NextGaussian();
                string label = ((char)('A' + k)).ToString();
                lines.Add(color ? string.Create(Invariant, $"{a:R},{b:R},{(random.Next(2) == 0 ? "red" : "blue")},{label}") : string.Create(Invariant, $"{a:R},{b:R},{label}"));
            }
        }

        return _cli.Write(name, string.Join('\n', lines) + "\n");
    }

    private static (Matrix<double> X, string[] Y) Read(string path)
    {
        var table = CsvFiles.Read(path);
        var x = new Matrix<double>(table.RowCount, 2);
        for (int i = 0; i < table.RowCount; i++)
        {
            x[i, 0] = double.Parse(table[i, 0], Invariant);
            x[i, 1] = double.Parse(table[i, 1], Invariant);
        }

        return (x, [.. Enumerable.Range(0, table.RowCount).Select(i => table[i, table.Columns.Count - 1])]);
    }

    private JsonObject Train(params string[] args)
    {
        var (code, output, error) = _cli.Run(["train", .. args, "--json"]);
        Assert.True(code == 0, error);
        return JsonNode.Parse(output)!.AsObject();
    }

    private static JsonObject File(string path) => JsonNode.Parse(System.IO.File.ReadAllText(path))!.AsObject();

    /// <summary>predict --probabilities writes exactly the probabilities and decisions of the model read with the library.</summary>
    private void PredictMatchesLibrary(string model, string data)
    {
        var (code, output, error) = _cli.Run("predict", "--model", model, "--data", data, "--probabilities");
        Assert.True(code == 0, error);
        var table = CsvFiles.Read(new StringReader(output), "out");
        var loaded = ModelFile.LoadClassifier<double, string>(model);
        var x = loaded.Preprocessing!.Transform(CsvFiles.Read(data));
        var p = loaded.Model.PredictProbabilities(x);
        var predicted = loaded.Model.Predict(x);
        int first = table.Columns.ToList().IndexOf("prediction");
        Assert.Equal([.. loaded.Model.Classes.Select(c => $"p({c})")], table.Columns.Skip(first + 1));
        for (int i = 0; i < table.RowCount; i++)
        {
            Assert.Equal(predicted[i], table[i, first]);
            for (int k = 0; k < p.Columns; k++)
            {
                Assert.Equal(p[i, k].ToString("R", Invariant), table[i, first + 1 + k]);
            }
        }
    }

    /// <summary>evaluate on every row agrees with the training and test metrics saved by train.</summary>
    private JsonObject EvaluateMatchesTraining(string model, string data)
    {
        var (code, output, error) = _cli.Run("evaluate", "--model", model, "--data", data, "--json");
        Assert.True(code == 0, error);
        var e = JsonNode.Parse(output)!.AsObject();
        var t = File(model)["training"]!;
        double n1 = (int)t["training_rows"]!, n2 = (int)t["test_rows"]!;
        double Both(string metric) => ((double)t["train_metrics"]![metric]! * n1 + (double)t["test_metrics"]![metric]! * n2) / (n1 + n2);
        Assert.Equal(Both("accuracy"), (double)e["accuracy"]!, 12);
        Assert.Equal(Both("loss"), (double)e["log_loss"]!, 12);
        return e;
    }

    [Fact]
    public void Logistic_binary_trains_predicts_evaluates_and_inspects()
    {
        string data = Points("ab.csv", [60, 60], 1);
        string model = _cli.PathOf("lr.json");
        string plots = _cli.PathOf("plots");
        var o = Train("--data", data, "--model", "logistic", "--save", model, "--plots", plots, "--seed", "1");

        Assert.Equal("logistic", (string?)o["model"]);
        Assert.Equal(["A", "B"], o["classes"]!.AsArray().Select(c => (string)c!));
        Assert.InRange((double)o["train"]!["accuracy"]!, 0.85, 1);
        Assert.InRange((double)o["test"]!["accuracy"]!, 0.8, 1);
        var f = File(model);
        Assert.Equal("logistic", (string?)f["model"]);
        var parameters = f["parameters"]!;
        Assert.Equal("gradient-tolerance", (string?)parameters["stop_reason"]);
        int iterations = (int)parameters["iterations"]!;
        var history = o["history"]!.AsArray();
        Assert.Equal(iterations, history.Count);
        Assert.Equal((double)parameters["loss_history"]![iterations]!, (double)history[^1]!["loss"]!);
        Assert.Equal(iterations, (int)o["best_epoch"]!);
        foreach (var plot in new[] { "loss", "confusion-matrix", "decision-regions" })
        {
            Assert.True(System.IO.File.Exists(Path.Combine(plots, plot + ".png")), plot);
        }

        PredictMatchesLibrary(model, data);
        var e = EvaluateMatchesTraining(model, data);
        Assert.InRange((double)e["roc_auc"]!, 0.9, 1);
        Assert.Equal(120, e["confusion_matrix"]!.AsArray().Sum(r => r!.AsArray().Sum(v => (int)v!)));

        var (code, inspect, _) = _cli.Run("inspect", "--model", model);
        Assert.Equal(0, code);
        Assert.Contains("  model       logistic (classification, float64)", inspect);
        Assert.Contains($"    logistic regression over 2 features: P(B | x) = σ(w·x + b), deciding B when it exceeds 0.5; converged after {iterations} L-BFGS iterations", inspect);
        var lr = (Nabla.Linear.LogisticRegression<double, string>)ModelFile.LoadClassifier<double, string>(model).Model;
        string G(double v) => v.ToString("G5", Invariant);
        Assert.Contains($"    B: b = {G(lr.Intercepts[0])}, w = [x1 {G(lr.Coefficients[0, 0])}, x2 {G(lr.Coefficients[0, 1])}]", inspect);
        Assert.Contains("    (values for the features after standard scaling; see preprocessing)", inspect);
        Assert.Contains("  parameters  3\n", inspect.ReplaceLineEndings("\n"));
        Assert.Contains($"    {iterations} L-BFGS iterations, best L-BFGS iteration {iterations}", inspect);
    }

    [Fact]
    public void Logistic_train_text_says_what_model_and_how_training_ended()
    {
        string data = Points("ab.csv", [40, 40], 2);
        var (code, output, error) = _cli.Run("train", "--data", data, "--model", "logistic");
        Assert.True(code == 0, error);
        Assert.Contains("Model: logistic regression (binary: P(B | x) = σ(w·x + b), deciding B when it exceeds 0.5); L-BFGS, L2 auto (chosen by cross-validation among 10 values), at most 1000 iterations.\n", output.ReplaceLineEndings("\n"));
        Assert.Matches(@"L2 auto: λ = [0-9.e-]+ chosen by 5-fold cross-validation \(held-out log-loss [0-9.]+; 10 values from [0-9.e-]+ to [0-9.e-]+(, at an end of the range)?\)\. Converged after \d+ iterations: ‖∇J‖∞ = [0-9.e-]+ ≤ 1e-6\.", output);

        (code, output, error) = _cli.Run("train", "--data", data, "--model", "logistic", "--solver", "gd", "--epochs", "3", "--learning-rate", "0.2", "--l2", "0.0001");
        Assert.True(code == 0, error);
        Assert.Contains("gradient descent with learning rate 0.2, batch full, L2 0.0001, at most 3 iterations.", output);
        Assert.Matches(@"Did not converge in 3 iterations \(‖∇J‖∞ = [0-9.e-]+, above 1e-6\): raise --epochs or --learning-rate, or use --solver lbfgs\.", output);

        (code, output, error) = _cli.Run("train", "--data", data, "--model", "logistic", "--batch-size", "16");
        Assert.True(code == 0, error);
        Assert.Equal("nabla: note: --batch-size applies to --solver gd; L-BFGS always uses the whole training set.\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Logistic_gradient_descent_takes_mini_batches()
    {
        string data = Points("ab.csv", [40, 40], 5);
        string full = _cli.PathOf("full.json"), mini = _cli.PathOf("mini.json");
        Train("--data", data, "--model", "logistic", "--solver", "gd", "--epochs", "20", "--l2", "0.0001", "--save", full);
        var (code, output, error) = _cli.Run("train", "--data", data, "--model", "logistic", "--solver", "gd", "--epochs", "20", "--l2", "0.0001", "--batch-size", "16", "--save", mini);
        Assert.True(code == 0, error);
        Assert.Contains("gradient descent with learning rate 0.1, batch 16, L2 0.0001, at most 20 iterations.", output);
        Assert.Equal(0, (int)File(full)["hyperparameters"]!["batch_size"]!);
        Assert.Equal(16, (int)File(mini)["hyperparameters"]!["batch_size"]!);

        // 64 training rows in batches of 16: four steps an epoch, so after as many epochs the loss is lower than with one.
        double Loss(string path) => (double)File(path)["parameters"]!["loss_history"]!.AsArray()[^1]!;
        Assert.True(Loss(mini) < Loss(full), $"mini-batch {Loss(mini)} against full batch {Loss(full)}");
    }

    [Fact]
    public void Logistic_options_reach_the_saved_model()
    {
        string data = Points("abc.csv", [30, 30, 30], 3);
        string model = _cli.PathOf("gd.json");
        var o = Train("--data", data, "--model", "logistic", "--solver", "gd", "--learning-rate", "0.5", "--epochs", "30", "--l2", "0.01", "--seed", "3", "--save", model);

        var h = File(model)["hyperparameters"]!;
        Assert.Equal("gd", (string?)h["solver"]);
        Assert.Equal(0.5, (double)h["learning_rate"]!);
        Assert.Equal(30, (int)h["epochs"]!);
        Assert.Equal(0.01, (double)h["l2"]!);
        Assert.Equal(3, (int)h["seed"]!);
        Assert.Equal(0.5, (double)h["threshold"]!);
        var p = File(model)["parameters"]!;
        Assert.Equal(3, p["coefficients"]!.AsArray().Count);
        Assert.Equal(3, p["intercepts"]!.AsArray().Count);
        Assert.Equal(30, (int)p["iterations"]!);
        Assert.Equal(31, p["loss_history"]!.AsArray().Count);
        Assert.Equal(30, o["history"]!.AsArray().Count);

        // Gradient descent on a convex objective: the loss falls every epoch.
        var losses = p["loss_history"]!.AsArray().Select(v => (double)v!).ToArray();
        Assert.All(Enumerable.Range(1, losses.Length - 1), i => Assert.True(losses[i] < losses[i - 1], $"J rose at epoch {i}"));

        PredictMatchesLibrary(model, data);
        EvaluateMatchesTraining(model, data);
        var (code, inspect, _) = _cli.Run("inspect", "--model", model);
        Assert.Equal(0, code);
        Assert.Contains("multinomial logistic regression over 2 features: P(k | x) = softmax(Wx + b)ₖ for the 3 classes; stopped after 30 gradient descent iterations (iteration limit", inspect);
        Assert.Contains("    A: b = ", inspect);
        Assert.Contains("    C: b = ", inspect);
        Assert.Contains("  parameters  9\n", inspect.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Logistic_lbfgs_reaches_the_optimum_of_the_penalized_log_loss()
    {
        // Unscaled features, every row for training: the saved θ must zero ∇J = (1/n) Σ (σ(wᵀx + b) − y) [x; 1] + λ [w; 0].
        string data = Points("ab.csv", [50, 50], 4);
        string model = _cli.PathOf("m.json");
        Train("--data", data, "--model", "logistic", "--l2", "0.05", "--scale", "none", "--test-fraction", "0", "--save", model);
        var p = File(model)["parameters"]!;
        double w1 = (double)p["coefficients"]![0]![0]!, w2 = (double)p["coefficients"]![0]![1]!, b = (double)p["intercepts"]![0]!;
        var (x, y) = Read(data);
        double g1 = 0, g2 = 0, gb = 0;
        for (int i = 0; i < x.Rows; i++)
        {
            double r = 1 / (1 + Math.Exp(-(w1 * x[i, 0] + w2 * x[i, 1] + b))) - (y[i] == "B" ? 1 : 0);
            g1 += r * x[i, 0];
            g2 += r * x[i, 1];
            gb += r;
        }

        int n = x.Rows;
        Assert.True(Math.Abs(w1) > 0.5, $"w1 = {w1}");
        Assert.Equal(0, g1 / n + 0.05 * w1, 5);
        Assert.Equal(0, g2 / n + 0.05 * w2, 5);
        Assert.Equal(0, gb / n, 5);
    }

    [Fact]
    public void Logistic_threshold_decides_by_the_given_probability()
    {
        string data = Points("ab.csv", [60, 60], 5);
        string model = _cli.PathOf("t.json");
        Train("--data", data, "--model", "logistic", "--threshold", "0.9", "--save", model);
        Assert.Equal(0.9, (double)File(model)["hyperparameters"]!["threshold"]!);
        var (code, output, _) = _cli.Run("predict", "--model", model, "--data", data, "--probabilities");
        Assert.Equal(0, code);
        var table = CsvFiles.Read(new StringReader(output), "out");
        int between = 0;
        for (int i = 0; i < table.RowCount; i++)
        {
            double pB = double.Parse(table[i, 5], Invariant);
            Assert.Equal(pB > 0.9 ? "B" : "A", table[i, 3]);
            between += pB is > 0.5 and <= 0.9 ? 1 : 0;
        }

        Assert.True(between > 0, "no row had 0.5 < P(B) ≤ 0.9, so the threshold was not tested");
    }

    [Fact]
    public void Bayes_gaussian_trains_predicts_evaluates_and_inspects()
    {
        string data = Points("abc.csv", [40, 40, 40], 6);
        string model = _cli.PathOf("bayes.json");
        string plots = _cli.PathOf("plots");
        var o = Train("--data", data, "--model", "bayes-gaussian", "--save", model, "--plots", plots);

        Assert.Equal("bayes-gaussian", (string?)o["model"]);
        Assert.Empty(o["history"]!.AsArray());
        Assert.Null(o["best_epoch"]);
        // Three unit-variance classes 2√2 apart: the Bayes error is near 0.2, so 24 test rows land around 0.8.
        Assert.InRange((double)o["test"]!["accuracy"]!, 0.7, 1);
        Assert.False(System.IO.File.Exists(Path.Combine(plots, "loss.png")));
        Assert.True(System.IO.File.Exists(Path.Combine(plots, "decision-regions.png")));
        Assert.True(System.IO.File.Exists(Path.Combine(plots, "confusion-matrix.png")));
        Assert.Equal("bayes-gaussian", (string?)File(model)["model"]);

        PredictMatchesLibrary(model, data);
        EvaluateMatchesTraining(model, data);
        var (ecode, evaluate, _) = _cli.Run("evaluate", "--model", model, "--data", data);
        Assert.Equal(0, ecode);
        Assert.Contains("bayes-gaussian classifier (3 classes) on ", evaluate);
        Assert.Contains("log-loss  0.", evaluate);
        Assert.Contains("Confusion matrix (rows: true class, columns: predicted class):", evaluate);

        var (code, inspect, _) = _cli.Run("inspect", "--model", model);
        Assert.Equal(0, code);
        Assert.Contains("  model       bayes-gaussian (classification, float64)", inspect);
        Assert.Contains("  densities\n    Gaussian Bayes classifier over 2 features: P(k | x) ∝ P(k) N(x; μₖ, Σₖ), one shared Σ = Σₖ (nₖ/n) Σ̂ₖ + εI (linear discriminant analysis), ε = 1E-09 × the largest feature variance; priors from the class frequencies; 0-1 costs: decides the most probable class\n", inspect.ReplaceLineEndings("\n"));
        var bayes = (BayesClassifier<double, string>)ModelFile.LoadClassifier<double, string>(model).Model;
        var g = (GaussianDensity)bayes.Densities[1];
        string G(double v) => v.ToString("G5", Invariant);
        var s = g.Covariance;
        Assert.Contains($"    B: prior {bayes.Priors[1].ToString("0.0000", Invariant)}, μ = [x1 {G(g.Mean[0])}, x2 {G(g.Mean[1])}], Σ = [{G(s[0, 0])}, {G(s[0, 1])}; {G(s[1, 0])}, {G(s[1, 1])}]", inspect);
        // Per class a prior and 2 means, and one shared 2 × 2 covariance (3 distinct entries).
        Assert.Contains("  parameters  12\n", inspect.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Bayes_gaussian_fits_the_class_frequencies_means_and_covariances()
    {
        // Unscaled features, every row for training: priors N_k / N, μ_k the class mean, Σ_k the ML covariance (divided by N_k).
        string data = Points("ab.csv", [30, 10], 7);
        string model = _cli.PathOf("m.json");
        Train("--data", data, "--model", "bayes-gaussian", "--covariance", "full", "--var-smoothing", "0", "--scale", "none", "--test-fraction", "0", "--save", model);
        var f = File(model);
        Assert.Equal("counts", (string?)f["hyperparameters"]!["priors"]);
        var p = f["parameters"]!;
        Assert.Equal([0.75, 0.25], p["priors"]!.AsArray().Select(v => (double)v!));
        var (x, y) = Read(data);
        for (int k = 0; k < 2; k++)
        {
            int[] rows = [.. Enumerable.Range(0, x.Rows).Where(i => y[i] == (k == 0 ? "A" : "B"))];
            double m0 = rows.Average(i => x[i, 0]), m1 = rows.Average(i => x[i, 1]);
            Assert.Equal(m0, (double)p["means"]![k]![0]!, 12);
            Assert.Equal(m1, (double)p["means"]![k]![1]!, 12);
            double c01 = rows.Sum(i => (x[i, 0] - m0) * (x[i, 1] - m1)) / rows.Length;
            double c11 = rows.Sum(i => (x[i, 1] - m1) * (x[i, 1] - m1)) / rows.Length;
            Assert.Equal(c01, (double)p["covariances"]![k]![0]![1]!, 12);
            Assert.Equal(c01, (double)p["covariances"]![k]![1]![0]!, 12);
            Assert.Equal(c11, (double)p["covariances"]![k]![1]![1]!, 12);
        }

        // The default: one pooled covariance (1/N) Σ_k Σ_i (x_i − μ_k)(x_i − μ_k)ᵀ, plus ε = 1e-9 × the largest variance on the diagonal.
        Train("--data", data, "--model", "bayes-gaussian", "--scale", "none", "--test-fraction", "0", "--save", model);
        p = File(model)["parameters"]!;
        double pooled01 = 0, pooled11 = 0;
        for (int k = 0; k < 2; k++)
        {
            int[] rows = [.. Enumerable.Range(0, x.Rows).Where(i => y[i] == (k == 0 ? "A" : "B"))];
            double m0 = rows.Average(i => x[i, 0]), m1 = rows.Average(i => x[i, 1]);
            pooled01 += rows.Sum(i => (x[i, 0] - m0) * (x[i, 1] - m1)) / x.Rows;
            pooled11 += rows.Sum(i => (x[i, 1] - m1) * (x[i, 1] - m1)) / x.Rows;
        }

        double Variance(int j)
        {
            double[] v = [.. Enumerable.Range(0, x.Rows).Select(i => x[i, j])];
            double mean = v.Average();
            return v.Sum(t => (t - mean) * (t - mean)) / v.Length;
        }

        double epsilon = 1e-9 * Math.Max(Variance(0), Variance(1));
        for (int k = 0; k < 2; k++)
        {
            Assert.Equal(pooled01, (double)p["covariances"]![k]![0]![1]!, 12);
            Assert.Equal(pooled11 + epsilon, (double)p["covariances"]![k]![1]![1]!, 12);
        }

        Train("--data", data, "--model", "bayes-gaussian", "--scale", "none", "--test-fraction", "0", "--priors", "uniform", "--save", model);
        f = File(model);
        Assert.Equal("uniform", (string?)f["hyperparameters"]!["priors"]);
        Assert.Equal([0.5, 0.5], f["parameters"]!["priors"]!.AsArray().Select(v => (double)v!));
    }

    [Fact]
    public void Bayes_gaussian_costs_decide_by_least_conditional_risk_and_are_saved()
    {
        string data = Points("ab.csv", [60, 60], 11);
        string plain = _cli.PathOf("plain.json"), costly = _cli.PathOf("costly.json");
        var plainRun = Train("--data", data, "--model", "bayes-gaussian", "--save", plain);
        var costlyRun = Train("--data", data, "--model", "bayes-gaussian", "--costs", " 0, 1 ; 5 ,0 ", "--save", costly);
        Assert.Null(plainRun["train"]!["mean_cost"]);

        // Row i: the costs of deciding class i (A, then B) when A, B is true. Deciding B for an A now costs five times as much.
        Assert.Equal("[[0,1],[5,0]]", File(costly)["hyperparameters"]!["costs"]!.ToJsonString());
        var x = ModelFile.LoadClassifier<double, string>(costly).Preprocessing!.Transform(CsvFiles.Read(data));
        var withCosts = ModelFile.LoadClassifier<double, string>(costly).Model;
        var without = ModelFile.LoadClassifier<double, string>(plain).Model;
        var posteriors = withCosts.PredictProbabilities(x);
        var decided = withCosts.Predict(x);
        int fewerB = 0;
        for (int i = 0; i < x.Rows; i++)
        {
            double riskA = 0 * posteriors[i, 0] + 1 * posteriors[i, 1], riskB = 5 * posteriors[i, 0] + 0 * posteriors[i, 1];
            Assert.Equal(riskA <= riskB ? "A" : "B", decided[i]);
            fewerB += without.Predict(x)[i] == "B" ? 1 : 0;
            fewerB -= decided[i] == "B" ? 1 : 0;
        }

        Assert.True(fewerB > 0, $"a costlier wrong B should turn some B decisions to A ({fewerB} fewer)");
        PredictMatchesLibrary(costly, data);

        // The mean cost: train reports it for its training and test rows, evaluate for every row; they agree.
        double trainCost = (double)costlyRun["train"]!["mean_cost"]!, testCost = (double)costlyRun["test"]!["mean_cost"]!;
        var t = File(costly)["training"]!;
        double n1 = (int)t["training_rows"]!, n2 = (int)t["test_rows"]!;
        var (code, output, error) = _cli.Run("evaluate", "--model", costly, "--data", data, "--json");
        Assert.True(code == 0, error);
        var evaluated = JsonNode.Parse(output)!;
        Assert.Equal((trainCost * n1 + testCost * n2) / (n1 + n2), (double)evaluated["mean_cost"]!, 12);
        double expected = 0;
        for (int i = 0; i < x.Rows; i++)
        {
            bool isB = i >= 60; // the file holds 60 A rows, then 60 B rows
            expected += decided[i] == "B" && !isB ? 5 : decided[i] == "A" && isB ? 1 : 0;
        }

        Assert.Equal(expected / x.Rows, (double)evaluated["mean_cost"]!, 12);
        Assert.Null(JsonNode.Parse(_cli.Run("evaluate", "--model", plain, "--data", data, "--json").Out)!["mean_cost"]);
        Assert.Contains("costs [0, 1; 5, 0]", _cli.Run("inspect", "--model", costly).Out);
    }

    [Theory]
    [InlineData("0,1", "(a cost matrix has one row per class, at least two)")]
    [InlineData("0,1,2;1,0", "(row 1 ('0,1,2') has 3 entries, but a cost matrix with 2 rows is 2×2)")]
    [InlineData("0,1;x,0", "(row 2, entry 1 is 'x', not a finite number (use '.' for decimals))")]
    [InlineData("0,1;NaN,0", "(row 2, entry 1 is 'NaN', not a finite number (use '.' for decimals))")]
    public void Bad_costs_are_named_and_nothing_is_saved(string costs, string message)
    {
        string data = Points("ab.csv", [30, 30], 12);
        string model = _cli.PathOf("never.json");
        var (code, _, error) = _cli.Run("train", "--data", data, "--model", "bayes-gaussian", "--costs", costs, "--save", model);
        Assert.Equal(2, code);
        Assert.Contains($"--costs is '{costs}', but it takes 0-1, or the matrix c_ij", error);
        Assert.Contains(message, error);
        Assert.False(System.IO.File.Exists(model));
    }

    [Fact]
    public void Costs_of_the_wrong_size_name_the_class_count()
    {
        string data = Points("ab.csv", [30, 30], 12);
        var (code, _, error) = _cli.Run("train", "--data", data, "--model", "bayes-gaussian", "--costs", "0,1,1;1,0,1;1,1,0", "--no-save");
        Assert.Equal(1, code);
        Assert.Contains("3×3", error);
        Assert.Contains("2 classes", error);
    }

    [Fact]
    public void Costs_with_another_model_are_refused()
    {
        string data = Points("ab.csv", [30, 30], 13);
        var (code, _, error) = _cli.Run("train", "--data", data, "--model", "logistic", "--costs", "0,1;5,0", "--no-save");
        Assert.Equal(1, code);
        Assert.Equal("nabla: --costs is a hyperparameter of --model bayes-gaussian; --model logistic does not use it. Leave --costs out, or use --model bayes-gaussian.\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Training_twice_with_the_same_seed_gives_the_same_parameters()
    {
        string data = Points("abc.csv", [20, 20, 20], 8);
        foreach (var model in new[] { "logistic", "bayes-gaussian" })
        {
            string a = _cli.PathOf($"{model}-a.json"), b = _cli.PathOf($"{model}-b.json");
            Train("--data", data, "--model", model, "--seed", "4", "--save", a);
            Train("--data", data, "--model", model, "--seed", "4", "--save", b);
            Assert.Equal(File(a)["parameters"]!.ToJsonString(), File(b)["parameters"]!.ToJsonString());
        }
    }

    [Fact]
    public void Bayes_gaussian_on_one_hot_columns_trains_and_names_the_singular_column()
    {
        // The one-hot pair color=blue, color=red sums to 1: every covariance estimate is singular. The default smooths it and says so.
        string data = Points("color.csv", [20, 20], 9, color: true);
        string model = _cli.PathOf("model.json");
        var (code, output, error) = _cli.Run("train", "--data", data, "--model", "bayes-gaussian", "--save", model);
        Assert.True(code == 0, error);
        Assert.Contains("the pooled Σ̂ (32 rows) is singular (column 'color=red' is a linear combination of the features before it); --var-smoothing 1E-09 (ε = 1e-9 added to every variance) keeps it invertible.\n", output.ReplaceLineEndings("\n"));

        // Per class, with shrinkage toward the diagonal.
        (code, output, error) = _cli.Run("train", "--data", data, "--model", "bayes-gaussian", "--covariance", "regularized");
        Assert.True(code == 0, error);
        Assert.Contains("class 'A' (16 rows): Σ̂ₖ is singular (column 'color=red' is a linear combination of the features before it); --shrinkage 0.1 toward the diagonal keeps it invertible.", output);

        // The strict maximum-likelihood fit refuses, naming the class, its rows and the column.
        string never = _cli.PathOf("never.json");
        (code, _, error) = _cli.Run("train", "--data", data, "--model", "bayes-gaussian", "--covariance", "full", "--var-smoothing", "0", "--save", never);
        Assert.Equal(1, code);
        Assert.Equal(
            "nabla: Cannot fit the Gaussian (covariance full, --var-smoothing 0) of class 'A' (16 rows): Σ̂ₖ is singular (column 'color=red' is a linear combination of the features before it). "
            + "Set --var-smoothing above 0 (it adds ε to every variance), use covariance regularized (shrunk toward the diagonal) or diagonal, or leave those features out.\n",
            error.ReplaceLineEndings("\n"));
        Assert.False(System.IO.File.Exists(never));
        Assert.Equal(0, _cli.Run("train", "--data", data, "--model", "bayes-gaussian", "--covariance", "full", "--var-smoothing", "0", "--drop", "color", "--save", never, "--quiet").Code);

        // Cross-validation names the column too (every fold has the same features here).
        (code, _, error) = _cli.Run("cv", "--data", data, "--model", "bayes-gaussian", "--covariance", "full", "--var-smoothing", "0");
        Assert.Equal(1, code);
        Assert.Contains("of class 'A' (16 rows): Σ̂ₖ is singular (column 'color=red' is a linear combination of the features before it). Set --var-smoothing above 0", error);
    }

    [Fact]
    public void Bayes_gaussian_with_fewer_rows_than_features_in_a_class()
    {
        // Class B: 2 rows for 2 features, x2 constant. The default trains; the strict full fit names the class, rows and column.
        string data = _cli.Write("few.csv", "x1,x2,label\n0,0,A\n1,0,A\n0,1,A\n1,1,A\n5,5,B\n6,5,B\n");
        foreach (string covariance in new[] { "shared", "diagonal", "regularized", "full" })
        {
            var (ok, _, message) = _cli.Run("train", "--data", data, "--model", "bayes-gaussian", "--covariance", covariance, "--test-fraction", "0");
            Assert.True(ok == 0, message);
        }

        var (code, _, error) = _cli.Run("train", "--data", data, "--model", "bayes-gaussian", "--covariance", "full", "--var-smoothing", "0", "--test-fraction", "0");
        Assert.Equal(1, code);
        Assert.Equal(
            "nabla: Cannot fit the Gaussian (covariance full, --var-smoothing 0) of class 'B' (2 rows): Σ̂ₖ is singular (column 'x2' is constant within the class; 2 rows for 2 features: a full Σ̂ₖ needs at least d + 1 = 3). "
            + "Set --var-smoothing above 0 (it adds ε to every variance), use covariance regularized (shrunk toward the diagonal) or diagonal, or leave those features out.\n",
            error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Bayes_gaussian_says_when_shrinkage_has_no_effect()
    {
        string data = Points("ab.csv", [10, 10], 10);
        var (code, _, error) = _cli.Run("train", "--data", data, "--model", "bayes-gaussian", "--shrinkage", "0.3");
        Assert.Equal(0, code);
        Assert.Contains("nabla: note: --shrinkage applies to --covariance regularized; --covariance shared does not use it.", error);
    }

    [Theory]
    [InlineData("nabla: --threshold is '1', but it takes a number > 0 and < 1.\n", "--model", "logistic", "--threshold", "1")]
    [InlineData("nabla: --threshold is '0', but it takes a number > 0 and < 1.\n", "--model", "logistic", "--threshold", "0")]
    public void Bad_logistic_and_bayes_settings_are_one_line_errors(string expected, params string[] args)
    {
        string data = Points("ab.csv", [10, 10], 10);
        var (code, _, error) = _cli.Run(["train", "--data", data, .. args, "--save", _cli.PathOf("never.json")]);
        Assert.Equal(1, code);
        Assert.Equal(expected, error.ReplaceLineEndings("\n"));
        Assert.False(System.IO.File.Exists(_cli.PathOf("never.json")));
    }

    [Theory]
    [InlineData("logistic")]
    [InlineData("bayes-gaussian")]
    public void Classifiers_refuse_a_regression_target(string model)
    {
        var (code, _, error) = _cli.Run("train", "--data", _cli.Line(), "--model", model, "--quiet");
        Assert.Equal(1, code);
        Assert.Equal($"nabla: --model {model} is a classifier, but the task is regression: use --model mlp or --model linear, or --task classification.\n", error.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("--solver", "newton")]
    [InlineData("--priors", "flat")]
    [InlineData("--threshold", "high")]
    public void Unknown_solver_or_priors_is_bad_usage(params string[] args)
    {
        var (code, _, error) = _cli.Run(["train", "--no-save", .. args]);
        Assert.Equal(2, code);
        Assert.Contains("nabla --help", error);
    }

    [Fact]
    public void Threshold_with_more_than_two_classes_gives_a_note()
    {
        string data = Points("abc.csv", [15, 15, 15], 11);
        var (code, _, error) = _cli.Run("train", "--data", data, "--model", "logistic", "--threshold", "0.7");
        Assert.Equal(0, code);
        Assert.Equal("nabla: note: --threshold applies to two classes; with 3 classes logistic regression decides the most probable one.\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Damaged_bayes_file_is_a_one_line_error_in_every_command()
    {
        string data = Points("ab.csv", [20, 20], 12);
        string model = _cli.PathOf("m.json");
        Train("--data", data, "--model", "bayes-gaussian", "--save", model);
        var doc = File(model);
        doc["parameters"]!["covariances"]![1]![0]![1] = 0.5;
        System.IO.File.WriteAllText(model, doc.ToJsonString());
        foreach (var command in new[] { "predict", "evaluate", "inspect" })
        {
            var (code, _, error) = command == "inspect" ? _cli.Run(command, "--model", model) : _cli.Run(command, "--model", model, "--data", data);
            Assert.Equal(1, code);
            Assert.StartsWith($"nabla: {model}: parameters.covariances[1] is not symmetric: [1][0] is ", error);
            Assert.EndsWith("but [0][1] is 0.5; a covariance matrix is symmetric. The file is damaged or was edited; re-save the model with Nabla.\n", error.ReplaceLineEndings("\n"));
        }
    }

    [Fact]
    public void Float_models_saved_from_csharp_work_with_the_cli()
    {
        var random = new Random(13);
        var x = new Matrix<float>(40, 2);
        int[] y = new int[40];
        for (int i = 0; i < 40; i++)
        {
            y[i] = i % 2 == 0 ? 3 : 7;
            x[i, 0] = (float)(y[i] + random.NextGaussian());
            x[i, 1] = (float)random.NextGaussian();
        }

        string data = _cli.Write("f.csv", "a,b,target\n" + string.Concat(Enumerable.Range(0, 40).Select(i => string.Create(Invariant, $"{x[i, 0]:R},{x[i, 1]:R},{y[i]}\n"))));
        foreach (Nabla.Estimators.Classifier<float, int> model in new Nabla.Estimators.Classifier<float, int>[]
        {
            new BayesClassifier<float, int>().Fit(x, y),
            new Nabla.Linear.LogisticRegression<float, int>().Fit(x, y),
        })
        {
            string path = _cli.PathOf("f.json");
            ModelFile.Save(path, model);
            var (code, output, error) = _cli.Run("predict", "--model", path, "--data", data, "--probabilities");
            Assert.True(code == 0, error);
            var table = CsvFiles.Read(new StringReader(output), "out");
            Assert.Equal(["a", "b", "target", "prediction", "p(3)", "p(7)"], table.Columns);
            var p = model.PredictProbabilities(x);
            var predicted = model.Predict(x);
            for (int i = 0; i < 40; i++)
            {
                Assert.Equal(predicted[i].ToString(Invariant), table[i, 3]);
                Assert.Equal((double)p[i, 1], double.Parse(table[i, 5], Invariant));
            }

            var (icode, inspect, _) = _cli.Run("inspect", "--model", path);
            Assert.Equal(0, icode);
            Assert.Contains("(classification, float32)", inspect);
            Assert.DoesNotContain("scaling", inspect);
            Assert.Equal(0, _cli.Run("evaluate", "--model", path, "--data", data).Code);
        }
    }
}
