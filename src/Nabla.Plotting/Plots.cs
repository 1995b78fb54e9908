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
public static partial class Plots
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

    // Boundaries: black first, then colors that stand apart from the first classes' blue and red.
    private static readonly Color[] BoundaryColors = [Colors.Black, Color.FromHex("#2ca02c"), Color.FromHex("#ff7f0e"), Color.FromHex("#9467bd"), Color.FromHex("#8c564b")];

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
    /// <param name="area">The part of the plane to show; by default <see cref="PlotArea.Around"/> the points.</param>
    /// <param name="equalAspect">
    /// Draw one unit of x₁ as long as one unit of x₂, so that circles look round and angles are true; the shown area then
    /// grows in one direction to fill the picture (the regions are computed far enough beyond it).
    /// </param>
    public static Plot DecisionRegions(
        Func<Matrix<double>, int[]> predict, Matrix<double> points, IReadOnlyList<int> classIndices, IReadOnlyList<string> classNames,
        string title = "Decision regions", IReadOnlyList<string>? axisNames = null, int resolution = 200, PlotArea? area = null, bool equalAspect = false)
    {
        ArgumentNullException.ThrowIfNull(predict);
        Require2D(points, classIndices, classNames);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 2);
        var shown = area ?? PlotArea.Around(points);
        var computed = equalAspect ? BeyondSquare(shown) : shown;
        if (equalAspect)
        {
            resolution = (int)Math.Ceiling(resolution * Math.Max(computed.Width / shown.Width, computed.Height / shown.Height));
        }

        var (x0, x1, y0, y1) = (computed.XMin, computed.XMax, computed.YMin, computed.YMax);
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
        Show(plot, shown, equalAspect);
        return plot;
    }

    /// <summary>The decision regions of a fitted classifier on 2-D features; see <see cref="DecisionRegions(Func{Matrix{double}, int[]}, Matrix{double}, IReadOnlyList{int}, IReadOnlyList{string}, string, IReadOnlyList{string}?, int, PlotArea?, bool)"/>.</summary>
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
    /// <param name="boundaries">The boundaries, each drawn as a line in its own color (see <see cref="AddBoundaries"/>).</param>
    /// <param name="title">The title.</param>
    /// <param name="axisNames">The names of the two features.</param>
    /// <param name="area">The part of the plane to show; by default <see cref="PlotArea.Around"/> the points.</param>
    /// <param name="equalAspect">Draw one unit of x₁ as long as one unit of x₂, so that circles look round (the shown area grows in one direction to fill the picture).</param>
    public static Plot Boundaries(
        Matrix<double> points, IReadOnlyList<int> classIndices, IReadOnlyList<string> classNames, IEnumerable<DecisionBoundary> boundaries,
        string title = "Decision boundaries", IReadOnlyList<string>? axisNames = null, PlotArea? area = null, bool equalAspect = false)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        Require2D(points, classIndices, classNames);
        var shown = area ?? PlotArea.Around(points);
        var plot = new Plot();
        AddPoints(plot, points, classIndices, classNames);
        AddBoundaries(plot, boundaries, equalAspect ? BeyondSquare(shown) : shown);
        Finish(plot, title, axisNames);
        Show(plot, shown, equalAspect);
        return plot;
    }

    /// <summary>
    /// Draws decision boundaries on any plot (for example on <see cref="DecisionRegions(Func{Matrix{double}, int[]}, Matrix{double}, IReadOnlyList{int}, IReadOnlyList{string}, string, IReadOnlyList{string}?, int, PlotArea?, bool)"/>),
    /// each traced over <paramref name="area"/> by <see cref="DecisionBoundary.Trace"/> and named once in the legend. A boundary
    /// without a color of its own takes the next of black, green, orange, purple and brown; one that does not cross the area
    /// is still listed in the legend, marked "(not in view)".
    /// </summary>
    /// <param name="plot">The plot to draw on.</param>
    /// <param name="boundaries">The boundaries.</param>
    /// <param name="area">Where to trace them: the shown area or more.</param>
    /// <param name="resolution">Grid cells per axis for tracing.</param>
    public static void AddBoundaries(Plot plot, IEnumerable<DecisionBoundary> boundaries, PlotArea area, int resolution = DecisionBoundary.DefaultResolution)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(area);
        int b = 0;
        foreach (var boundary in boundaries)
        {
            ArgumentNullException.ThrowIfNull(boundary, nameof(boundaries));
            var color = boundary.Color ?? BoundaryColors[b++ % BoundaryColors.Length];
            var lines = boundary.Trace(area, resolution);
            if (lines.Count == 0)
            {
                // Nothing to draw, but the legend still says the boundary exists.
                var empty = plot.Add.ScatterLine(new[] { double.NaN }, new[] { double.NaN });
                Style(empty, color, boundary);
                empty.LegendText = $"{boundary.Name} (not in view)";
                continue;
            }

            for (int l = 0; l < lines.Count; l++)
            {
                var line = plot.Add.ScatterLine(lines[l].Select(p => p.X).ToArray(), lines[l].Select(p => p.Y).ToArray());
                Style(line, color, boundary);
                if (l == 0)
                {
                    line.LegendText = boundary.Name;
                }
            }
        }
    }

    /// <summary>
    /// One or more integer series against a running index, for example a perceptron's errors per epoch: lines with markers
    /// (when there are few values), integer ticks, the y axis from 0, and the legend below the plot.
    /// </summary>
    /// <param name="series">The series, each with its name for the legend (a single series with an empty name gets no legend).</param>
    /// <param name="title">The title.</param>
    /// <param name="xLabel">The label of the index axis.</param>
    /// <param name="yLabel">The label of the value axis.</param>
    /// <param name="first">The index of each series' first value (1 for epochs counted from 1).</param>
    /// <exception cref="ArgumentException">There is no series, or every series is empty.</exception>
    public static Plot IntegerSeries(
        IEnumerable<(string Name, IReadOnlyList<int> Values)> series, string title = "Counts", string xLabel = "epoch", string yLabel = "count", int first = 1)
    {
        ArgumentNullException.ThrowIfNull(series);
        var all = series.ToList();
        if (all.Count == 0 || all.All(s => s.Values is null || s.Values.Count == 0))
        {
            throw new ArgumentException("There are no values to plot: give at least one non-empty series.", nameof(series));
        }

        var plot = new Plot();
        int longest = 0, max = 0;
        for (int k = 0; k < all.Count; k++)
        {
            var (name, values) = all[k];
            if (values is null || values.Count == 0)
            {
                continue;
            }

            var scatter = plot.Add.Scatter(
                Enumerable.Range(first, values.Count).Select(i => (double)i).ToArray(),
                values.Select(v => (double)v).ToArray());
            scatter.Color = ClassColor(k);
            scatter.LineWidth = 2;
            scatter.MarkerSize = values.Count > 60 ? 0 : 5;
            scatter.LegendText = name ?? "";
            longest = Math.Max(longest, values.Count);
            max = Math.Max(max, values.Max());
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        double pad = Math.Max(0.5, 0.02 * longest);
        plot.Axes.SetLimits(first - pad, first + longest - 1 + pad, 0, Math.Max(1, max) * 1.08);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        if (all.Count > 1 || !string.IsNullOrEmpty(all[0].Name))
        {
            // Below the plot: counts often stay near their maximum, where a legend inside would hide them.
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.Orientation = Orientation.Vertical;
        }

        return plot;
    }

    /// <summary>Training loss per epoch, and validation loss where there is one, with the best epoch marked.</summary>
    /// <param name="history">The epochs to plot (at least one).</param>
    /// <param name="title">The plot's title.</param>
    /// <param name="xLabel">The label of the index axis: "epoch", or what a record stands for (an L-BFGS iteration).</param>
    public static Plot LossCurves(TrainingHistory history, string title = "Loss per epoch", string xLabel = "epoch")
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
        plot.XLabel(xLabel);
        plot.YLabel(history.Quantity);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>
    /// A regressor's predictions against the true values, one point per row, with the line ŷ = y on which a perfect model's
    /// points would lie.
    /// </summary>
    /// <param name="actual">The true values y.</param>
    /// <param name="predicted">The predictions ŷ, one per true value.</param>
    /// <param name="title">The plot's title.</param>
    /// <param name="target">The target's name, for the axes.</param>
    /// <exception cref="ArgumentException">The lists are empty or of different lengths.</exception>
    public static Plot PredictedVersusActual(IReadOnlyList<double> actual, IReadOnlyList<double> predicted, string title = "Predicted against true values", string target = "y")
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Count == 0 || actual.Count != predicted.Count)
        {
            throw new ArgumentException($"Give one prediction per true value, at least one: {actual.Count} true values, {predicted.Count} predictions.", nameof(predicted));
        }

        var plot = new Plot();
        var points = plot.Add.ScatterPoints(actual.ToArray(), predicted.ToArray());
        points.Color = ClassColors[0].WithAlpha(0.6);
        points.MarkerSize = 5;
        points.LegendText = "rows";
        double low = Math.Min(actual.Min(), predicted.Min()), high = Math.Max(actual.Max(), predicted.Max());
        var identity = plot.Add.Line(low, low, high, high);
        identity.Color = Colors.Gray;
        identity.LinePattern = LinePattern.Dashed;
        identity.LegendText = "ŷ = y";
        plot.Title(title);
        plot.XLabel($"true {target}");
        plot.YLabel($"predicted {target}");
        plot.ShowLegend(Alignment.UpperLeft);
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

    /// <summary>The color of class <paramref name="index"/> in every plot (its points, and a pale shade of it for its region).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static Color ClassColor(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return ClassColors[index % ClassColors.Length];
    }

    private static void Style(ScottPlot.Plottables.Scatter line, Color color, DecisionBoundary boundary)
    {
        line.Color = color;
        line.LineWidth = boundary.Width;
        line.LinePattern = boundary.Pattern;
        line.MarkerSize = 0;
    }

    /// <summary>Sets the axis limits to <paramref name="area"/>, keeping square units if asked.</summary>
    private static void Show(Plot plot, PlotArea area, bool equalAspect)
    {
        plot.Axes.SetLimits(area.XMin, area.XMax, area.YMin, area.YMax);
        if (equalAspect)
        {
            plot.Axes.SquareUnits();
        }
    }

    /// <summary>
    /// With square units the shown area grows along one axis to fill the picture; what is computed for it (regions, boundaries)
    /// covers a square about its centre, 1.5 times its longer side, so the growth shows computed content and not blank paper.
    /// </summary>
    private static PlotArea BeyondSquare(PlotArea area)
    {
        double half = 0.75 * Math.Max(area.Width, area.Height);
        double cx = (area.XMin + area.XMax) / 2, cy = (area.YMin + area.YMax) / 2;
        return new PlotArea(Math.Min(area.XMin, cx - half), Math.Max(area.XMax, cx + half), Math.Min(area.YMin, cy - half), Math.Max(area.YMax, cy + half));
    }

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
            // Many points overlap: smaller and half transparent, so that density and the lines on top stay visible.
            scatter.Color = points.Rows > 1000 ? ClassColor(k).WithAlpha(0.55) : ClassColor(k);
            scatter.MarkerSize = points.Rows > 1000 ? 4 : points.Rows > 100 ? 6 : 12;
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
