using System.Numerics;
using Nabla.Metrics;
using Nabla.Tensors;

namespace Nabla.Estimators;

/// <summary>
/// The estimator contract every Nabla classifier follows, in the manner of scikit-learn: hyperparameters are fixed at
/// construction, <c>Fit(x, y)</c> learns and returns the model, and the fitted state (classes, parameters) exists only
/// after a successful fit. Features are an n × d matrix (one sample per row); labels may be of any type (0/1, ±1,
/// integers, strings) and are mapped to class indices in sorted order, <see cref="Classes"/> (<see cref="LabelOrder"/>:
/// strings by ordinal comparison, so the order never depends on the current culture).
/// </summary>
/// <remarks>
/// A fitted model is safe to use for prediction from many threads at once; Fit is not thread-safe. Every classifier here keeps its fitted state read-only during prediction and
/// works in buffers of its own call; a derived class must do the same in <see cref="PredictCore"/> and
/// <see cref="PredictProbabilitiesCore"/>.
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <typeparam name="TLabel">The label type.</typeparam>
public abstract class Classifier<T, TLabel>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TLabel : notnull
{
    private TLabel[]? _classes;
    private TLabel[]? _fitting;
    private int _featureCount;

    /// <summary>The model's name in messages.</summary>
    public virtual string ModelName => GetType().Name.Split('`')[0];

    /// <summary>True once <c>Fit</c> has succeeded.</summary>
    public bool IsFitted => _classes is not null;

    /// <summary>The distinct labels seen in training, sorted; class index k stands for <c>Classes[k]</c>.</summary>
    /// <exception cref="NotFittedException">The model is not fitted.</exception>
    public IReadOnlyList<TLabel> Classes => _classes ?? throw new NotFittedException(ModelName);

    /// <summary>d, the number of features seen in training.</summary>
    /// <exception cref="NotFittedException">The model is not fitted.</exception>
    public int FeatureCount => IsFitted ? _featureCount : throw new NotFittedException(ModelName);

    /// <summary>
    /// The cost c_ij of deciding class i when class j is true (classes in <see cref="Classes"/> order) that the model's
    /// decisions minimize, or null for a model that does not decide by costs (or uses 0-1 costs by default).
    /// </summary>
    public virtual double[,]? DecisionCosts => null;

    /// <summary>True when <see cref="PredictProbabilities(Matrix{T})"/> is available.</summary>
    public virtual bool SupportsProbabilities => false;

    /// <summary>Learns from features <paramref name="x"/> (n × d) and labels <paramref name="y"/> (n of them); returns this model.</summary>
    /// <exception cref="ArgumentException">Empty data, NaN or infinite features, a label count different from n, or fewer than two classes.</exception>
    public Classifier<T, TLabel> Fit(Matrix<T> x, IReadOnlyList<TLabel> y)
    {
        InputChecks.RequireFeatures(x, ModelName);
        ArgumentNullException.ThrowIfNull(y);
        if (y.Count != x.Rows)
        {
            throw new ArgumentException($"{ModelName} got {x.Rows} samples but {y.Count} labels: give exactly one label per row of x.", nameof(y));
        }

        for (int i = 0; i < y.Count; i++)
        {
            if (y[i] is null)
            {
                throw new ArgumentException($"Label {i} is missing (null): every sample needs a label.", nameof(y));
            }
        }

        // Distinct by the same equality as the index below, in an order that does not depend on the culture.
        var classArray = LabelOrder.SortedDistinct(y);
        if (classArray.Length < 2)
        {
            throw new ArgumentException(
                $"{ModelName} needs samples of at least two classes, but every label is '{y[0]}'. A classifier cannot learn to tell classes apart from one class.",
                nameof(y));
        }

        var index = new Dictionary<TLabel, int>(classArray.Length);
        for (int k = 0; k < classArray.Length; k++)
        {
            index[classArray[k]] = k;
        }

        var targets = new int[y.Count];
        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = index[y[i]];
        }

