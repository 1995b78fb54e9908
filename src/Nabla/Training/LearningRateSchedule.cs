namespace Nabla.Training;

/// <summary>How the learning rate changes with the epoch: the rate of epoch e (1-based) is α · <see cref="Factor"/>(e, E).</summary>
public abstract class LearningRateSchedule
{
    /// <summary>The same rate every epoch.</summary>
    public static LearningRateSchedule Constant { get; } = new ConstantSchedule();

    /// <summary>Multiplies the rate by <paramref name="gamma"/> every <paramref name="stepEpochs"/> epochs.</summary>
    public static LearningRateSchedule Step(int stepEpochs, double gamma = 0.1) => new StepSchedule(stepEpochs, gamma);

    /// <summary>Cosine annealing from α at epoch 1 to α·<paramref name="minimumFactor"/> at the last epoch.</summary>
    public static LearningRateSchedule Cosine(double minimumFactor = 0) => new CosineSchedule(minimumFactor);

    /// <summary>The factor applied to the base rate in epoch <paramref name="epoch"/> (1-based) of <paramref name="epochs"/>.</summary>
    public abstract double Factor(int epoch, int epochs);

    /// <summary>True when <paramref name="obj"/> is the same schedule: of the same type with the same parameters (so options records holding one compare by value).</summary>
    public override bool Equals(object? obj) => obj is LearningRateSchedule other && other.GetType() == GetType() && other.ToString() == ToString();

    /// <inheritdoc/>
    public override int GetHashCode() => ToString()!.GetHashCode(StringComparison.Ordinal);

    /// <summary>Reads a schedule: <c>constant</c>, <c>step(N)</c>, <c>step(N,gamma)</c>, <c>cosine</c>, <c>cosine(min)</c>.</summary>
    /// <exception cref="FormatException">The text names no schedule.</exception>
    public static LearningRateSchedule Parse(string text)
    {
        var (name, args) = Specification.Parse(text, "Schedule", "step(10,0.5)");
        try
        {
            return Create(name, args, text);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException($"Schedule '{text}' has an invalid parameter: {e.Message}", e);
        }
    }

    private static LearningRateSchedule Create(string name, double[] args, string text) =>
        (name, args.Length) switch
        {
            ("constant", 0) => Constant,
            ("step", 1) => Step((int)args[0]),
            ("step", 2) => Step((int)args[0], args[1]),
            ("cosine", 0) => Cosine(),
            ("cosine", 1) => Cosine(args[0]),
            _ => throw new FormatException($"Unknown schedule '{text}'. Use constant, step(N), step(N,gamma), cosine or cosine(min)."),
        };
}
