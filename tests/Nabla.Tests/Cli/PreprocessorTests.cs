using Nabla.Data.Preprocessing;
using Nabla.IO;
using Nabla.Sampling;

namespace Nabla.Tests.Cli;

public class PreprocessorTests
{
    private static TabularData Parse(string text) => CsvFiles.Read(new StringReader(text), "d.csv");

    // Strict options unless told: the defaults fill missing values (TablesAsTheyComeTests).
    private static readonly PreprocessorOptions Strict = new() { Impute = ImputeStrategy.None, UnknownCategories = UnknownCategoryHandling.Error };

    private static string FitError(string text, PreprocessorOptions? options = null) =>
        Assert.Throws<DataFormatException>(() => Preprocessor.Fit(Parse(text), options ?? Strict)).Message;

    [Fact]
    public void Numbers_are_standardized_and_text_is_one_hot()
    {
        var data = Parse("x,color,y\n1,red,a\n3,blue,b\n5,red,a\n");
        var p = Preprocessor.Fit(data);
        Assert.Equal(["x", "color=blue", "color=red"], p.FeatureNames);
        Assert.Equal(["y"], p.Targets);
        var x = p.Transform(data);
        double sd = Math.Sqrt(8.0 / 3);
        Assert.Equal(new[,] { { -2 / sd, 0, 1 }, { 0, 1, 0 }, { 2 / sd, 0, 1 } }, x.ToArray());
        Assert.Equal(["a", "b", "a"], p.ReadLabels(data));
    }

    [Fact]
    public void Minmax_scales_to_unit_range_and_none_keeps_values()
    {
        var data = Parse("x,y\n2,a\n4,b\n6,a\n");
        Assert.Equal(new[,] { { 0.0 }, { 0.5 }, { 1 } }, Preprocessor.Fit(data, new() { Scale = ScalerKind.MinMax }).Transform(data).ToArray());
        Assert.Equal(new[,] { { 2.0 }, { 4 }, { 6 } }, Preprocessor.Fit(data, new() { Scale = ScalerKind.None }).Transform(data).ToArray());
    }

    [Fact]
    public void Scaler_is_fitted_on_training_rows_only()
    {
        var train = Parse("x,y\n0,a\n2,b\n");
        var test = Parse("x,y\n100,a\n");
        Assert.Equal(99, Preprocessor.Fit(train).Transform(test)[0, 0]);
    }

    [Fact]
    public void Impute_mean_and_median_fill_from_training_rows()
    {
        var data = Parse("x,c,y\n1,u,a\n,,b\n2,v,a\n9,u,b\n");
        var mean = Preprocessor.Fit(data, new() { Impute = ImputeStrategy.Mean, Scale = ScalerKind.None });
        Assert.Equal(4, mean.Transform(data)[1, 0]);
        Assert.Equal("u", mean.Inputs[1].FillCategory);
        var median = Preprocessor.Fit(data, new() { Impute = ImputeStrategy.Median, Scale = ScalerKind.None });
        Assert.Equal(2, median.Transform(data)[1, 0]);
    }

    [Theory]
    [InlineData(ImputeStrategy.Mean, ScalerKind.Standard)]
    [InlineData(ImputeStrategy.Median, ScalerKind.MinMax)]
    [InlineData(ImputeStrategy.None, ScalerKind.None)]
    public void Fit_transform_gives_what_fit_then_transform_gives(ImputeStrategy impute, ScalerKind scale)
    {
        string gaps = impute == ImputeStrategy.None ? "7,v" : ",";
        var data = Parse($"x,c,z,y\n1,u,0.5,a\n{gaps},2,b\n2,v,-3,a\n9,u,1e3,b\n");
        var options = new PreprocessorOptions { Impute = impute, Scale = scale };
        var (prep, x) = Preprocessor.FitTransform(data, options);
        var expected = Preprocessor.Fit(data, options);

        Assert.Equal(expected.FeatureNames, prep.FeatureNames);
        Assert.Equal(expected.Transform(data).ToArray(), x.ToArray());
        Assert.Equal(expected.Transform(data).ToArray(), prep.Transform(data).ToArray());
    }

