using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using Nabla.Activations;
using Nabla.Estimators;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Linear;

/// <summary>
/// Logistic regression, the sigmoid neuron of the notes: h_θ(x) = σ(θᵀx) = P(y = 1 | x), trained by minimizing the
/// log-loss (cross-entropy) plus an L2 penalty, J(θ) = (1/n) Σᵢ [log(1 + e^(θᵀxᵢ)) − yᵢ θᵀxᵢ] + (λ/2)‖w‖². With two
/// classes y = 1 is the second class of <see cref="Classifier{T, TLabel}.Classes"/> and the model decides it when
/// h_θ(x) &gt; the threshold (0.5 by default, as in the notes). With K &gt; 2 classes it is multinomial: one weight vector
/// per class and P(y = k | x) = softmax(Wx + b)ₖ, deciding the most probable class (ties: the first).
/// </summary>
/// <remarks>
/// <para>The optimization runs in <see cref="double"/> whatever <typeparamref name="T"/> is, so float models reach the same optimum.</para>
/// <para>
/// Gradient descent (<see cref="LogisticRegressionSolver.GradientDescent"/>) is the notes' single neuron trained like any
/// network: a <see cref="NeuralNetwork{T}"/> of one dense layer (sigmoid with <see cref="BinaryCrossEntropyLoss"/> for
/// two classes, softmax with <see cref="CategoricalCrossEntropyLoss"/> for more) starting from θ = 0, trained by
/// <see cref="Trainer"/> with the options' optimizer, schedule, mini-batches, L2 penalty, progress and cancellation.
/// </para>
/// <para>A fitted model is safe to use for prediction from many threads at once; Fit is not thread-safe. Prediction only reads the coefficients and works in buffers of its own call.</para>
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <typeparam name="TLabel">The label type.</typeparam>
public sealed class LogisticRegression<T, TLabel> : Classifier<T, TLabel>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TLabel : notnull
{
    private Matrix<T>? _coefficients;
    private T[]? _intercepts;
    private double[] _lossHistory = [];

    /// <summary>Creates an unfitted model.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message says which and why.</exception>
    public LogisticRegression(LogisticRegressionOptions? options = null)
    {
        Options = options ?? new LogisticRegressionOptions();
        Options.Validate();
    }

    /// <summary>The hyperparameters.</summary>
    public LogisticRegressionOptions Options { get; }

    /// <inheritdoc/>
    public override bool SupportsProbabilities => true;

    /// <summary>
    /// The weights W: one row of d weights for a binary model (those of the second class, θ without the bias), or one row
    /// per class (K × d) for a multinomial model. A copy.
    /// </summary>
    public Matrix<T> Coefficients => (_coefficients ?? throw new NotFittedException(ModelName)).Clone();

    /// <summary>The λ of the last fit: <see cref="LogisticRegressionOptions.L2Penalty"/> when given, otherwise the one chosen (see <see cref="L2Search"/>).</summary>
    public double L2Penalty { get; private set; } = double.NaN;

    /// <summary>How λ was chosen by cross-validation in the last fit; null when it was given, or was 1/n for a training set outside the search's 10 to 10,000 rows.</summary>
    public L2Search? L2Search { get; private set; }

    /// <summary>The intercepts b (biases): one for a binary model, one per class for a multinomial one.</summary>
    public IReadOnlyList<T> Intercepts => _intercepts ?? throw new NotFittedException(ModelName);

    /// <summary>True with more than two classes (softmax), false for the binary sigmoid model.</summary>
    public bool IsMultinomial => (_coefficients ?? throw new NotFittedException(ModelName)).Rows > 1;

    /// <summary>True when training stopped because ‖∇J‖∞ fell to the tolerance.</summary>
    public bool Converged { get; private set; }

    /// <summary>Iterations run: L-BFGS iterations or gradient-descent epochs.</summary>
    public int Iterations { get; private set; }

    /// <summary>‖∇J‖∞ at the end of training.</summary>
    public double GradientNorm { get; private set; } = double.NaN;

