using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Nabla.Activations;
using Nabla.Estimators;
using Nabla.Losses;
using Nabla.Mlp;
using Nabla.Networks;
using Nabla.Serialization;
using Nabla.Training;

namespace Nabla.Models;

/// <summary>
/// <c>mlp</c>: a feedforward network trained by backpropagation (<see cref="MlpClassifier{T, TLabel}"/>,
/// <see cref="MlpRegressor{T}"/>). Its file parameters are, per layer, the sizes, activation, W (units × inputs) and b; a
/// regressor also stores its target offsets and scales.
/// </summary>
public sealed class MlpKind : ModelKind<MlpOptions>
{
    private static readonly string[] Losses = ["auto", "log-loss", "cross-entropy", "mse", "half-squared-error"];

    // The solvers' names, in the order of TrainingSolver after auto.
    private static readonly string[] Solvers = ["auto", "gd", "lbfgs", "lm", "rprop", "scg"];

    /// <summary>Creates the description (use <see cref="ModelKinds.Mlp"/>).</summary>
    internal MlpKind()
        : base(
            Bind(d => Hyperparameter.IntList("hidden", d, 1, "units of each hidden layer, input side first (none for no hidden layer)", "hidden_layers"), o => o.HiddenLayers, (o, v) => o with { HiddenLayers = v }),
            Bind(d => Hyperparameter.Text("activation", d, "relu, tanh, sigmoid, leaky-relu, leaky-relu(slope), randomized-leaky-relu(lower,upper), generalized-logistic(L,k,z₀), identity or linear(α,β)", HiddenActivation, "g of the hidden layers"), o => Spec(o.Activation), (o, v) => o with { Activation = Activation.Parse(v) }),
            Bind(d => Hyperparameter.Choice("loss", d, Losses, "the loss; auto: log-loss (2 classes) or cross-entropy (more) for classes, mse for numbers"), o => LossName(o.Loss), (o, v) => o with { Loss = v == "auto" ? null : Loss.Parse(v) }),
            Bind(d => Hyperparameter.Text("initializer", d, "auto (he-normal for ReLU, glorot-uniform otherwise), zeros, uniform(low,high), glorot-uniform, glorot-normal, he-normal or he-uniform", InitializerText, "how the weights are drawn before training"),
                o => o.Initializer?.ToString() ?? "auto", (o, v) => o with { Initializer = v == "auto" ? null : Initializer.Parse(v) }),
            Bind(d => Hyperparameter.Choice("solver", d, Solvers, $"auto (lbfgs up to {MlpOptions.LbfgsRowLimit.ToString("N0", CultureInfo.InvariantCulture)} training rows, gd above), gd (epochs of optimizer steps on mini-batches), lbfgs, lm (Levenberg–Marquardt, squared-error losses), rprop (iRprop+) or scg (scaled conjugate gradient); the last four use every row in each iteration",
                    new Dictionary<string, string> { ["l-bfgs"] = "lbfgs", ["levenberg-marquardt"] = "lm", ["trainlm"] = "lm", ["irprop+"] = "rprop", ["trainrp"] = "rprop", ["trainscg"] = "scg", ["gradient-descent"] = "gd" })
                    .InOlderFiles("gd"),
                o => SolverName(o.Solver), (o, v) => o with { Solver = ParseSolver(v) }),
            Bind(d => SharedHyperparameters.Optimizer(d, "gd: sgd (plain gradient steps), momentum, nesterov, adam or adamw"),
                o => Optimizer.NameOf(o.Optimizer), (o, v) => o with { Optimizer = Optimizer.ParseKind(v) }),
            Bind(d => SharedHyperparameters.LearningRate(d, "α, the step size"), o => o.LearningRate, (o, v) => o with { LearningRate = v }),
            Bind(d => SharedHyperparameters.Momentum(d, "μ of the momentum and nesterov optimizers"), o => o.Momentum, (o, v) => o with { Momentum = v }),
            Bind(d => Hyperparameter.Real("beta1", d, 0, 1, "β₁ of adam and adamw: decay of the running mean of the gradient", openMax: true), o => o.Beta1, (o, v) => o with { Beta1 = v }),
            Bind(d => Hyperparameter.Real("beta2", d, 0, 1, "β₂ of adam and adamw: decay of the running mean of the squared gradient", openMax: true), o => o.Beta2, (o, v) => o with { Beta2 = v }),
            Bind(d => Hyperparameter.Real("epsilon", d, 0, double.PositiveInfinity, "ε of adam and adamw, added to √v̂", openMin: true), o => o.Epsilon, (o, v) => o with { Epsilon = v }),
            Bind(d => Hyperparameter.Real("weight_decay", d, 0, double.PositiveInfinity, "adamw's decoupled weight decay λ"), o => o.WeightDecay, (o, v) => o with { WeightDecay = v }),
            Bind(d => SharedHyperparameters.Schedule(d, "how the learning rate changes over the epochs"), o => o.Schedule.ToString()!, (o, v) => o with { Schedule = LearningRateSchedule.Parse(v) }),
            Bind(d => SharedHyperparameters.Epochs(d, "the epoch limit"), o => o.Epochs, (o, v) => o with { Epochs = v }),
            Bind(d => SharedHyperparameters.BatchSize(d, "samples per gradient step; 0 for the whole training set"), o => o.BatchSize, (o, v) => o with { BatchSize = v }),
            Bind<double?>(d => SharedHyperparameters.L2(d, "λ, the L2 penalty on the weights (not the biases)"), o => (double?)o.L2, (o, v) => o with { L2 = v!.Value }),
            Bind(d => SharedHyperparameters.ClassWeight(d, "classes: how much each class's rows count in the loss; balanced weighs class k by n/(K nₖ), for imbalanced classes"),
                o => SharedHyperparameters.ClassWeightText(o.ClassWeights), (o, v) => o with { ClassWeights = SharedHyperparameters.ClassWeights(v) }),
            Bind(d => SharedHyperparameters.Tolerance(d, "lbfgs, lm, rprop, scg: converged when ‖∇F‖∞ ≤ this (F: the loss plus the L2 penalty)"), o => o.Tolerance, (o, v) => o with { Tolerance = v }),
            Bind(d => SharedHyperparameters.HistorySize(d, "lbfgs: m, the number of recent steps kept"), o => o.HistorySize, (o, v) => o with { HistorySize = v }),
            Bind(d => Hyperparameter.Real("lm_mu", d, 0, double.PositiveInfinity, "lm: the first damping μ in (JᵀJ + μI)Δθ = −Jᵀe", openMin: true),
                o => o.LevenbergMarquardt.InitialDamping, (o, v) => o with { LevenbergMarquardt = o.LevenbergMarquardt with { InitialDamping = v } }),
            Bind(d => Hyperparameter.Real("lm_mu_decrease", d, 0, 1, "lm: μ is multiplied by this after a step that lowers the loss", openMin: true, openMax: true),
                o => o.LevenbergMarquardt.Decrease, (o, v) => o with { LevenbergMarquardt = o.LevenbergMarquardt with { Decrease = v } }),
            Bind(d => Hyperparameter.Real("lm_mu_increase", d, 1, double.PositiveInfinity, "lm: μ is multiplied by this after a refused step", openMin: true),
                o => o.LevenbergMarquardt.Increase, (o, v) => o with { LevenbergMarquardt = o.LevenbergMarquardt with { Increase = v } }),
            Bind(d => Hyperparameter.Real("lm_mu_max", d, 0, double.PositiveInfinity, "lm: training stops when μ rises above this", openMin: true),
                o => o.LevenbergMarquardt.Maximum, (o, v) => o with { LevenbergMarquardt = o.LevenbergMarquardt with { Maximum = v } }),
            Bind(d => Hyperparameter.Real("rprop_delta0", d, 0, double.PositiveInfinity, "rprop: Δ₀, every weight's first step", openMin: true),
                o => o.Rprop.InitialStep, (o, v) => o with { Rprop = o.Rprop with { InitialStep = v } }),
            Bind(d => Hyperparameter.Real("rprop_delta_min", d, 0, double.PositiveInfinity, "rprop: Δmin, the smallest step"),
                o => o.Rprop.MinimumStep, (o, v) => o with { Rprop = o.Rprop with { MinimumStep = v } }),
            Bind(d => Hyperparameter.Real("rprop_delta_max", d, 0, double.PositiveInfinity, "rprop: Δmax, the largest step", openMin: true),
                o => o.Rprop.MaximumStep, (o, v) => o with { Rprop = o.Rprop with { MaximumStep = v } }),
            Bind(d => Hyperparameter.Real("rprop_eta_plus", d, 1, double.PositiveInfinity, "rprop: η⁺, a step grows by this while its gradient keeps its sign", openMin: true),
                o => o.Rprop.Increase, (o, v) => o with { Rprop = o.Rprop with { Increase = v } }),
            Bind(d => Hyperparameter.Real("rprop_eta_minus", d, 0, 1, "rprop: η⁻, a step shrinks by this when its gradient changes sign", openMin: true, openMax: true),
                o => o.Rprop.Decrease, (o, v) => o with { Rprop = o.Rprop with { Decrease = v } }),
            Bind(d => Hyperparameter.Real("scg_sigma", d, 0, 0.01, "scg: σ, the step σ/‖p‖ of the finite-difference curvature along p", openMin: true),
                o => o.ScaledConjugateGradient.Sigma, (o, v) => o with { ScaledConjugateGradient = o.ScaledConjugateGradient with { Sigma = v } }),
            Bind(d => Hyperparameter.Real("scg_lambda", d, 0, 1e6, "scg: λ₁, the first scale that keeps the curvature positive", openMin: true),
                o => o.ScaledConjugateGradient.Lambda, (o, v) => o with { ScaledConjugateGradient = o.ScaledConjugateGradient with { Lambda = v } }),
            Bind(d => SharedHyperparameters.ValidationFraction(d, "fraction of the training rows held out for early stopping; 0 to train every epoch"), o => o.ValidationFraction, (o, v) => o with { ValidationFraction = v }),
            Bind(d => SharedHyperparameters.Patience(d, "stop after this many epochs without validation improvement, keeping the best epoch's weights"), o => o.Patience, (o, v) => o with { Patience = v }),
            Bind(d => Hyperparameter.Flag("standardize_targets", d, "regression: learn standardized targets and map predictions back"), o => o.StandardizeTargets, (o, v) => o with { StandardizeTargets = v }),
            Bind(d => SharedHyperparameters.Threads(d, "threads sharing each mini-batch step, 0 for every core; the summation order depends on it"), o => o.Threads, (o, v) => o with { Threads = v }),
            Bind(d => SharedHyperparameters.Seed(d, "seed of the initial weights, the shuffling and the validation split"), o => o.Seed, (o, v) => o with { Seed = v }))
    {
    }

