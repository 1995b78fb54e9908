using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>Labelled points made by <see cref="SyntheticData"/>: features n × d and a class label 0 … K − 1 per row.</summary>
public sealed class SyntheticDataset
{
    private readonly int[] _labels;

    /// <summary>Wraps features and labels (no copy).</summary>
    /// <param name="features">n × d.</param>
    /// <param name="labels">n labels, each in [0, <paramref name="classCount"/>).</param>
    /// <param name="classCount">K.</param>
    /// <exception cref="ArgumentException">The counts disagree or a label is out of range.</exception>
    public SyntheticDataset(Matrix<double> features, int[] labels, int classCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != features.Rows)
        {
            throw new ArgumentException($"{features.Rows} rows need {features.Rows} labels, not {labels.Length}.", nameof(labels));
        }

        if (labels.Any(l => (uint)l >= (uint)classCount))
        {
            throw new ArgumentException($"Labels must be 0 to {classCount - 1}.", nameof(labels));
        }

        Features = features;
        _labels = labels;
        ClassCount = classCount;
    }

    /// <summary>The points, one per row.</summary>
    public Matrix<double> Features { get; }

    /// <summary>The class of each row, 0 … K − 1.</summary>
    public IReadOnlyList<int> Labels => _labels;

    /// <summary>K, the number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>n, the number of points.</summary>
    public int Count => Features.Rows;

    /// <summary>d, the number of features.</summary>
    public int FeatureCount => Features.Columns;

    /// <summary>The features converted to <typeparamref name="T"/>.</summary>
    public Matrix<T> FeaturesAs<T>()
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var m = new Matrix<T>(Features.Rows, Features.Columns);
        var source = Features.AsReadOnlySpan();
        var target = m.AsSpan();
        for (int i = 0; i < source.Length; i++)
        {
            target[i] = T.CreateChecked(source[i]);
        }

        return m;
    }

    /// <summary>The rows in a random order (seeded), labels kept with their rows.</summary>
    public SyntheticDataset Shuffled(int seed)
    {
        var order = Enumerable.Range(0, Count).ToArray();
        new Random(seed).Shuffle(order);
        return new SyntheticDataset(Features.SelectRows(order), [.. order.Select(i => _labels[i])], ClassCount);
    }
}
