using Nabla.Activations;
using Nabla.Data.Preprocessing;
using Nabla.Estimators;
using Nabla.Losses;
using Nabla.Mlp;
using Nabla.Models;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Playground.Engine;

/// <summary>
/// One network being trained on the page's points, all by the library: a <see cref="NeuralNetwork{T}"/> of dense layers,
/// trained one epoch at a time by <see cref="Trainer"/> with the library's optimizers and penalties, so the page can draw
/// between epochs. Classification uses one sigmoid output and the log-loss (class 1 where a^[L] ≥ ½); regression one
/// identity output and the mean squared error.
/// </summary>
public sealed class TrainingSession
{
    private readonly Matrix<double> _trainX, _trainY, _testX, _testY;
    private Optimizer _optimizer;
    private readonly List<double> _trainLoss = [], _testLoss = [];

    /// <summary>Builds the network the settings describe (weights from the settings' seed) on the given points.</summary>
    /// <exception cref="ArgumentException">The settings do not describe a network that can be built (for example no input features).</exception>
    public TrainingSession(PlaygroundSettings settings, PointSet points, NeuralNetwork<double>? network = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(points);
        if (settings.Inputs.Count == 0)
        {
            throw new ArgumentException("Choose at least one input feature.", nameof(settings));
        }

        Settings = settings;
        Points = points;
        Regression = points.Regression;
        Loss = Regression ? new MeanSquaredErrorLoss() : new BinaryCrossEntropyLoss();
        var train = points.TrainRows();
        var test = points.TestRows();
        (_trainX, _trainY) = Rows(train);
        (_testX, _testY) = Rows(test);
        TrainRows = train;
        TestRows = test;
        var output = Regression ? (Activation)Activation.Identity : Activation.Sigmoid;
        Network = network ?? NeuralNetwork<double>.Create([settings.Inputs.Count, .. settings.Hidden, 1], Activation.Parse(settings.Activation), output, Initializer.GlorotUniform, settings.Seed);
        _optimizer = Optimizer.Create(Optimizer.ParseKind(settings.Optimizer), settings.LearningRate);
        RecordLosses();
    }

    /// <summary>The settings in use (the training ones may change between epochs: <see cref="ApplyTrainingSettings"/>).</summary>
    public PlaygroundSettings Settings { get; private set; }

    /// <summary>The points (train and test).</summary>
    public PointSet Points { get; }

    /// <summary>Indices of the training points in <see cref="Points"/>.</summary>
    public IReadOnlyList<int> TrainRows { get; }

    /// <summary>Indices of the test points in <see cref="Points"/>.</summary>
    public IReadOnlyList<int> TestRows { get; }

    /// <summary>True for a regression network (identity output, squared error).</summary>
    public bool Regression { get; }

    /// <summary>The network, trained in place.</summary>
    public NeuralNetwork<double> Network { get; }

    /// <summary>The loss trained on.</summary>
    public Loss Loss { get; }

    /// <summary>Epochs trained so far.</summary>
    public int Epoch { get; private set; }

    /// <summary>The loss on the training points after each epoch (index 0: before training).</summary>
    public IReadOnlyList<double> TrainLoss => _trainLoss;

    /// <summary>The loss on the test points after each epoch (index 0: before training); empty without test points.</summary>
    public IReadOnlyList<double> TestLoss => _testLoss;

    /// <summary>Accuracy on the training points (classification), or NaN for regression.</summary>
    public double TrainAccuracy => Accuracy(_trainX, _trainY);

    /// <summary>Accuracy on the test points (classification), or NaN for regression or without test points.</summary>
    public double TestAccuracy => Accuracy(_testX, _testY);

    /// <summary>
    /// One epoch: the training points in a seeded random order (seed + epoch), in mini-batches of the batch size, one
    /// optimizer step each, with the chosen penalty. Then the train and test losses are recorded.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite (the learning rate is too high).</exception>
    public void TrainEpoch()
    {
        var s = Settings;
        Trainer.Train(Network, _trainX, _trainY, Loss, new TrainingOptions
        {
            Epochs = 1,
            BatchSize = Math.Min(s.BatchSize, _trainX.Rows),
            Seed = unchecked(s.Seed * 7919 + Epoch),
            Optimizer = _optimizer,
            L1 = s.Regularization == Regularization.L1 ? s.RegularizationRate : 0,
            L2 = s.Regularization == Regularization.L2 ? s.RegularizationRate : 0,
            Threads = 1,
        });
        Epoch++;
        RecordLosses();
    }

