using System.Numerics;
using Nabla.Tensors;

namespace Nabla.Estimators;

/// <summary>The checks every estimator applies to its input before fitting or predicting.</summary>
internal static class InputChecks
{
    /// <summary>Throws unless <paramref name="x"/> has at least one row and column and every value is finite.</summary>
    /// <param name="x">Features, n × d.</param>
    /// <param name="model">The model's name, for the message.</param>
    /// <param name="parameterName">The argument's name.</param>
    public static void RequireFeatures<T>(Matrix<T> x, string model, string parameterName = "x")
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x, parameterName);
        if (x.Rows == 0 || x.Columns == 0)
        {
            throw new ArgumentException($"{model} needs at least one sample with at least one feature, but the data is {x.Shape}.", parameterName);
        }

        var data = x.AsReadOnlySpan();
        for (int i = 0; i < data.Length; i++)
        {
            if (!T.IsFinite(data[i]))
            {
                throw new ArgumentException(
                    $"{model} got {data[i]} at row {i / x.Columns}, column {i % x.Columns}: every feature must be a finite number. Remove or impute missing values first.",
                    parameterName);
            }
        }
    }

    /// <summary>Throws unless <paramref name="x"/> has <paramref name="expected"/> columns (the count seen by <c>Fit</c>).</summary>
    public static void RequireFeatureCount<T>(Matrix<T> x, int expected, string model, string parameterName = "x")
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x, parameterName);
        if (x.Columns != expected)
        {
            throw new ArgumentException(
                $"{model} was fitted on {expected} features, but this data has {x.Columns} columns ({x.Shape}). Give the same features, in the same order, as in training.",
                parameterName);
        }
    }
}
