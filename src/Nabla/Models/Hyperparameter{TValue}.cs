using System.Text.Json.Nodes;

namespace Nabla.Models;

/// <summary>A hyperparameter whose values are of type <typeparamref name="TValue"/>; see <see cref="Hyperparameter"/>.</summary>
/// <typeparam name="TValue">The value type: <see cref="int"/>, <see cref="double"/>, <see cref="bool"/>, <see cref="string"/>, a list, …</typeparam>
public sealed class Hyperparameter<TValue> : Hyperparameter
{
    private static readonly string DefaultFormatMessage = new FormatException().Message;
    private readonly Func<string, TValue> _parse;
    private readonly Func<TValue, string> _format;
    private readonly Func<TValue, JsonNode?> _toJson;
    private readonly Func<JsonNode?, TValue> _fromJson;
    private readonly Func<TValue, bool> _check;

    /// <summary>Describes a hyperparameter by its conversions; the factories of <see cref="Hyperparameter"/> cover the usual types.</summary>
    /// <param name="name">snake_case name.</param>
    /// <param name="help">One line of help.</param>
    /// <param name="defaultValue">The default.</param>
    /// <param name="range">The allowed values in words.</param>
    /// <param name="choices">A closed set of values as text, or empty.</param>
    /// <param name="parse">Text to value; throws <see cref="FormatException"/> (any message) when the text is not a value.</param>
    /// <param name="format">Value to text that <paramref name="parse"/> reads back.</param>
    /// <param name="toJson">Value to its model-file JSON.</param>
    /// <param name="fromJson">Model-file JSON to value; throws <see cref="FormatException"/> saying what is wrong.</param>
    /// <param name="check">True when a value is in range.</param>
    /// <param name="fileAliases">Names older model files used.</param>
    public Hyperparameter(string name, string help, TValue defaultValue, string range, IReadOnlyList<string> choices,
        Func<string, TValue> parse, Func<TValue, string> format, Func<TValue, JsonNode?> toJson, Func<JsonNode?, TValue> fromJson, Func<TValue, bool> check,
        IReadOnlyList<string>? fileAliases = null)
        : base(name, help, fileAliases ?? [])
    {
        Default = defaultValue;
        Range = range;
        Choices = choices;
        _parse = parse;
        _format = format;
        _toJson = toJson;
        _fromJson = fromJson;
        _check = check;
        if (!_check(defaultValue))
        {
            throw new ArgumentException($"The default of {name}, {format(defaultValue)}, is not {range}.", nameof(defaultValue));
        }
    }

    /// <summary>The value used when none is given.</summary>
    public TValue Default { get; }

    /// <inheritdoc/>
    public override Type ValueType => typeof(TValue);

    /// <inheritdoc/>
    public override string Range { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> Choices { get; }

    /// <inheritdoc/>
    public override object? DefaultObject => Default;

    /// <summary>Sets <see cref="Hyperparameter.BeforeItExisted"/> (checked against the range) and returns this hyperparameter.</summary>
    internal Hyperparameter<TValue> WhenAbsentFromOlderFiles(TValue value)
    {
        Check(value);
        BeforeItExisted = value;
        return this;
    }

    /// <summary>Reads a typed value from text.</summary>
    /// <exception cref="FormatException">Not a value of this hyperparameter; the message names it and its range.</exception>
    public TValue ParseValue(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        TValue value;
        try
        {
            value = _parse(text);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            string detail = e is FormatException f && f.Message != DefaultFormatMessage ? $" ({f.Message.TrimEnd('.')})" : "";
            throw new FormatException($"{Name} is '{text}', but it takes {Range}{detail}.");
        }

        return _check(value) ? value : throw new FormatException($"{Name} is '{text}', but it takes {Range}.");
    }

    /// <inheritdoc/>
    public override object? Parse(string text) => ParseValue(text);

    /// <inheritdoc/>
    public override string Format(object? value) => _format(Cast(value));

    /// <inheritdoc/>
    public override JsonNode? ToJson(object? value) => _toJson(Cast(value));

    /// <inheritdoc/>
    public override object? FromJson(JsonNode? node)
    {
        string found = node?.ToJsonString() ?? "null";
        TValue value;
        try
        {
            value = _fromJson(node);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            string detail = e is FormatException f && f.Message != DefaultFormatMessage && !f.Message.StartsWith("must be", StringComparison.Ordinal) ? $" ({f.Message.TrimEnd('.')})" : "";
            throw new FormatException($"is {found}, but must be {Range}{detail}");
        }

        return _check(value) ? value : throw new FormatException($"is {found}, but must be {Range}");
    }

    /// <inheritdoc/>
    public override bool IsWellFormed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            _parse(text);
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public override void Check(object? value)
    {
        if (!_check(Cast(value)))
        {
            throw new ArgumentException($"{Name} is {Format(value)}, but it takes {Range}.", Name);
        }
    }

    private TValue Cast(object? value) => value is TValue typed ? typed
        : value is null && default(TValue) is null ? default!
        : throw new ArgumentException($"{Name} takes a {typeof(TValue).Name}, not {value?.GetType().Name ?? "null"}.", Name);
}
