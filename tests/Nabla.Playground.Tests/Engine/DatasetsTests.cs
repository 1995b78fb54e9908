using Nabla.Data.Preprocessing;
using Nabla.Playground.Engine;

namespace Nabla.Playground.Tests.Engine;

public class DatasetsTests
{
    public static TheoryData<DatasetKind> Classification => [.. Datasets.Classification];

    [Theory]
    [MemberData(nameof(Classification))]
    public void Each_classification_set_has_both_classes_in_the_view_and_the_test_share_asked_for(DatasetKind kind)
    {
        var points = Datasets.Generate(new PlaygroundSettings { Dataset = kind, Points = 400, Noise = 20, TrainPercent = 70, Seed = 3 });

        Assert.Equal(400, points.Count);
        Assert.False(points.Regression);
        Assert.All(points.X1, x => Assert.InRange(x, -Datasets.Extent, Datasets.Extent));
        Assert.All(points.X2, x => Assert.InRange(x, -Datasets.Extent, Datasets.Extent));
        Assert.InRange(points.Target.Count(t => t == 1), 100, 300);
        Assert.All(points.Target, t => Assert.True(t is 0 or 1));
        Assert.Equal(120, points.TestRows().Length);

        // The points spread over the view, not into a corner of it.
        Assert.True(points.X1.Max() - points.X1.Min() > 4, $"{kind}: x1 spans only {points.X1.Min()} to {points.X1.Max()}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_points_and_another_seed_others()
    {
        var a = Datasets.Generate(new PlaygroundSettings { Dataset = DatasetKind.Bumps, Seed = 5 });
        var b = Datasets.Generate(new PlaygroundSettings { Dataset = DatasetKind.Bumps, Seed = 5 });
        var c = Datasets.Generate(new PlaygroundSettings { Dataset = DatasetKind.Bumps, Seed = 6 });
        Assert.True(a.Regression);
        Assert.Equal(a.X1, b.X1);
        Assert.Equal(a.Target, b.Target);
        Assert.NotEqual(a.X1, c.X1);
    }

    [Fact]
    public void Csv_columns_become_classes_in_order_or_a_regression_target_and_rows_without_numbers_are_counted()
    {
        var table = new TabularData("t.csv", ["a", "b", "kind", "value"],
        [
            ["1", "10", "yes", "0.5"], ["2", "20", "no", "1.5"], ["3", "x", "no", "2"], ["4", "40", "yes", "3"], ["5", "50", "no", "-1"], ["6", "60", "yes", "7"],
        ]);

        var classes = CsvPoints.From(table, "a", "b", "kind");
        Assert.False(classes.Regression);
        Assert.Equal(["no", "yes"], classes.Classes);
        Assert.Equal([1.0, 0, 1, 0, 1], classes.Target);
        Assert.Equal(1, classes.Skipped);

        var values = CsvPoints.From(table, "a", "b", "value");
        Assert.True(values.Regression);
        Assert.Equal([0.5, 1.5, 3, -1, 7], values.Target);

        var points = Datasets.FromColumns(values.First, values.Second, values.Target, true, 60, 1);
        Assert.Equal(-5, points.X1.Min());
        Assert.Equal(5, points.X1.Max());

        var text = Assert.Throws<ArgumentException>(() => CsvPoints.From(new TabularData("u.csv", ["a", "b", "c"], [["1", "2", "p"], ["2", "3", "q"], ["3", "1", "r"], ["4", "4", "p"]]), "a", "b", "c"));
        Assert.Contains("has 3 different values", text.Message, StringComparison.Ordinal);
    }
}
