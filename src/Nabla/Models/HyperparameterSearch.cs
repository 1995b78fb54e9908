using System.Globalization;
using Nabla.Estimators;
using Nabla.Tensors;

namespace Nabla.Models;

/// <summary>
/// Search over hyperparameters by their schema names, scored by <see cref="CrossValidation"/>: a grid (every combination
/// of the values given) or random draws from it and from ranges. The settings run in parallel; each is cross-validated
/// on the same folds, so the ranking depends only on the data, the grid and the seeds, never on the core count.
/// </summary>
public static class HyperparameterSearch
{
    /// <summary>
    /// Every combination of the values in <paramref name="grid"/> (name → values), the other hyperparameters as in
    /// <paramref name="start"/>; the first name varies slowest.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not one of the kind's hyperparameters, a list is empty, or a value is out of range.</exception>
    public static IReadOnlyList<HyperparameterValues> Grid(HyperparameterValues start, IReadOnlyList<(string Name, IReadOnlyList<object?> Values)> grid)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(grid);
        IReadOnlyList<HyperparameterValues> settings = [start];
        foreach (var (name, values) in grid)
        {
            if (values.Count == 0)
            {
                throw new ArgumentException($"The grid gives no values for {name}.", nameof(grid));
            }

            settings = [.. settings.SelectMany(s => values.Select(v => s.With(name, v)))];
        }

