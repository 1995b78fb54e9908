using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Metrics;

/// <summary>Metrics of regression: MSE, MAE and R², each averaged over the target columns.</summary>
public static class RegressionMetrics
{
    /// <summary>Mean of (predicted − actual)² over all entries.</summary>
    /// <exception cref="ArgumentException">The shapes differ or there are no samples.</exception>
    public static double MeanSquaredError<T>(Matrix<T> actual, Matrix<T> predicted)
        where T : unmanaged, IFloatingPointIeee754<T> => MeanOf(actual, predicted, e => e * e);

    /// <summary>Mean of |predicted − actual| over all entries.</summary>
    /// <exception cref="ArgumentException">The shapes differ or there are no samples.</exception>
    public static double MeanAbsoluteError<T>(Matrix<T> actual, Matrix<T> predicted)
        where T : unmanaged, IFloatingPointIeee754<T> => MeanOf(actual, predicted, Math.Abs);

    /// <summary>
    /// R² = 1 − SS_res / SS_tot per target column, averaged over the columns. A constant target column scores 1 when predicted
    /// exactly and 0 otherwise (as scikit-learn does).
    /// </summary>
    /// <exception cref="ArgumentException">The shapes differ or there are no samples.</exception>
    public static double R2<T>(Matrix<T> actual, Matrix<T> predicted)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSameShape(actual, predicted);
        double total = 0;
        for (int j = 0; j < actual.Columns; j++)
        {
            double mean = 0;
            for (int i = 0; i < actual.Rows; i++)
            {
                mean += double.CreateChecked(actual[i, j]);
            }

            mean /= actual.Rows;
            double ssRes = 0, ssTot = 0;
            for (int i = 0; i < actual.Rows; i++)
            {
                double t = double.CreateChecked(actual[i, j]);
                double e = t - double.CreateChecked(predicted[i, j]);
                ssRes += e * e;
                ssTot += (t - mean) * (t - mean);
            }

            total += ssTot == 0 ? (ssRes == 0 ? 1 : 0) : 1 - ssRes / ssTot;
        }

        return total / actual.Columns;
    }

    private static double MeanOf<T>(Matrix<T> actual, Matrix<T> predicted, Func<double, double> f)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSameShape(actual, predicted);
        var a = actual.AsReadOnlySpan();
        var p = predicted.AsReadOnlySpan();
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += f(double.CreateChecked(p[i]) - double.CreateChecked(a[i]));
        }

        return sum / a.Length;
    }

    private static void RequireSameShape<T>(Matrix<T> actual, Matrix<T> predicted)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Rows != predicted.Rows || actual.Columns != predicted.Columns)
        {
            throw new ArgumentException($"The targets are {actual.Shape} but the predictions are {predicted.Shape}: they must have the same shape.", nameof(predicted));
        }

        if (actual.Length == 0)
        {
            throw new ArgumentException("A metric needs at least one sample.", nameof(actual));
        }
    }
}
