using System.Buffers.Binary;
using Nabla.Metrics;
using Nabla.Mlp;
using Nabla.Plotting;
using Nabla.Sampling;
using Nabla.Tensors;

namespace Nabla.Tests.Plotting;

public sealed class PlotsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nabla-plots-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Checks the PNG signature and reads width and height from the IHDR chunk.</summary>
    internal static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 24, "PNG too short");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    internal static void AssertSvg(string path, int width, int height)
    {
        string text = File.ReadAllText(path);
        Assert.Contains("<svg", text);
        Assert.Contains($"width=\"{width}\"", text);
        Assert.Contains($"height=\"{height}\"", text);
        Assert.EndsWith("</svg>", text.TrimEnd());
    }

    private static (Matrix<double> X, int[] Y) TwoClouds()
    {
        var random = new Random(1);
        var x = new Matrix<double>(80, 2);
        var y = new int[80];
        for (int i = 0; i < 80; i++)
        {
            y[i] = i % 2;
            x[i, 0] = random.NextGaussian() + y[i] * 2;
            x[i, 1] = random.NextGaussian() + y[i] * 2;
        }

        return (x, y);
    }

    [Fact]
    public void Decision_regions_are_written_as_png_and_svg()
    {
        var (x, y) = TwoClouds();
        var model = new MlpClassifier<double, int>(new MlpOptions { HiddenLayers = [8], Epochs = 30 }).Fit(x, y);
        var plot = Plots.DecisionRegions(model, x, y);
        string png = Path.Combine(_dir, "regions.png"), svg = Path.Combine(_dir, "regions.svg");
        Plots.Save(plot, png, 640, 480);
        Plots.Save(plot, svg, 640, 480);
        Assert.Equal((640, 480), PngSize(png));
        AssertSvg(svg, 640, 480);
    }

    [Fact]
    public void Several_boundaries_share_one_picture()
    {
        var (x, y) = TwoClouds();
        var plot = Plots.Boundaries(x, y, ["A", "B"],
        [
            DecisionBoundary.Line("perceptron", -2, 1, 1),
            DecisionBoundary.Implicit("Bayes", (a, b) => (a - 1) * (a - 1) + (b - 1) * (b - 1) - 2),
            DecisionBoundary.Curve("curve", a => 2 - a * a / 4),
        ]);
        string png = Path.Combine(_dir, "boundaries.png");
        Plots.Save(plot, png);
        Assert.Equal((Plots.DefaultWidth, Plots.DefaultHeight), PngSize(png));
    }

    [Fact]
    public void Loss_curves_and_confusion_matrix_are_written()
    {
        var (x, y) = TwoClouds();
        var model = new MlpClassifier<double, int>(new MlpOptions { Epochs = 40, ValidationFraction = 0.25 }).Fit(x, y);
        string loss = Path.Combine(_dir, "loss.svg");
        Plots.Save(Plots.LossCurves(model.History), loss, 500, 300);
        AssertSvg(loss, 500, 300);
        string cm = Path.Combine(_dir, "nested", "cm.png");
        Plots.Save(Plots.ConfusionMatrix(new ConfusionMatrix<int>(y, model.Predict(x), model.Classes)), cm, 400, 400);
        Assert.Equal((400, 400), PngSize(cm));
    }

    [Fact]
    public void Bad_requests_are_rejected()
    {
        var (x, y) = TwoClouds();
        Assert.Throws<ArgumentException>(() => Plots.Save(Plots.Boundaries(x, y, ["A", "B"], []), Path.Combine(_dir, "x.jpg")));
        Assert.Throws<ArgumentException>(() => Plots.Boundaries(new Matrix<double>(3, 3), [0, 1, 0], ["A", "B"], []));
        Assert.Throws<ArgumentException>(() => DecisionBoundary.Line("none", 1, 0, 0));
    }
}