        _fitting = classArray;
        try
        {
            FitCore(x, targets, classArray.Length);
        }
        finally
        {
            _fitting = null;
        }

        _featureCount = x.Columns;
        _classes = classArray;
        return this;
    }

    /// <summary>Fits on a jagged array of rows; see <see cref="Fit(Matrix{T}, IReadOnlyList{TLabel})"/>.</summary>
    public Classifier<T, TLabel> Fit(T[][] x, IReadOnlyList<TLabel> y) => Fit(Matrix<T>.FromRows(x), y);

    /// <summary>Fits on a rectangular array; see <see cref="Fit(Matrix{T}, IReadOnlyList{TLabel})"/>.</summary>
    public Classifier<T, TLabel> Fit(T[,] x, IReadOnlyList<TLabel> y) => Fit(Matrix<T>.FromArray(x), y);

    /// <summary>The predicted label of each row of <paramref name="x"/> (n × d).</summary>
    public TLabel[] Predict(Matrix<T> x)
    {
        var indices = PredictClassIndices(x);
        var labels = new TLabel[indices.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = _classes![indices[i]];
        }

        return labels;
    }

    /// <summary>Predicts for a jagged array of rows.</summary>
    public TLabel[] Predict(T[][] x) => Predict(Matrix<T>.FromRows(x));

    /// <summary>Predicts for a rectangular array.</summary>
    public TLabel[] Predict(T[,] x) => Predict(Matrix<T>.FromArray(x));

    /// <summary>The predicted class index (into <see cref="Classes"/>) of each row of <paramref name="x"/>.</summary>
    public int[] PredictClassIndices(Matrix<T> x)
    {
        CheckPredictInput(x);
        var result = new int[x.Rows];
        PredictCore(x, result);
        return result;
    }

    /// <summary>
    /// P(class k | x) for each row of <paramref name="x"/>: an n × K matrix whose column k belongs to <c>Classes[k]</c> and whose rows sum to 1.
    /// </summary>
    /// <exception cref="NotSupportedException">The model has no probabilities (<see cref="SupportsProbabilities"/> is false).</exception>
    public Matrix<T> PredictProbabilities(Matrix<T> x)
    {
        if (!SupportsProbabilities)
        {
            throw new NotSupportedException($"{ModelName} gives hard decisions only, no probabilities; use Predict, or a probabilistic model such as LogisticRegression.");
        }

        CheckPredictInput(x);
        var result = new Matrix<T>(x.Rows, _classes!.Length);
        PredictProbabilitiesCore(x, result);
        return result;
    }

    /// <summary>Probabilities for a jagged array of rows.</summary>
    public Matrix<T> PredictProbabilities(T[][] x) => PredictProbabilities(Matrix<T>.FromRows(x));

    /// <summary>Probabilities for a rectangular array.</summary>
    public Matrix<T> PredictProbabilities(T[,] x) => PredictProbabilities(Matrix<T>.FromArray(x));

    /// <summary>Accuracy on (<paramref name="x"/>, <paramref name="y"/>): the fraction of rows whose predicted label equals the given one, in [0, 1].</summary>
    public double Score(Matrix<T> x, IReadOnlyList<TLabel> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        var predicted = Predict(x);
        if (y.Count != predicted.Length)
        {
            throw new ArgumentException($"{ModelName} got {predicted.Length} samples but {y.Count} labels: give exactly one label per row.", nameof(y));
        }

        return ClassificationMetrics.Accuracy(y, predicted);
    }

    /// <summary>Accuracy for a jagged array of rows.</summary>
    public double Score(T[][] x, IReadOnlyList<TLabel> y) => Score(Matrix<T>.FromRows(x), y);

    /// <summary>Accuracy for a rectangular array.</summary>
    public double Score(T[,] x, IReadOnlyList<TLabel> y) => Score(Matrix<T>.FromArray(x), y);

    /// <summary>
    /// Evaluates the fitted classifier on (<paramref name="x"/>, <paramref name="y"/>): confusion matrix over its classes, and
    /// log-loss and ROC AUC (two classes: the second positive; more: the mean one-against-the-rest AUC) when it gives probabilities.
    /// </summary>
    /// <exception cref="ArgumentException">The counts differ, or a label is not one of the model's classes.</exception>
    public ClassificationReport<TLabel> Evaluate(Matrix<T> x, IReadOnlyList<TLabel> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        var predicted = Predict(x);
        var matrix = new ConfusionMatrix<TLabel>(y, predicted, Classes);
        if (!SupportsProbabilities)
        {
            return new ClassificationReport<TLabel>(matrix, null, null);
        }

        var probabilities = PredictProbabilities(x);
        var index = Classes.Select((c, k) => (c, k)).ToDictionary(p => p.c, p => p.k);
        var classIndices = y.Select(label => index[label]).ToArray();
        double logLoss = ClassificationMetrics.LogLoss(probabilities, classIndices);
        // Two classes: the second is positive. More: the mean of each class's AUC against the rest, over the classes the rows
        // hold both ways (scikit-learn's roc_auc_score with multi_class='ovr', average='macro').
        int[] present = [.. Enumerable.Range(0, Classes.Count).Where(k => classIndices.Contains(k) && classIndices.Any(c => c != k))];
        double? auc = Classes.Count == 2
            ? present.Length == 2 ? OneVersusRest(1) : null
            : present.Length >= 2 ? present.Average(OneVersusRest) : null;
        double OneVersusRest(int k) =>
            ClassificationMetrics.RocAuc([.. Enumerable.Range(0, x.Rows).Select(i => double.CreateChecked(probabilities[i, k]))], [.. classIndices.Select(c => c == k)]);

        return new ClassificationReport<TLabel>(matrix, logLoss, auc);
    }

    /// <summary>Learns from validated features and class indices in [0, <paramref name="classCount"/>).</summary>
    protected abstract void FitCore(Matrix<T> x, int[] classIndices, int classCount);

    /// <summary>Writes the predicted class index of each row of validated <paramref name="x"/> into <paramref name="classIndices"/>.</summary>
    protected abstract void PredictCore(Matrix<T> x, Span<int> classIndices);

    /// <summary>Writes class probabilities (n × K) for validated <paramref name="x"/>; only called when <see cref="SupportsProbabilities"/>.</summary>
    protected virtual void PredictProbabilitiesCore(Matrix<T> x, Matrix<T> probabilities) =>
        throw new NotSupportedException($"{ModelName} has no probabilities.");

    /// <summary>The label of class index <paramref name="k"/> of the fit under way (or of the fitted model), for messages.</summary>
    protected string ClassLabel(int k) => (_fitting ?? _classes)?[k].ToString() ?? $"#{k}";

    /// <summary>Restores a fitted state read from a model file: the classes and the feature count.</summary>
    protected void SetFittedState(IReadOnlyList<TLabel> classes, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(classes);
        if (classes.Count < 2 || featureCount < 1)
        {
            throw new ArgumentException($"A fitted {ModelName} needs at least two classes and one feature, not {classes.Count} and {featureCount}.");
        }

        _classes = [.. classes];
        _featureCount = featureCount;
    }

    /// <summary>Throws <see cref="NotFittedException"/> unless fitted.</summary>
    protected void RequireFitted()
    {
        if (!IsFitted)
        {
            throw new NotFittedException(ModelName);
        }
    }

    private void CheckPredictInput(Matrix<T> x)
    {
        RequireFitted();
        ArgumentNullException.ThrowIfNull(x);
        InputChecks.RequireFeatureCount(x, _featureCount, ModelName);
        if (x.Rows > 0)
        {
            InputChecks.RequireFeatures(x, ModelName);
        }
    }
}
