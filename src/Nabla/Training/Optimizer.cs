using System.Numerics;
using Nabla.Networks;

namespace Nabla.Training;

/// <summary>
/// Updates parameters in place from their gradients. An optimizer owns its state (velocities, moment estimates), kept per
/// parameter, so one optimizer instance serves one model; <see cref="Reset"/> forgets it.
/// </summary>
/// <remarks>
/// The step size of each epoch is <see cref="LearningRate"/> times the factor of <see cref="Schedule"/>. An L2 penalty on the
/// weights is the trainer's (<see cref="TrainingOptions.L2"/>), for every optimizer; <see cref="AdamW"/> adds its own decoupled decay.
/// </remarks>
public abstract class Optimizer
{
    private readonly Dictionary<object, object> _state = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates an optimizer with base step size <paramref name="learningRate"/>.</summary>
    /// <param name="learningRate">α, positive and finite.</param>
    protected Optimizer(double learningRate)
    {
        if (!(learningRate > 0) || !double.IsFinite(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), $"The learning rate must be a positive finite number, not {learningRate}.");
        }

        LearningRate = learningRate;
        CurrentLearningRate = learningRate;
    }

    /// <summary>α, the base step size.</summary>
    public double LearningRate { get; }

    /// <summary>How the step size changes over the epochs; constant by default.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>The step size in force for the current epoch.</summary>
    public double CurrentLearningRate { get; private set; }

    /// <summary>Number of <see cref="Step{T}"/> calls since creation or <see cref="Reset"/>.</summary>
    public long Steps { get; private set; }

    /// <summary>The name used by the CLI and in model files.</summary>
    public abstract string Name { get; }

    /// <summary>The names of the <see cref="OptimizerKind"/> values, in order: sgd, momentum, nesterov, adam, adamw.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<OptimizerKind>().Select(NameOf)];

    /// <summary>The name of <paramref name="kind"/>, as the command line and model files spell it.</summary>
    public static string NameOf(OptimizerKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The kind named <paramref name="name"/> (also <c>gd</c> and <c>gradient-descent</c> for sgd).</summary>
    /// <exception cref="FormatException">The name is not an optimizer.</exception>
    public static OptimizerKind ParseKind(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string n = name.Trim().ToLowerInvariant();
        if (n is "gd" or "gradient-descent")
        {
            return OptimizerKind.Sgd;
        }

        return Enum.GetValues<OptimizerKind>().FirstOrDefault(k => NameOf(k) == n, (OptimizerKind)(-1)) is var kind && Enum.IsDefined(kind)
            ? kind
            : throw new FormatException($"Unknown optimizer '{name}'. Use one of: {string.Join(", ", Names)}.");
    }

    /// <summary>
    /// Creates an optimizer of <paramref name="kind"/>: sgd, momentum and nesterov (μ = <paramref name="momentum"/>), adam
    /// and adamw (decoupled decay λ = <paramref name="decoupledDecay"/>), the last two with β₁ = <paramref name="beta1"/>,
    /// β₂ = <paramref name="beta2"/> and ε = <paramref name="epsilon"/>. Read a name with <see cref="ParseKind"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The kind is not one of <see cref="OptimizerKind"/>'s values.</exception>
    public static Optimizer Create(OptimizerKind kind, double learningRate, double momentum = 0.9, LearningRateSchedule? schedule = null, double decoupledDecay = 0.01,
        double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        schedule ??= LearningRateSchedule.Constant;
        return kind switch
        {
            OptimizerKind.Sgd => new GradientDescent(learningRate) { Schedule = schedule },
            OptimizerKind.Momentum => new Momentum(learningRate, momentum, nesterov: false) { Schedule = schedule },
            OptimizerKind.Nesterov => new Momentum(learningRate, momentum, nesterov: true) { Schedule = schedule },
            OptimizerKind.Adam => new Adam(learningRate, beta1, beta2, epsilon) { Schedule = schedule },
            OptimizerKind.AdamW => new AdamW(learningRate, beta1, beta2, epsilon, decoupledDecay) { Schedule = schedule },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), $"Unknown optimizer kind {(int)kind}. Use one of: {string.Join(", ", Names)}."),
        };
    }

    /// <summary>Applies one update to every parameter from its <see cref="Parameter{T}.Gradient"/>.</summary>
    public void Step<T>(IReadOnlyList<Parameter<T>> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        BeginStep();
        for (int i = 0; i < parameters.Count; i++)
        {
            Update(parameters[i], CurrentLearningRate, 0, parameters[i].Value.Length);
        }
    }

    /// <summary>
    /// Whether each element's update depends only on that element, its gradient and its own state (and the step count),
    /// as for every optimizer here: then the trainer may update disjoint ranges of a parameter on different threads at
    /// once. An optimizer whose update looks at a whole parameter (clipping by a norm, layer-wise trust ratios)
    /// overrides this to return false; its <see cref="Update"/> is then called once per parameter with the whole range,
    /// on one thread.
    /// </summary>
    public virtual bool UpdatesElementwise => true;

    /// <summary>Counts one step; <see cref="UpdateRange"/> calls for every parameter element follow (the parallel trainer's form of <see cref="Step"/>).</summary>
    internal void BeginStep() => Steps++;

    /// <summary>Updates elements [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) of one parameter in this step; disjoint ranges may run on different threads.</summary>
    internal void UpdateRange<T>(Parameter<T> parameter, int start, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Update(parameter, CurrentLearningRate, start, length);

    /// <summary>Called by the trainer before each epoch (1-based, of <paramref name="epochs"/>): sets the step size from the schedule.</summary>
    public void BeginEpoch(int epoch, int epochs) => CurrentLearningRate = LearningRate * Schedule.Factor(epoch, epochs);

    /// <summary>Forgets all per-parameter state and the step count, as before the first step.</summary>
    public void Reset()
    {
        lock (_state)
        {
            _state.Clear();
        }

        Steps = 0;
        CurrentLearningRate = LearningRate;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Name} (learning rate {LearningRate}, {Schedule})");

    /// <summary>
    /// Updates elements [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) of one parameter
    /// (and of its state) in place with step size <paramref name="learningRate"/>. While <see cref="UpdatesElementwise"/>
    /// is true, the trainer may update disjoint ranges of one parameter on different threads; otherwise the range is
    /// always the whole parameter.
    /// </summary>
    /// <param name="parameter">The parameter, its gradient filled in.</param>
    /// <param name="learningRate">α for this step, after the schedule.</param>
    /// <param name="start">First element (row-major index) to update.</param>
    /// <param name="length">Number of elements to update.</param>
    protected abstract void Update<T>(Parameter<T> parameter, double learningRate, int start, int length)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// The optimizer's state buffers for <paramref name="parameter"/>: <paramref name="count"/> arrays of the parameter's
    /// length, zero on first use, then the same arrays on every later call.
    /// </summary>
    protected T[][] State<T>(Parameter<T> parameter, int count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Threads updating disjoint ranges of one parameter must get the same buffers.
        lock (_state)
        {
            if (_state.TryGetValue(parameter, out var existing))
            {
                return (T[][])existing;
            }

            var buffers = new T[count][];
            for (int i = 0; i < count; i++)
            {
                buffers[i] = new T[parameter.Value.Length];
            }

            _state[parameter] = buffers;
            return buffers;
        }
    }
}