    /// <summary>
    /// Why training stopped. A cancelled gradient descent (<see cref="Cancelled"/>) says
    /// <see cref="OptimizationStopReason.MaxIterations"/>: it stopped before converging.
    /// </summary>
    public OptimizationStopReason StopReason { get; private set; }

    /// <summary>
    /// True when gradient descent was cancelled through <see cref="LogisticRegressionOptions.CancellationToken"/>. The model
    /// holds the parameters after the last mini-batch run; <see cref="LossHistory"/> ends with the last completed epoch.
    /// </summary>
    public bool Cancelled { get; private set; }

    /// <summary>True when gradient descent with a <see cref="LogisticRegressionOptions.ValidationFraction"/> stopped early; the model then holds the best validation epoch's parameters.</summary>
    public bool StoppedEarly { get; private set; }

    /// <summary>The epoch (or iteration) whose parameters the model holds: the best validation epoch after early stopping, else the last.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The objective J (mean log-loss plus penalty) on the training data after each iteration or epoch, starting with J(0).</summary>
    public IReadOnlyList<double> LossHistory => _lossHistory;

    /// <summary>Fits; see <see cref="Classifier{T, TLabel}.Fit(Matrix{T}, IReadOnlyList{TLabel})"/>.</summary>
    public new LogisticRegression<T, TLabel> Fit(Matrix<T> x, IReadOnlyList<TLabel> y) => (LogisticRegression<T, TLabel>)base.Fit(x, y);

    /// <summary>Fits on a jagged array of rows.</summary>
    public new LogisticRegression<T, TLabel> Fit(T[][] x, IReadOnlyList<TLabel> y) => (LogisticRegression<T, TLabel>)base.Fit(x, y);

    /// <summary>Fits on a rectangular array.</summary>
    public new LogisticRegression<T, TLabel> Fit(T[,] x, IReadOnlyList<TLabel> y) => (LogisticRegression<T, TLabel>)base.Fit(x, y);

    /// <summary>θᵀx = Wx + b for each row: n × 1 (binary; positive means h_θ(x) &gt; 0.5) or n × K (multinomial logits).</summary>
    public Matrix<T> DecisionFunction(Matrix<T> x)
    {
        RequireFitted();
        InputChecks.RequireFeatureCount(x, FeatureCount, ModelName);
        if (x.Rows > 0)
        {
            InputChecks.RequireFeatures(x, ModelName);
        }

        var z = Logits(x);
        var result = new Matrix<T>(z.Rows, z.Columns);
        Convert(z.AsReadOnlySpan(), result.AsSpan());
        return result;
    }

    /// <summary>The mean log-loss −(1/n) Σᵢ log P(yᵢ | xᵢ) of the model on (<paramref name="x"/>, <paramref name="y"/>), without the penalty.</summary>
    /// <exception cref="ArgumentException">A label is not one of the classes, or the counts differ.</exception>
    public double LogLoss(Matrix<T> x, IReadOnlyList<TLabel> y)
    {
        RequireFitted();
        ArgumentNullException.ThrowIfNull(y);
        InputChecks.RequireFeatures(x, ModelName);
        InputChecks.RequireFeatureCount(x, FeatureCount, ModelName);
        if (y.Count != x.Rows)
        {
            throw new ArgumentException($"{ModelName} got {x.Rows} samples but {y.Count} labels: give exactly one label per row.", nameof(y));
        }

        var index = new Dictionary<TLabel, int>();
        for (int k = 0; k < Classes.Count; k++)
        {
            index[Classes[k]] = k;
        }

        var targets = new int[y.Count];
        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = index.TryGetValue(y[i], out int k) ? k : throw new ArgumentException($"Label '{y[i]}' (row {i}) is not one of the classes the model was fitted on: {string.Join(", ", Classes)}.", nameof(y));
        }

