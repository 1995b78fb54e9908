using System.Numerics;
using Nabla.Activations;
using Nabla.Estimators;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Mlp;

/// <summary>
/// A multilayer perceptron for classification on the estimator contract: hidden layers of <see cref="MlpOptions.Activation"/>,
/// then for two classes one sigmoid output P(second class | x) trained with log-loss, and for K &gt; 2 classes K softmax outputs
/// trained with cross-entropy. Trained by backpropagation with <see cref="Trainer"/>, by the solver of <see cref="MlpOptions.Solver"/>
/// (L-BFGS on up to <see cref="MlpOptions.LbfgsRowLimit"/> rows, mini-batch gradient descent above, unless chosen).
/// </summary>
/// <remarks>
/// A fitted model is safe to use for prediction from many threads at once; Fit is not thread-safe. Prediction runs on
/// pooled copies of <see cref="Network"/> that share its weights, so it never changes what the network's layers show
/// of their last pass.
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <typeparam name="TLabel">The label type.</typeparam>
public sealed class MlpClassifier<T, TLabel> : Classifier<T, TLabel>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TLabel : notnull
{
    private NeuralNetwork<T>? _network;
    private TrainingHistory? _history;

    /// <summary>Creates an unfitted classifier.</summary>
    /// <exception cref="ArgumentException">A hyperparameter is out of range.</exception>
    public MlpClassifier(MlpOptions? options = null)
    {
        Options = options ?? new MlpOptions();
        Options.Validate();
        if (Options.Solver == TrainingSolver.LevenbergMarquardt && Options.Loss is not (MeanSquaredErrorLoss or HalfSquaredErrorLoss))
        {
            // As MATLAB's trainlm, which takes only mse or sse: the squared error of the probabilities is a choice to make, not to assume.
            throw new ArgumentException(
                $"Levenberg–Marquardt (solver lm) minimizes a sum of squared errors, but this classifier trains on {(Options.Loss is null ? "log-loss or cross-entropy" : Options.Loss.Name)}. "
                + "Set the loss to mse (Loss = MeanSquaredErrorLoss, --loss mse) to train on the squared error of the output probabilities, as MATLAB's trainlm does, or choose another solver (lbfgs, scg or rprop).",
                nameof(options));
        }
    }

    /// <summary>The hyperparameters.</summary>
    public MlpOptions Options { get; }

    /// <inheritdoc/>
    public override bool SupportsProbabilities => true;

    /// <summary>The trained network: inputs d, the hidden layers, then 1 sigmoid output (two classes) or K softmax outputs.</summary>
    public NeuralNetwork<T> Network => _network ?? throw new NotFittedException(ModelName);

    /// <summary>The loss per epoch of the last fit (or as saved in a model file).</summary>
    public TrainingHistory History => _history ?? throw new NotFittedException(ModelName);

    /// <summary>The loss the network is trained with, before any class weights (<see cref="MlpOptions.ClassWeights"/>), which training applies to it.</summary>
    public Loss Loss => LossFor(Classes.Count);

    /// <summary>Fits; see <see cref="Classifier{T, TLabel}.Fit(Matrix{T}, IReadOnlyList{TLabel})"/>.</summary>
    public new MlpClassifier<T, TLabel> Fit(Matrix<T> x, IReadOnlyList<TLabel> y) => (MlpClassifier<T, TLabel>)base.Fit(x, y);

    /// <summary>Fits on a jagged array of rows.</summary>
    public new MlpClassifier<T, TLabel> Fit(T[][] x, IReadOnlyList<TLabel> y) => (MlpClassifier<T, TLabel>)base.Fit(x, y);