    /// <summary>
    /// Takes new training settings (learning rate, optimizer, batch size, penalty, display) and keeps the network, the epoch
    /// count and the loss history, as TensorFlow Playground does; a new optimizer or learning rate starts the optimizer's
    /// state afresh.
    /// </summary>
    /// <exception cref="ArgumentException">The settings change the data or the network (those need a new session).</exception>
    public void ApplyTrainingSettings(PlaygroundSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var same = settings with
        {
            LearningRate = Settings.LearningRate, Optimizer = Settings.Optimizer, BatchSize = Settings.BatchSize,
            Regularization = Settings.Regularization, RegularizationRate = Settings.RegularizationRate,
            ShowTest = Settings.ShowTest, Discretize = Settings.Discretize,
        };
        if (!SameDataAndNetwork(same, Settings))
        {
            throw new ArgumentException("These settings change the data or the network; build a new session for them.", nameof(settings));
        }

        if (settings.LearningRate != Settings.LearningRate || settings.Optimizer != Settings.Optimizer)
        {
            _optimizer = Optimizer.Create(Optimizer.ParseKind(settings.Optimizer), settings.LearningRate);
        }

        Settings = settings;
    }

    /// <summary>True when two settings give the same points and the same network shape (only training or display settings differ).</summary>
    public static bool SameDataAndNetwork(PlaygroundSettings a, PlaygroundSettings b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Dataset == b.Dataset && a.Points == b.Points && a.Noise == b.Noise && a.TrainPercent == b.TrainPercent && a.Seed == b.Seed
            && a.Inputs.SequenceEqual(b.Inputs) && a.Hidden.SequenceEqual(b.Hidden) && a.Activation == b.Activation;
    }

    /// <summary>The network's output a^[L] at the points (x₁[i], x₂[i]).</summary>
    public double[] Predict(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2)
    {
        var output = Network.Forward(Features.Matrix(Settings.Inputs, x1, x2));
        return output.AsReadOnlySpan().ToArray();
    }

    /// <summary>The class (0 or 1) the network gives each point, or its value for regression.</summary>
    public double[] PredictLabels(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2)
    {
        var a = Predict(x1, x2);
        return Regression ? a : [.. a.Select(v => v >= 0.5 ? 1.0 : 0.0)];
    }

