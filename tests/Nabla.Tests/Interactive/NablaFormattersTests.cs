using Microsoft.DotNet.Interactive.Formatting;
using Nabla.Data;
using Nabla.Interactive;
using Nabla.Linear;
using Nabla.Metrics;
using Nabla.Mlp;
using Nabla.Plotting;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Tests.Interactive;

/// <summary>
/// .NET Interactive's own dispatch, after <see cref="NablaFormatters.Register"/>: every Nabla type (and subclasses of the
/// generic estimator bases) formats as text/html through NablaHtml, as a notebook cell's value would.
/// </summary>
[Collection(nameof(NablaHtmlSettings))]
public sealed class NablaFormattersTests : IDisposable
{
    public NablaFormattersTests() => NablaFormatters.Register();

    public void Dispose() => Formatter.ResetToDefault();

    private static string Display(object value) => value.ToDisplayString(NablaFormatters.MimeType);

    private static string BeforeSvg(string html) => html[..html.IndexOf("<svg", StringComparison.Ordinal)];

    [Fact]
    public void Matrices_of_both_element_types_format_through_NablaHtml()
    {
        var d = Matrix<double>.FromRows([[1.0, 2.0]]);
        var f = Matrix<float>.FromRows([[3f], [4f]]);

        Assert.Equal(NablaHtml.Matrix(d, null), Display(d));
        Assert.Equal(NablaHtml.Matrix(f, null), Display(f));
    }

    [Fact]
    public void Every_estimator_subclass_and_its_reports_format_through_NablaHtml()
    {
        var moons = SyntheticData.Moons(count: 60, noise: 0.1, seed: 1);
        var logistic = new LogisticRegression<double, int>().Fit(moons.Features, moons.Labels);
        var mlp = (MlpClassifier<double, int>)new MlpClassifier<double, int>(new MlpOptions { HiddenLayers = [4], Epochs = 20 }).Fit(moons.Features, moons.Labels);
        var linear = new LinearRegression<double>().Fit(moons.Features, Matrix<double>.ColumnVector([.. moons.Labels.Select(l => (double)l)]));
        var report = logistic.Evaluate(moons.Features, moons.Labels);

        Assert.Equal(NablaHtml.Model(logistic), Display(logistic));
        Assert.Equal(NablaHtml.Model(mlp), Display(mlp));
        Assert.Equal(NablaHtml.Model(linear), Display(linear));
        Assert.Equal(NablaHtml.Report(report), Display(report));
        Assert.Equal(NablaHtml.ConfusionMatrix(report.ConfusionMatrix), Display(report.ConfusionMatrix));
        // ScottPlot numbers its SVG clip paths per drawing, so the loss curve is compared up to its picture.
        Assert.Equal(BeforeSvg(NablaHtml.History(mlp.History)), BeforeSvg(Display(mlp.History)));
        Assert.Contains("<svg", Display(mlp.History));
        var regression = new RegressionReport(1, 2, 3);
        Assert.Equal(NablaHtml.Report(regression), Display(regression));
    }

    [Fact]
    public void Plots_format_as_inline_svg()
    {
        var history = new TrainingHistory([new EpochRecord(1, 0.5), new EpochRecord(2, 0.25)], bestEpoch: 2);

        string html = Display(Plots.LossCurves(history));

        Assert.StartsWith("<div class=\"nabla-plot\"><svg", html);
        Assert.Contains($"width=\"{NablaHtml.PlotWidth}\"", html);
        Assert.EndsWith("</svg></div>", html.TrimEnd().Replace("\n", "", StringComparison.Ordinal));
    }
}
