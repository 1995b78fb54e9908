using Nabla.Data.Preprocessing;
using Nabla.Linear;
using Nabla.Onnx;
using Nabla.Tensors;

namespace Nabla.Tests.Onnx;

/// <summary>The exported preprocessing alone, read through an identity regressor: ONNX Runtime's features are Nabla's.</summary>
public sealed class OnnxPreprocessingTests
{
    [Fact]
    public void The_exported_preprocessing_makes_the_features_Nabla_makes()
    {
        var train = OnnxTables.Mixed(240, seed: 1, classes: 3);
        var fresh = OnnxTables.Mixed(300, seed: 5, classes: 3, unseen: true);
        var (prep, _) = Preprocessor.FitTransform(train, new PreprocessorOptions { Targets = ["y"] });

        // The table exercises every step: an identifier left out, a fill with and without an indicator, a rare category
        // sharing (other), a date and a date-time column, and unseen categories in the new rows.
        Assert.DoesNotContain(prep.Inputs, c => c.Name == "id");
        Assert.Contains(prep.Inputs, c => c.Kind == ColumnKind.Numeric && c.MissingIndicator);
        Assert.Contains(prep.Inputs, c => c.Kind == ColumnKind.Numeric && c.Fill is not null && !c.MissingIndicator);
        Assert.Contains(prep.Inputs, c => c.Kind == ColumnKind.Categorical && c.Encoder!.Other && c.MissingIndicator && c.FillCategory is not null);
        Assert.Contains(prep.Inputs, c => c.Kind == ColumnKind.Date && !c.HasTime && c.MissingIndicator);
        Assert.Contains(prep.Inputs, c => c.Kind == ColumnKind.Date && c.HasTime && c.MissingIndicator);
        int color = fresh.RequireColumn("color");
        Assert.Contains(Enumerable.Range(0, fresh.RowCount), i => fresh[i, color] == "purple");
        Assert.True(prep.Inputs.Single(c => c.Name == "color").Encoder!.IndexOf("purple") < 0);
        var expected = prep.Transform(fresh);

        int d = prep.FeatureCount;
        var identity = LinearRegression<double>.Restore(new LinearRegressionOptions(), Matrix<double>.Identity(d), new double[d]);
        var run = OnnxRun.Of(OnnxExportTests.Bytes(s => OnnxExporter.Export(identity, prep, s)), OnnxInputs.FromTable(prep, fresh));
        var actual = run.Reals(OnnxExporter.PredictionsOutput);
        var names = prep.FeatureNames;
        for (int i = 0; i < fresh.RowCount; i++)
        {
            for (int j = 0; j < d; j++)
            {
                double want = expected[i, j];
                Assert.True(Math.Abs(want - actual[i * d + j]) <= 1e-9 * Math.Max(1, Math.Abs(want)),
                    $"row {i}, feature {names[j]}: ONNX Runtime {actual[i * d + j]:R}, Nabla {want:R}");
            }
        }
    }

    [Fact]
    public void Dates_before_1970_in_leap_years_and_at_the_turn_of_a_century_give_Nabla_s_date_features()
    {
        string[] days = ["1899-12-31", "1900-02-28", "1900-03-01", "1960-02-29", "1969-12-31T23:59:59", "1970-01-01", "2000-02-29T12:00:00", "2000-12-31", "2024-03-01T06:30:00", "2100-03-01"];
        var rows = days.Select((day, i) => new[] { day, (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToList();
        var table = new TabularData("dates.csv", ["when", "y"], rows);
        var (prep, expected) = Preprocessor.FitTransform(table, new PreprocessorOptions { Targets = ["y"], Scale = ScalerKind.None });
        Assert.True(prep.Inputs.Single().HasTime);
        int d = prep.FeatureCount;
        var identity = LinearRegression<double>.Restore(new LinearRegressionOptions(), Matrix<double>.Identity(d), new double[d]);
        var actual = OnnxRun.Of(OnnxExportTests.Bytes(s => OnnxExporter.Export(identity, prep, s)), OnnxInputs.FromTable(prep, table)).Reals(OnnxExporter.PredictionsOutput);
        for (int i = 0; i < days.Length; i++)
        {
            for (int j = 0; j < d; j++)
            {
                Assert.True(Math.Abs(expected[i, j] - actual[i * d + j]) <= 1e-9 * Math.Max(1, Math.Abs(expected[i, j])), $"{days[i]}, {prep.FeatureNames[j]}: ONNX Runtime {actual[i * d + j]:R}, Nabla {expected[i, j]:R}");
            }
        }
    }
}
