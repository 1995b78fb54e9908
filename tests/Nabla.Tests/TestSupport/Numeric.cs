using Nabla.Tensors;

namespace Nabla.Tests.TestSupport;

/// <summary>Central-difference derivatives, independent of the library's backward passes.</summary>
internal static class Numeric
{
    /// <summary>(f(x + h) − f(x − h)) / 2h.</summary>
    public static double Derivative(Func<double, double> f, double x, double h = 1e-6) =>
        (f(x + h) - f(x - h)) / (2 * h);

    /// <summary>
    /// The gradient of the scalar function <paramref name="f"/> of a matrix, entry by entry, by central differences.
    /// <paramref name="x"/> is perturbed in place and restored.
    /// </summary>
    public static Matrix<double> Gradient(Func<Matrix<double>, double> f, Matrix<double> x, double h = 1e-6)
    {
        var g = new Matrix<double>(x.Rows, x.Columns);
        var values = x.AsSpan();
        for (int k = 0; k < values.Length; k++)
        {
            double original = values[k];
            values[k] = original + h;
            double plus = f(x);
            values = x.AsSpan();
            values[k] = original - h;
            double minus = f(x);
            values = x.AsSpan();
            values[k] = original;
            g.AsSpan()[k] = (plus - minus) / (2 * h);
        }

        return g;
    }

    /// <summary>Σ_ij a_ij b_ij.</summary>
    public static double Dot(Matrix<double> a, Matrix<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a.AsReadOnlySpan()[i] * b.AsReadOnlySpan()[i];
        }

        return sum;
    }
}
