using System.Text.RegularExpressions;
using Nabla.Activations;
using Nabla.Interactive;
using Nabla.Linear;
using Nabla.Losses;
using Nabla.Metrics;
using Nabla.Mlp;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Tests.Interactive;

/// <summary>
/// The HTML the notebook formatters write: the values themselves (the worked backpropagation example's numbers, a
/// report's scores, a model's weights), escaping of every text that comes from data, and the caps that keep a huge
/// matrix or a long history to a few dozen cells. Runs in the collection of the formatter tests, which change the
/// shared settings.
/// </summary>
[Collection(nameof(NablaHtmlSettings))]
public class NablaHtmlTests
{
    private static int Cells(string html) => Regex.Matches(html, "<td>").Count;

    // A number as the tables write it (6 significant digits, invariant culture).
    private static string G6(double value) => value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);

    private static NeuralNetwork<double> WorkedExample()
    {
        var hidden = new DenseLayer<double>(2, 2, Activation.Sigmoid);
        hidden.SetWeights([[0.15, 0.20], [0.25, 0.30]]);
        hidden.SetBias([0.35, 0.35]);
        var output = new DenseLayer<double>(2, 2, Activation.Sigmoid);
        output.SetWeights([[0.40, 0.45], [0.50, 0.55]]);
        output.SetBias([0.60, 0.60]);
        return new NeuralNetwork<double>(hidden, output);
    }

    [Fact]
    public void A_small_matrix_shows_every_entry_with_its_shape_and_1_based_indices()
    {
        string html = NablaHtml.Matrix(Matrix<double>.FromRows([[0.15, 0.2], [0.25, 1e-7]]), "W^[1]");

        Assert.Contains("<caption>W^[1]: 2 × 2</caption>", html);
        Assert.Contains("<tr><th></th><th>1</th><th>2</th></tr>", html);
        Assert.Contains("<tr><th>1</th><td>0.15</td><td>0.2</td></tr>", html);
        Assert.Contains("<tr><th>2</th><td>0.25</td><td>1E-07</td></tr>", html);
        Assert.Equal(4, Cells(html));
    }

    [Fact]
    public void A_million_cell_matrix_shows_its_shape_and_corners_only()
    {
        var big = new Matrix<float>(1000, 1000);
        big[0, 0] = 1.5f;
        big[999, 999] = -2.5f;
        big[500, 500] = 7f;

        string html = NablaHtml.Matrix(big, null);

        Assert.Contains("<caption>1000 × 1000 (corners; 1,000,000 entries)</caption>", html);
        // 5 + 5 rows of 5 + 5 values, plus the gap markers: never the million.
        Assert.Equal(100, Regex.Matches(html, "<td>-?[0-9.]+</td>").Count);
        Assert.Contains("<tr><th>1</th><td>1.5</td>", html);
        Assert.Contains("<td>-2.5</td></tr>", html);
        Assert.DoesNotContain("<td>7</td>", html);
        Assert.Contains("<th>996</th>", html);
        Assert.DoesNotContain("<th>6</th>", html);
        Assert.Contains("<th>⋮</th>", html);
        Assert.Contains("<td>…</td>", html);
        Assert.True(html.Length < 8000, $"{html.Length} characters");
    }

    [Fact]
    public void The_caps_follow_the_settings()
    {
        var m = new Matrix<double>(7, 3);
        try
        {
            NablaHtml.MaxRows = 4;
            string html = NablaHtml.Matrix(m, null);
            Assert.Equal(4 * 3, Regex.Matches(html, "<td>0</td>").Count);
            Assert.Contains("<tr><th>1</th>", html);
            Assert.Contains("<tr><th>2</th>", html);
            Assert.Contains("<tr><th>6</th>", html);
            Assert.Contains("<tr><th>7</th>", html);
            Assert.DoesNotContain("<tr><th>3</th>", html);
            Assert.Throws<ArgumentOutOfRangeException>(() => NablaHtml.MaxRows = 1);
            Assert.Throws<ArgumentOutOfRangeException>(() => NablaHtml.SignificantDigits = 0);
            Assert.Throws<ArgumentOutOfRangeException>(() => NablaHtml.PlotWidth = 50);
        }
        finally
        {
            NablaHtml.MaxRows = 10;
        }
    }

    [Fact]
    public void Labels_and_names_from_data_are_escaped()
    {
        string[] classes = ["<script>alert(1)</script>", "a & \"b\""];
        var confusion = new ConfusionMatrix<string>(classes, new[,] { { 3, 1 }, { 0, 2 } });

        string html = NablaHtml.ConfusionMatrix(confusion) + NablaHtml.Matrix(new Matrix<double>(1, 1), "<b>x</b>");

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("a &amp; &quot;b&quot;", html);
        Assert.Contains("<th>&lt;script&gt;alert(1)&lt;/script&gt;</th><td>3</td><td>1</td><td>4</td>", html);
        Assert.Contains("<caption>&lt;b&gt;x&lt;/b&gt;: 1 × 1</caption>", html);
    }

    [Fact]
    public void A_classification_report_shows_its_scores_per_class_and_its_confusion_matrix()
    {
        string[] actual = ["cat", "cat", "cat", "dog", "dog"];
        string[] predicted = ["cat", "cat", "dog", "dog", "dog"];
        var report = new ClassificationReport<string>(new ConfusionMatrix<string>(actual, predicted), LogLoss: 0.25, RocAuc: null);

        string html = NablaHtml.Report(report);

        Assert.Contains("<tr><th>accuracy</th><td>0.8</td></tr>", html);
        Assert.Contains("<tr><th>log-loss</th><td>0.25</td></tr>", html);
        Assert.DoesNotContain("ROC AUC", html);  // no probabilities given: no row
        // cat: precision 2/2, recall 2/3; dog: precision 2/3, recall 2/2.
        Assert.Contains("<tr><th>cat</th><td>1</td><td>0.666667</td><td>0.8</td><td>3</td></tr>", html);
        Assert.Contains("<tr><th>dog</th><td>0.666667</td><td>1</td><td>0.8</td><td>2</td></tr>", html);
        Assert.Contains("<tr><th>cat</th><td>2</td><td>1</td><td>3</td></tr>", html);
        Assert.Contains("<tr><th>total</th><td>2</td><td>3</td><td>5</td></tr>", html);
    }

    [Fact]
    public void A_regression_report_shows_its_three_scores()
    {
        string html = NablaHtml.Report(new RegressionReport(MeanSquaredError: 0.5, MeanAbsoluteError: 0.25, R2: 0.875));

        Assert.Contains("<tr><th>mean squared error</th><td>0.5</td></tr>", html);
        Assert.Contains("<tr><th>mean absolute error</th><td>0.25</td></tr>", html);
        Assert.Contains("<tr><th>R²</th><td>0.875</td></tr>", html);
    }

    [Fact]
    public void A_trace_shows_the_worked_example_numbers()
    {
        var trace = NetworkTrace<double>.Run(WorkedExample(), Matrix<double>.RowVector([0.05, 0.10]), Matrix<double>.RowVector([0.01, 0.99]), new HalfSquaredErrorLoss(Reduction.Sum));

        string html = NablaHtml.Trace(trace);

        Assert.Contains("<tr><th>loss L</th><td>0.298371</td></tr>", html);
        Assert.Contains("<caption>z^[1]: 1 × 2</caption><tr><th></th><th>1</th><th>2</th></tr><tr><th>1</th><td>0.3775</td><td>0.3925</td></tr>", html);
        Assert.Contains("<caption>a^[2]: 1 × 2</caption><tr><th></th><th>1</th><th>2</th></tr><tr><th>1</th><td>0.751365</td><td>0.772928</td></tr>", html);
        Assert.Contains("<caption>∂L/∂W^[2]: 2 × 2</caption><tr><th></th><th>1</th><th>2</th></tr><tr><th>1</th><td>0.082167</td>", html);
    }

    [Fact]
    public void A_chain_rule_shows_its_factors_paths_and_the_backpropagation_value()
    {
        var trace = NetworkTrace<double>.Run(WorkedExample(), Matrix<double>.RowVector([0.05, 0.10]), Matrix<double>.RowVector([0.01, 0.99]), new HalfSquaredErrorLoss(Reduction.Sum));
        var rule = trace.ChainRule(1, 1, 1);

        string html = NablaHtml.ChainRule(rule);

        Assert.Contains("<caption>∂L/∂w^[1]_{1,1} (sample 0)</caption>", html);
        Assert.Contains("<tr><th>paths</th><td>2</td></tr>", html);
        Assert.Contains($"<tr><th>backpropagation</th><td>{G6(rule.Backpropagation)}</td></tr>", html);
        Assert.Contains("<tr><th>backpropagation</th><td>0.000438568</td></tr>", html);
        Assert.Equal(2, Regex.Matches(html, "<caption>path through units").Count);
        Assert.Contains($"<td>{G6(rule.Factored[2].Value)}</td>", html);
    }

    [Fact]
    public void A_network_model_shows_its_hyperparameters_and_every_W_and_b()
    {
        double[][] x = [[0.0, 0.1], [0.2, 0.0], [0.9, 1.0], [1.0, 0.8], [0.1, 0.9], [0.8, 0.1]];
        string[] y = ["low", "low", "high", "high", "low", "high"];
        var model = (MlpClassifier<double, string>)new MlpClassifier<double, string>(new MlpOptions { HiddenLayers = [3], Seed = 4 }).Fit(x, y);

        string html = NablaHtml.Model(model);

        Assert.Contains("<h4>MlpClassifier (mlp): ", html);
        Assert.Contains("<tr><th>hidden</th><td>3</td><td>set</td></tr>", html);
        Assert.Contains("<tr><th>seed</th><td>4</td><td>set</td></tr>", html);
        Assert.Contains("<tr><th>classes</th><td>high, low</td></tr>", html);
        Assert.Contains("<caption>W^[1]: 3 × 2</caption>", html);
        Assert.Contains("<caption>b^[2]: 1 × 1</caption>", html);
        var w1 = model.Network.Layers[0].Weights;
        Assert.Contains($"<tr><th>1</th><td>{G6(w1[0, 0])}</td><td>{G6(w1[0, 1])}</td></tr>", html);
    }

    [Fact]
    public void A_logistic_model_shows_theta_and_the_intercept()
    {
        double[][] x = [[0.0, 0.1], [0.2, 0.0], [0.9, 1.0], [1.0, 0.8], [0.1, 0.9], [0.8, 0.1]];
        int[] y = [0, 0, 1, 1, 0, 1];
        var model = (LogisticRegression<double, int>)new LogisticRegression<double, int>(new LogisticRegressionOptions { L2Penalty = 0.01 }).Fit(x, y);

        string html = NablaHtml.Model(model);

        Assert.Contains("<tr><th>l2</th><td>0.01</td><td>set</td></tr>", html);
        Assert.Contains($"<td>{G6(model.Coefficients[0, 0])}</td><td>{G6(model.Coefficients[0, 1])}</td>", html);
        Assert.Contains($"<caption>intercepts b: 1 × 1</caption><tr><th></th><th>1</th></tr><tr><th>1</th><td>{G6(model.Intercepts[0])}</td></tr>", html);
        Assert.Contains("<p>Converged", html);
    }

    [Fact]
    public void An_unfitted_model_says_so()
    {
        string html = NablaHtml.Model(new LogisticRegression<double, int>());

        Assert.Contains("<p>Not fitted yet: call Fit.</p>", html);
        Assert.Contains("<tr><th>l2</th>", html);
    }

    [Fact]
    public void A_long_history_shows_its_first_and_last_epochs_and_a_loss_curve()
    {
        var history = new TrainingHistory(Enumerable.Range(1, 30).Select(e => new EpochRecord(e, 1.0 / e, ValidationLoss: 2.0 / e)), bestEpoch: 30);

        string html = NablaHtml.History(history);

        Assert.Contains("<tr><th>epochs</th><td>30</td></tr>", html);
        Assert.Contains("<caption>first and last of 30 epochs</caption>", html);
        Assert.Contains("<tr><th>epoch</th><th>loss</th><th>validation loss</th></tr>", html);
        Assert.Contains("<tr><th>1</th><td>1</td><td>2</td></tr>", html);
        Assert.Contains("<tr><th>30</th><td>0.0333333</td><td>0.0666667</td></tr>", html);
        Assert.DoesNotContain("<tr><th>6</th>", html);
        Assert.Contains("<tr><th>⋮</th><td>⋮</td><td>⋮</td></tr>", html);
        Assert.Contains("<svg", html);
        Assert.DoesNotContain("<?xml", html);
    }

    [Fact]
    public void An_empty_history_says_so_and_draws_nothing()
    {
        string html = NablaHtml.History(new TrainingHistory());

        Assert.Contains("<p>No epochs recorded.</p>", html);
        Assert.DoesNotContain("<svg", html);
    }

    [Fact]
    public void A_table_escapes_its_cells_caps_its_rows_and_rejects_ragged_rows()
    {
        var rows = Enumerable.Range(1, 12).Select(i => (IReadOnlyList<string>)[$"<{i}>", NablaHtml.Number(1.0 / i)]).ToList();

        string html = NablaHtml.Table("a & b", ["name", "1/i"], rows);

        Assert.Contains("<caption>a &amp; b</caption><tr><th>name</th><th>1/i</th></tr><tr><td>&lt;1&gt;</td><td>1</td></tr>", html);
        Assert.Contains("<tr><td>&lt;12&gt;</td><td>0.0833333</td></tr>", html);
        Assert.DoesNotContain("&lt;6&gt;", html);
        Assert.Contains("<tr><th>⋮</th><th>⋮</th></tr>", html);
        var error = Assert.Throws<ArgumentException>(() => NablaHtml.Table(null, ["a", "b"], [["1"]]));
        Assert.Contains("Row 1 of the table has 1 cells but the header has 2", error.Message);
    }

    [Fact]
    public void A_bayes_model_shows_its_priors_and_densities_and_a_perceptron_its_weights()
    {
        var bayes = Nabla.Bayes.BayesClassifier<double, string>.FromDensities(
            ["A", "B"], [Nabla.Bayes.GaussianDensity.Isotropic([1.0, 2.0], 1.0), Nabla.Bayes.GaussianDensity.Isotropic([0.0, 0.0], 2.0)], priors: [0.25, 0.75]);
        var perceptron = (Nabla.Neurons.Perceptron<double, int>)new Nabla.Neurons.Perceptron<double, int>().Fit(
            Matrix<double>.FromRows([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]), [0, 0, 0, 1]);

        string bayesHtml = NablaHtml.Model(bayes);
        string perceptronHtml = NablaHtml.Model(perceptron);

        Assert.Contains("<tr><th>A</th><td>0.25</td><td>", bayesHtml);
        Assert.Contains("<tr><th>B</th><td>0.75</td><td>", bayesHtml);
        Assert.Contains(Escaped(bayes.Densities[1].ToString()!), bayesHtml);
        var w = perceptron.Weights;
        Assert.Contains("<caption>weights w = [b, w1, …] (one row per unit): 1 × 3</caption>", perceptronHtml);
        Assert.Contains($"<tr><th>1</th><td>{G6(w[0, 0])}</td><td>{G6(w[0, 1])}</td><td>{G6(w[0, 2])}</td></tr>", perceptronHtml);
        Assert.True(perceptron.Converged);
    }

    private static string Escaped(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);

    [Fact]
    public void A_plot_whose_title_has_markup_characters_is_well_formed_svg()
    {
        var plot = Nabla.Plotting.Plots.Curves([("a < b & \"c\"", [0.0, 1.0], [1.0, 0.0])], title: "<script>x</script> & more");

        string html = NablaHtml.Plot(plot);

        string svg = html["<div class=\"nabla-plot\">".Length..^"</div>".Length];
        var document = System.Xml.Linq.XDocument.Parse(svg);
        Assert.Equal("svg", document.Root!.Name.LocalName);
        Assert.DoesNotContain("<script>", html);
    }
}
