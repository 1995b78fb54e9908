using System.Numerics;
using Nabla.Estimators;
using Nabla.Tensors;

namespace Nabla.Neurons;

/// <summary>
/// Rosenblatt's perceptron, exactly as in the notes: the bias is the weight of a constant input +1, so
/// x(n) = [+1, x₁, …, x_d]ᵀ and w = [b, w₁, …, w_d]ᵀ; w(0) = 0; y(n) = sgn(wᵀ(n) x(n)) with sgn(0) = +1;
/// w(n+1) = w(n) + η [d(n) − y(n)] x(n) with d = +1 for the second class in <see cref="Classifier{T, TLabel}.Classes"/> and −1 for the first.
/// Training stops at the first epoch without an error (converged) or at the epoch limit. More than two classes are
/// handled one-vs-rest: one perceptron per class, predicting the class with the largest wᵀx.
/// </summary>
/// <remarks>A fitted model is safe to use for prediction from many threads at once; Fit is not thread-safe. Prediction only reads the weights and works in buffers of its own call.</remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <typeparam name="TLabel">The label type.</typeparam>
public sealed class Perceptron<T, TLabel> : Classifier<T, TLabel>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TLabel : notnull
{
    private Matrix<T>? _weights;
    private List<int[]>? _errors;
    private bool[]? _converged;
    private int[]? _updates;
    private PerceptronConvergence?[]? _convergence;

    /// <summary>Creates an unfitted perceptron.</summary>
    public Perceptron(PerceptronOptions? options = null)
    {
        Options = options ?? new PerceptronOptions();
        Options.Validate();
    }

    /// <summary>The hyperparameters.</summary>
    public PerceptronOptions Options { get; }

    /// <summary>
    /// The learned weights, one row per binary perceptron (1 row for two classes, K rows one-vs-rest), each
    /// [b, w₁, …, w_d]: column 0 is the bias. A copy: changing it does not change the model.
    /// </summary>
    public Matrix<T> Weights => (_weights ?? throw new NotFittedException(ModelName)).Clone();

    /// <summary>True when every binary perceptron reached an error-free epoch.</summary>
    public bool Converged => (_converged ?? throw new NotFittedException(ModelName)).All(c => c);

    /// <summary>Total number of weight updates (mistakes) made in training, over all binary perceptrons.</summary>
    public int Updates => (_updates ?? throw new NotFittedException(ModelName)).Sum();

    /// <summary>Errors (updates) in each epoch, for the first binary perceptron (the only one with two classes).</summary>
    public IReadOnlyList<int> ErrorsPerEpoch => ErrorsPerEpochOf(0);

    /// <summary>Epochs run by the first binary perceptron.</summary>
    public int Epochs => ErrorsPerEpoch.Count;

    /// <summary>
    /// The convergence theorem's R, γ and (R/γ)² against the updates made, for the first binary perceptron (the only one with
    /// two classes); null when it did not converge (separability not shown) or the model was restored without them.
    /// </summary>
    public PerceptronConvergence? Convergence => ConvergenceOf(0);

    /// <summary>The convergence figures of binary perceptron <paramref name="unit"/>, or null (see <see cref="Convergence"/>).</summary>
    public PerceptronConvergence? ConvergenceOf(int unit) => (_convergence ?? throw new NotFittedException(ModelName))[unit];

    /// <summary>Errors in each epoch of binary perceptron <paramref name="unit"/> (one-vs-rest index).</summary>
    public IReadOnlyList<int> ErrorsPerEpochOf(int unit) => (_errors ?? throw new NotFittedException(ModelName))[unit];

    /// <summary>Fits; see <see cref="Classifier{T, TLabel}.Fit(Matrix{T}, IReadOnlyList{TLabel})"/>.</summary>
    public new Perceptron<T, TLabel> Fit(Matrix<T> x, IReadOnlyList<TLabel> y) => (Perceptron<T, TLabel>)base.Fit(x, y);