        return LogLossObjective.MeanLogLoss(Logits(x), targets);
    }

    /// <summary>
    /// Rebuilds a fitted model from its parameters (for model files): coefficients u × d and u intercepts, u = 1 for two
    /// classes or K; and, when known, how training ended (<see cref="Converged"/> follows from the stop reason).
    /// </summary>
    internal static LogisticRegression<T, TLabel> Restore(
        LogisticRegressionOptions options,
        IReadOnlyList<TLabel> classes,
        int featureCount,
        Matrix<T> coefficients,
        IReadOnlyList<T> intercepts,
        OptimizationStopReason stopReason = OptimizationStopReason.GradientTolerance,
        int iterations = 0,
        double gradientNorm = double.NaN,
        IReadOnlyList<double>? lossHistory = null,
        double? l2Penalty = null,
        L2Search? l2Search = null)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(coefficients);
        ArgumentNullException.ThrowIfNull(intercepts);
        int units = classes.Count == 2 ? 1 : classes.Count;
        if (coefficients.Rows != units || coefficients.Columns != featureCount || intercepts.Count != units || !coefficients.IsFinite() || intercepts.Any(b => !T.IsFinite(b)))
        {
            throw new ArgumentException(
                $"A logistic regression of {classes.Count} classes and {featureCount} features needs finite {units}×{featureCount} coefficients and {units} intercepts, not {coefficients.Shape} and {intercepts.Count}.");
        }

        var model = new LogisticRegression<T, TLabel>(options);
        model.SetFittedState(classes, featureCount);
        model._coefficients = coefficients.Clone();
        model._intercepts = [.. intercepts];
        model.StopReason = stopReason;
        model.Converged = stopReason == OptimizationStopReason.GradientTolerance;
        model.Iterations = iterations;
        model.BestEpoch = iterations;
        model.GradientNorm = gradientNorm;
        model._lossHistory = lossHistory is null ? [] : [.. lossHistory];
        model.L2Penalty = options.L2Penalty ?? l2Penalty ?? double.NaN;
        model.L2Search = l2Search;
        return model;
    }

    private static Matrix<double> ToDouble(Matrix<T> x)
    {
        var data = new Matrix<double>(x.Rows, x.Columns);
        var source = x.AsReadOnlySpan();
        var target = data.AsSpan();
        for (int i = 0; i < source.Length; i++)
        {
            target[i] = double.CreateChecked(source[i]);
        }

        return data;
    }

    /// <inheritdoc/>
    protected override void FitCore(Matrix<T> x, int[] classIndices, int classCount)
    {
        // The solvers only read the data: a double matrix is used as it is, not copied (it may be most of the memory in use).
        var data = x as Matrix<double> ?? ToDouble(x);

        int units = classCount == 2 ? 1 : classCount;
        var classWeights = Options.ClassWeights?.PerClass(classIndices, classCount);
        L2Search = Options.L2Penalty is null && L2CrossValidation.NoSearchReason(x.Rows) is null
            ? L2CrossValidation.Run(data, classIndices, classCount, Options.FitIntercept, classWeights, Options.Seed, Options.Threads)
            : null;
        L2Penalty = Options.L2Penalty ?? L2Search?.Chosen ?? L2CrossValidation.Default(x.Rows);
        var objective = new LogLossObjective(data, classIndices, units, L2Penalty, Options.FitIntercept, classWeights is null ? null : ClassWeights.ForRows(classWeights, classIndices));
        var (theta, history) = Options.Solver == LogisticRegressionSolver.Lbfgs ? FitLbfgs(objective) : FitGradientDescent(objective, data, classIndices, units, classWeights);

        var gradient = new double[objective.Size];
        objective.Evaluate(theta, gradient);
        GradientNorm = MaxNorm(gradient);

        int d = x.Columns;
        var coefficients = new Matrix<T>(units, d);
        Convert(theta.AsSpan(0, units * d), coefficients.AsSpan());
        var intercepts = new T[units];
        Convert(theta.AsSpan(units * d, units), intercepts);
        _coefficients = coefficients;
        _intercepts = intercepts;
        _lossHistory = [.. history];
    }

    /// <inheritdoc/>
    protected override void PredictCore(Matrix<T> x, Span<int> classIndices)
    {
        var z = Logits(x);
        if (z.Columns == 1)
        {
            // σ(z) > t ⇔ z > logit(t) = log(t / (1 − t)); exact for the default t = 0.5 (z > 0).
            double cut = Math.Log(Options.Threshold / (1 - Options.Threshold));
            for (int i = 0; i < x.Rows; i++)
            {
                classIndices[i] = z[i, 0] > cut ? 1 : 0;
            }

            return;
        }

        for (int i = 0; i < x.Rows; i++)
        {
            var row = z.Row(i);
            int best = 0;
            for (int k = 1; k < row.Length; k++)
            {
                if (row[k] > row[best])
                {
                    best = k;
                }
            }

            classIndices[i] = best;
        }
    }

    /// <inheritdoc/>
    protected override void PredictProbabilitiesCore(Matrix<T> x, Matrix<T> probabilities)
    {
        var z = Logits(x);
        for (int i = 0; i < x.Rows; i++)
        {
            var row = z.Row(i);
            var p = probabilities.Row(i);
            if (row.Length == 1)
            {
                // P(second class) = σ(z), P(first) = σ(−z): each computed directly, so neither is 1 − (something ≈ 1).
                p[0] = T.CreateChecked(Activation.Sigmoid.Value(-row[0]));
                p[1] = T.CreateChecked(Activation.Sigmoid.Value(row[0]));
                continue;
            }

            // The logits are a scratch copy: turn each row into probabilities in place.
            Activation.Softmax.Forward<double>(row, row, row.Length);
            Convert<double, T>(row, p);
        }
    }

    private static void Convert<TFrom, TTo>(ReadOnlySpan<TFrom> source, Span<TTo> target)
        where TFrom : INumberBase<TFrom>
        where TTo : INumberBase<TTo>
    {
        for (int i = 0; i < source.Length; i++)
        {
            target[i] = TTo.CreateChecked(source[i]);
        }
    }

    private LbfgsOptions LbfgsSettings => new()
    {
        HistorySize = Options.HistorySize,
        MaxIterations = Options.MaxIterations,
        GradientTolerance = Options.Tolerance,
    };

    private (double[] Theta, List<double> History) FitLbfgs(LogLossObjective objective)
    {
        var result = Lbfgs.Minimize(objective.Evaluate, new double[objective.Size], LbfgsSettings);
        if (result.StopReason == OptimizationStopReason.NotFinite)
        {
            throw new TrainingDivergedException(result.Iterations + 1, $"{ModelName}: the log-loss became NaN or infinite in L-BFGS iteration {result.Iterations + 1}; scale the features (for example standardize them).");
        }

        Converged = result.Converged;
        Iterations = result.Iterations;
        BestEpoch = Iterations;
        StopReason = result.StopReason;
        return (result.Point, [.. result.ValueHistory]);
    }

    private (double[] Theta, List<double> History) FitGradientDescent(LogLossObjective objective, Matrix<double> x, int[] classIndices, int units, double[]? classWeights)
    {
        var o = Options;
        var theta = new double[objective.Size];
        var gradient = new double[objective.Size];
        var history = new List<double> { objective.Evaluate(theta, gradient) };
        Converged = MaxNorm(gradient) <= o.Tolerance;
        StopReason = Converged ? OptimizationStopReason.GradientTolerance : OptimizationStopReason.MaxIterations;
        Iterations = 0;
        Cancelled = false;
        StoppedEarly = false;
        if (Converged)
        {
            return (theta, history);
        }

        // The single neuron as a network: its Z = X Wᵀ + b and (a − y)/n residual are the objective's, with θ = 0 to start.
        var layer = new DenseLayer<double>(x.Columns, units, units == 1 ? Activation.Sigmoid : Activation.Softmax);
        var network = new NeuralNetwork<double>(layer);
        Loss loss = units == 1 ? new BinaryCrossEntropyLoss() : new CategoricalCrossEntropyLoss();
        if (classWeights is not null)
        {
            loss = loss.WithClassWeights(classWeights);
        }

        var optimizer = o.CreateOptimizer();

        // The trainer's epoch loss is the mean of the batch losses before their steps, without the penalty; J and the
        // convergence test need the whole data at the epoch's end, so the objective measures them there.
        bool AtTolerance(EpochRecord record)
        {
            ReadParameters(layer, theta);
            double j = objective.Evaluate(theta, gradient);
            if (!double.IsFinite(j))
            {
                throw Trainer.Diverged(record.Epoch, $"the objective J (mean log-loss + L2 penalty) of {ModelName} became {j.ToString(CultureInfo.InvariantCulture)}", optimizer);
            }

            history.Add(j);
            Converged = MaxNorm(gradient) <= o.Tolerance;
            return Converged;
        }

        var result = Trainer.Train(
            o.FitIntercept ? network : new InterceptFreeNetwork<double>(network),
            x,
            Targets(classIndices, units),
            loss,
            new TrainingOptions
            {
                Epochs = o.MaxIterations,
                BatchSize = o.BatchSize,
                Seed = o.Seed,
                Optimizer = optimizer,
                L2 = L2Penalty,
                Threads = o.Threads,
                ValidationFraction = o.ValidationFraction,
                Patience = o.Patience,
                Progress = o.Progress,
                CancellationToken = o.CancellationToken,
                StopWhen = AtTolerance,
            });

        // A cancelled run may have stepped past the last epoch's check: the parameters are those of the last batch.
        ReadParameters(layer, theta);
        Iterations = result.Epochs.Count;
        Cancelled = result.Cancelled;
        StoppedEarly = result.StoppedEarly && !Converged;
        BestEpoch = StoppedEarly ? result.BestEpoch : Iterations;
        Converged &= !Cancelled;
        StopReason = Converged ? OptimizationStopReason.GradientTolerance : OptimizationStopReason.MaxIterations;
        return (theta, history);
    }

    /// <summary>The network's targets: class 1 as 1 (n × 1) for two classes, one-hot rows (n × K) for more.</summary>
    private static Matrix<double> Targets(int[] classIndices, int units)
    {
        var y = new Matrix<double>(classIndices.Length, units);
        for (int i = 0; i < classIndices.Length; i++)
        {
            if (units == 1)
            {
                y[i, 0] = classIndices[i];
            }
            else
            {
                y[i, classIndices[i]] = 1;
            }
        }

        return y;
    }

    /// <summary>θ = [W row-major, b] from the layer: the objective's layout, as W^[1] is u × d like the coefficients.</summary>
    private static void ReadParameters(DenseLayer<double> layer, double[] theta)
    {
        int w = layer.Weights.Length;
        layer.Weights.AsReadOnlySpan().CopyTo(theta);
        layer.Bias.AsReadOnlySpan().CopyTo(theta.AsSpan(w));
    }

    /// <summary>‖v‖∞, the largest magnitude (NaN if any entry is NaN), without allocating.</summary>
    private static double MaxNorm(ReadOnlySpan<double> v) => v.IsEmpty ? 0 : Math.Abs(TensorPrimitives.MaxMagnitude(v));

    /// <summary>Z = X Wᵀ + b in double.</summary>
    private Matrix<double> Logits(Matrix<T> x)
    {
        var w = _coefficients!;
        int u = w.Rows, d = w.Columns;
        var z = new Matrix<double>(x.Rows, u);
        for (int i = 0; i < x.Rows; i++)
        {
            var row = x.Row(i);
            for (int k = 0; k < u; k++)
            {
                var wk = w.Row(k);
                double s = double.CreateChecked(_intercepts![k]);
                for (int j = 0; j < d; j++)
                {
                    s += double.CreateChecked(wk[j]) * double.CreateChecked(row[j]);
                }

                z[i, k] = s;
            }
        }

        return z;
    }
}
