namespace Nabla.Models;

/// <summary>
/// A model kind whose hyperparameters are the properties of one options record: each is bound once to its property, so
/// that the record, the schema and the values convert into each other and the default comes from the record alone.
/// </summary>
/// <typeparam name="TOptions">The options record (such as <see cref="Mlp.MlpOptions"/>).</typeparam>
public abstract class ModelKind<TOptions> : ModelKind
    where TOptions : class, new()
{
    private static readonly TOptions DefaultOptions = new();
    private readonly Binding[] _bindings;

    /// <summary>Creates the kind from its bindings, in the order they are listed.</summary>
    protected ModelKind(params Binding[] bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        _bindings = bindings;
        Hyperparameters = [.. bindings.Select(b => b.Hyperparameter)];
        var duplicate = Hyperparameters.GroupBy(h => h.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Hyperparameter {duplicate.Key} is bound twice.");
        }
    }

    /// <inheritdoc/>
    public sealed override IReadOnlyList<Hyperparameter> Hyperparameters { get; }

    /// <summary>The options record these values describe.</summary>
    /// <exception cref="ArgumentException">The values are another kind's.</exception>
    public TOptions ToOptions(HyperparameterValues values)
    {
        RequireOwn(values);
        var options = new TOptions();
        foreach (var b in _bindings)
        {
            options = b.Set(options, values[b.Hyperparameter.Name]);
        }

        return options;
    }

    /// <summary>The values of an options record, each checked against its schema.</summary>
    /// <exception cref="ArgumentException">A property holds a value the schema cannot describe (so a model file could not hold it either).</exception>
    public HyperparameterValues FromOptions(TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var values = _bindings.Select(b => b.Get(options)).ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            Hyperparameters[i].Check(values[i]);
        }

        return new HyperparameterValues(this, values);
    }

    /// <summary>
    /// Binds a hyperparameter to a property: <paramref name="describe"/> receives the property's default (from a new
    /// <typeparamref name="TOptions"/>) and returns the description.
    /// </summary>
    protected static Binding Bind<TValue>(Func<TValue, Hyperparameter<TValue>> describe, Func<TOptions, TValue> get, Func<TOptions, TValue, TOptions> set)
    {
        ArgumentNullException.ThrowIfNull(describe);
        ArgumentNullException.ThrowIfNull(get);
        ArgumentNullException.ThrowIfNull(set);
        return new Binding(describe(get(DefaultOptions)), o => get(o), (o, v) => set(o, (TValue)v!));
    }

    /// <summary>One hyperparameter and the property it reads and writes.</summary>
    protected sealed class Binding
    {
        internal Binding(Hyperparameter hyperparameter, Func<TOptions, object?> get, Func<TOptions, object?, TOptions> set)
        {
            Hyperparameter = hyperparameter;
            Get = get;
            Set = set;
        }

        internal Hyperparameter Hyperparameter { get; }

        internal Func<TOptions, object?> Get { get; }

        internal Func<TOptions, object?, TOptions> Set { get; }
    }
}
