namespace Nabla.Sampling;

/// <summary>Seeded random splits of row indices into training and test rows.</summary>
public static class DataSplit
{
    /// <summary>
    /// Splits rows 0 … <paramref name="rows"/> − 1 at random into training and test rows, round(n · fraction) of them for test;
    /// with <paramref name="strata"/> (such as class labels) each stratum is split in the same proportion. Both index lists
    /// are sorted. The same seed gives the same split.
    /// </summary>
    /// <param name="rows">Number of rows.</param>
    /// <param name="testFraction">Fraction in [0, 1) held out for testing; 0 gives no test rows.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <param name="strata">One key per row to stratify by, or null.</param>
    /// <exception cref="ArgumentException">The fraction is out of range or leaves the training or the test part empty.</exception>
    public static (int[] Train, int[] Test) TrainTest(int rows, double testFraction, int seed, IReadOnlyList<string>? strata = null)
    {
        if (!(testFraction >= 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), $"The test fraction must be in [0, 1), not {testFraction}.");
        }

        if (strata is not null && strata.Count != rows)
        {
            throw new ArgumentException($"There are {rows} rows but {strata.Count} strata keys.", nameof(strata));
        }

        if (testFraction == 0)
        {
            return ([.. Enumerable.Range(0, rows)], []);
        }

        var random = new Random(seed);
        var groups = strata is null
            ? [Enumerable.Range(0, rows).ToArray()]
            : Enumerable.Range(0, rows).GroupBy(i => strata[i], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToArray()).ToList();
        var train = new List<int>(rows);
        var test = new List<int>();
        foreach (var group in groups)
        {
            random.Shuffle(group);
            int held = (int)Math.Round(group.Length * testFraction, MidpointRounding.AwayFromZero);
            held = Math.Min(held, group.Length - 1); // every class keeps at least one training row
            test.AddRange(group[..held]);
            train.AddRange(group[held..]);
        }

        if (test.Count == 0 || train.Count == 0)
        {
            throw new ArgumentException(
                $"A test fraction of {testFraction} of {rows} rows leaves {(test.Count == 0 ? "no test rows" : "no training rows")}: use more data, a larger fraction, or 0 for no test set.",
                nameof(testFraction));
        }

        train.Sort();
        test.Sort();
        return ([.. train], [.. test]);
    }

    /// <summary>
    /// Cuts rows 0 … <paramref name="rows"/> − 1 into <paramref name="folds"/> test folds for k-fold cross-validation: each
    /// row is in exactly one fold, fold sizes differ by at most one, and with <paramref name="strata"/> (class labels) every
    /// stratum is spread over the folds in proportion (stratified k-fold). Each fold's indices are sorted; the same seed
    /// gives the same folds.
    /// </summary>
    /// <param name="rows">Number of rows, at least <paramref name="folds"/>.</param>
    /// <param name="folds">k, at least 2.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <param name="strata">One key per row to stratify by, or null for plain k-fold.</param>
    /// <returns>k arrays of test-row indices.</returns>
    /// <exception cref="ArgumentException">k is below 2 or above the row count, or a stratum has fewer rows than folds (it could not be in every training part).</exception>
    public static int[][] Folds(int rows, int folds, int seed, IReadOnlyList<string>? strata = null)
    {
        if (folds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), $"Cross-validation needs at least 2 folds, not {folds}.");
        }

        if (folds > rows)
        {
            throw new ArgumentException($"{folds} folds need at least {folds} rows, but there are {rows}: use fewer folds.", nameof(folds));
        }

        if (strata is not null && strata.Count != rows)
        {
            throw new ArgumentException($"There are {rows} rows but {strata.Count} strata keys.", nameof(strata));
        }

        var random = new Random(seed);
        var groups = strata is null
            ? [Enumerable.Range(0, rows).ToArray()]
            : Enumerable.Range(0, rows).GroupBy(i => strata[i], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToArray()).ToList();
        if (strata is not null && groups.FirstOrDefault(g => g.Length < folds) is { } small)
        {
            throw new ArgumentException(
                $"Class '{strata[small[0]]}' has {small.Length} row(s), fewer than the {folds} folds, so some training parts would lack it: use at most {small.Length} folds, or more data.",
                nameof(folds));
        }

        var result = Enumerable.Range(0, folds).Select(_ => new List<int>()).ToArray();
        int next = 0;
        foreach (var group in groups)
        {
            random.Shuffle(group);
            // Dealt round-robin, continuing across strata, so that fold sizes stay within one of each other.
            foreach (int row in group)
            {
                result[next].Add(row);
                next = (next + 1) % folds;
            }
        }

        return [.. result.Select(f => f.Order().ToArray())];
    }

    /// <summary>The training rows of a fold: rows 0 … <paramref name="rows"/> − 1 without those in <paramref name="test"/>, in order.</summary>
    internal static int[] TrainingRows(int rows, IReadOnlyList<int> test)
    {
        var inTest = new bool[rows];
        foreach (int i in test)
        {
            inTest[i] = true;
        }

        return [.. Enumerable.Range(0, rows).Where(i => !inTest[i])];
    }
}
