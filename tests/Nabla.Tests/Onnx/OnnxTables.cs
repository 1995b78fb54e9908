using System.Globalization;
using Nabla.Data.Preprocessing;
using Nabla.IO;

namespace Nabla.Tests.Onnx;

/// <summary>The tables the ONNX tests train and predict on.</summary>
public static class OnnxTables
{
    /// <summary>
    /// A table as they come: an identifier, a number with 10% missing (an indicator) and one with a few missing (a fill
    /// only), a text column with missing cells and a rare category, a date column and a date-time column with missing cells,
    /// and the target: three classes (<paramref name="classes"/> = 3), two, or a number (0). Prediction tables (another
    /// seed) also hold a category never seen in training.
    /// </summary>
    public static TabularData Mixed(int rows, int seed, int classes, bool unseen = false)
    {
        var random = new Random(seed);
        string[] colors = ["red", "green", "blue"];
        var table = new List<string[]>();
        for (int i = 0; i < rows; i++)
        {
            double size = 10 + 3 * Gaussian(random);
            double weight = 50 + 20 * random.NextDouble();
            int c = random.Next(3);
            string color = unseen && i % 11 == 4 ? "purple" : i % 61 == 5 ? "violet" : i % 13 == 7 ? "" : colors[c];
            var when = new DateTime(2010, 1, 1).AddDays(random.Next(3000));
            var stamp = new DateTime(2015, 3, 1).AddSeconds(random.Next(100_000_000));
            double score = (size - 10) / 3 + (c - 1) * 0.8 + (when.Month - 6.5) / 6 + 0.3 * Gaussian(random);
            string y = classes switch
            {
                0 => (2 * size - 0.05 * weight + 3 * c + 0.001 * (when - new DateTime(2010, 1, 1)).TotalDays).ToString("R", CultureInfo.InvariantCulture),
                2 => score > 0 ? "yes" : "no",
                _ => score < -0.5 ? "low" : score < 0.5 ? "mid" : "high",
            };
            table.Add(
            [
                $"R{seed}-{i}",
                i % 10 == 3 ? "NA" : size.ToString("R", CultureInfo.InvariantCulture),
                i % 50 == 9 ? "" : weight.ToString("R", CultureInfo.InvariantCulture),
                color,
                i % 16 == 1 ? "" : when.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                i % 17 == 2 ? "" : stamp.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                y,
            ]);
        }

        return new TabularData($"mixed-{seed}.csv", ["id", "size", "weight", "color", "when", "stamp", "y"], table);
    }

    /// <summary>
    /// Grunfeld's investment data (statsmodels; 11 firms, 20 years) with gaps: every 9th market value and every 13th
    /// capital stock blanked, every 23rd firm name missing; the target <c>level</c> is the investment's tercile (low, mid,
    /// high), or, for regression, the investment itself.
    /// </summary>
    public static TabularData Grunfeld(bool regression)
    {
        var raw = CsvFiles.Read(Path.Combine(AppContext.BaseDirectory, "Onnx", "Fixtures", "grunfeld.csv"));
        var invest = Enumerable.Range(0, raw.RowCount).Select(i => double.Parse(raw[i, 0], CultureInfo.InvariantCulture)).Order().ToArray();
        double low = invest[invest.Length / 3], high = invest[2 * invest.Length / 3];
        var rows = new List<string[]>();
        for (int i = 0; i < raw.RowCount; i++)
        {
            double v = double.Parse(raw[i, 0], CultureInfo.InvariantCulture);
            string level = v < low ? "low" : v < high ? "mid" : "high";
            rows.Add([i % 9 == 4 ? "" : raw[i, 1], i % 13 == 6 ? "NA" : raw[i, 2], i % 23 == 8 ? "" : raw[i, 3], raw[i, 4], regression ? raw[i, 0] : level]);
        }

        return new TabularData("grunfeld.csv", ["value", "capital", "firm", "year", regression ? "invest" : "level"], rows);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