    /// <summary>
    /// The forward pass, backward pass and gradients of one point, in the notes' notation, by the library's
    /// <see cref="NetworkTrace{T}"/>.
    /// </summary>
    public NetworkTrace<double> Trace(int point)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(point);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(point, Points.Count);
        var x = Features.Matrix(Settings.Inputs, [Points.X1[point]], [Points.X2[point]]);
        return NetworkTrace<double>.Run(Network, x, Matrix<double>.RowVector([Points.Target[point]]), Loss);
    }

    /// <summary>
    /// The network as a Nabla model file (JSON): an <c>mlp</c> classifier with classes "0" and "1" (or a regressor), whose
    /// input columns are the selected features by name (x1, x2, x1^2, …) and target column "label", so
    /// <c>nabla predict</c> reads a CSV with those columns (the page's "Download points" file) and predicts as the page does.
    /// </summary>
    public string ToModelJson()
    {
        var names = Settings.Inputs.Select(Features.Name).ToArray();
        var preprocessing = new Preprocessor(
            [.. names.Select(n => FeatureColumn.Numeric(n))], ["label"], ImputeStrategy.None,
            new Scaler(ScalerKind.None, new double[names.Length], [.. Enumerable.Repeat(1.0, names.Length)]));
        var options = new MlpOptions
        {
            HiddenLayers = [.. Settings.Hidden],
            Activation = Activation.Parse(Settings.Activation),
            LearningRate = Settings.LearningRate,
            BatchSize = Settings.BatchSize,
            Epochs = Math.Max(1, Epoch),
            L2 = Settings.Regularization == Regularization.L2 ? Settings.RegularizationRate : 0,
            Optimizer = Optimizer.ParseKind(Settings.Optimizer),
            Seed = Settings.Seed,
            ValidationFraction = 0,
            StandardizeTargets = false,
        };
        var network = Network.Clone();
        var metadata = new Serialization.TrainingMetadata
        {
            Data = $"Nabla Playground: {Settings.Dataset.ToString().ToLowerInvariant()}",
            TrainingRows = TrainRows.Count,
            TestRows = TestRows.Count,
            Seed = Settings.Seed,
        };
        return Regression
            ? ModelFile.ToJson(MlpRegressor<double>.Restore(options with { Loss = Loss }, network, [0.0], [1.0]), preprocessing, metadata)
            : ModelFile.ToJson(MlpClassifier<double, string>.Restore(options, ["0", "1"], network), preprocessing, metadata);
    }

    /// <summary>
    /// Reads a Nabla model file for the page: an <c>mlp</c> classifier of two classes or regressor of one target whose inputs
    /// are features the page knows (x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2)). Returns the settings it implies (layers,
    /// activation, inputs) on top of <paramref name="current"/>, and its network.
    /// </summary>
    /// <exception cref="ArgumentException">The file is not such a model; the message says why.</exception>
    public static (PlaygroundSettings Settings, NeuralNetwork<double> Network) FromModelJson(string json, string source, PlaygroundSettings current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var info = ModelFile.ParseInfo(json, source);
        NeuralNetwork<double> network;
        Preprocessor? preprocessing;
        if (info.Task == ModelTask.Regression)
        {
            var loaded = ModelFile.ParseRegressor<double>(json, source);
            if (loaded.Model is not MlpRegressor<double> mlp || mlp.Network.OutputSize != 1)
            {
                throw new ArgumentException($"{source}: the playground shows networks (mlp) with one output; this is a {info.ModelType} model with {info.TargetCount} target(s).");
            }

            (network, preprocessing) = (mlp.Network, loaded.Preprocessing);
        }
        else
        {
            var loaded = ModelFile.ParseClassifier<double, string>(json, source);
            if (loaded.Model is not MlpClassifier<double, string> mlp || mlp.Classes.Count != 2)
            {
                throw new ArgumentException($"{source}: the playground shows networks (mlp) of two classes; this is a {info.ModelType} model of {loaded.Model.Classes.Count} classes.");
            }

            (network, preprocessing) = (mlp.Network, loaded.Preprocessing);
        }

        var names = preprocessing?.FeatureNames ?? [];
        var inputs = names.Select(n => Features.Parse(n)).ToArray();
        if (inputs.Length != network.InputSize || inputs.Any(f => f is null))
        {
            throw new ArgumentException($"{source}: the playground reads models whose input columns are among {string.Join(", ", Features.All.Select(Features.Name))}; this one has {(names.Count == 0 ? "no named columns" : string.Join(", ", names))}.");
        }

        var hidden = network.Layers.Take(network.Layers.Count - 1).ToArray();
        string? activation = hidden.Length == 0
            ? current.Activation
            : PlaygroundSettings.Activations.FirstOrDefault(a => Activation.Parse(a).Name == hidden[0].Activation.Name);
        if (activation is null || hidden.Any(l => l.Activation.Name != hidden[0].Activation.Name))
        {
            throw new ArgumentException($"{source}: the playground uses one activation for all hidden layers, one of {string.Join(", ", PlaygroundSettings.Activations)}; this model has {string.Join(", ", hidden.Select(l => l.Activation.Name).Distinct())}.");
        }

        var settings = current with { Inputs = [.. inputs.Select(f => f!.Value)], Hidden = [.. hidden.Select(l => l.Units)], Activation = activation };
        return (settings, network);
    }

    private (Matrix<double> X, Matrix<double> Y) Rows(int[] rows)
    {
        var x1 = rows.Select(i => Points.X1[i]).ToArray();
        var x2 = rows.Select(i => Points.X2[i]).ToArray();
        return (Features.Matrix(Settings.Inputs, x1, x2), Matrix<double>.ColumnVector([.. rows.Select(i => Points.Target[i])]));
    }

    private void RecordLosses()
    {
        _trainLoss.Add(Network.Evaluate(_trainX, _trainY, Loss));
        if (_testX.Rows > 0)
        {
            _testLoss.Add(Network.Evaluate(_testX, _testY, Loss));
        }
    }

    private double Accuracy(Matrix<double> x, Matrix<double> y)
    {
        if (Regression || x.Rows == 0)
        {
            return double.NaN;
        }

        var a = Network.Forward(x).AsReadOnlySpan();
        int right = 0;
        for (int i = 0; i < a.Length; i++)
        {
            right += (a[i] >= 0.5) == (y[i, 0] >= 0.5) ? 1 : 0;
        }

        return (double)right / a.Length;
    }
}