    [Fact]
    public void Fit_transform_names_a_missing_cell_as_fit_does() =>
        Assert.Equal(FitError("x,y\n1,a\n,b\n"),
            Assert.Throws<DataFormatException>(() => Preprocessor.FitTransform(Parse("x,y\n1,a\n,b\n"), Strict)).Message);

    [Fact]
    public void Missing_value_names_file_line_column_and_fix() =>
        Assert.Equal("d.csv, line 3, column 'x': missing value (empty cell). Fill it in, remove the row, or impute missing values (Impute = Median or Mean).",
            FitError("x,y\n1,a\n,b\n"));

    [Fact]
    public void Nan_is_missing() => Assert.Contains("line 2, column 'x': missing value ('NaN')", FitError("x,y\nNaN,a\n2,b\n"));

    [Theory]
    [InlineData("-NaN")]
    [InlineData("+nan")]
    public void A_signed_nan_is_missing_not_infinite(string cell) =>
        Assert.Contains($"line 2, column 'x': missing value ('{cell}')", FitError($"x,y\n{cell},a\n2,b\n"));

    [Fact]
    public void Infinity_is_an_error_even_with_impute() =>
        Assert.Contains("line 3, column 'x': 'inf' is infinite", FitError("x,y\n1,a\ninf,b\n", new() { Impute = ImputeStrategy.Mean }));

    [Fact]
    public void Stray_text_in_a_numeric_column_is_an_error() =>
        Assert.Equal("d.csv, line 4, column 'x': expected a number (the column's other values are numbers), found 'abc'. Fix the cell, or treat the column as categories (Categorical = [x]).",
            FitError("x,y\n1,a\n2,b\nabc,a\n3,b\n"));

    [Fact]
    public void Categorical_option_one_hot_encodes_numbers()
    {
        var data = Parse("zip,y\n10,a\n20,b\n");
        Assert.Equal(["zip=10", "zip=20"], Preprocessor.Fit(data, new() { Categorical = ["zip"] }).FeatureNames);
    }

    [Fact]
    public void Unknown_target_lists_the_columns() =>
        Assert.Equal("d.csv has no target column 'Y' (did you mean 'y'? names are case-sensitive). Its columns are: x, y.", FitError("x,y\n1,a\n", new() { Targets = ["Y"] }));

    [Fact]
    public void Unseen_category_and_missing_feature_column_are_errors_at_transform()
    {
        var p = Preprocessor.Fit(Parse("c,y\nred,a\nblue,b\n"), Strict);
        Assert.Contains("line 2, column 'c': category 'green' was not seen in training (known: blue, red)",
            Assert.Throws<DataFormatException>(() => p.Transform(Parse("c,y\ngreen,a\n"))).Message);
        Assert.Contains("has no feature column 'c'", Assert.Throws<DataFormatException>(() => p.Transform(Parse("d,y\nred,a\n"))).Message);
    }

    [Fact]
    public void Missing_target_is_an_error()
    {
        var data = Parse("x,y\n1,a\n2,\n");
        var p = Preprocessor.Fit(data);
        Assert.Contains("line 3, column 'y': the target value is missing", Assert.Throws<DataFormatException>(() => p.ReadLabels(data)).Message);
    }

    [Fact]
    public void Stratified_split_keeps_class_proportions_and_is_seeded()
    {
        string[] labels = [.. Enumerable.Repeat("a", 80), .. Enumerable.Repeat("b", 20)];
        var (train, test) = DataSplit.TrainTest(100, 0.25, 3, labels);
        Assert.Equal(75, train.Length);
        Assert.Equal(20, test.Count(i => labels[i] == "a"));
        Assert.Equal(5, test.Count(i => labels[i] == "b"));
        Assert.Equal(test, DataSplit.TrainTest(100, 0.25, 3, labels).Test);
        Assert.Empty(train.Intersect(test));
    }

