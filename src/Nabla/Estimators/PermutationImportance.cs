using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Estimators;

/// <summary>
/// Permutation feature importance (Breiman 2001; scikit-learn's <c>permutation_importance</c>): for each feature, or group
/// of features shuffled together, the drop of the model's score (<see cref="Classifier{T, TLabel}.Score(Matrix{T}, IReadOnlyList{TLabel})"/>:
/// accuracy; <see cref="Regressor{T}.Score(Matrix{T}, Matrix{T})"/>: R²) when its values are permuted across the rows,
/// with the spread over repeats. Measured on held-out rows it tells which inputs the model relies on; a drop near 0, or
/// within its spread, means it could do without them. Deterministic for a seed: repeat r of group g draws from one seeded
/// stream, so adding groups does not change the others'.
/// </summary>
public static class PermutationImportance
{
    /// <summary>The importance of each feature group for a classifier, by accuracy on (<paramref name="x"/>, <paramref name="y"/>).</summary>
    /// <param name="model">A fitted classifier.</param>
    /// <param name="x">Rows to measure on, n × d (held-out rows are best).</param>
    /// <param name="y">Their labels, n.</param>
    /// <param name="groups">The features shuffled together, each with a name; null: every feature on its own, named by index.</param>
    /// <param name="repeats">Shuffles per group, at least 1.</param>
    /// <param name="seed">Seed of the shuffles.</param>
    /// <exception cref="ArgumentException">Shapes do not fit, a group is empty or names a feature outside [0, d).</exception>
    public static IReadOnlyList<FeatureImportance> ForClassifier<T, TLabel>(Classifier<T, TLabel> model, Matrix<T> x, IReadOnlyList<TLabel> y,
        IReadOnlyList<(string Name, int[] Features)>? groups = null, int repeats = 5, int seed = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(y);
        return ForScore(x, shuffled => model.Score(shuffled, y), groups, repeats, seed);
    }

    /// <summary>The importance of each feature group for a regressor, by R² on (<paramref name="x"/>, <paramref name="y"/>).</summary>
    /// <param name="model">A fitted regressor.</param>
    /// <param name="x">Rows to measure on, n × d (held-out rows are best).</param>
    /// <param name="y">Their targets, n × t.</param>
    /// <param name="groups">The features shuffled together, each with a name; null: every feature on its own, named by index.</param>
    /// <param name="repeats">Shuffles per group, at least 1.</param>
    /// <param name="seed">Seed of the shuffles.</param>
    /// <exception cref="ArgumentException">Shapes do not fit, a group is empty or names a feature outside [0, d).</exception>
    public static IReadOnlyList<FeatureImportance> ForRegressor<T>(Regressor<T> model, Matrix<T> x, Matrix<T> y,
        IReadOnlyList<(string Name, int[] Features)>? groups = null, int repeats = 5, int seed = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(y);
        return ForScore(x, shuffled => model.Score(shuffled, y), groups, repeats, seed);
    }

    /// <summary>The importance of each feature group for any scoring of the rows (higher is better), such as a saved model's accuracy.</summary>
    /// <param name="x">Rows to measure on, n × d.</param>
    /// <param name="score">The score of a matrix of these rows (with some features shuffled); it must not keep the matrix, which is reused.</param>
    /// <param name="groups">The features shuffled together, each with a name; null: every feature on its own, named by index.</param>
    /// <param name="repeats">Shuffles per group, at least 1.</param>
    /// <param name="seed">Seed of the shuffles.</param>
    /// <exception cref="ArgumentException">Fewer than 2 rows, or a group is empty or names a feature outside [0, d).</exception>
    public static IReadOnlyList<FeatureImportance> ForScore<T>(Matrix<T> x, Func<Matrix<T>, double> score,
        IReadOnlyList<(string Name, int[] Features)>? groups = null, int repeats = 5, int seed = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(score);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        if (x.Rows < 2)
        {
            throw new ArgumentException($"Permutation importance shuffles rows, so it needs at least 2 rows, not {x.Rows}.", nameof(x));
        }

        groups ??= [.. Enumerable.Range(0, x.Columns).Select(j => ($"feature {j}", new[] { j }))];
        foreach (var (name, features) in groups)
        {
            if (features is null || features.Length == 0 || features.Any(j => (uint)j >= (uint)x.Columns))
            {
                throw new ArgumentException($"Group '{name}' must name at least one feature, each in [0, {x.Columns}); it has [{string.Join(", ", features ?? [])}].", nameof(groups));
            }
        }

        double baseline = score(x);
        var shuffled = x.Clone();
        var result = new FeatureImportance[groups.Count];
        int[] order = new int[x.Rows];
        for (int g = 0; g < groups.Count; g++)
        {
            var (name, features) = groups[g];
            var random = new Random(unchecked(seed * 1_000_003 + g));
            var drops = new double[repeats];
            for (int r = 0; r < repeats; r++)
            {
                for (int i = 0; i < order.Length; i++)
                {
                    order[i] = i;
                }

                random.Shuffle(order);
                foreach (int j in features)
                {
                    for (int i = 0; i < x.Rows; i++)
                    {
                        shuffled[i, j] = x[order[i], j];
                    }
                }

                drops[r] = baseline - score(shuffled);
            }

            foreach (int j in features)
            {
                for (int i = 0; i < x.Rows; i++)
                {
                    shuffled[i, j] = x[i, j];
                }
            }

            double mean = drops.Average();
            result[g] = new FeatureImportance(name, features, mean, Math.Sqrt(drops.Sum(d => (d - mean) * (d - mean)) / repeats), drops, baseline);
        }

        return result;
    }
}
