using System.Globalization;
using System.Text.Json;
using Nabla.Tests.Plotting;
using Nabla.Tests.TestSupport;

namespace Nabla.Tests.Cli;

/// <summary>
/// trace, plot and universal-approximation through the CLI, and the perceptron's convergence figures in train and inspect:
/// numbers recomputed here from what the commands print, figures checked as files.
/// </summary>
public sealed class GlassBoxCliTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private static double[] Vector(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetDouble())];

    private static double[][] Rows(JsonElement e) => [.. e.EnumerateArray().Select(Vector)];

    private string TrainSmallNetwork(string scale = "none", string activation = "tanh")
    {
        string data = _cli.Flowers();
        string model = _cli.PathOf("net.json");
        var (code, _, error) = _cli.Run("train", "--data", data, "--target", "species", "--hidden", "3", "--epochs", "5", "--scale", scale,
            "--activation", activation, "--save", model, "--seed", "1");
        Assert.True(code == 0, error);
        return model;
    }

    [Fact]
    public void Trace_of_a_row_is_the_forward_and_backward_pass_by_hand()
    {
        string model = TrainSmallNetwork();
        var (code, output, error) = _cli.Run("trace", "--model", model, "--data", _cli.PathOf("flowers.csv"), "--row", "5", "--weight", "1,2,1", "--json");
        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;

        // The 5th data row of the file; no scaling, so x is petal and sepal, then the one-hot colour.
        var cells = File.ReadAllLines(_cli.PathOf("flowers.csv"))[5].Split(',');
        var x = Vector(json.GetProperty("x"));
        Assert.Equal(double.Parse(cells[0], CultureInfo.InvariantCulture), x[0]);
        Assert.Equal(double.Parse(cells[1], CultureInfo.InvariantCulture), x[1]);
        var y = Vector(json.GetProperty("y"));
        Assert.Equal(1, y.Sum());
        Assert.Equal(0, Array.IndexOf(y, 1.0));   // setosa, the first class, one-hot over three softmax outputs

        // z^[1] = W^[1] x + b^[1], a^[1] = tanh, z^[2] = W^[2] a^[1] + b^[2], a^[2] = softmax; L = −log a_y.
        var layers = json.GetProperty("layers").EnumerateArray().ToArray();
        var w1 = Rows(layers[0].GetProperty("W"));
        var b1 = Vector(layers[0].GetProperty("b")[0]);
        var w2 = Rows(layers[1].GetProperty("W"));
        var b2 = Vector(layers[1].GetProperty("b")[0]);
        double Loss(double[][] v1)
        {
            var a1 = Enumerable.Range(0, 3).Select(i => Math.Tanh(b1[i] + Enumerable.Range(0, x.Length).Sum(j => v1[i][j] * x[j]))).ToArray();
            var z2 = Enumerable.Range(0, 3).Select(i => b2[i] + Enumerable.Range(0, 3).Sum(j => w2[i][j] * a1[j])).ToArray();
            double max = z2.Max(), sum = z2.Sum(z => Math.Exp(z - max));
            return -(z2[0] - max - Math.Log(sum));
        }

        var z1 = Enumerable.Range(0, 3).Select(i => b1[i] + Enumerable.Range(0, x.Length).Sum(j => w1[i][j] * x[j])).ToArray();
        Assert.Equal(z1, Vector(layers[0].GetProperty("z")[0]), new Tolerance(1e-12));
        Assert.Equal(Loss(w1), json.GetProperty("loss").GetDouble(), 1e-12);

        // δ^[2] = a^[2] − y (softmax with cross-entropy); ∂L/∂a^[1] = W^[2]ᵀ δ^[2]; δ^[1] = ∂L/∂a^[1] ⊙ (1 − a²).
        var a2 = Vector(layers[1].GetProperty("a")[0]);
        var delta2 = Vector(layers[1].GetProperty("delta")[0]);
        Assert.Equal(a2.Select((a, k) => a - y[k]), delta2, new Tolerance(1e-12));
        var a1v = Vector(layers[0].GetProperty("a")[0]);
        var upstream = Enumerable.Range(0, 3).Select(j => Enumerable.Range(0, 3).Sum(k => w2[k][j] * delta2[k])).ToArray();
        Assert.Equal(upstream, Vector(layers[0].GetProperty("dL_da")[0]), new Tolerance(1e-12));
        Assert.Equal(upstream.Select((g, j) => g * (1 - a1v[j] * a1v[j])), Vector(layers[0].GetProperty("delta")[0]), new Tolerance(1e-12));

        // The chain rule of w^[1]_{2,1}: three paths (one per output), adding up to a central difference of L.
        var rule = json.GetProperty("chain_rule");
        Assert.Equal("w^[1]_{2,1}", rule.GetProperty("weight").GetString());
        Assert.Equal(3, rule.GetProperty("paths").GetArrayLength());
        double saved = w1[1][0], h = 1e-6;
        w1[1][0] = saved + h;
        double up = Loss(w1);
        w1[1][0] = saved - h;
        double down = Loss(w1);
        w1[1][0] = saved;
        Assert.Equal((up - down) / (2 * h), rule.GetProperty("path_sum").GetDouble(), 1e-8);
        Assert.Equal(rule.GetProperty("backpropagation").GetDouble(), rule.GetProperty("product").GetDouble(), 1e-14);
    }

    [Fact]
    public void Trace_in_the_column_convention_prints_column_vectors_and_explains_bad_input()
    {
        string model = TrainSmallNetwork(scale: "standard");
        string data = _cli.PathOf("flowers.csv");
        var (code, output, _) = _cli.Run("trace", "--model", model, "--data", data, "--row", "2", "--column-convention");
        Assert.Equal(0, code);
        Assert.Contains("z^[1] = W^[1] a^[0] + b^[1] =", output);
        Assert.Contains("∂L/∂a^[1] = W^[2]ᵀ δ^[2]", output);
        Assert.Contains("(v − ", output);
        Assert.Contains("sum of the paths", output);
        var json = JsonDocument.Parse(_cli.Run("trace", "--model", model, "--data", data, "--row", "2", "--column-convention", "--json").Out).RootElement;
        Assert.Equal("columns", json.GetProperty("convention").GetString());
        Assert.Equal(3, json.GetProperty("layers")[0].GetProperty("z").GetArrayLength());   // m^[1] × 1

        var (rowCode, _, rowError) = _cli.Run("trace", "--model", model, "--data", data, "--row", "9999");
        Assert.Equal(1, rowCode);
        Assert.Contains("there is no row 9999", rowError);
        var (weightCode, _, weightError) = _cli.Run("trace", "--model", model, "--data", data, "--weight", "3,1,1");
        Assert.Equal(1, weightCode);
        Assert.Contains("layers 1 … 2", weightError);
        _cli.Run("train", "--data", data, "--target", "species", "--model", "logistic", "--save", _cli.PathOf("lr.json"));
        var (kindCode, _, kindError) = _cli.Run("trace", "--model", _cli.PathOf("lr.json"), "--data", data);
        Assert.Equal(1, kindCode);
        Assert.Contains("--model mlp", kindError);
    }

    [Fact]
    public void Plot_activations_writes_every_figure_and_marks_the_saturation_regions()
    {
        string dir = _cli.PathOf("figs");
        var (code, output, error) = _cli.Run("plot", "activations", "--output", dir, "--activation", "sigmoid;tanh;leaky-relu(0.2);linear(2,1)", "--json");
        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        var paths = json.GetProperty("plots").EnumerateArray().Select(p => p.GetString()!).ToArray();
        Assert.Equal(2 * (2 + 4), paths.Length);
        foreach (var p in paths.Where(p => p.EndsWith(".png", StringComparison.Ordinal)))
        {
            Assert.True(PlotsTests.PngSize(p).Width > 0);
        }

        // σ' = σ(1 − σ) < 0.05 · ¼ where |z| > 2 acosh(1/(2√0.05)) (from σ(1 − σ) = 1/(4 cosh²(z/2))); tanh' = 1/cosh² z < 0.05 where |z| > acosh(√20).
        var sigmoid = json.GetProperty("saturation").GetProperty("sigmoid");
        double sigmoidEdge = 2 * Math.Acosh(1 / Math.Sqrt(0.05)), tanhEdge = Math.Acosh(Math.Sqrt(20));
        Assert.Equal(sigmoidEdge, sigmoid[1][0].GetDouble(), 0.02);
        Assert.Equal(-sigmoidEdge, sigmoid[0][1].GetDouble(), 0.02);
        Assert.Equal(tanhEdge, json.GetProperty("saturation").GetProperty("tanh")[1][0].GetDouble(), 0.02);
        Assert.False(json.GetProperty("saturation").TryGetProperty("leaky-relu(0.2)", out _));
        string svg = File.ReadAllText(Path.Combine(dir, "activation-tanh.svg"));
        Assert.Contains("saturated", svg);
        Assert.Contains("1 − g²", svg);

        var (softmax, _, softmaxError) = _cli.Run("plot", "activations", "--output", dir, "--activation", "softmax");
        Assert.Equal(1, softmax);
        Assert.Contains("whole rows", softmaxError);
    }

    [Fact]
    public void Plot_network_draws_every_weight_with_its_label()
    {
        string model = TrainSmallNetwork();
        string dir = _cli.PathOf("diagram");
        var (code, output, error) = _cli.Run("plot", "network", "--model", model, "--output", dir);
        Assert.True(code == 0, error);
        Assert.Contains("net-network.png", output);
        string svg = File.ReadAllText(Path.Combine(dir, "net-network.svg"));
        PlotsTests.AssertSvg(Path.Combine(dir, "net-network.svg"), 1100, 800);
        var inspect = JsonDocument.Parse(_cli.Run("inspect", "--model", model, "--json").Out).RootElement;
        Assert.Contains("a_3^[1]", svg);
        Assert.Contains("w^[2]_{3,3}", svg);   // layer 2 has 3 × 3 = 9 edges: each labelled
        Assert.Contains("setosa", svg);
        Assert.True(inspect.GetProperty("parameters").GetInt32() > 0);
    }

    [Fact]
    public void Universal_approximation_reports_what_its_parameters_compute()
    {
        string dir = _cli.PathOf("ua");
        var json = CliCall.Json("experiment", "universal-approximation", "--units", "1,6", "--epochs", "1500", "--plots", dir, "--json");
        var fits = json.GetProperty("fits").EnumerateArray().ToArray();
        Assert.Equal(2, fits.Length);
        foreach (var fit in fits)
        {
            var w = Vector(fit.GetProperty("hidden_weights"));
            var b = Vector(fit.GetProperty("hidden_biases"));
            var v = Vector(fit.GetProperty("output_weights"));
            double c = fit.GetProperty("output_bias").GetDouble();
            double F(double t) => c + Enumerable.Range(0, w.Length).Sum(j => v[j] * Math.Tanh(w[j] * t + b[j]));
            var xs = Enumerable.Range(0, 64).Select(i => -Math.PI + 2 * Math.PI * i / 63).ToArray();
            Assert.Equal(xs.Average(t => (F(t) - Math.Sin(t)) * (F(t) - Math.Sin(t))), fit.GetProperty("mse").GetDouble(), 1e-12);
            var grid = Enumerable.Range(0, 401).Select(i => -Math.PI + 2 * Math.PI * i / 400).ToArray();
            Assert.Equal(grid.Max(t => Math.Abs(F(t) - Math.Sin(t))), fit.GetProperty("max_error").GetDouble(), 1e-12);
        }

        // One tanh unit is monotone, and sin falls from 0 at −π to −1 at −π/2: some error is at least ½. Six units do far better.
        Assert.True(fits[0].GetProperty("max_error").GetDouble() >= 0.5);
        Assert.True(fits[1].GetProperty("max_error").GetDouble() < 0.1, fits[1].ToString());
        foreach (string name in new[] { "universal-approximation", "universal-approximation-units-1", "universal-approximation-units-6" })
        {
            Assert.True(File.Exists(Path.Combine(dir, name + ".png")));
            Assert.Contains("sin x, the target", File.ReadAllText(Path.Combine(dir, name + ".svg")));
        }
    }

    [Fact]
    public void Perceptron_train_and_inspect_show_the_weights_errors_and_the_convergence_bound()
    {
        // Separable by x1 + x2 > 1, with a gap: |x1 + x2 − 1| ≥ 0.3.
        var lines = new List<string> { "x1,x2,label" };
        var random = new Random(3);
        while (lines.Count < 61)
        {
            double a = 2 * random.NextDouble(), b = 2 * random.NextDouble();
            if (Math.Abs(a + b - 1) >= 0.3)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{a:R},{b:R},{(a + b > 1 ? "up" : "down")}"));
            }
        }

        string data = _cli.Write("sep.csv", string.Join('\n', lines) + "\n");
        string model = _cli.PathOf("p.json");
        string plots = _cli.PathOf("pplots");
        var (code, output, error) = _cli.Run("train", "--data", data, "--model", "perceptron", "--scale", "none", "--test-fraction", "0", "--save", model, "--plots", plots);
        Assert.True(code == 0, error);
        Assert.Contains("w = [b, w₁, …] = [", output);
        Assert.Contains("errors per epoch [", output);
        Assert.Contains("bound (R/γ)² = ", output);
        Assert.DoesNotContain("--epochs", output.Split('\n').First(l => l.StartsWith("Converged", StringComparison.Ordinal)));
        Assert.True(File.Exists(Path.Combine(plots, "loss.png")));
        Assert.Contains("errors", File.ReadAllText(Path.Combine(plots, "loss.svg")));

        var learned = JsonDocument.Parse(_cli.Run("inspect", "--model", model, "--json").Out).RootElement.GetProperty("learned").GetProperty("units")[0];
        var c = learned.GetProperty("convergence");
        // R = max ‖(1, x1, x2)‖ over the rows, by hand; the bound must cover the updates made (the theorem).
        double radius = lines.Skip(1).Select(l => l.Split(',')).Max(p => Math.Sqrt(1 + Math.Pow(double.Parse(p[0], CultureInfo.InvariantCulture), 2) + Math.Pow(double.Parse(p[1], CultureInfo.InvariantCulture), 2)));
        Assert.Equal(radius, c.GetProperty("radius").GetDouble(), 1e-12);
        double margin = c.GetProperty("margin").GetDouble();
        Assert.Equal(radius * radius / (margin * margin), c.GetProperty("bound").GetDouble(), 1e-9);
        int updates = learned.GetProperty("updates").GetInt32();
        Assert.True(updates <= c.GetProperty("bound").GetDouble());
        Assert.Equal(Vector(learned.GetProperty("errors_per_epoch")).Sum(), updates);
        // The separator x1 + x2 − 1 = 0 leaves every point at least 0.3/√2 from it, in the augmented space 0.3/√3 = |−1·1 + x1 + x2| / ‖(−1, 1, 1)‖:
        Assert.True(margin >= 0.3 / Math.Sqrt(3) - 1e-9, $"γ = {margin}");
        var (inspectCode, inspectText, _) = _cli.Run("inspect", "--model", model);
        Assert.Equal(0, inspectCode);
        Assert.Contains("separable: radius R = max‖x(n)‖", inspectText);
    }

    [Fact]
    public void The_lectures_new_activations_train_save_and_load_from_the_command_line()
    {
        string data = _cli.Flowers();
        foreach (string activation in new[] { "randomized-leaky-relu(0.1,0.3)", "generalized-logistic(2,1.5,0)", "leaky-relu(0.2)", "linear(2,1)" })
        {
            string model = _cli.PathOf("a.json");
            var (code, _, error) = _cli.Run("train", "--data", data, "--target", "species", "--hidden", "4", "--epochs", "3", "--activation", activation, "--save", model);
            Assert.True(code == 0, $"{activation}: {error}");
            var inspect = JsonDocument.Parse(_cli.Run("inspect", "--model", model, "--json").Out).RootElement;
            Assert.Equal(activation, inspect.GetProperty("hyperparameters").GetProperty("activation").GetString());
            Assert.Equal(0, _cli.Run("evaluate", "--model", model, "--data", data, "--target", "species").Code);
        }
    }

    [Fact]
    public void Bayes_vs_perceptron_draws_the_reports_own_rule_beside_the_true_boundary()
    {
        string dir = _cli.PathOf("bvp");
        var json = CliCall.Json("experiment", "bayes-vs-perceptron", "--case", "gauss-unequal", "--test-samples", "2000", "--plots", dir, "--json");
        double report = json.GetProperty("report").GetProperty("exact_error").GetDouble(), bayes = json.GetProperty("bayes").GetProperty("exact_error").GetDouble();
        Assert.True(report > bayes);
        string svg = File.ReadAllText(Path.Combine(dir, "gauss-unequal-boundaries.svg"));
        Assert.Contains("the report's rule: A where (x − 2)² + (y − 4)² < 10", System.Net.WebUtility.HtmlDecode(svg));
        Assert.Contains("not Bayes-optimal", svg);
    }
}
