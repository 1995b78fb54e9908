using Nabla.Tensors;

namespace Nabla.Playground.Engine;

/// <summary>Computes the selected input features of points and names them (as the exported model's columns).</summary>
public static class Features
{
    /// <summary>Every feature, in the order the page lists them.</summary>
    public static IReadOnlyList<InputFeature> All { get; } = Enum.GetValues<InputFeature>();

    /// <summary>The short name used in the URL and as the model file's column name: x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2).</summary>
    public static string Name(InputFeature feature) => feature switch
    {
        InputFeature.X1 => "x1",
        InputFeature.X2 => "x2",
        InputFeature.X1Squared => "x1^2",
        InputFeature.X2Squared => "x2^2",
        InputFeature.X1X2 => "x1*x2",
        InputFeature.SinX1 => "sin(x1)",
        InputFeature.SinX2 => "sin(x2)",
        _ => throw new ArgumentOutOfRangeException(nameof(feature), $"Unknown input feature {(int)feature}."),
    };

    /// <summary>The name as the page shows it, with superscripts and subscripts.</summary>
    public static string Label(InputFeature feature) => feature switch
    {
        InputFeature.X1 => "x₁",
        InputFeature.X2 => "x₂",
        InputFeature.X1Squared => "x₁²",
        InputFeature.X2Squared => "x₂²",
        InputFeature.X1X2 => "x₁x₂",
        InputFeature.SinX1 => "sin x₁",
        InputFeature.SinX2 => "sin x₂",
        _ => throw new ArgumentOutOfRangeException(nameof(feature), $"Unknown input feature {(int)feature}."),
    };

    /// <summary>Reads a feature from its <see cref="Name"/>; null when the name is not one.</summary>
    public static InputFeature? Parse(string name)
    {
        foreach (var f in All)
        {
            if (string.Equals(Name(f), name, StringComparison.OrdinalIgnoreCase))
            {
                return f;
            }
        }

        return null;
    }

    /// <summary>The value of one feature at (x₁, x₂).</summary>
    public static double Value(InputFeature feature, double x1, double x2) => feature switch
    {
        InputFeature.X1 => x1,
        InputFeature.X2 => x2,
        InputFeature.X1Squared => x1 * x1,
        InputFeature.X2Squared => x2 * x2,
        InputFeature.X1X2 => x1 * x2,
        InputFeature.SinX1 => Math.Sin(x1),
        InputFeature.SinX2 => Math.Sin(x2),
        _ => throw new ArgumentOutOfRangeException(nameof(feature), $"Unknown input feature {(int)feature}."),
    };

    /// <summary>The n × (number of features) input matrix a^[0] of the points (x₁[i], x₂[i]).</summary>
    public static Matrix<double> Matrix(IReadOnlyList<InputFeature> features, ReadOnlySpan<double> x1, ReadOnlySpan<double> x2)
    {
        var m = new Matrix<double>(x1.Length, features.Count);
        for (int i = 0; i < x1.Length; i++)
        {
            var row = m.Row(i);
            for (int j = 0; j < features.Count; j++)
            {
                row[j] = Value(features[j], x1[i], x2[i]);
            }
        }

        return m;
    }
}
