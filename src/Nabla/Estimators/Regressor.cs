using System.Numerics;
using Nabla.Metrics;
using Nabla.Tensors;

namespace Nabla.Estimators;

/// <summary>
/// The estimator contract of Nabla's regressors: hyperparameters at construction, <c>Fit(x, y)</c> with features x (n × d)
/// and targets y (n × t, one column per target) returns the fitted model, <c>Predict(x)</c> gives n × t predictions.
/// </summary>
/// <remarks>
/// A fitted model is safe to use for prediction from many threads at once; Fit is not thread-safe. A derived class must keep its fitted state read-only in <see cref="PredictCore"/> and
/// work in buffers of its own call.
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public abstract class Regressor<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private int _featureCount = -1;
    private int _targetCount = -1;

    /// <summary>The model's name in messages.</summary>
    public virtual string ModelName => GetType().Name.Split('`')[0];

    /// <summary>True once <c>Fit</c> has succeeded.</summary>
    public bool IsFitted => _featureCount > 0;

    /// <summary>d, the number of features seen in training.</summary>
    public int FeatureCount => IsFitted ? _featureCount : throw new NotFittedException(ModelName);

    /// <summary>t, the number of targets seen in training.</summary>
    public int TargetCount => IsFitted ? _targetCount : throw new NotFittedException(ModelName);

    /// <summary>Learns from <paramref name="x"/> (n × d) and <paramref name="y"/> (n × t); returns this model.</summary>
    public Regressor<T> Fit(Matrix<T> x, Matrix<T> y)
    {
        InputChecks.RequireFeatures(x, ModelName);
        ArgumentNullException.ThrowIfNull(y);
        if (y.Rows != x.Rows || y.Columns == 0)
        {
            throw new ArgumentException($"{ModelName} got {x.Rows} samples but targets of shape {y.Shape}: give one target row per sample and at least one column.", nameof(y));
        }

        InputChecks.RequireFeatures(y, ModelName, nameof(y));
        FitCore(x, y);
        _featureCount = x.Columns;
        _targetCount = y.Columns;
        return this;
    }

    /// <summary>Learns a single target: <paramref name="y"/> has one value per row of <paramref name="x"/>.</summary>
    public Regressor<T> Fit(Matrix<T> x, IReadOnlyList<T> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        return Fit(x, Matrix<T>.ColumnVector([.. y]));
    }

    /// <summary>Predictions for each row of <paramref name="x"/> (n × d): an n × t matrix.</summary>
    public Matrix<T> Predict(Matrix<T> x)
    {
        if (!IsFitted)
        {
            throw new NotFittedException(ModelName);
        }

        InputChecks.RequireFeatureCount(x, _featureCount, ModelName);
        if (x.Rows > 0)
        {
            InputChecks.RequireFeatures(x, ModelName);
        }

        var result = new Matrix<T>(x.Rows, _targetCount);
        PredictCore(x, result);
        return result;
    }

    /// <summary>The coefficient of determination R² = 1 − SS_res / SS_tot, averaged over targets (1 is perfect).</summary>
    public double Score(Matrix<T> x, Matrix<T> y)
    {
        var predicted = Predict(x);
        MatrixMath.RequireSameShape(predicted, y, nameof(y));
        return RegressionMetrics.R2(y, predicted);
    }

    /// <summary>MSE, MAE and R² of the fitted regressor on (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public RegressionReport Evaluate(Matrix<T> x, Matrix<T> y)
    {
        var predicted = Predict(x);
        return new RegressionReport(RegressionMetrics.MeanSquaredError(y, predicted), RegressionMetrics.MeanAbsoluteError(y, predicted), RegressionMetrics.R2(y, predicted));
    }

    /// <summary>Learns from validated data.</summary>
    protected abstract void FitCore(Matrix<T> x, Matrix<T> y);

    /// <summary>Writes predictions for validated <paramref name="x"/> into <paramref name="predictions"/> (n × t).</summary>
    protected abstract void PredictCore(Matrix<T> x, Matrix<T> predictions);

    /// <summary>Restores a fitted state read from a model file.</summary>
    protected void SetFittedState(int featureCount, int targetCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetCount, 1);
        _featureCount = featureCount;
        _targetCount = targetCount;
    }
}
