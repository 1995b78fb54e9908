using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Data.Preprocessing;

/// <summary>
/// Rescales features column by column, x' = (x − offset) / scale, with offsets and scales learned from training rows only
/// (mean and standard deviation, or minimum and range) and stored with the model, so new data is scaled the same way.
/// </summary>
public sealed class Scaler
{
    private readonly double[] _offsets;
    private readonly double[] _scales;

    /// <summary>Creates a scaler from known parameters (as a model file holds them).</summary>
    /// <param name="kind">The kind it was fitted as.</param>
    /// <param name="offsets">Per feature, the value subtracted; finite.</param>
    /// <param name="scales">Per feature, the positive divisor; finite.</param>
    /// <exception cref="ArgumentException">The lists differ in length, or a value is not finite or a scale not positive.</exception>
    public Scaler(ScalerKind kind, IReadOnlyList<double> offsets, IReadOnlyList<double> scales)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(scales);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), $"Unknown scaler kind {kind}.");
        }

        if (offsets.Count != scales.Count)
        {
            throw new ArgumentException($"A scaler needs one offset and one scale per feature, but got {offsets.Count} offsets and {scales.Count} scales.", nameof(scales));
        }

        for (int j = 0; j < offsets.Count; j++)
        {
            // A subnormal scale would turn ordinary values into infinities: scales are positive normal numbers.
            if (!double.IsFinite(offsets[j]) || !(scales[j] > 0) || !double.IsNormal(scales[j]))
            {
                throw new ArgumentException(
                    $"Feature {j} has offset {offsets[j].ToString("R", System.Globalization.CultureInfo.InvariantCulture)} and scale {scales[j].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}: offsets must be finite and scales positive, finite and not subnormal.",
                    nameof(scales));
            }
        }

        Kind = kind;
        _offsets = [.. offsets];
        _scales = [.. scales];
    }

    /// <summary>The kind of scaling.</summary>
    public ScalerKind Kind { get; }

    /// <summary>Per feature, the value subtracted (mean, minimum, or 0).</summary>
    public IReadOnlyList<double> Offsets => _offsets;

    /// <summary>Per feature, the divisor (standard deviation, range, or 1; 1 also for a constant feature).</summary>
    public IReadOnlyList<double> Scales => _scales;

    /// <summary>Number of features.</summary>
    public int FeatureCount => _offsets.Length;

    /// <summary>Learns offsets and scales from the rows of <paramref name="x"/> (n × d).</summary>
    /// <param name="x">Training features, finite.</param>
    /// <param name="kind">The kind of scaling.</param>
    /// <param name="scaled">Which columns to scale (null: all); the others keep offset 0 and scale 1, as one-hot columns should.</param>
    /// <exception cref="ArgumentException">No rows, a non-finite value, or a mask of the wrong length.</exception>
    public static Scaler Fit(Matrix<double> x, ScalerKind kind, IReadOnlyList<bool>? scaled = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rows == 0)
        {
            throw new ArgumentException("A scaler needs at least one row to learn from.", nameof(x));
        }

        if (scaled is not null && scaled.Count != x.Columns)
        {
            throw new ArgumentException($"The mask has {scaled.Count} entries but the data has {x.Columns} columns.", nameof(scaled));
        }

        if (!x.IsFinite())
        {
            throw new ArgumentException("A scaler needs finite values; impute or remove missing values first.", nameof(x));
        }

        var offsets = new double[x.Columns];
        var scales = new double[x.Columns];
        for (int j = 0; j < x.Columns; j++)
        {
            scales[j] = 1;
            if (kind == ScalerKind.None || (scaled is not null && !scaled[j]))
            {
                continue;
            }

            if (kind == ScalerKind.Standard)
            {
                var (mean, sd) = MeanAndDeviation(x, j, 1);
                if (!double.IsFinite(mean) || !double.IsFinite(sd))
                {
                    // Values near ±1e308 overflow the sums: the same statistics of the column divided by its largest magnitude, scaled back.
                    double largest = LargestMagnitude(x, j);
                    (mean, sd) = MeanAndDeviation(x, j, largest);
                    (mean, sd) = (mean * largest, sd * largest);
                }

                offsets[j] = mean;
                scales[j] = Positive(sd);
            }
            else
            {
                double min = double.PositiveInfinity, max = double.NegativeInfinity;
                for (int i = 0; i < x.Rows; i++)
                {
                    min = Math.Min(min, x[i, j]);
                    max = Math.Max(max, x[i, j]);
                }

                offsets[j] = min;
                double range = max - min;
                if (!double.IsFinite(range))
                {
                    // No one divisor maps such a column onto [0, 1]: say so rather than produce infinite features.
                    throw new ArgumentException(
                        $"Column {j} ranges from {min.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} to {max.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, a range beyond the largest double, so min-max scaling cannot map it onto [0, 1]: use standard scaling.",
                        nameof(x));
                }

                scales[j] = Positive(range);
            }
        }

        return new Scaler(kind, offsets, scales);
    }

    /// <summary>The scaled copy (x − offset) / scale of <paramref name="x"/>, which must have <see cref="FeatureCount"/> columns.</summary>
    public Matrix<T> Transform<T>(Matrix<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireColumns(x);
        var result = new Matrix<T>(x.Rows, x.Columns);
        Scale(x, result);
        return result;
    }

    /// <summary>Scales <paramref name="x"/> in place, as <see cref="Transform{T}"/> would: for a matrix nothing else holds, without a second copy.</summary>
    internal void TransformInPlace(Matrix<double> x)
    {
        RequireColumns(x);
        Scale(x, x);
    }

    // Element by element, so the target may be the source.
    private void Scale<T>(Matrix<T> x, Matrix<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Rows; i++)
        {
            var source = x.Row(i);
            var target = result.Row(i);
            for (int j = 0; j < source.Length; j++)
            {
                target[j] = T.CreateChecked((double.CreateChecked(source[j]) - _offsets[j]) / _scales[j]);
            }
        }
    }

    /// <summary>Undoes <see cref="Transform{T}"/>: x · scale + offset, as a new matrix.</summary>
    public Matrix<T> InverseTransform<T>(Matrix<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireColumns(x);
        var result = new Matrix<T>(x.Rows, x.Columns);
        for (int i = 0; i < x.Rows; i++)
        {
            var source = x.Row(i);
            var target = result.Row(i);
            for (int j = 0; j < source.Length; j++)
            {
                target[j] = T.CreateChecked(double.CreateChecked(source[j]) * _scales[j] + _offsets[j]);
            }
        }

        return result;
    }

    // A constant feature (zero spread) would divide by zero; leaving it unscaled maps it to 0 after centring.
    private static double Positive(double spread) => spread > 0 && double.IsFinite(spread) && double.IsNormal(spread) ? spread : 1;

    // The mean and the standard deviation (over n) of column j divided by divisor.
    private static (double Mean, double Deviation) MeanAndDeviation(Matrix<double> x, int j, double divisor)
    {
        double mean = 0;
        for (int i = 0; i < x.Rows; i++)
        {
            mean += x[i, j] / divisor;
        }

        mean /= x.Rows;
        double squares = 0;
        for (int i = 0; i < x.Rows; i++)
        {
            double d = x[i, j] / divisor - mean;
            squares += d * d;
        }

        return (mean, Math.Sqrt(squares / x.Rows));
    }

    private static double LargestMagnitude(Matrix<double> x, int j)
    {
        double largest = 0;
        for (int i = 0; i < x.Rows; i++)
        {
            largest = Math.Max(largest, Math.Abs(x[i, j]));
        }

        return largest;
    }

    private void RequireColumns<T>(Matrix<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != FeatureCount)
        {
            throw new ArgumentException($"This scaler was fitted on {FeatureCount} features, but the data has {x.Columns} columns.", nameof(x));
        }
    }
}