    /// <summary>Fits on a jagged array of rows.</summary>
    public new Perceptron<T, TLabel> Fit(T[][] x, IReadOnlyList<TLabel> y) => (Perceptron<T, TLabel>)base.Fit(x, y);

    /// <summary>Fits on a rectangular array.</summary>
    public new Perceptron<T, TLabel> Fit(T[,] x, IReadOnlyList<TLabel> y) => (Perceptron<T, TLabel>)base.Fit(x, y);

    /// <summary>wᵀx for each row and binary perceptron: n × (1 or K). Zero or positive means the perceptron fires (sgn(0) = +1).</summary>
    public Matrix<T> DecisionFunction(Matrix<T> x)
    {
        RequireFitted();
        InputChecks.RequireFeatureCount(x, FeatureCount, ModelName);
        if (x.Rows > 0)
        {
            InputChecks.RequireFeatures(x, ModelName);
        }

        return Scores(x, _weights!);
    }

    /// <summary>
    /// Rebuilds a fitted perceptron from its parameters (for model files): <paramref name="weights"/> has one row per binary
    /// perceptron (1 for two classes, K one-vs-rest), each [b, w₁, …, w_d]. The training history is optional; without it
    /// the model reports no epochs, no updates and <see cref="Converged"/> false.
    /// </summary>
    internal static Perceptron<T, TLabel> Restore(
        PerceptronOptions options,
        IReadOnlyList<TLabel> classes,
        Matrix<T> weights,
        IReadOnlyList<int[]>? errorsPerEpoch = null,
        IReadOnlyList<bool>? converged = null,
        IReadOnlyList<PerceptronConvergence?>? convergence = null)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(weights);
        int units = classes.Count == 2 ? 1 : classes.Count;
        if (weights.Rows != units || weights.Columns < 2 || !weights.IsFinite())
        {
            throw new ArgumentException($"A perceptron of {classes.Count} classes needs {units} finite weight rows of [b, w₁, …, w_d], not a {weights.Shape} matrix.", nameof(weights));
        }

        var errors = errorsPerEpoch?.Select(e => e.ToArray()).ToList() ?? [.. Enumerable.Range(0, units).Select(_ => Array.Empty<int>())];
        var convergedFlags = converged?.ToArray() ?? new bool[units];
        var figures = convergence?.ToArray() ?? new PerceptronConvergence?[units];
        if (errors.Count != units || convergedFlags.Length != units || figures.Length != units)
        {
            throw new ArgumentException($"The training history of a perceptron of {classes.Count} classes has {units} units, one list of errors and one convergence flag each.");
        }

