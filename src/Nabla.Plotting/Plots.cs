using System.Numerics;
using Nabla.Estimators;
using Nabla.Metrics;
using Nabla.Tensors;
using Nabla.Training;
using ScottPlot;

namespace Nabla.Plotting;

/// <summary>
/// The plots of a Nabla model, built with ScottPlot: decision regions of a classifier on 2-D data with the points on top,
/// decision boundaries side by side, training and validation loss per epoch, and a confusion-matrix heat map. Each returns a
/// ScottPlot <see cref="Plot"/> to adjust further; <see cref="Save"/> writes PNG or SVG.
/// </summary>
public static class Plots
{
    /// <summary>Default image width in pixels.</summary>
    public const int DefaultWidth = 800;

    /// <summary>Default image height in pixels.</summary>
    public const int DefaultHeight = 600;

    private static readonly Color[] ClassColors =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#d62728"), Color.FromHex("#2ca02c"), Color.FromHex("#ff7f0e"), Color.FromHex("#9467bd"),
        Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"), Color.FromHex("#bcbd22"), Color.FromHex("#17becf"),
    ];

    private static readonly Color[] BoundaryColors = [Colors.Black, Color.FromHex("#d62728"), Color.FromHex("#2ca02c"), Color.FromHex("#9467bd"), Color.FromHex("#ff7f0e")];

    /// <summary>
    /// The decision regions of a classifier over the plane, shaded by predicted class, with the samples on top colored by their
    /// true class.
    /// </summary>
    /// <param name="predict">The class index of each row of an m × 2 matrix of points (in the units of <paramref name="points"/>).</param>
    /// <param name="points">The samples, n × 2.</param>
    /// <param name="classIndices">The true class index of each sample.</param>
    /// <param name="classNames">The name of each class, for the legend.</param>
    /// <param name="title">The title.</param>
    /// <param name="axisNames">The names of the two features.</param>
    /// <param name="resolution">Grid cells per axis.</param>
    public static Plot DecisionRegions(
        Func<Matrix<double>, int[]> predict, Matrix<double> points, IReadOnlyList<int> classIndices, IReadOnlyList<string> classNames,
        string title = "Decision regions", IReadOnlyList<string>? axisNames = null, int resolution = 200)
    {
        ArgumentNullException.ThrowIfNull(predict);
        Require2D(points, classIndices, classNames);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 2);
        var (x0, x1, y0, y1) = Bounds(points);
        var grid = new Matrix<double>(resolution * resolution, 2);
        for (int r = 0; r < resolution; r++)
        {
            for (int c = 0; c < resolution; c++)
            {
                grid[r * resolution + c, 0] = x0 + (c + 0.5) * (x1 - x0) / resolution;
                grid[r * resolution + c, 1] = y1 - (r + 0.5) * (y1 - y0) / resolution;
            }
        }

        var predicted = predict(grid);
        var cells = new double[resolution, resolution];
        for (int r = 0; r < resolution; r++)
        {
            for (int c = 0; c < resolution; c++)
            {
                cells[r, c] = predicted[r * resolution + c];
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(cells);
        int k = classNames.Count;
        heatmap.Colormap = new CategoryColormap([.. Enumerable.Range(0, k).Select(i => ClassColor(i).Lighten(0.7))]);
        heatmap.ManualRange = new ScottPlot.Range(0, Math.Max(1, k - 1));
        heatmap.Rectangle = new CoordinateRect(x0, x1, y0, y1);
        AddPoints(plot, points, classIndices, classNames);
        Finish(plot, title, axisNames);
        plot.Axes.SetLimits(x0, x1, y0, y1);
        return plot;
    }

    /// <summary>The decision regions of a fitted classifier on 2-D features; see <see cref="DecisionRegions(Func{Matrix{double}, int[]}, Matrix{double}, IReadOnlyList{int}, IReadOnlyList{string}, string, IReadOnlyList{string}?, int)"/>.</summary>
    public static Plot DecisionRegions<TLabel>(Classifier<double, TLabel> model, Matrix<double> x, IReadOnlyList<TLabel> y, string? title = null, IReadOnlyList<string>? axisNames = null)
        where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(y);
        var index = model.Classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        return DecisionRegions(model.PredictClassIndices, x, [.. y.Select(l => index[l])], [.. model.Classes.Select(c => c.ToString() ?? "")], title ?? $"{model.ModelName}: decision regions", axisNames);
    }

    /// <summary>Several decision boundaries on one picture, with the samples colored by class: for example a perceptron's line against the Bayes boundary.</summary>
    /// <param name="points">The samples, n × 2.</param>
    /// <param name="classIndices">The class index of each sample.</param>
    /// <param name="classNames">The name of each class.</param>
    /// <param name="boundaries">The boundaries, each drawn as a line in its own color.</param>
    /// <param name="title">The title.</param>
    /// <param name="axisNames">The names of the two features.</param>
    public static Plot Boundaries(
        Matrix<double> points, IReadOnlyList<int> classIndices, IReadOnlyList<string> classNames, IEnumerable<DecisionBoundary> boundaries,
        string title = "Decision boundaries", IReadOnlyList<string>? axisNames = null)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        Require2D(points, classIndices, classNames);
        var (x0, x1, y0, y1) = Bounds(points);
        var plot = new Plot();
        AddPoints(plot, points, classIndices, classNames);
        int b = 0;
        foreach (var boundary in boundaries)
        {
            var color = BoundaryColors[b++ % BoundaryColors.Length];
            bool first = true;
            foreach (var (p, q) in Contour.ZeroSegments(boundary.Function, x0, x1, y0, y1, 240))
            {
                var line = plot.Add.Line(p.X, p.Y, q.X, q.Y);
                line.Color = color;
                line.LineWidth = 2.5f;
                if (first)
                {
                    line.LegendText = boundary.Name;
                    first = false;
                }
            }
        }

        Finish(plot, title, axisNames);
        plot.Axes.SetLimits(x0, x1, y0, y1);
        return plot;
    }

    /// <summary>Training loss per epoch, and validation loss where there is one, with the best epoch marked.</summary>
    public static Plot LossCurves(TrainingHistory history, string title = "Loss per epoch")
    {
        ArgumentNullException.ThrowIfNull(history);
        var epochs = history.Epochs;
        if (epochs.Count == 0)
        {
            throw new ArgumentException("The history has no epochs to plot.", nameof(history));
        }

        var plot = new Plot();
        double[] x = [.. epochs.Select(e => (double)e.Epoch)];
        var train = plot.Add.Scatter(x, epochs.Select(e => e.Loss).ToArray());
        train.LegendText = "training loss";
        train.MarkerSize = epochs.Count > 50 ? 0 : 4;
        train.LineWidth = 2;
        train.Color = ClassColors[0];
        var withValidation = epochs.Where(e => e.ValidationLoss.HasValue).ToArray();
        if (withValidation.Length > 0)
        {
            var validation = plot.Add.Scatter(withValidation.Select(e => (double)e.Epoch).ToArray(), withValidation.Select(e => e.ValidationLoss!.Value).ToArray());
            validation.LegendText = "validation loss";
            validation.MarkerSize = train.MarkerSize;
            validation.LineWidth = 2;
            validation.Color = ClassColors[1];
            if (history.Best is { } best && history.BestEpoch != epochs[^1].Epoch)
            {
                var marker = plot.Add.VerticalLine(best.Epoch);
                marker.LineColor = Colors.Gray;
                marker.LinePattern = LinePattern.Dashed;
                marker.LegendText = $"best epoch ({best.Epoch})";
            }
        }

        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel("loss");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>A confusion matrix as a heat map: true class down the side, predicted class along the bottom, counts in the cells.</summary>
    public static Plot ConfusionMatrix<TLabel>(ConfusionMatrix<TLabel> matrix, string title = "Confusion matrix")
        where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int k = matrix.Classes.Count;
        var counts = new double[k, k];
        int max = 0;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                counts[i, j] = matrix[i, j];
                max = Math.Max(max, matrix[i, j]);
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(counts);
        heatmap.Colormap = new SequentialColormap(Colors.White, Color.FromHex("#08306b"));
        heatmap.ManualRange = new ScottPlot.Range(0, Math.Max(1, max));
        heatmap.Rectangle = new CoordinateRect(-0.5, k - 0.5, -0.5, k - 0.5);
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                // Row i (true class i) is drawn from the top, so at y = k − 1 − i.
                var text = plot.Add.Text(matrix[i, j].ToString(System.Globalization.CultureInfo.InvariantCulture), j, k - 1 - i);
                text.LabelFontSize = 18;
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = matrix[i, j] > max / 2.0 ? Colors.White : Colors.Black;
            }
        }

        var names = matrix.Classes.Select(c => c.ToString() ?? "").ToArray();
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, k).Select(j => (double)j)], names);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, k).Select(i => (double)(k - 1 - i))], names);
        plot.Axes.SetLimits(-0.5, k - 0.5, -0.5, k - 0.5);
        plot.Title(title);
        plot.XLabel("predicted class");
        plot.YLabel("true class");
        return plot;
    }

    /// <summary>Writes <paramref name="plot"/> as PNG or SVG, chosen by the extension of <paramref name="path"/> (.png or .svg); creates the directory.</summary>
    /// <exception cref="ArgumentException">The extension is neither .png nor .svg.</exception>
    public static void Save(Plot plot, string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".png" or ".svg"))
        {
            throw new ArgumentException($"Plots are saved as .png or .svg, not '{extension}': name the file {Path.ChangeExtension(path, ".png")}.", nameof(path));
        }

        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        if (extension == ".png")
        {
            plot.SavePng(path, width, height);
        }
        else
        {
            plot.SaveSvg(path, width, height);
        }
    }

    private static Color ClassColor(int k) => ClassColors[k % ClassColors.Length];

    private static void AddPoints(Plot plot, Matrix<double> points, IReadOnlyList<int> classIndices, IReadOnlyList<string> classNames)
    {
        for (int k = 0; k < classNames.Count; k++)
        {
            var rows = Enumerable.Range(0, points.Rows).Where(i => classIndices[i] == k).ToArray();
            if (rows.Length == 0)
            {
                continue;
            }

            var scatter = plot.Add.ScatterPoints(rows.Select(i => points[i, 0]).ToArray(), rows.Select(i => points[i, 1]).ToArray());
            scatter.Color = ClassColor(k);
            scatter.MarkerSize = points.Rows > 1000 ? 4 : 6;
            scatter.LegendText = classNames[k];
        }
    }

    private static void Finish(Plot plot, string title, IReadOnlyList<string>? axisNames)
    {
        plot.Title(title);
        plot.XLabel(axisNames is { Count: > 0 } ? axisNames[0] : "x₁");
        plot.YLabel(axisNames is { Count: > 1 } ? axisNames[1] : "x₂");
        plot.ShowLegend(Alignment.UpperRight);
    }

    private static (double X0, double X1, double Y0, double Y1) Bounds(Matrix<double> points)
    {
        double x0 = double.PositiveInfinity, x1 = double.NegativeInfinity, y0 = double.PositiveInfinity, y1 = double.NegativeInfinity;
        for (int i = 0; i < points.Rows; i++)
        {
            x0 = Math.Min(x0, points[i, 0]);
            x1 = Math.Max(x1, points[i, 0]);
            y0 = Math.Min(y0, points[i, 1]);
            y1 = Math.Max(y1, points[i, 1]);
        }

        // A margin of 5% (at least 0.5) around the points.
        double mx = Math.Max(0.05 * (x1 - x0), 0.5), my = Math.Max(0.05 * (y1 - y0), 0.5);
        return (x0 - mx, x1 + mx, y0 - my, y1 + my);
    }

    private static void Require2D(Matrix<double> points, IReadOnlyList<int> classIndices, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(classIndices);
        ArgumentNullException.ThrowIfNull(classNames);
        if (points.Columns != 2)
        {
            throw new ArgumentException($"Decision plots need 2-D data, but the points have {points.Columns} features.", nameof(points));
        }

        if (points.Rows == 0 || classIndices.Count != points.Rows)
        {
            throw new ArgumentException($"There are {points.Rows} points but {classIndices.Count} class indices: give one per point (at least one).", nameof(classIndices));
        }

        if (classIndices.Any(k => k < 0 || k >= classNames.Count))
        {
            throw new ArgumentException($"Every class index must be in [0, {classNames.Count}).", nameof(classIndices));
        }
    }
}