        return settings;
    }

    /// <summary>
    /// <paramref name="count"/> settings drawn at random: each hyperparameter of <paramref name="choices"/> takes one of its
    /// values with equal probability, each of <paramref name="ranges"/> a value between its ends (whole numbers uniformly;
    /// positive real ranges log-uniformly, as suits rates and penalties; other real ranges uniformly). Duplicates are drawn
    /// again, up to a limit, so a small grid gives at most its size.
    /// </summary>
    public static IReadOnlyList<HyperparameterValues> Random(HyperparameterValues start, IReadOnlyList<(string Name, IReadOnlyList<object?> Values)> choices,
        IReadOnlyList<(string Name, double Low, double High)> ranges, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var random = new Random(seed);
        var result = new List<HyperparameterValues>();
        for (int attempt = 0; result.Count < count && attempt < 20 * count; attempt++)
        {
            var s = start;
            foreach (var (name, values) in choices)
            {
                s = s.With(name, values[random.Next(values.Count)]);
            }

            foreach (var (name, low, high) in ranges)
            {
                var h = start.Kind.Find(name) ?? throw new ArgumentException($"{start.Kind.Name} has no hyperparameter '{name}'.", nameof(ranges));
                double u = random.NextDouble();
                object value = h.ValueType == typeof(int)
                    ? Math.Min((int)Math.Floor(low + u * (high - low + 1)), (int)high)
                    : (object)(low > 0 ? Math.Exp(Math.Log(low) + u * (Math.Log(high) - Math.Log(low))) : low + u * (high - low));
                s = s.With(name, value);
            }

            if (!result.Contains(s))
            {
                result.Add(s);
            }
        }

        return result;
    }

    /// <summary>
    /// Reads a grid in the command line's form: <c>name=v1,v2,…; name=…</c>, each value as the schema reads it; a list value
    /// goes in brackets (<c>hidden=[16,8],[32]</c>); <c>name=low..high</c> is a range (random search only).
    /// </summary>
    /// <exception cref="FormatException">A part is malformed, a name unknown or a value unreadable; the message names it.</exception>
    public static (IReadOnlyList<(string Name, IReadOnlyList<object?> Values)> Choices, IReadOnlyList<(string Name, double Low, double High)> Ranges) ParseGrid(ModelKind kind, string text)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(text);
        var choices = new List<(string, IReadOnlyList<object?>)>();
        var ranges = new List<(string, double, double)>();
        foreach (string part in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"The grid part '{part}' is not name=values (such as l2=1e-4,1e-3).");
            }

            string name = part[..eq].Trim().Replace('-', '_');
            string values = part[(eq + 1)..].Trim();
            var h = kind.Find(name) ?? throw new FormatException(
                $"The grid names '{name}', which is not a hyperparameter of {kind.Name} (it has {string.Join(", ", kind.Hyperparameters.Select(p => p.Name))}).");
            if (choices.Any(c => c.Item1 == name) || ranges.Any(r => r.Item1 == name))
            {
                throw new FormatException($"The grid gives {name} twice.");
            }

            int dots = values.IndexOf("..", StringComparison.Ordinal);
            if (dots > 0 && (h.ValueType == typeof(int) || h.ValueType == typeof(double) || h.ValueType == typeof(double?)))
            {
                double low = Number(values[..dots], name), high = Number(values[(dots + 2)..], name);
                if (!(low < high))
                {
                    throw new FormatException($"The range of {name}, {values}, must go from a lower to a higher value.");
                }

                // Both ends must be values of the hyperparameter.
                h.Parse(values[..dots]);
                h.Parse(values[(dots + 2)..]);
                ranges.Add((name, low, high));
                continue;
            }

            choices.Add((name, [.. SplitValues(values).Select(h.Parse)]));
        }

        if (choices.Count == 0 && ranges.Count == 0)
        {
            throw new FormatException("The grid is empty: give name=values parts separated by ';', such as 'l2=1e-4,1e-3; hidden=16,32'.");
        }

        return (choices, ranges);
    }

    /// <summary>Cross-validates every setting and ranks them by accuracy (classification) or R² (regression).</summary>
    /// <param name="settings">The settings, all of one kind.</param>
    /// <param name="evaluate">Cross-validates one setting (the caller's data bound in).</param>
    /// <param name="task">The task, which names the ranking metric.</param>
    /// <param name="threads">Settings cross-validated at once; 0 for <see cref="ComputeSettings.MaxThreads"/>.</param>
    /// <param name="progress">Receives the number of settings finished so far.</param>
    public static SearchResult Run(IReadOnlyList<HyperparameterValues> settings, Func<HyperparameterValues, CrossValidationResult> evaluate, ModelTask task, int threads = 0, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(evaluate);
        if (settings.Count == 0)
        {
            throw new ArgumentException("There are no settings to search.", nameof(settings));
        }

        string metric = task == ModelTask.Classification ? "accuracy" : "r2";
        var results = new CrossValidationResult[settings.Count];
        var failures = new Exception?[settings.Count];
        int done = 0;
        Parallel.For(0, settings.Count, new ParallelOptions { MaxDegreeOfParallelism = threads == 0 ? ComputeSettings.MaxThreads : threads }, i =>
        {
            try
            {
                results[i] = evaluate(settings[i]);
            }
            catch (Exception e)
            {
                failures[i] = e;
                return;
            }

            progress?.Report(Interlocked.Increment(ref done));
        });

        // The first failing setting in the order given, whatever the scheduling.
        int failed = Array.FindIndex(failures, e => e is not null);
        if (failed >= 0)
        {
            var e = failures[failed]!;
            if (e is ArgumentException)
            {
                throw new ArgumentException($"The setting {settings[failed]} failed: {e.Message.Split(" (Parameter")[0]}", e);
            }

            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e).Throw();
        }

        // OrderBy is stable: equal scores keep the order in which the settings were listed.
        return new SearchResult(metric, [.. results.OrderByDescending(r => r.Metrics[metric].Mean)]);
    }

    private static double Number(string text, string name) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw new FormatException($"The range of {name} has '{text.Trim()}', which is not a number.");

    // Values split at commas outside brackets; a bracketed value loses its brackets.
    private static IEnumerable<string> SplitValues(string text)
    {
        int depth = 0, start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || (text[i] == ',' && depth == 0))
            {
                string v = text[start..i].Trim();
                yield return v.StartsWith('[') && v.EndsWith(']') ? v[1..^1] : v;
                start = i + 1;
            }
            else if (text[i] == '[')
            {
                depth++;
            }
            else if (text[i] == ']')
            {
                depth--;
            }
        }
    }
}