    /// <inheritdoc/>
    public override string Name => "mlp";

    /// <inheritdoc/>
    public override string Summary => "neural network (multilayer perceptron) trained by backpropagation: classes or numbers";

    /// <inheritdoc/>
    public override IReadOnlyList<ModelTask> Tasks { get; } = [ModelTask.Classification, ModelTask.Regression];

    /// <inheritdoc/>
    public override bool ReportsProgress => true;

    /// <inheritdoc/>
    public override Classifier<T, TLabel> CreateClassifier<T, TLabel>(HyperparameterValues values, FitControl? control = null) =>
        new MlpClassifier<T, TLabel>(WithControl(values, control));

    /// <inheritdoc/>
    public override Regressor<T> CreateRegressor<T>(HyperparameterValues values, FitControl? control = null) =>
        new MlpRegressor<T>(WithControl(RequireNoClassWeights(values), control));

    /// <inheritdoc/>
    public override bool Describes<T, TLabel>(Classifier<T, TLabel> model) => model is MlpClassifier<T, TLabel>;

    /// <inheritdoc/>
    public override bool Describes<T>(Regressor<T> model) => model is MlpRegressor<T>;

    /// <inheritdoc/>
    public override HyperparameterValues ValuesOf<T, TLabel>(Classifier<T, TLabel> model) => FromOptions(Cast(model).Options);

