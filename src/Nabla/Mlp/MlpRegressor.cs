using System.Numerics;
using Nabla.Activations;
using Nabla.Estimators;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Mlp;

/// <summary>
/// A multilayer perceptron for regression on the estimator contract: hidden layers of <see cref="MlpOptions.Activation"/>
/// and one identity output per target, trained with squared error (mse by default) by the solver of <see cref="MlpOptions.Solver"/>. With
/// <see cref="MlpOptions.StandardizeTargets"/> the network learns (y − mean) / standard deviation and predictions are mapped
/// back, so targets of any scale train with the same learning rate.
/// </summary>
/// <remarks>
/// A fitted model is safe to use for prediction from many threads at once; Fit is not thread-safe. Prediction runs on
/// pooled copies of <see cref="Network"/> that share its weights, so it never changes what the network's layers show
/// of their last pass.
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class MlpRegressor<T> : Regressor<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private NeuralNetwork<T>? _network;
    private TrainingHistory? _history;
    private double[]? _targetOffsets;
    private double[]? _targetScales;

    /// <summary>Creates an unfitted regressor.</summary>
    /// <exception cref="ArgumentException">A hyperparameter is out of range.</exception>
    public MlpRegressor(MlpOptions? options = null)
    {
        Options = options ?? new MlpOptions();
        Options.Validate();
        _ = LossFromOptions();
        if (Options.ClassWeights is not null)
        {
            throw new ArgumentException("Class weights apply to classes: a regressor has none. Leave MlpOptions.ClassWeights null, or use MlpClassifier.", nameof(options));
        }
    }

    /// <summary>The hyperparameters.</summary>
    public MlpOptions Options { get; }

    /// <summary>The trained network: inputs d, the hidden layers, then one identity output per target.</summary>
    public NeuralNetwork<T> Network => _network ?? throw new NotFittedException(ModelName);

    /// <summary>The loss per epoch of the last fit, in standardized target units when <see cref="MlpOptions.StandardizeTargets"/> is on.</summary>
    public TrainingHistory History => _history ?? throw new NotFittedException(ModelName);

    /// <summary>The loss the network was trained with.</summary>
    public Loss Loss => LossFromOptions();

    /// <summary>Per target, the value subtracted before training (the mean, or 0 without standardization).</summary>
    public IReadOnlyList<double> TargetOffsets => _targetOffsets ?? throw new NotFittedException(ModelName);

    /// <summary>Per target, the divisor applied after subtracting the offset (the standard deviation, or 1).</summary>
    public IReadOnlyList<double> TargetScales => _targetScales ?? throw new NotFittedException(ModelName);

    /// <summary>Fits; see <see cref="Regressor{T}.Fit(Matrix{T}, Matrix{T})"/>.</summary>
    public new MlpRegressor<T> Fit(Matrix<T> x, Matrix<T> y) => (MlpRegressor<T>)base.Fit(x, y);

    /// <summary>Fits a single target.</summary>
    public new MlpRegressor<T> Fit(Matrix<T> x, IReadOnlyList<T> y) => (MlpRegressor<T>)base.Fit(x, y);

    /// <summary>Rebuilds a fitted regressor from its parts, as a model file holds them.</summary>
    /// <param name="options">The hyperparameters it was trained with.</param>
    /// <param name="network">The trained network with identity outputs (used as is).</param>
    /// <param name="targetOffsets">Per output, the offset added back to predictions.</param>
    /// <param name="targetScales">Per output, the positive factor predictions are multiplied by.</param>
    /// <param name="history">The training history, if known.</param>
    /// <exception cref="ArgumentException">The parts do not fit together.</exception>
    public static MlpRegressor<T> Restore(MlpOptions options, NeuralNetwork<T> network, IReadOnlyList<double> targetOffsets, IReadOnlyList<double> targetScales, TrainingHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(targetOffsets);
        ArgumentNullException.ThrowIfNull(targetScales);
        if (network.OutputActivation is not IdentityActivation)
        {
            throw new ArgumentException($"A regressor's network needs identity outputs, not {network.OutputActivation.Name}.", nameof(network));
        }

        if (targetOffsets.Count != network.OutputSize || targetScales.Count != network.OutputSize)
        {
            throw new ArgumentException(
                $"The network has {network.OutputSize} outputs, but {targetOffsets.Count} target offsets and {targetScales.Count} target scales were given.", nameof(targetOffsets));
        }

        if (targetOffsets.Any(v => !double.IsFinite(v)) || targetScales.Any(v => !(v > 0) || !double.IsFinite(v)))
        {
            throw new ArgumentException("Target offsets must be finite and target scales positive and finite.", nameof(targetScales));
        }

        var model = new MlpRegressor<T>(options);
        model.SetFittedState(network.InputSize, network.OutputSize);
        model._network = network;
        model._targetOffsets = [.. targetOffsets];
        model._targetScales = [.. targetScales];
        model._history = history ?? new TrainingHistory();
        return model;
    }

    /// <inheritdoc/>
    protected override void FitCore(Matrix<T> x, Matrix<T> y)
    {
        int t = y.Columns;
        var offsets = new double[t];
        var scales = new double[t];
        for (int j = 0; j < t; j++)
        {
            scales[j] = 1;
            if (Options.StandardizeTargets)
            {
                double mean = 0, squares = 0;
                for (int i = 0; i < y.Rows; i++)
                {
                    mean += double.CreateChecked(y[i, j]);
                }

                mean /= y.Rows;
                for (int i = 0; i < y.Rows; i++)
                {
                    double d = double.CreateChecked(y[i, j]) - mean;
                    squares += d * d;
                }

                double sd = Math.Sqrt(squares / y.Rows);
                offsets[j] = mean;
                scales[j] = sd > 0 && double.IsFinite(sd) ? sd : 1; // a constant target keeps scale 1
            }
        }

        var targets = new Matrix<T>(y.Rows, t);
        for (int i = 0; i < y.Rows; i++)
        {
            for (int j = 0; j < t; j++)
            {
                targets[i, j] = T.CreateChecked((double.CreateChecked(y[i, j]) - offsets[j]) / scales[j]);
            }
        }

        int[] sizes = [x.Columns, .. Options.HiddenLayers, t];
        var network = NeuralNetwork<T>.Create(sizes, Options.Activation, Activation.Identity, Options.CreateInitializer(), Options.Seed);
        _history = Trainer.Train(network, x, targets, LossFromOptions(), Options.ToTrainingOptions(trackAccuracy: false, x.Rows));
        _network = network;
        _targetOffsets = offsets;
        _targetScales = scales;
    }

    /// <inheritdoc/>
    protected override void PredictCore(Matrix<T> x, Matrix<T> predictions)
    {
        // A replica of the network with buffers of its own: concurrent predictions never share Z and A.
        using var lease = Network.InferenceReplicas.RentLease();
        var offsets = _targetOffsets!;
        var scales = _targetScales!;
        for (int start = 0; start < x.Rows; start += NeuralNetwork<T>.InferenceBlockRows)
        {
            int count = Math.Min(NeuralNetwork<T>.InferenceBlockRows, x.Rows - start);
            var output = lease.Network.ForwardRows(x, start, count);
            for (int i = 0; i < count; i++)
            {
                for (int j = 0; j < output.Columns; j++)
                {
                    predictions[start + i, j] = output[i, j] * T.CreateChecked(scales[j]) + T.CreateChecked(offsets[j]);
                }
            }
        }
    }

    private Loss LossFromOptions() => Options.Loss switch
    {
        null => new MeanSquaredErrorLoss(),
        MeanSquaredErrorLoss or HalfSquaredErrorLoss => Options.Loss,
        _ => throw new ArgumentException($"A regressor's loss must be a squared error (mse or half-squared-error), not {Options.Loss.Name}.", nameof(MlpOptions.Loss)),
    };
}
