using System.Globalization;
using System.Numerics;
using Nabla.Sampling;
using Nabla.Tensors;

namespace Nabla.Networks;

/// <summary>
/// How a layer's weights W^[l] (m^[l] × m^[l−1], so fan_in = m^[l−1] and fan_out = m^[l]) are first drawn.
/// Every draw comes from a seeded <see cref="Random"/>, so a seed fixes the initial network.
/// </summary>
public sealed class Initializer
{
    private Initializer(InitializerKind kind, double low = 0, double high = 0)
    {
        Kind = kind;
        Low = low;
        High = high;
    }

    /// <summary>All weights zero.</summary>
    public static Initializer Zeros { get; } = new(InitializerKind.Zeros);

    /// <summary>Glorot (Xavier) uniform.</summary>
    public static Initializer GlorotUniform { get; } = new(InitializerKind.GlorotUniform);

    /// <summary>Glorot (Xavier) normal.</summary>
    public static Initializer GlorotNormal { get; } = new(InitializerKind.GlorotNormal);

    /// <summary>He normal.</summary>
    public static Initializer HeNormal { get; } = new(InitializerKind.HeNormal);

    /// <summary>He uniform.</summary>
    public static Initializer HeUniform { get; } = new(InitializerKind.HeUniform);

    /// <summary>Uniform on [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static Initializer Uniform(double low = -0.5, double high = 0.5)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high) || low > high)
        {
            throw new ArgumentOutOfRangeException(nameof(low), $"A uniform initializer needs finite bounds with low ≤ high, not [{low}, {high}].");
        }

        return new Initializer(InitializerKind.Uniform, low, high);
    }

    /// <summary>The scheme.</summary>
    public InitializerKind Kind { get; }

    /// <summary>Lower bound (for <see cref="InitializerKind.Uniform"/>).</summary>
    public double Low { get; }

    /// <summary>Upper bound (for <see cref="InitializerKind.Uniform"/>).</summary>
    public double High { get; }

    /// <summary>Fills <paramref name="weights"/> (m^[l] × m^[l−1]) with draws from <paramref name="random"/>.</summary>
    public void Initialize<T>(Matrix<T> weights, Random random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(random);
        double fanIn = Math.Max(1, weights.Columns);
        double fanOut = Math.Max(1, weights.Rows);
        var w = weights.AsSpan();
        for (int i = 0; i < w.Length; i++)
        {
            double v = Kind switch
            {
                InitializerKind.Zeros => 0,
                InitializerKind.Uniform => Low + (High - Low) * random.NextDouble(),
                InitializerKind.GlorotUniform => Symmetric(random, Math.Sqrt(6 / (fanIn + fanOut))),
                InitializerKind.GlorotNormal => random.NextGaussian() * Math.Sqrt(2 / (fanIn + fanOut)),
                InitializerKind.HeNormal => random.NextGaussian() * Math.Sqrt(2 / fanIn),
                InitializerKind.HeUniform => Symmetric(random, Math.Sqrt(6 / fanIn)),
                _ => throw new InvalidOperationException($"Unknown initializer {Kind}."),
            };
            w[i] = T.CreateChecked(v);
        }
    }

    /// <summary>Reads an initializer by name: <c>zeros</c>, <c>uniform</c>, <c>uniform(low,high)</c>, <c>glorot-uniform</c> (or <c>xavier</c>), <c>glorot-normal</c>, <c>he-normal</c> (or <c>he</c>), <c>he-uniform</c>.</summary>
    /// <exception cref="FormatException">The text names no initializer.</exception>
    public static Initializer Parse(string text)
    {
        var (name, args) = Specification.Parse(text, "Initializer", "uniform(-0.5,0.5)");
        if (name == "uniform" && args.Length == 2)
        {
            try
            {
                return Uniform(args[0], args[1]);
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new FormatException($"Initializer '{text}' has invalid bounds: {e.Message}", e);
            }
        }

        if (args.Length > 0)
        {
            throw new FormatException($"Initializer '{text}' takes no parameters; only uniform(low,high) does.");
        }

        return name switch
        {
            "zeros" => Zeros,
            "uniform" => Uniform(),
            "glorot-uniform" or "glorot" or "xavier" or "xavier-uniform" => GlorotUniform,
            "glorot-normal" or "xavier-normal" => GlorotNormal,
            "he-normal" or "he" => HeNormal,
            "he-uniform" => HeUniform,
            _ => throw new FormatException($"Unknown initializer '{text}'. Use zeros, uniform, uniform(low,high), glorot-uniform, glorot-normal, he-normal or he-uniform."),
        };
    }

    /// <summary>True when <paramref name="obj"/> is the same initializer: of the same type with the same parameters (so options records holding one compare by value).</summary>
    public override bool Equals(object? obj) => obj is Initializer other && other.GetType() == GetType() && other.ToString() == ToString();

    /// <inheritdoc/>
    public override int GetHashCode() => ToString()!.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        InitializerKind.Zeros => "zeros",
        InitializerKind.Uniform => string.Create(CultureInfo.InvariantCulture, $"uniform({Low:R},{High:R})"),
        InitializerKind.GlorotUniform => "glorot-uniform",
        InitializerKind.GlorotNormal => "glorot-normal",
        InitializerKind.HeNormal => "he-normal",
        _ => "he-uniform",
    };

    private static double Symmetric(Random random, double r) => (2 * random.NextDouble() - 1) * r;
}