    [Theory]
    [InlineData("impute missing values (Impute = Median or Mean).", "impute missing values (--impute median or mean).")]
    [InlineData("(MinCategoryCount = 5)", "(--min-category-count 5)")]
    [InlineData("encoded as none of the known ones (UnknownCategories = Ignore).", "encoded as none of the known ones (--unknown-categories ignore).")]
    [InlineData("treat the column as categories (Categorical = [petal width]).", "treat the column as categories (--categorical petal width).")]
    [InlineData("Leave the column out (Drop = [id]).", "Leave the column out (--drop id).")]
    [InlineData("(the model was trained with Impute = None, so it has no value to fill in)", "(the model was trained with --impute none, so it has no value to fill in)")]
    public void The_command_line_names_its_options_where_the_library_names_its_parameters(string library, string cli) =>
        Assert.Equal(cli, Nabla.Cli.LibraryWords.ToCommandLine(library));

    [Theory]
    [InlineData(ImputeStrategy.None)]
    [InlineData(ImputeStrategy.Mean)]
    public void A_column_of_nan_is_an_error_naming_it_not_a_category(ImputeStrategy impute)
    {
        var e = Assert.Throws<DataFormatException>(() => Preprocessor.Fit(Parse("x,z,y\n1,NaN,a\n2,nan,b\n3,,a\n"), new PreprocessorOptions { Impute = impute }));
        Assert.Equal("d.csv, column 'z': every value is missing (all empty or 'NaN'), so there is nothing to learn or impute from. Leave the column out (Drop = [z]).", e.Message);
        Assert.Equal("z", e.Column);
    }

    [Fact]
    public void A_column_of_nan_declared_categorical_is_read_as_categories()
    {
        var p = Preprocessor.Fit(Parse("x,z,y\n1,NaN,a\n2,NaN,b\n"), new PreprocessorOptions { Categorical = ["z"] });
        Assert.Equal(["x", "z=NaN"], p.FeatureNames);
    }

    [Fact]
    public void A_number_followed_by_a_nul_is_not_a_number()
    {
        Assert.Equal("d.csv, line 3, column 'x': expected a number (the column's other values are numbers), found '1.0\\0'. Fix the cell, or treat the column as categories (Categorical = [x]).",
            FitError("x,y\n2,a\n1.0\0,b\n3,a\n"));
        var p = Preprocessor.Fit(Parse("x,y\n2,a\n1,b\n3,a\n"));
        var e = Assert.Throws<DataFormatException>(() => p.Transform(Parse("x,y\n1.0\0,a\n")));
        Assert.Contains("found '1.0\\0'", e.Message);
    }

    [Fact]
    public void Two_hundred_thousand_columns_are_read_and_preprocessed()
    {
        // Guards the linear cost in the number of columns: every column is found by name while preprocessing, and with a
        // list search per column this test took minutes (1,000,000 columns did not finish in 300 s); with the dictionary
        // it takes well under a second. No time is asserted.
        const int d = 200_000;
        var text = new System.Text.StringBuilder();
        text.AppendJoin(',', Enumerable.Range(0, d).Select(j => $"x{j}")).Append(",y\n");
        for (int i = 0; i < 3; i++)
        {
            text.AppendJoin(',', Enumerable.Range(0, d).Select(j => (i + j) % 7)).Append(i % 2 == 0 ? ",a\n" : ",b\n");
        }

        var data = Parse(text.ToString());
        Assert.Equal(d + 1, data.Columns.Count);
        var p = Preprocessor.Fit(data, new PreprocessorOptions { Drop = ["x5"], Categorical = ["x7"] });
        var x = p.Transform(data);
        Assert.Equal(3, x.Rows);
        Assert.Equal(d - 2 + 3, x.Columns); // x5 dropped; x7 one-hot with 3 categories
        Assert.Equal(d - 1, data.IndexOf("x199999"));
    }
}
