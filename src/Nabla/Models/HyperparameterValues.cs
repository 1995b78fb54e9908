using System.Text;
using System.Text.Json.Nodes;

namespace Nabla.Models;

/// <summary>
/// A value for every hyperparameter of one <see cref="ModelKind"/>, typed and checked against its schema. Immutable:
/// <see cref="With"/> and <see cref="WithText"/> return a changed copy.
/// </summary>
public sealed class HyperparameterValues : IEquatable<HyperparameterValues>
{
    private readonly object?[] _values;

    internal HyperparameterValues(ModelKind kind, object?[] values)
    {
        Kind = kind;
        _values = values;
    }

    /// <summary>The model kind these values are for.</summary>
    public ModelKind Kind { get; }

    /// <summary>The hyperparameters with their values, in the kind's order.</summary>
    public IEnumerable<(Hyperparameter Hyperparameter, object? Value)> Entries => Kind.Hyperparameters.Select((h, i) => (h, _values[i]));

    /// <summary>The value of a hyperparameter by name.</summary>
    /// <exception cref="ArgumentException">The kind has no such hyperparameter.</exception>
    public object? this[string name] => _values[IndexOf(name)];

    /// <summary>The typed value of <paramref name="hyperparameter"/>, one of the kind's own.</summary>
    public TValue Get<TValue>(Hyperparameter<TValue> hyperparameter)
    {
        ArgumentNullException.ThrowIfNull(hyperparameter);
        int index = IndexOf(hyperparameter.Name);
        return (TValue)_values[index]!;
    }

    /// <summary>A copy with <paramref name="name"/> set to <paramref name="value"/>, checked against its range.</summary>
    /// <exception cref="ArgumentException">No such hyperparameter, or the value is of the wrong type or out of range.</exception>
    public HyperparameterValues With(string name, object? value)
    {
        int index = IndexOf(name);
        Kind.Hyperparameters[index].Check(value);
        var values = (object?[])_values.Clone();
        values[index] = value;
        return new HyperparameterValues(Kind, values);
    }

    /// <summary>A copy with <paramref name="name"/> set to the value <paramref name="text"/> reads as (command line, grids).</summary>
    /// <exception cref="ArgumentException">No such hyperparameter, or the text is not one of its values.</exception>
    public HyperparameterValues WithText(string name, string text)
    {
        int index = IndexOf(name);
        object? value;
        try
        {
            value = Kind.Hyperparameters[index].Parse(text);
        }
        catch (FormatException e)
        {
            throw new ArgumentException(e.Message, name, e);
        }

        var values = (object?[])_values.Clone();
        values[index] = value;
        return new HyperparameterValues(Kind, values);
    }

    /// <summary>The values as a JSON object by name, as model files store them; <paramref name="only"/> keeps just those names.</summary>
    public JsonObject ToJson(IEnumerable<string>? only = null)
    {
        var names = only?.ToHashSet(StringComparer.Ordinal);
        var o = new JsonObject();
        foreach (var (h, v) in Entries)
        {
            if (names is null || names.Contains(h.Name))
            {
                o[h.Name] = h.ToJson(v);
            }
        }

        return o;
    }

    /// <summary>The value of <paramref name="name"/> as text.</summary>
    public string Text(string name) => Kind.Hyperparameters[IndexOf(name)].Format(this[name]);

    /// <summary>True when <paramref name="name"/> holds its default value.</summary>
    public bool IsDefault(string name)
    {
        var h = Kind.Hyperparameters[IndexOf(name)];
        return h.Format(this[name]) == h.Format(h.DefaultObject);
    }

    /// <inheritdoc/>
    public bool Equals(HyperparameterValues? other) =>
        other is not null && other.Kind == Kind && Kind.Hyperparameters.All(h => h.Format(this[h.Name]) == h.Format(other[h.Name]));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as HyperparameterValues);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind.Name, ToString());

    /// <summary><c>name=value</c> pairs, comma-separated.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (h, v) in Entries)
        {
            text.Append(text.Length > 0 ? ", " : "").Append(h.Name).Append('=').Append(h.Format(v));
        }

        return text.ToString();
    }

    private int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var list = Kind.Hyperparameters;
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i].Name == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"{Kind.Name} has no hyperparameter '{name}'; it has {string.Join(", ", list.Select(h => h.Name))}.", nameof(name));
    }
}