    /// <inheritdoc/>
    public override HyperparameterValues ValuesOf<T>(Regressor<T> model) => FromOptions(Cast(model).Options);

    /// <inheritdoc/>
    public override TrainingHistory? HistoryOf<T, TLabel>(Classifier<T, TLabel> model) => Cast(model).History;

    /// <inheritdoc/>
    public override TrainingHistory? HistoryOf<T>(Regressor<T> model) => Cast(model).History;

    /// <inheritdoc/>
    public override ModelDescription Describe<T, TLabel>(Classifier<T, TLabel> model, IReadOnlyList<string>? featureNames = null) => Describe(Cast(model).Network);

    /// <inheritdoc/>
    public override ModelDescription Describe<T>(Regressor<T> model, IReadOnlyList<string>? featureNames = null) => Describe(Cast(model).Network);

    /// <inheritdoc/>
    public override string DescribeSetup(HyperparameterValues values, ModelShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var o = ToOptions(values);
        int outputs = shape.IsClassification ? (shape.Classes.Count == 2 ? 1 : shape.Classes.Count) : shape.Targets;
        string output = !shape.IsClassification ? "identity" : outputs == 1 ? "sigmoid" : "softmax";
        string loss = o.Loss is null or BinaryCrossEntropyLoss or CategoricalCrossEntropyLoss
            ? (!shape.IsClassification ? "mse" : outputs == 1 ? "log-loss" : "cross-entropy")
            : o.Loss.Name;
        string network = $"mlp {string.Join('-', [shape.Features, .. o.HiddenLayers, outputs])} ({Spec(o.Activation)} hidden, {output} output, {loss}); ";
        string early = o.ValidationFraction > 0 ? $", early stopping on {Hyperparameter.Text(o.ValidationFraction)} of the training rows (patience {o.Patience})" : "";
        if (o.Solver is null && shape.TrainingRows == 0)
        {
            return network + $"solver auto (L-BFGS up to {MlpOptions.LbfgsRowLimit.ToString("N0", CultureInfo.InvariantCulture)} training rows, else {Optimizer.NameOf(o.Optimizer)} with batch {DescriptionText.Batch(o.BatchSize)}), L2 {Hyperparameter.Text(o.L2)}, at most {o.Epochs} iterations or epochs" + early;
        }

        var solver = o.SolverFor(shape.TrainingRows);
        string why = o.Solver is null
            ? $" (auto: {shape.TrainingRows.ToString("N0", CultureInfo.InvariantCulture)} training rows, {(solver == TrainingSolver.Lbfgs ? "at most" : "more than")} {MlpOptions.LbfgsRowLimit.ToString("N0", CultureInfo.InvariantCulture)})"
            : "";
        string training = solver switch
        {
            TrainingSolver.GradientDescent => $"{Optimizer.NameOf(o.Optimizer)}{why}, learning rate {Hyperparameter.Text(o.LearningRate)}, batch {DescriptionText.Batch(o.BatchSize)}",
            TrainingSolver.Lbfgs => $"L-BFGS on the full batch{why}, memory {o.HistorySize}",
            TrainingSolver.LevenbergMarquardt => $"Levenberg–Marquardt on the full batch, μ {Hyperparameter.Text(o.LevenbergMarquardt.InitialDamping)} (×{Hyperparameter.Text(o.LevenbergMarquardt.Decrease)} on success, ×{Hyperparameter.Text(o.LevenbergMarquardt.Increase)} on failure, at most {DescriptionText.Sci(o.LevenbergMarquardt.Maximum)})",
            TrainingSolver.Rprop => $"iRprop+ on the full batch, Δ₀ {Hyperparameter.Text(o.Rprop.InitialStep)} in [{Hyperparameter.Text(o.Rprop.MinimumStep)}, {Hyperparameter.Text(o.Rprop.MaximumStep)}], η⁺ {Hyperparameter.Text(o.Rprop.Increase)}, η⁻ {Hyperparameter.Text(o.Rprop.Decrease)}",
            _ => $"scaled conjugate gradient on the full batch, σ {Hyperparameter.Text(o.ScaledConjugateGradient.Sigma)}, λ {Hyperparameter.Text(o.ScaledConjugateGradient.Lambda)}",
        };
        string limit = solver == TrainingSolver.GradientDescent
            ? $"at most {o.Epochs} epochs"
            : $"at most {o.Epochs} iterations, tolerance {Hyperparameter.Text(o.Tolerance)}";
        return network + $"{training}, L2 {Hyperparameter.Text(o.L2)}, {limit}" + early;
    }

