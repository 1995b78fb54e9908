using System.Globalization;
using Nabla.Data.Preprocessing;
using Nabla.Sampling;

namespace Nabla.Cli.Data;

/// <summary>
/// The data set <c>nabla train</c> uses without <c>--data</c>: the course report's two Gaussian classes, class A ~ N((1, 2), I)
/// and class B ~ N((0, 0), I), 1000 samples each, drawn from a seeded generator so every run sees the same numbers.
/// </summary>
internal static class BuiltInData
{
    /// <summary>The name shown in messages and stored in model files.</summary>
    public const string Name = "built-in: two Gaussian classes (A ~ N((1,2), I), B ~ N((0,0), I), 1000 each)";

    /// <summary>Samples per class.</summary>
    public const int PerClass = 1000;

    /// <summary>Seed of the draws.</summary>
    public const int Seed = 2024;

    /// <summary>The table: columns x1, x2 and class (A or B), class A first.</summary>
    public static TabularData TwoGaussians()
    {
        var random = new Random(Seed);
        var rows = new List<string[]>(2 * PerClass);
        foreach (var (label, mean1, mean2) in new[] { ("A", 1.0, 2.0), ("B", 0.0, 0.0) })
        {
            for (int i = 0; i < PerClass; i++)
            {
                double x1 = mean1 + random.NextGaussian();
                double x2 = mean2 + random.NextGaussian();
                rows.Add([x1.ToString("R", CultureInfo.InvariantCulture), x2.ToString("R", CultureInfo.InvariantCulture), label]);
            }
        }

        return new TabularData(Name, ["x1", "x2", "class"], rows);
    }
}
