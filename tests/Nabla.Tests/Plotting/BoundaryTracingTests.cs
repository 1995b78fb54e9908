using Nabla.Plotting;
using Nabla.Tensors;
using ScottPlot;

namespace Nabla.Tests.Plotting;

public sealed class BoundaryTracingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nabla-tracing-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly PlotArea Square = new(-2, 2, -2, 2);

    [Fact]
    public void A_circle_is_one_closed_polyline_on_the_circle()
    {
        var lines = DecisionBoundary.Circle("unit", 0, 0, 1).Trace(Square);

        var line = Assert.Single(lines);
        Assert.Equal(line[0], line[^1]);
        Assert.All(line, p => Assert.InRange(Math.Sqrt(p.X * p.X + p.Y * p.Y), 1 - 1e-3, 1 + 1e-3));

        // The polygon's perimeter and (shoelace) area approach 2π and π.
        double perimeter = 0, area = 0;
        for (int k = 1; k < line.Count; k++)
        {
            perimeter += Math.Sqrt(Math.Pow(line[k].X - line[k - 1].X, 2) + Math.Pow(line[k].Y - line[k - 1].Y, 2));
            area += line[k - 1].X * line[k].Y - line[k].X * line[k - 1].Y;
        }

        Assert.Equal(2 * Math.PI, perimeter, 2e-3);
        Assert.Equal(Math.PI, Math.Abs(area) / 2, 2e-3);
    }

    [Fact]
    public void A_line_is_one_open_polyline_from_border_to_border_exactly_on_the_line()
    {
        // −1 + x + 2y = 0 crosses the square from (−2, 1.5) to (2, −0.5); linear interpolation is exact for a linear g.
        var line = Assert.Single(DecisionBoundary.Line("l", -1, 1, 2).Trace(Square, 50));

        Assert.All(line, p => Assert.Equal(0, -1 + p.X + 2 * p.Y, 1e-12));
        var ends = new[] { line[0], line[^1] }.OrderBy(p => p.X).ToArray();
        Assert.Equal(-2, ends[0].X, 1e-12);
        Assert.Equal(1.5, ends[0].Y, 1e-12);
        Assert.Equal(2, ends[1].X, 1e-12);
        Assert.Equal(-0.5, ends[1].Y, 1e-12);
    }

    [Fact]
    public void Within_clips_to_the_region_with_ends_on_its_edge()
    {
        // The unit circle right of x = 0.5: one arc from (0.5, −√0.75) to (0.5, √0.75).
        var arc = Assert.Single(DecisionBoundary.Circle("c", 0, 0, 1).Within((x, _) => x >= 0.5).Trace(Square));

        Assert.All(arc, p => Assert.True(p.X >= 0.5, $"{p} is left of x = 0.5"));
        var ends = new[] { arc[0], arc[^1] }.OrderBy(p => p.Y).ToArray();
        Assert.Equal(0.5, ends[0].X, 1e-9);
        Assert.Equal(0.5, ends[1].X, 1e-9);
        Assert.Equal(-Math.Sqrt(0.75), ends[0].Y, 1e-3);
        Assert.Equal(Math.Sqrt(0.75), ends[1].Y, 1e-3);
    }

    [Fact]
    public void Regions_combine_and_a_region_can_split_a_curve()
    {
        // The unit circle outside the band |y| < 0.5 is two arcs; also requiring x > 0 leaves the two right-hand quarter arcs.
        var circle = DecisionBoundary.Circle("c", 0, 0, 1);
        Assert.Equal(2, circle.Within((_, y) => Math.Abs(y) >= 0.5).Trace(Square).Count);
        var quarters = circle.Within((_, y) => Math.Abs(y) >= 0.5).Within((x, _) => x >= 0).Trace(Square);
        Assert.Equal(2, quarters.Count);
        Assert.All(quarters.SelectMany(l => l), p => Assert.True(p.X >= -1e-9 && Math.Abs(p.Y) >= 0.5 - 1e-9, $"{p}"));
    }

    [Fact]
    public void Saddles_are_resolved_and_hyperbola_branches_stay_apart()
    {
        // xy = 0.01 has two branches, one in the first quadrant and one in the third; each is one open polyline.
        var lines = DecisionBoundary.Implicit("h", (x, y) => x * y - 0.01).Trace(new PlotArea(-1, 1, -1, 1), 100);

        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.NotEqual(l[0], l[^1]));
        Assert.Contains(lines, l => l.All(p => p.X > 0 && p.Y > 0));
        Assert.Contains(lines, l => l.All(p => p.X < 0 && p.Y < 0));
        Assert.All(lines.SelectMany(l => l), p => Assert.Equal(0.01, p.X * p.Y, 2e-3));
    }

    [Fact]
    public void Two_circles_are_two_loops_and_a_curve_outside_the_area_is_empty()
    {
        var two = DecisionBoundary.Implicit("two", (x, y) => Math.Min((x - 1) * (x - 1) + y * y, (x + 1) * (x + 1) + y * y) - 0.25).Trace(Square);
        Assert.Equal(2, two.Count);
        Assert.All(two, l => Assert.Equal(l[0], l[^1]));

        Assert.Empty(DecisionBoundary.Circle("far", 10, 10, 1).Trace(Square));
    }

    [Fact]
    public void Add_boundaries_draws_each_curve_once_in_the_legend_and_names_those_out_of_view()
    {
        var plot = new Plot();
        Plots.AddBoundaries(plot,
        [
            DecisionBoundary.Circle("split", 0, 0, 1).Within((_, y) => Math.Abs(y) >= 0.5).WithStyle(Colors.Orange, LinePattern.Dashed, 4),
            DecisionBoundary.Line("line", 0, 1, 0),
            DecisionBoundary.Circle("far", 10, 10, 1),
        ], Square);

        var scatters = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().ToList();
        Assert.Equal(4, scatters.Count); // two arcs, one line, one empty legend entry
        Assert.Equal(["split", "", "line", "far (not in view)"], scatters.Select(s => s.LegendText));
        Assert.All(scatters.Take(2), s => Assert.Equal((Colors.Orange, 4f, LinePattern.Dashed), (s.Color, s.LineWidth, s.LinePattern)));
        Assert.Equal(Colors.Black, scatters[2].Color);
        Assert.Equal(DecisionBoundary.DefaultWidth, scatters[2].LineWidth);
    }

    [Fact]
    public void Integer_series_start_at_zero_and_are_written()
    {
        var plot = Plots.IntegerSeries([("errors", new[] { 7, 3, 4, 0 }), ("other", new[] { 2, 2 })], "errors per epoch", "epoch", "errors");

        var limits = plot.Axes.GetLimits();
        Assert.Equal(0, limits.Bottom);
        Assert.True(limits.Top >= 7, $"top {limits.Top}");
        Assert.True(limits.Left < 1 && limits.Right > 4, $"x from {limits.Left} to {limits.Right}");
        var scatters = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().ToList();
        Assert.Equal([1.0, 2, 3, 4], scatters[0].Data.GetScatterPoints().Select(p => p.X));
        Assert.Equal([7.0, 3, 4, 0], scatters[0].Data.GetScatterPoints().Select(p => p.Y));

        string png = Path.Combine(_dir, "series.png"), svg = Path.Combine(_dir, "series.svg");
        Plots.Save(plot, png, 500, 400);
        Plots.Save(plot, svg, 500, 400);
        Assert.Equal((500, 400), PlotsTests.PngSize(png));
        PlotsTests.AssertSvg(svg, 500, 400);

        Assert.Throws<ArgumentException>(() => Plots.IntegerSeries([]));
        Assert.Throws<ArgumentException>(() => Plots.IntegerSeries([("none", Array.Empty<int>())]));
    }

    [Fact]
    public void Equal_aspect_plots_have_square_units_and_show_at_least_the_area()
    {
        var points = Matrix<double>.FromRows([[0, 0], [1, 1], [0, 1], [1, 0]]);
        var area = new PlotArea(-0.5, 1.5, -0.5, 1.5);
        var plot = Plots.DecisionRegions(g => [.. Enumerable.Range(0, g.Rows).Select(i => g[i, 0] + g[i, 1] > 1 ? 1 : 0)], points, [0, 1, 1, 1], ["no", "yes"],
            area: area, equalAspect: true);
        Plots.AddBoundaries(plot, [DecisionBoundary.Line("x + y = 1", -1, 1, 1)], area.Inflate(0.5));
        string png = Path.Combine(_dir, "square.png");
        Plots.Save(plot, png, 900, 500);
        Assert.Equal((900, 500), PlotsTests.PngSize(png));

        var limits = plot.Axes.GetLimits();
        var data = plot.RenderManager.LastRender.DataRect;
        Assert.Equal(limits.HorizontalSpan / data.Width, limits.VerticalSpan / data.Height, 1e-6);
        Assert.True(limits.Left <= area.XMin && limits.Right >= area.XMax && limits.Bottom <= area.YMin + 1e-9 && limits.Top >= area.YMax - 1e-9, $"{limits}");
    }

    [Fact]
    public void Plot_areas_are_checked_found_around_points_and_inflated()
    {
        var around = PlotArea.Around(Matrix<double>.FromRows([[0, 0], [20, 1]]));
        Assert.Equal(new PlotArea(-1, 21, -0.5, 1.5), around);
        var inflated = around.Inflate(0.1);
        Assert.Equal([-3.2, 23.2, -0.7, 1.7], new[] { inflated.XMin, inflated.XMax, inflated.YMin, inflated.YMax }, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal((26.4, 2.4), (Math.Round(inflated.Width, 12), Math.Round(inflated.Height, 12)));
        Assert.True(around.Contains(21, -0.5));
        Assert.False(around.Contains(21.01, 0));

        Assert.Throws<ArgumentException>(() => new PlotArea(1, 1, 0, 1));
        Assert.Throws<ArgumentException>(() => new PlotArea(0, double.NaN, 0, 1));
        Assert.Throws<ArgumentException>(() => PlotArea.Around(new Matrix<double>(0, 2)));
        Assert.Throws<ArgumentException>(() => PlotArea.Around(Matrix<double>.FromRows([[0, double.PositiveInfinity]])));
        Assert.Throws<ArgumentOutOfRangeException>(() => around.Inflate(-0.1));
        Assert.Throws<ArgumentException>(() => DecisionBoundary.Circle("c", 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DecisionBoundary.Line("l", 0, 1, 1).WithStyle(width: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DecisionBoundary.Line("l", 0, 1, 1).Trace(Square, 1));
    }
}