        var model = new Perceptron<T, TLabel>(options);
        model.SetFittedState(classes, weights.Columns - 1);
        model._weights = weights.Clone();
        model._errors = errors;
        model._converged = convergedFlags;
        model._updates = [.. errors.Select(e => e.Sum())];
        model._convergence = figures;
        return model;
    }

    /// <inheritdoc/>
    protected override void FitCore(Matrix<T> x, int[] classIndices, int classCount)
    {
        int units = classCount == 2 ? 1 : classCount;
        var weights = new Matrix<T>(units, x.Columns + 1);
        var errors = new List<int[]>(units);
        var converged = new bool[units];
        var updates = new int[units];
        var d = new int[x.Rows];
        var convergence = new PerceptronConvergence?[units];
        double[]? values = null;
        var rowWeights = Options.ClassWeights?.RowWeights(classIndices, classCount);
        for (int u = 0; u < units; u++)
        {
            int positive = classCount == 2 ? 1 : u;
            for (int i = 0; i < d.Length; i++)
            {
                d[i] = classIndices[i] == positive ? 1 : -1;
            }

            (converged[u], updates[u], var perEpoch) = TrainUnit(x, d, weights.Row(u), rowWeights);
            errors.Add(perEpoch);
            if (converged[u] && rowWeights is null)
            {
                // An error-free epoch proves the unit's two sides separable: the theorem's figures apply.
                values ??= [.. x.AsReadOnlySpan().ToArray().Select(v => double.CreateChecked(v))];
                convergence[u] = PerceptronConvergence.Compute(values, x.Columns, d, updates[u]);
            }
        }

        _weights = weights;
        _errors = errors;
        _converged = converged;
        _updates = updates;
        _convergence = convergence;
    }

    /// <inheritdoc/>
    protected override void PredictCore(Matrix<T> x, Span<int> classIndices)
    {
        var scores = Scores(x, _weights!);
        for (int i = 0; i < x.Rows; i++)
        {
            var row = scores.Row(i);
            if (row.Length == 1)
            {
                classIndices[i] = row[0] >= T.Zero ? 1 : 0;
            }
            else
            {
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
    }

    private (bool Converged, int Updates, int[] ErrorsPerEpoch) TrainUnit(Matrix<T> x, int[] d, Span<T> w, double[]? rowWeights)
    {
        var o = Options;
        T eta = T.CreateChecked(o.LearningRate);
        int n = x.Rows, dim = x.Columns + 1;
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(o.Seed);
        var errors = new List<int>();
        var sum = new T[dim];
        var pocket = new T[dim];
        int pocketErrors = int.MaxValue;
        long presented = 0;
        int updates = 0;
        bool converged = false;
        w.Clear();

        for (int epoch = 0; epoch < o.MaxEpochs && !converged; epoch++)
        {
            if (o.Shuffle)
            {
                random.Shuffle(order);
            }

            int mistakes = 0;
            foreach (int i in order)
            {
                var xi = x.Row(i);
                int y = Activation(w, xi) >= T.Zero ? 1 : -1;
                if (y != d[i])
                {
                    // w(n+1) = w(n) + η[d(n) − y(n)] x(n), with x(n) = [+1, x] (times the class's weight, when given).
                    T step = eta * T.CreateChecked(d[i] - y);
                    if (rowWeights is not null)
                    {
                        step *= T.CreateChecked(rowWeights[i]);
                    }

                    w[0] += step;
                    for (int j = 0; j < xi.Length; j++)
                    {
                        w[j + 1] += step * xi[j];
                    }

                    mistakes++;
                    updates++;
                }

                if (o.Variant == PerceptronVariant.Averaged)
                {
                    for (int j = 0; j < dim; j++)
                    {
                        sum[j] += w[j];
                    }

                    presented++;
                }
            }

            errors.Add(mistakes);
            converged = mistakes == 0;
            if (o.Variant == PerceptronVariant.Pocket)
            {
                int current = CountErrors(x, d, w);
                if (current < pocketErrors)
                {
                    pocketErrors = current;
                    w.CopyTo(pocket);
                }
            }
        }

        if (o.Variant == PerceptronVariant.Averaged && presented > 0)
        {
            T count = T.CreateChecked(presented);
            for (int j = 0; j < dim; j++)
            {
                w[j] = sum[j] / count;
            }
        }
        else if (o.Variant == PerceptronVariant.Pocket && pocketErrors != int.MaxValue)
        {
            pocket.CopyTo(w);
        }

        return (converged, updates, errors.ToArray());
    }

    private static T Activation(ReadOnlySpan<T> w, ReadOnlySpan<T> x)
    {
        T v = w[0];
        for (int j = 0; j < x.Length; j++)
        {
            v += w[j + 1] * x[j];
        }

        return v;
    }

    private static int CountErrors(Matrix<T> x, int[] d, ReadOnlySpan<T> w)
    {
        int errors = 0;
        for (int i = 0; i < x.Rows; i++)
        {
            if ((Activation(w, x.Row(i)) >= T.Zero ? 1 : -1) != d[i])
            {
                errors++;
            }
        }

        return errors;
    }

    private static Matrix<T> Scores(Matrix<T> x, Matrix<T> weights)
    {
        var scores = new Matrix<T>(x.Rows, weights.Rows);
        for (int i = 0; i < x.Rows; i++)
        {
            for (int u = 0; u < weights.Rows; u++)
            {
                scores[i, u] = Activation(weights.Row(u), x.Row(i));
            }
        }

        return scores;
    }
}
