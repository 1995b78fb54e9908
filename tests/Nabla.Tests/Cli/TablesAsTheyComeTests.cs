using System.Globalization;
using System.Text.Json.Nodes;
using Nabla.Data.Preprocessing;
using Nabla.IO;
using Nabla.Models;

namespace Nabla.Tests.Cli;

/// <summary>
/// Tables as people download them train with the defaults: missing values filled (and marked where many), rare categories
/// folded, unseen ones ignored, identifiers left out, dates and grouped digits read, rows without a target left out; every
/// decision in a note, and the same decisions applied when the saved model is used.
/// </summary>
public sealed class TablesAsTheyComeTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private static TabularData Parse(string text) => CsvFiles.Read(new StringReader(text), "d.csv");

    [Fact]
    public void Missing_numbers_take_the_training_median_and_many_get_an_indicator()
    {
        // 20 rows, 2 missing (10%): median of 1..18 is 9.5, and an indicator since 10% ≥ 5%.
        var rows = Enumerable.Range(1, 20).Select(i => i <= 18 ? $"{i},{(i % 2 == 0 ? "a" : "b")}" : $",{(i % 2 == 0 ? "a" : "b")}");
        var data = Parse("x,y\n" + string.Join('\n', rows) + "\n");
        var p = Preprocessor.Fit(data, new PreprocessorOptions { Scale = ScalerKind.None });
        Assert.Equal(["x", "x=(missing)"], p.FeatureNames);
        Assert.Equal(9.5, p.Inputs[0].Fill);
        var x = p.Transform(data);
        Assert.Equal([9.5, 1.0], x.Row(18).ToArray());
        Assert.Equal([3.0, 0.0], x.Row(2).ToArray());
        Assert.Contains("missing values filled (Impute = Median; text: the most frequent value; dates: the median date): 'x' 2 cells with 9.5", p.Notes);
        Assert.Contains("missing-value indicator features added, where 5% or more of a column is missing: 'x=(missing)' (10% missing)", p.Notes);
    }

    [Fact]
    public void A_few_missing_values_are_filled_without_an_indicator_and_text_takes_its_most_frequent_value()
    {
        var rows = Enumerable.Range(0, 40).Select(i => i == 7 ? ",," : $"{i},{(i % 3 == 0 ? "red" : "blue")},{i % 2}");
        var p = Preprocessor.Fit(Parse("x,c,y\n" + string.Join('\n', rows) + "\n"), new PreprocessorOptions { Scale = ScalerKind.None, Impute = ImputeStrategy.Mean });
        Assert.Equal(["x", "c=blue", "c=red"], p.FeatureNames);
        Assert.Equal("blue", p.Inputs[1].FillCategory);
        double mean = Enumerable.Range(0, 40).Where(i => i != 7).Average();
        Assert.Equal(mean, p.Inputs[0].Fill!.Value, 12);
    }

    [Fact]
    public void Rare_categories_share_other_and_unseen_ones_are_other_or_none_counted()
    {
        // a × 6, b × 5, c × 2, d × 1: with at least 5 rows, c and d share (other).
        string[] colors = [.. Enumerable.Repeat("a", 6), .. Enumerable.Repeat("b", 5), "c", "c", "d"];
        var data = Parse("c,n,y\n" + string.Join('\n', colors.Select((c, i) => $"{c},{i},{i % 2}")) + "\n");
        var p = Preprocessor.Fit(data);
        Assert.Equal(["c=a", "c=b", "c=(other)", "n"], p.FeatureNames);
        Assert.Equal(["c", "d"], p.Inputs[0].Encoder!.Rare);
        Assert.Contains("categories seen in fewer than 5 training rows share one feature NAME=(other), as unseen ones will (MinCategoryCount = 5): 'c' (2 categories, 3 rows)", p.Notes);

        var counts = new PreprocessingCounts();
        var x = p.Transform(Parse("c,n,y\nd,1,0\nzebra,2,1\na,3,0\n"), counts);
        Assert.Equal([0.0, 0, 1], x.Row(0)[..3].ToArray());
        Assert.Equal([0.0, 0, 1], x.Row(1)[..3].ToArray());
        Assert.Equal([1.0, 0, 0], x.Row(2)[..3].ToArray());
        Assert.Equal(1, counts.UnknownCategories["c"]);
        Assert.Equal("categories not seen in training, encoded as (other) where the column has it, else as none of the known ones: 'c' 1 cell (first: 'zebra' on line 3)", Assert.Single(counts.Notes()));

        // Without rare categories there is no (other): an unseen one is all zeros; with Error it names the cell.
        var plain = Preprocessor.Fit(Parse("c,y\nred,a\nblue,b\n"), new PreprocessorOptions { MinCategoryCount = 1 });
        Assert.Equal([0.0, 0], plain.Transform(Parse("c,y\ngreen,a\n")).Row(0).ToArray());
        var strict = Preprocessor.Fit(Parse("c,y\nred,a\nblue,b\n"), new PreprocessorOptions { UnknownCategories = UnknownCategoryHandling.Error });
        Assert.Contains("d.csv, line 2, column 'c': category 'green' was not seen in training", Assert.Throws<DataFormatException>(() => strict.Transform(Parse("c,y\ngreen,a\n"))).Message);
    }

    [Fact]
    public void A_text_column_of_nearly_distinct_values_is_an_identifier_left_out_unless_named_categorical()
    {
        var rows = Enumerable.Range(0, 30).Select(i => $"name {i},{i},{i % 2}");
        var data = Parse("title,x,y\n" + string.Join('\n', rows) + "\n");
        var p = Preprocessor.Fit(data);
        Assert.Equal(["x"], p.FeatureNames);
        Assert.Contains("left out as identifiers or free text (nearly every value distinct; to keep one, Categorical = [title]): 'title' (30 distinct values in 30)", p.Notes);
        Assert.Equal(31, Preprocessor.Fit(data, new PreprocessorOptions { Categorical = ["title"], MinCategoryCount = 1 }).FeatureCount);
        Assert.Contains("and the identifier columns left out (title",
            Assert.Throws<DataFormatException>(() => Preprocessor.Fit(data, new PreprocessorOptions { Drop = ["x"] })).Message);
    }

    [Fact]
    public void A_text_column_whose_every_category_is_rare_keeps_them_all()
    {
        // 40 rows, 20 names twice each (50% distinct: not an identifier), none in 5 rows: folding all of them into (other)
        // would leave one constant feature, so each keeps its own (as a car's make in its name still tells its origin).
        var rows = Enumerable.Range(0, 40).Select(i => $"car {i % 20},{i},{i % 2}");
        var p = Preprocessor.Fit(Parse("name,x,y\n" + string.Join('\n', rows) + "\n"));
        Assert.Equal(21, p.FeatureCount);
        Assert.False(p.Inputs[0].Encoder!.Other);
    }

    [Theory]
    [InlineData("2024-03-01", 2024, 60, DayOfWeek.Friday, null)]
    [InlineData("2023-12-31T18:00", 2023, 364, DayOfWeek.Sunday, 0.75)]
    [InlineData("2023-12-31 20:00:00+02:00", 2023, 364, DayOfWeek.Sunday, 0.75)]
    public void Iso_dates_become_the_fractional_year_and_angles(string cell, int year, int dayOfYear, DayOfWeek weekday, double? dayFraction)
    {
        // Independent of DateCells: the features from the calendar values.
        string other = dayFraction is null ? "2020-01-01" : "2020-01-01T00:00";
        var data = Parse($"when,y\n{cell},a\n{other},b\n");
        var p = Preprocessor.Fit(data, new PreprocessorOptions { Scale = ScalerKind.None });
        bool time = dayFraction is not null;
        Assert.Equal(time ? 7 : 5, p.FeatureCount);
        Assert.Equal(ColumnKind.Date, p.Inputs[0].Kind);
        var row = p.Transform(data).Row(0).ToArray();
        double days = DateTime.IsLeapYear(year) ? 366 : 365;
        double t = dayOfYear + (dayFraction ?? 0);
        Assert.Equal(year + t / days, row[0], 12);
        Assert.Equal(Math.Sin(2 * Math.PI * t / days), row[1], 12);
        Assert.Equal(Math.Cos(2 * Math.PI * t / days), row[2], 12);
        Assert.Equal(Math.Sin(2 * Math.PI * (int)weekday / 7), row[3], 12);
        Assert.Equal(Math.Cos(2 * Math.PI * (int)weekday / 7), row[4], 12);
        if (time)
        {
            Assert.Equal(Math.Sin(2 * Math.PI * dayFraction!.Value), row[5], 12);
            Assert.Equal(Math.Cos(2 * Math.PI * dayFraction.Value), row[6], 12);
        }

        Assert.Contains(p.Notes, n => n.StartsWith("ISO 8601 dates turned into 5 features each", StringComparison.Ordinal) && n.Contains("'when' (2020-01-01", StringComparison.Ordinal));
        Assert.Contains("expected an ISO 8601 date such as 2024-05-31", Assert.Throws<DataFormatException>(() => p.Transform(Parse("when,y\n31/12/2023,a\n"))).Message);
    }

    [Theory]
    [InlineData("\"1,149\"", 1149)]
    [InlineData("\"-12,345,678.25\"", -12345678.25)]
    [InlineData("\"999\"", 999)]
    public void Digits_grouped_by_commas_are_numbers(string cell, double value)
    {
        var data = Parse($"price,y\n{cell},a\n\"2,000\",b\n5,a\n");
        var p = Preprocessor.Fit(data, new PreprocessorOptions { Scale = ScalerKind.None });
        Assert.Equal(ColumnKind.Numeric, p.Inputs[0].Kind);
        Assert.True(p.Inputs[0].ThousandsSeparators);
        Assert.Equal(value, p.Transform(data)[0, 0]);
        Assert.Contains(p.Notes, n => n.StartsWith("read as numbers with digits grouped by commas (1,149 is 1149): 'price'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("1,1490")]
    [InlineData("01,149")]
    [InlineData("1,14")]
    [InlineData(",149")]
    [InlineData("1,149,")]
    [InlineData("1,149.")]
    public void Other_commas_are_not_digit_grouping(string cell) => Assert.False(Cells.TryParseGrouped(cell, out _));

    [Fact]
    public void A_real_table_trains_with_no_option_and_predict_applies_the_same_decisions()
    {
        // Penguins as published: missing measurements, a missing class, a rare island, an identifier, dates with a missing one.
        var lines = new List<string> { "id,species,island,bill,flipper,seen,sex" };
        var random = new Random(3);
        for (int i = 0; i < 120; i++)
        {
            string species = i % 3 == 0 ? "Adelie" : i % 3 == 1 ? "Gentoo" : "Chinstrap";
            string island = i == 5 ? "Rare Rock" : i % 2 == 0 ? "Biscoe" : "Dream";
            double bill = 35 + 5 * (i % 3) + random.NextDouble();
            string billText = i % 10 == 3 ? "NA" : bill.ToString("0.0", CultureInfo.InvariantCulture);
            string flipper = i == 11 ? "" : (180 + 10 * (i % 3) + random.Next(5)).ToString(CultureInfo.InvariantCulture);
            string seen = i == 17 ? "" : new DateTime(2008, 1, 1).AddDays(3 * i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            string sex = i == 20 ? "" : i % 2 == 0 ? "MALE" : "FEMALE";
            lines.Add($"P{i:000},{(i == 40 ? "" : species)},{island},{billText},{flipper},{seen},{sex}");
        }

        string data = _cli.Write("penguins.csv", string.Join('\n', lines) + "\n");
        string model = _cli.PathOf("penguins.json");
        var (code, output, error) = _cli.Run("train", "--data", data, "--target", "species", "--model", "logistic", "--save", model, "--json");
        Assert.True(code == 0, error);
        var notes = JsonNode.Parse(output)!["notes"]!.AsArray().Select(n => (string)n!).ToArray();
        Assert.Contains("1 row without a target value left out (first: line 42); nabla predict can predict them.", notes);
        Assert.Contains(notes, n => n.StartsWith("left out as identifiers or free text (nearly every value distinct; to keep one, --categorical id): 'id'", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("ISO 8601 dates turned into 5 features each", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("categories seen in fewer than 5 training rows share one feature NAME=(other), as unseen ones will (--min-category-count 5): 'island' (1 category, 1 row)", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("missing values filled (--impute median; ", StringComparison.Ordinal) && n.Contains("'bill'", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("missing-value indicator features added", StringComparison.Ordinal) && n.Contains("'bill=(missing)'", StringComparison.Ordinal));
        foreach (string note in notes)
        {
            Assert.Contains($"nabla: note: {note}", error, StringComparison.Ordinal);
        }

        Assert.True((double)JsonNode.Parse(output)!["test"]!["accuracy"]! > 0.9);

        // The saved model applies the same: a new island, a missing bill, and an unlabelled row for evaluate.
        var (info, preprocessing) = (ModelFile.ReadInfo(model), ModelFile.LoadClassifier<double, string>(model).Preprocessing!);
        Assert.Equal(2, info.Version);
        Assert.Equal(UnknownCategoryHandling.Ignore, preprocessing.UnknownCategories);
        string fresh = _cli.Write("new.csv", "id,species,island,bill,flipper,seen,sex\nQ1,Adelie,Atlantis,NA,181,2009-05-01,MALE\nQ2,,Dream,40.1,200,2009-05-02,FEMALE\n");
        var (pcode, predictions, perror) = _cli.Run("predict", "--model", model, "--data", fresh);
        Assert.True(pcode == 0, perror);
        Assert.Equal(3, predictions.TrimEnd('\n').Split('\n').Length);
        Assert.Contains("nabla: note: categories not seen in training, encoded as (other) where the column has it, else as none of the known ones: 'island' 1 cell (first: 'Atlantis' on line 2)", perror, StringComparison.Ordinal);
        Assert.Contains("nabla: note: missing values filled with the training fill values: 'bill' 1 cell (first: line 2)", perror, StringComparison.Ordinal);
        var (ecode, evaluation, eerror) = _cli.Run("evaluate", "--model", model, "--data", fresh, "--json");
        Assert.True(ecode == 0, eerror);
        var e = JsonNode.Parse(evaluation)!;
        Assert.Equal(1, (int)e["rows"]!);
        Assert.Contains("1 row without a true value left out of the scores (first: line 3).", e["notes"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public void Impute_none_keeps_missing_values_errors()
    {
        string data = _cli.Write("gap.csv", "a,b,y\n1,2,x\n,4,y\n5,6,x\n");
        var (code, _, error) = _cli.Run("train", "--data", data, "--impute", "none", "--no-save", "--test-fraction", "0");
        Assert.Equal(1, code);
        Assert.Equal("nabla: gap.csv, line 3, column 'a': missing value (empty cell). Fill it in, remove the row, or impute missing values (--impute median or mean).", error.TrimEnd('\n').Replace(_cli.Directory + "/", "", StringComparison.Ordinal));
    }

    [Fact]
    public void A_date_column_with_one_bad_cell_names_it()
    {
        var rows = Enumerable.Range(0, 30).Select(i => $"{(i == 7 ? "2020-02-30" : new DateTime(2020, 1, 1).AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))},{i % 2}");
        var e = Assert.Throws<DataFormatException>(() => Preprocessor.Fit(Parse("when,y\n" + string.Join('\n', rows) + "\n")));
        Assert.StartsWith("d.csv, line 9, column 'when': expected an ISO 8601 date such as 2024-05-31 (the column's other values are dates), found '2020-02-30'.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Na_in_a_column_of_class_codes_is_a_missing_target_not_a_class()
    {
        var lines = new List<string> { "x,y" };
        for (int i = 0; i < 40; i++)
        {
            lines.Add(FormattableString.Invariant($"{i},{(i == 3 ? "NA" : (i % 2).ToString(CultureInfo.InvariantCulture))}"));
        }

        var (code, output, error) = _cli.Run("train", "--data", _cli.Write("na.csv", string.Join('\n', lines) + "\n"), "--model", "logistic", "--json", "--no-save");
        Assert.True(code == 0, error);
        var o = JsonNode.Parse(output)!;
        Assert.Equal(["0", "1"], o["classes"]!.AsArray().Select(c => (string)c!));
        Assert.Contains("1 row without a target value left out (first: line 5); nabla predict can predict them.", o["notes"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public void Notes_read_the_same_in_every_culture()
    {
        var rows = Enumerable.Range(1, 20).Select(i => i <= 18 ? $"{i},{i % 2}" : $",{i % 2}");
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
            var notes = Preprocessor.Fit(Parse("x,y\n" + string.Join('\n', rows) + "\n")).Notes;
            Assert.Contains("missing-value indicator features added, where 5% or more of a column is missing: 'x=(missing)' (10% missing)", notes);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData(" -2e3 ")]
    [InlineData("+0.25")]
    [InlineData("1e400")]
    [InlineData("-Infinity")]
    [InlineData("NaN")]
    [InlineData("-nan")]
    [InlineData("inf")]
    [InlineData("")]
    [InlineData("NA")]
    [InlineData("1.0\0")]
    [InlineData("1,149")]
    [InlineData("١٢")]
    [InlineData("1_000")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("0x1A")]
    public void The_fast_byte_reading_of_a_number_agrees_with_the_text_reading(string cell)
    {
        // Whenever the byte path says "a number", the text path reads the same number and does not call it missing.
        if (Cells.TryParsePlainNumber(System.Text.Encoding.UTF8.GetBytes(cell), out double fast))
        {
            Assert.False(Cells.IsMissingNumber(cell));
            Assert.True(Cells.TryParseNumber(cell, out double slow));
            Assert.Equal(slow, fast);
        }
        else
        {
            Assert.True(Cells.IsMissingNumber(cell) || !Cells.TryParseNumber(cell, out double v) || double.IsInfinity(v) || !System.Text.Ascii.IsValid(cell) || cell.Contains('\0'));
        }
    }
}