    /// <summary>
    /// Rebuilds a fitted classifier from its parts, as a model file holds them: <paramref name="network"/> must have 1 sigmoid
    /// output for two classes or K softmax outputs for K classes.
    /// </summary>
    /// <param name="options">The hyperparameters it was trained with.</param>
    /// <param name="classes">The class labels in class-index order, all distinct.</param>
    /// <param name="network">The trained network (used as is, not copied).</param>
    /// <param name="history">The training history, if known.</param>
    /// <exception cref="ArgumentException">The parts do not fit together.</exception>
    public static MlpClassifier<T, TLabel> Restore(MlpOptions options, IReadOnlyList<TLabel> classes, NeuralNetwork<T> network, TrainingHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(network);
        var model = new MlpClassifier<T, TLabel>(options);
        if (classes.Distinct().Count() != classes.Count)
        {
            throw new ArgumentException("The class labels must be distinct.", nameof(classes));
        }

        int k = classes.Count;
        int outputs = k == 2 ? 1 : k;
        Type expected = k == 2 ? typeof(SigmoidActivation) : typeof(SoftmaxActivation);
        if (k < 2 || network.OutputSize != outputs || network.OutputActivation.GetType() != expected)
        {
            throw new ArgumentException(
                $"A classifier of {k} classes needs {outputs} {(k == 2 ? "sigmoid" : "softmax")} output(s), but the network has {network.OutputSize} {network.OutputActivation.Name} output(s).",
                nameof(network));
        }

        model.SetFittedState(classes, network.InputSize);
        model._network = network;
        model._history = history ?? new TrainingHistory();
        return model;
    }

    /// <inheritdoc/>
    protected override void FitCore(Matrix<T> x, int[] classIndices, int classCount)
    {
        int outputs = classCount == 2 ? 1 : classCount;
        var output = classCount == 2 ? (Activation)Activation.Sigmoid : Activation.Softmax;
        int[] sizes = [x.Columns, .. Options.HiddenLayers, outputs];
        var network = NeuralNetwork<T>.Create(sizes, Options.Activation, output, Options.CreateInitializer(), Options.Seed);
        var targets = new Matrix<T>(x.Rows, outputs);
        for (int i = 0; i < x.Rows; i++)
        {
            targets[i, classCount == 2 ? 0 : classIndices[i]] = classCount == 2 ? T.CreateChecked(classIndices[i]) : T.One;
        }

        var loss = LossFor(classCount);
        if (Options.ClassWeights is { } weights)
        {
            loss = loss.WithClassWeights(weights.PerClass(classIndices, classCount));
        }

        _history = Trainer.Train(network, x, targets, loss, Options.ToTrainingOptions(trackAccuracy: true, x.Rows));
        _network = network;
    }

    /// <inheritdoc/>
    protected override void PredictCore(Matrix<T> x, Span<int> classIndices)
    {
        // A replica of the network with buffers of its own: concurrent predictions never share Z and A.
        using var lease = Network.InferenceReplicas.RentLease();
        T half = T.CreateChecked(0.5);
        for (int start = 0; start < x.Rows; start += NeuralNetwork<T>.InferenceBlockRows)
        {
            int count = Math.Min(NeuralNetwork<T>.InferenceBlockRows, x.Rows - start);
            var output = lease.Network.ForwardRows(x, start, count); // read only, so no copy
            for (int i = 0; i < count; i++)
            {
                var row = output.Row(i);
                classIndices[start + i] = row.Length == 1 ? (row[0] >= half ? 1 : 0) : System.Numerics.Tensors.TensorPrimitives.IndexOfMax<T>(row);
            }
        }
    }

    /// <inheritdoc/>
    protected override void PredictProbabilitiesCore(Matrix<T> x, Matrix<T> probabilities)
    {
        using var lease = Network.InferenceReplicas.RentLease();
        for (int start = 0; start < x.Rows; start += NeuralNetwork<T>.InferenceBlockRows)
        {
            int count = Math.Min(NeuralNetwork<T>.InferenceBlockRows, x.Rows - start);
            var output = lease.Network.ForwardRows(x, start, count); // read only, so no copy
            for (int i = 0; i < count; i++)
            {
                if (output.Columns == 1)
                {
                    probabilities[start + i, 0] = T.One - output[i, 0];
                    probabilities[start + i, 1] = output[i, 0];
                }
                else
                {
                    output.Row(i).CopyTo(probabilities.Row(start + i));
                }
            }
        }
    }

    private Loss LossFor(int classCount) => Options.Loss switch
    {
        null or BinaryCrossEntropyLoss or CategoricalCrossEntropyLoss =>
            classCount == 2 ? new BinaryCrossEntropyLoss(Options.Loss?.Reduction ?? Reduction.Mean) : new CategoricalCrossEntropyLoss(Options.Loss?.Reduction ?? Reduction.Mean),
        var squared => squared,
    };
}
