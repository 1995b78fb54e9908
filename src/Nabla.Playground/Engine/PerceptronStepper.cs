using Nabla.Neurons;
using Nabla.Tensors;

namespace Nabla.Playground.Engine;

/// <summary>One presentation of a point to the perceptron: what it gave, what it should have given, the weights after.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Point">Index of the point.</param>
/// <param name="Desired">d, +1 for class 1 and −1 for class 0.</param>
/// <param name="Output">y = +1 when wᵀx ≥ 0, else −1.</param>
/// <param name="Before">w before, [b, w₁, w₂].</param>
/// <param name="After">w after (the same when y = d).</param>
public sealed record PerceptronUpdate(int Epoch, int Point, int Desired, int Output, double[] Before, double[] After)
{
    /// <summary>True when the point was misclassified and the weights moved.</summary>
    public bool Updated => Desired != Output;
}

/// <summary>
/// Rosenblatt's perceptron one point at a time, as the notes and the library's <see cref="Perceptron{T, TLabel}"/> (with
/// <see cref="PerceptronVariant.Standard"/>, no shuffling) run it: w(0) = 0, the points in order, each epoch y(n) =
/// sgn(wᵀx(n)) with x(n) = [+1, x₁, x₂] and, when y ≠ d, w(n+1) = w(n) + η[d(n) − y(n)]x(n); it stops after the first
/// error-free epoch. The browser test checks that the weights after every epoch are the library's.
/// </summary>
public sealed class PerceptronStepper
{
    private readonly double[] _w = new double[3];
    private readonly List<int> _errors = [];
    private int _mistakes;

    /// <summary>Starts at w = 0 on the given points (targets 0/1) with learning rate η.</summary>
    public PerceptronStepper(PointSet points, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (!(learningRate > 0) || !double.IsFinite(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), $"The learning rate η must be a positive number, not {learningRate}.");
        }

        Points = points;
        LearningRate = learningRate;
    }

    /// <summary>The points, presented in order.</summary>
    public PointSet Points { get; }

    /// <summary>η.</summary>
    public double LearningRate { get; }

    /// <summary>The current weights [b, w₁, w₂].</summary>
    public IReadOnlyList<double> Weights => _w;

    /// <summary>The epoch in progress (1-based).</summary>
    public int Epoch { get; private set; } = 1;

    /// <summary>The next point to present.</summary>
    public int Next { get; private set; }

    /// <summary>Mistakes in each finished epoch.</summary>
    public IReadOnlyList<int> ErrorsPerEpoch => _errors;

    /// <summary>Weight updates made so far.</summary>
    public int Updates { get; private set; }

    /// <summary>True once an epoch had no mistake: the line separates the points.</summary>
    public bool Converged { get; private set; }

    /// <summary>Presents the next point and applies the rule; null once converged.</summary>
    public PerceptronUpdate? Present()
    {
        if (Converged)
        {
            return null;
        }

        int i = Next;
        double[] x = [1, Points.X1[i], Points.X2[i]];
        int d = Points.Target[i] >= 0.5 ? 1 : -1;
        int y = _w[0] * x[0] + _w[1] * x[1] + _w[2] * x[2] >= 0 ? 1 : -1;
        double[] before = [.. _w];
        if (y != d)
        {
            double step = LearningRate * (d - y);
            for (int j = 0; j < 3; j++)
            {
                _w[j] += step * x[j];
            }

            _mistakes++;
            Updates++;
        }

        var update = new PerceptronUpdate(Epoch, i, d, y, before, [.. _w]);
        if (++Next == Points.Count)
        {
            _errors.Add(_mistakes);
            Converged = _mistakes == 0;
            _mistakes = 0;
            Next = 0;
            Epoch++;
        }

        return update;
    }

    /// <summary>Presents points until the next weight update (or the end of training after <paramref name="maxEpochs"/> epochs); returns it, or null.</summary>
    public PerceptronUpdate? NextUpdate(int maxEpochs)
    {
        while (!Converged && Epoch <= maxEpochs)
        {
            var u = Present();
            if (u is { Updated: true })
            {
                return u;
            }
        }

        return null;
    }

    /// <summary>Presents the rest of the current epoch; returns the updates made.</summary>
    public List<PerceptronUpdate> FinishEpoch()
    {
        var made = new List<PerceptronUpdate>();
        int epoch = Epoch;
        while (!Converged && Epoch == epoch)
        {
            var u = Present()!;
            if (u.Updated)
            {
                made.Add(u);
            }
        }

        return made;
    }

    /// <summary>The library's perceptron fitted on the same points with the same rule for <paramref name="epochs"/> epochs at most.</summary>
    public Perceptron<double, int> LibraryFit(int epochs)
    {
        var x = Features.Matrix([InputFeature.X1, InputFeature.X2], Points.X1, Points.X2);
        var labels = Points.Target.Select(t => t >= 0.5 ? 1 : 0).ToArray();
        return new Perceptron<double, int>(new PerceptronOptions { LearningRate = LearningRate, MaxEpochs = epochs, Variant = PerceptronVariant.Standard })
            .Fit(x, labels);
    }
}
