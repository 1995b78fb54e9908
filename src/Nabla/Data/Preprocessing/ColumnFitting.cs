using System.Globalization;

namespace Nabla.Data.Preprocessing;

/// <summary>How <see cref="Preprocessor.Fit"/> learns one input column from the training rows, recording each decision it takes.</summary>
internal static class ColumnFitting
{
    /// <summary>The column learned, or null when it is left out (an identifier).</summary>
    public static FeatureColumn? Fit(TabularData data, int j, bool forcedCategorical, PreprocessorOptions options, ColumnDecisions decisions)
    {
        if (forcedCategorical)
        {
            return FitCategorical(data, j, forced: true, options, decisions);
        }

        using var p = ColumnProfile.Of(data, j, collect: true);
        return p.Kind switch
        {
            // A column of NaN (or NA, ?, …) is a numeric column without values, not one category called "NaN".
            null => throw new DataFormatException(data.Source, null, data.Columns[j],
                $"{data.Source}, column '{data.Columns[j]}': every value is missing{(p.MissingToken is null ? "" : $" (all empty or '{p.MissingToken}')")}, so there is nothing to learn or impute from. Leave the column out (Drop = [{data.Columns[j]}])."),
            ColumnKind.Numeric => FitNumeric(data, j, p, options, decisions),
            ColumnKind.Date => FitDate(data, j, p, options, decisions),
            _ => FitCategorical(data, j, forced: false, options, decisions),
        };
    }

    private static FeatureColumn FitNumeric(TabularData data, int j, ColumnProfile p, PreprocessorOptions options, ColumnDecisions decisions)
    {
        string name = data.Columns[j];
        int stray = Min(p.FirstText, p.FirstDate);
        if (stray >= 0)
        {
            throw Preprocessor.Bad(data, stray, j, $"expected a number (the column's other values are numbers), found '{Cells.Show(data[stray, j])}'. Fix the cell, or treat the column as categories (Categorical = [{name}]).");
        }

        if (p.FirstInfinite >= 0)
        {
            throw Preprocessor.Bad(data, p.FirstInfinite, j, $"'{Cells.Show(data[p.FirstInfinite, j])}' is infinite; features must be finite numbers. Fix or remove the row.");
        }

        RequireFill(data, j, p.FirstMissing, options.Impute);
        double? fill = options.Impute switch
        {
            ImputeStrategy.Mean => Mean(p.Values),
            ImputeStrategy.Median => Median(p.Values),
            _ => null,
        };
        if (p.Grouped > 0)
        {
            decisions.Grouped(name, p.Grouped, $"'{data[p.FirstGrouped, j].Trim()}' on line {data.LineOf(p.FirstGrouped)}");
        }

        bool indicator = decisions.Filled(name, p.Missing, data.RowCount, fill?.ToString("G6", CultureInfo.InvariantCulture));
        return FeatureColumn.Numeric(name, fill, indicator, thousandsSeparators: p.Grouped > 0);
    }

    private static FeatureColumn FitDate(TabularData data, int j, ColumnProfile p, PreprocessorOptions options, ColumnDecisions decisions)
    {
        string name = data.Columns[j];
        int stray = Min(p.FirstText, Min(p.FirstGrouped, p.FirstNumber));
        if (stray >= 0)
        {
            throw Preprocessor.Bad(data, stray, j, $"expected an ISO 8601 date such as 2024-05-31 (the column's other values are dates), found '{Cells.Show(data[stray, j])}'. Fix the cell, or treat the column as categories (Categorical = [{name}]).");
        }

        RequireFill(data, j, p.FirstMissing, options.Impute);
        var sorted = p.DateValues.Order().ToArray();
        bool hasTime = p.WithTime > 0;
        DateTime? fill = options.Impute == ImputeStrategy.None ? null : sorted[(sorted.Length - 1) / 2];
        decisions.Date(name, DateCells.Format(sorted[0], hasTime), DateCells.Format(sorted[^1], hasTime), hasTime);
        bool indicator = decisions.Filled(name, p.Missing, data.RowCount, fill is DateTime f ? DateCells.Format(f, hasTime) : null);
        return FeatureColumn.Date(name, hasTime, fill, indicator);
    }

    private static FeatureColumn? FitCategorical(TabularData data, int j, bool forced, PreprocessorOptions options, ColumnDecisions decisions)
    {
        string name = data.Columns[j];
        var values = new List<string>(data.RowCount);
        int missing = 0, firstMissing = -1;
        for (int i = 0; i < data.RowCount; i++)
        {
            string cell = data[i, j].Trim();
            if (cell.Length == 0)
            {
                missing++;
                firstMissing = firstMissing < 0 ? i : firstMissing;
            }
            else
            {
                values.Add(cell);
            }
        }

        if (values.Count == 0)
        {
            throw new DataFormatException(data.Source, null, name,
                $"{data.Source}, column '{name}': every value is missing, so there is nothing to learn or impute from. Leave the column out (Drop = [{name}]).");
        }

        var counts = values.GroupBy(v => v, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        if (!forced && options.DropIdentifiers && values.Count >= PreprocessorOptions.IdentifierMinValues && counts.Count >= PreprocessorOptions.IdentifierShare * values.Count)
        {
            decisions.Identifier(name, counts.Count, values.Count);
            return null;
        }

        RequireFill(data, j, firstMissing, options.Impute, text: true);
        var encoder = OneHotEncoder.Fit(values, options.MinCategoryCount);
        if (encoder.Other)
        {
            decisions.Rare(name, encoder.Rare.Count, encoder.Rare.Sum(c => counts[c]));
        }

        string? fill = options.Impute == ImputeStrategy.None ? null : counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key;
        bool indicator = decisions.Filled(name, missing, data.RowCount, fill is null ? null : $"'{fill}'");
        return FeatureColumn.Categorical(name, encoder, fill, indicator);
    }

    private static void RequireFill(TabularData data, int j, int firstMissing, ImputeStrategy impute, bool text = false)
    {
        if (firstMissing >= 0 && impute == ImputeStrategy.None)
        {
            throw Preprocessor.Bad(data, firstMissing, j, $"missing value{Preprocessor.Shown(data[firstMissing, j])}. Fill it in, remove the row, or impute missing values (Impute = Median or Mean{(text ? "; a category is filled with the most frequent one" : "")}).");
        }
    }

    private static int Min(int a, int b) => a < 0 ? b : b < 0 ? a : Math.Min(a, b);

    // Summed in row order, as Enumerable.Average does.
    private static double Mean(Span<double> values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }

    private static double Median(Span<double> values)
    {
        values.Sort();
        int n = values.Length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