    /// <inheritdoc/>
    public override string HistoryUnit(HyperparameterValues values, ModelShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return SolverTraining.UnitOf(ToOptions(values).SolverFor(shape.TrainingRows));
    }

    /// <inheritdoc/>
    public override IEnumerable<string> Notes(HyperparameterValues values, ModelShape shape, IReadOnlyCollection<string> given)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(given);
        var o = ToOptions(values);
        if (o.Solver is null && shape.TrainingRows == 0)
        {
            yield break;
        }

        var solver = o.SolverFor(shape.TrainingRows);
        foreach (string h in given.Where(h => !AppliesTo(h, solver)))
        {
            yield return $"{h} does not apply to solver {SolverName(solver)}{(o.Solver is null ? " (chosen by solver auto)" : "")}; it is left unused.";
        }
    }

    /// <inheritdoc/>
    public override string? DescribeFit<T, TLabel>(Classifier<T, TLabel> model) => DescribeFit(Cast(model).History, Cast(model).Options);

    /// <inheritdoc/>
    public override string? DescribeFit<T>(Regressor<T> model) => DescribeFit(Cast(model).History, Cast(model).Options);

    // Whether a hyperparameter changes anything with this solver: the optimizer's for gd, the prefixed ones for their solver.
    private static bool AppliesTo(string name, TrainingSolver solver) => name switch
    {
        "optimizer" or "learning_rate" or "momentum" or "beta1" or "beta2" or "epsilon" or "weight_decay" or "schedule" or "batch_size" => solver == TrainingSolver.GradientDescent,
        "tolerance" => solver != TrainingSolver.GradientDescent,
        "history_size" => solver == TrainingSolver.Lbfgs,
        _ when name.StartsWith("lm_", StringComparison.Ordinal) => solver == TrainingSolver.LevenbergMarquardt,
        _ when name.StartsWith("rprop_", StringComparison.Ordinal) => solver == TrainingSolver.Rprop,
        _ when name.StartsWith("scg_", StringComparison.Ordinal) => solver == TrainingSolver.ScaledConjugateGradient,
        _ => true,
    };

    // How a full-batch solver ended; nothing for gradient descent, whose early stop the command line reports itself.
    private static string? DescribeFit(TrainingHistory history, MlpOptions options)
    {
        if (history.StopReason is not { } reason || history.Cancelled)
        {
            return null;
        }

        int n = history.Epochs.Count;
        string unit = n == 1 ? history.Unit : history.Unit + "s";
        string gradient = $"‖∇F‖∞ = {DescriptionText.Sci(history.GradientNorm)}";
        return reason switch
        {
            OptimizationStopReason.GradientTolerance => $"Converged after {n} {unit}: {gradient} ≤ tolerance {DescriptionText.Sci(options.Tolerance)}.",
            OptimizationStopReason.MaxIterations => $"Stopped at the limit of {n} {unit} ({gradient}, above tolerance {DescriptionText.Sci(options.Tolerance)}); raise epochs to train longer.",
            OptimizationStopReason.LineSearchFailed => $"Stopped after {n} {unit} at a minimum to rounding precision ({gradient}).",
            OptimizationStopReason.DampingLimit => $"Stopped after {n} {unit}: μ rose above lm_mu_max {DescriptionText.Sci(options.LevenbergMarquardt.Maximum)} without a step that lowers the loss ({gradient}), a minimum as far as the linearization can tell.",
            _ => null, // early stopping, reported with the history
        };
    }

    internal override void WriteParameters<T, TLabel>(Classifier<T, TLabel> model, JsonObject parameters)
    {
        var mlp = Cast(model);
        parameters["loss"] = mlp.Loss.Name;
        parameters["layers"] = Layers(mlp.Network);
    }

    internal override void WriteParameters<T>(Regressor<T> model, JsonObject parameters)
    {
        var mlp = Cast(model);
        parameters["loss"] = mlp.Loss.Name;
        parameters["layers"] = Layers(mlp.Network);
        parameters["target_offsets"] = JsonValues.Doubles(mlp.TargetOffsets);
        parameters["target_scales"] = JsonValues.Doubles(mlp.TargetScales);
    }

    internal override Classifier<T, TLabel> ReadClassifier<T, TLabel>(HyperparameterValues values, JsonSection parameters, TLabel[] classes, int featureCount, TrainingHistory? history)
    {
        var options = ToOptions(values);
        SharedHyperparameters.RequireClassWeightCount(options.ClassWeights, classes.Length);
        int outputs = classes.Length == 2 ? 1 : classes.Length;
        var network = ReadNetwork<T>(parameters, featureCount, outputs, classes.Length == 2 ? "sigmoid" : "softmax");
        RequireHidden(parameters, options, network);
        return Build(parameters, () => MlpClassifier<T, TLabel>.Restore(options, classes, network, history));
    }

    internal override Regressor<T> ReadRegressor<T>(HyperparameterValues values, JsonSection parameters, int featureCount, int targetCount, TrainingHistory? history)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Text("class_weight") != "none")
        {
            throw new ArgumentException($"class_weight is '{values.Text("class_weight")}', but a regression network has no classes to weigh: it must be none");
        }

        var options = ToOptions(values);
        var network = ReadNetwork<T>(parameters, featureCount, targetCount, "identity");
        RequireHidden(parameters, options, network);
        var offsets = parameters.Vector<double>("target_offsets", targetCount);
        var scales = parameters.Vector<double>("target_scales", targetCount);
        for (int j = 0; j < scales.Length; j++)
        {
            if (!(scales[j] > 0))
            {
                throw parameters.Fail($"target_scales[{j}]", $"is {scales[j]} but must be positive");
            }
        }

        return Build(parameters, () => MlpRegressor<T>.Restore(options, network, offsets, scales, history));
    }

    // Class weights are for classes: a numeric target gets one clear sentence, in the command line's words too.
    private static HyperparameterValues RequireNoClassWeights(HyperparameterValues values) =>
        values.Text("class_weight") == "none" ? values
        : throw new ArgumentException("class_weight applies to classification, but this network predicts numbers (regression): leave class_weight at none, or train a classifier on the target as classes.", nameof(values));

    private MlpOptions WithControl(HyperparameterValues values, FitControl? control) =>
        ToOptions(values) with { Progress = control?.Progress, CancellationToken = control?.CancellationToken ?? default };

    private static MlpClassifier<T, TLabel> Cast<T, TLabel>(Classifier<T, TLabel> model)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull =>
        model as MlpClassifier<T, TLabel> ?? throw new ArgumentException($"{model?.ModelName} is not an mlp.", nameof(model));

    private static MlpRegressor<T> Cast<T>(Regressor<T> model)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        model as MlpRegressor<T> ?? throw new ArgumentException($"{model?.ModelName} is not an mlp.", nameof(model));

    private static string HiddenActivation(string text)
    {
        var activation = Activation.Parse(text);
        if (!activation.IsDifferentiable || !activation.IsElementwise)
        {
            throw new FormatException($"{activation.Name} cannot be a hidden activation trained by backpropagation");
        }

        return Spec(activation);
    }

    private static string SolverName(TrainingSolver? solver) => solver is { } s ? Solvers[1 + (int)s] : "auto";

    private static TrainingSolver? ParseSolver(string name) => name == "auto" ? null : (TrainingSolver)(Array.IndexOf(Solvers, name) - 1);

    // Model files name a loss; its reduction is the mean, the one the schema can say.
    private static string LossName(Loss? loss) => loss switch
    {
        null => "auto",
        { Reduction: Reduction.Mean } => loss.Name,
        _ => throw new ArgumentException($"The mlp kind describes losses averaged over the samples (Reduction.Mean), not {loss}: a model file could not hold it.", nameof(MlpOptions.Loss)),
    };

    // The plain name when the parameters are the defaults (leaky-relu, not leaky-relu(0.01)).
    private static string Spec(Activation activation) =>
        Activation.Parse(activation.Name).ToString() == activation.ToString() ? activation.Name : activation.ToString();

    private static string InitializerText(string text) => text.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase) ? "auto" : Initializer.Parse(text).ToString();

    private static ModelDescription Describe<T>(NeuralNetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lines = network.Layers.Select((l, i) =>
            $"dense {l.Inputs} → {l.Units}, {l.Activation}  ({l.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)} parameters)").ToArray();
        var json = new JsonObject { ["layers"] = Layers(network) };
        return new ModelDescription("layers", lines, network.ParameterCount, json);
    }

    private static JsonArray Layers<T>(NeuralNetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var layers = new JsonArray();
        foreach (var layer in network.Layers)
        {
            layers.AddNode(new JsonObject
            {
                ["inputs"] = layer.Inputs,
                ["units"] = layer.Units,
                ["activation"] = layer.Activation.ToString(),
                ["weights"] = JsonValues.Rows(layer.Weights),
                ["bias"] = JsonValues.Vector<T>(layer.Bias.AsReadOnlySpan()),
            });
        }

        return layers;
    }

    // The recorded hidden sizes must be the network's: inspect and a refit read them.
    private static void RequireHidden<T>(JsonSection parameters, MlpOptions options, NeuralNetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int[] hidden = network.Sizes[1..^1];
        if (!hidden.AsSpan().SequenceEqual([.. options.HiddenLayers]))
        {
            throw new ModelFormatException(parameters.File,
                $"{parameters.File}: hyperparameters.hidden is [{string.Join(", ", options.HiddenLayers)}], but the layers have hidden sizes [{string.Join(", ", hidden)}]. The file is damaged or was edited; re-save the model with Nabla.");
        }
    }

    private static NeuralNetwork<T> ReadNetwork<T>(JsonSection parameters, int featureCount, int outputs, string outputActivation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var array = parameters.Array("layers");
        if (array.Count == 0)
        {
            throw parameters.Fail("layers", "is empty; a network has at least one layer");
        }

        var layers = new DenseLayer<T>[array.Count];
        int inputs = featureCount;
        for (int l = 0; l < array.Count; l++)
        {
            if (array[l] is not JsonObject o)
            {
                throw parameters.Fail($"layers[{l}]", "must be a JSON object");
            }

            var s = new JsonSection(parameters.File, parameters.Name($"layers[{l}]"), o);
            int declaredInputs = s.Int("inputs", 1);
            if (declaredInputs != inputs)
            {
                throw s.Fail("inputs", l == 0
                    ? $"is {declaredInputs}, but the model takes {featureCount} features"
                    : $"is {declaredInputs}, but the previous layer has {inputs} units");
            }

            int units = s.Int("units", 1, 1_000_000);
            bool last = l == array.Count - 1;
            if (last && units != outputs)
            {
                throw s.Fail("units", $"is {units}, but the output layer must have {outputs}");
            }

            Activation activation;
            try
            {
                activation = Activation.Parse(s.String("activation"));
            }
            catch (FormatException)
            {
                throw s.Fail("activation", $"is '{s.String("activation")}', which is not an activation ({string.Join(", ", Activation.Names)})");
            }

            if (last && activation.Name != outputActivation)
            {
                throw s.Fail("activation", $"is {activation.Name}, but this model's output layer uses {outputActivation}");
            }

            if (!last && (!activation.IsDifferentiable || !activation.IsElementwise))
            {
                throw s.Fail("activation", $"is {activation.Name}, which a hidden layer cannot use");
            }

            // Read the values before building the layer: the layer allocates what the file declares, the reads only what it holds.
            var weights = s.Matrix<T>("weights", units, inputs);
            var bias = s.Vector<T>("bias", units);
            var layer = new DenseLayer<T>(inputs, units, activation);
            weights.CopyTo(layer.Weights);
            layer.SetBias(bias);
            layers[l] = layer;
            inputs = units;
        }

        return new NeuralNetwork<T>(layers);
    }

    private static TModel Build<TModel>(JsonSection parameters, Func<TModel> restore)
    {
        try
        {
            return restore();
        }
        catch (ArgumentException e)
        {
            throw parameters.Fail("", $"do not fit together ({e.Message.Split(" (Parameter")[0]})");
        }
    }
}
