using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nabla.Models;

/// <summary>
/// One hyperparameter of a model kind, described once: its name, type, default, allowed values and one line of help.
/// The command line's options and their help, the model file's <c>hyperparameters</c> section, <c>inspect</c> and the
/// search spaces of hyperparameter search are all generated from these descriptions.
/// </summary>
/// <remarks>
/// Names are snake_case (<c>learning_rate</c>); the command line spells them <c>--learning-rate</c>. A value is parsed
/// from text only at the edges (command line, search grids) and from JSON only in model files; everywhere else it is typed.
/// </remarks>
public abstract class Hyperparameter
{
    private protected Hyperparameter(string name, string help, IReadOnlyList<string> fileAliases)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(help);
        Name = name;
        Help = help;
        FileAliases = fileAliases;
    }

    /// <summary>The name in model files, <c>inspect</c> and search grids: <c>learning_rate</c>, <c>hidden</c>, …</summary>
    public string Name { get; }

    /// <summary>The command-line option: <c>--</c> and the name with <c>-</c> for <c>_</c>.</summary>
    public string OptionName => "--" + Name.Replace('_', '-');

    /// <summary>One line saying what it does, in the notes' terms.</summary>
    public string Help { get; }

    /// <summary>Names that model files written by earlier versions of Nabla used for this hyperparameter.</summary>
    public IReadOnlyList<string> FileAliases { get; }

    /// <summary>
    /// True when a model file that lacks this hyperparameter (one written before it existed) means
    /// <see cref="OlderFileValue"/>, the behaviour of those versions, rather than the default.
    /// </summary>
    internal bool HasOlderFileValue { get; private protected set; }

    /// <summary>What a model file without this hyperparameter means, when <see cref="HasOlderFileValue"/>.</summary>
    internal object? OlderFileValue { get; private protected set; }

    /// <summary>The .NET type of its values.</summary>
    public abstract Type ValueType { get; }

    /// <summary>The allowed values in words: "a number > 0", "one of relu, tanh", …</summary>
    public abstract string Range { get; }

    /// <summary>The values of a closed set of choices, in order; empty for open ranges.</summary>
    public abstract IReadOnlyList<string> Choices { get; }

    /// <summary>The default value as untyped object.</summary>
    public abstract object? DefaultObject { get; }

    /// <summary>Reads a value from command-line or grid text.</summary>
    /// <exception cref="FormatException">The text is not an allowed value; the message names the hyperparameter and its range.</exception>
    public abstract object? Parse(string text);

    /// <summary>A value as text that <see cref="Parse"/> reads back to the same value.</summary>
    public abstract string Format(object? value);

    /// <summary>A value as it is stored in a model file.</summary>
    public abstract JsonNode? ToJson(object? value);

    /// <summary>Reads a value stored in a model file.</summary>
    /// <exception cref="FormatException">The JSON is not an allowed value; the message says what is wrong (without the field name).</exception>
    public abstract object? FromJson(JsonNode? node);

    /// <summary>True when <paramref name="text"/> reads as a value of this type, in range or not (a usage check before any model is chosen).</summary>
    public abstract bool IsWellFormed(string text);

    /// <summary>Throws <see cref="ArgumentException"/> naming this hyperparameter unless <paramref name="value"/> is of its type and range.</summary>
    public abstract void Check(object? value);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Range}; default {Format(DefaultObject)})";

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Hyperparameter<int> Int(string name, int defaultValue, int min, int max, string help, params string[] fileAliases)
    {
        string range = max == int.MaxValue ? $"a whole number ≥ {min}" : $"a whole number from {min} to {max}";
        return new Hyperparameter<int>(name, help, defaultValue, range, [],
            parse: text => int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : throw new FormatException(),
            format: v => v.ToString(CultureInfo.InvariantCulture),
            toJson: v => JsonValue.Create(v),
            fromJson: node => node is JsonValue j && j.GetValueKind() == JsonValueKind.Number && j.TryGetValue(out int v) ? v : throw new FormatException("must be a whole number"),
            check: v => v >= min && v <= max,
            fileAliases);
    }

    /// <summary>
    /// A finite real number between <paramref name="min"/> and <paramref name="max"/>; <paramref name="openMin"/> and
    /// <paramref name="openMax"/> exclude the ends.
    /// </summary>
    public static Hyperparameter<double> Real(string name, double defaultValue, double min, double max, string help, bool openMin = false, bool openMax = false, params string[] fileAliases)
    {
        string low = double.IsNegativeInfinity(min) ? "" : $"{(openMin ? ">" : "≥")} {Text(min)}";
        string high = double.IsPositiveInfinity(max) ? "" : $"{(openMax ? "<" : "≤")} {Text(max)}";
        string range = "a number" + (low.Length > 0 && high.Length > 0 ? $" {low} and {high}" : low.Length > 0 ? $" {low}" : high.Length > 0 ? $" {high}" : "");
        return new Hyperparameter<double>(name, help, defaultValue, range, [],
            parse: text => double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw new FormatException(),
            format: Text,
            toJson: v => JsonValue.Create(v),
            fromJson: node => node is JsonValue j && j.GetValueKind() == JsonValueKind.Number && j.TryGetValue(out double v) ? v : throw new FormatException("must be a number"),
            check: v => double.IsFinite(v) && (openMin ? v > min : v >= min) && (openMax ? v < max : v <= max),
            fileAliases);
    }

    /// <summary>
    /// A finite real number from <paramref name="min"/> up, or — when <paramref name="auto"/> says what it means — the word
    /// <c>auto</c> (null: the model chooses the value from the data). Without <paramref name="auto"/> null is not allowed, so
    /// kinds that share the name keep one value type whether or not they can choose it.
    /// </summary>
    public static Hyperparameter<double?> RealOrAuto(string name, double? defaultValue, double min, string help, string? auto = null, params string[] fileAliases)
    {
        string range = $"a number ≥ {Text(min)}" + (auto is null ? "" : $", or auto ({auto})");
        return new Hyperparameter<double?>(name, help, defaultValue, range, [],
            parse: text => text.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase) ? null
                : double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw new FormatException(),
            format: v => v is { } x ? Text(x) : "auto",
            toJson: v => v is { } x ? JsonValue.Create(x) : JsonValue.Create("auto"),
            fromJson: node => node is JsonValue j && j.GetValueKind() == JsonValueKind.Number && j.TryGetValue(out double v) ? v
                : node is JsonValue s && s.GetValueKind() == JsonValueKind.String && s.GetValue<string>() == "auto" ? null
                : throw new FormatException(auto is null ? "must be a number" : "must be a number or \"auto\""),
            check: v => v is { } x ? double.IsFinite(x) && x >= min : auto is not null,
            fileAliases);
    }

    /// <summary>true or false.</summary>
    public static Hyperparameter<bool> Flag(string name, bool defaultValue, string help, params string[] fileAliases) =>
        new(name, help, defaultValue, "true or false", ["true", "false"],
            parse: text => text.Trim().ToLowerInvariant() switch { "true" or "yes" or "1" => true, "false" or "no" or "0" => false, _ => throw new FormatException() },
            format: v => v ? "true" : "false",
            toJson: v => JsonValue.Create(v),
            fromJson: node => node is JsonValue j && j.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? j.GetValue<bool>() : throw new FormatException("must be true or false"),
            check: _ => true,
            fileAliases);

    /// <summary>
    /// One of a closed set of names. <paramref name="synonyms"/> maps other spellings (such as those of older model files)
    /// to a choice.
    /// </summary>
    public static Hyperparameter<string> Choice(string name, string defaultValue, IReadOnlyList<string> choices, string help, IReadOnlyDictionary<string, string>? synonyms = null, params string[] fileAliases)
    {
        ArgumentNullException.ThrowIfNull(choices);
        string Canonical(string text)
        {
            string t = text.Trim().ToLowerInvariant();
            return choices.Contains(t) ? t : synonyms is not null && synonyms.TryGetValue(t, out var s) ? s : throw new FormatException();
        }

        return new Hyperparameter<string>(name, help, defaultValue, $"one of {string.Join(", ", choices)}", choices,
            parse: Canonical,
            format: v => v,
            toJson: v => JsonValue.Create(v),
            fromJson: node => node is JsonValue j && j.GetValueKind() == JsonValueKind.String ? Canonical(j.GetValue<string>()) : throw new FormatException($"must be one of {string.Join(", ", choices)}"),
            check: choices.Contains,
            fileAliases);
    }

    /// <summary>A list of whole numbers, each at least <paramref name="min"/>, written comma-separated (<c>64,32</c>); <c>none</c> is the empty list.</summary>
    public static Hyperparameter<IReadOnlyList<int>> IntList(string name, IReadOnlyList<int> defaultValue, int min, string help, params string[] fileAliases) =>
        new(name, help, defaultValue, $"whole numbers ≥ {min}, comma-separated, or none", [],
            parse: text =>
            {
                string t = text.Trim();
                if (t.Length == 0 || t.Equals("none", StringComparison.OrdinalIgnoreCase))
                {
                    return [];
                }

                return [.. t.Split(',').Select(p => int.TryParse(p.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : throw new FormatException())];
            },
            format: v => v.Count == 0 ? "none" : string.Join(",", v.Select(i => i.ToString(CultureInfo.InvariantCulture))),
            toJson: v => new JsonArray([.. v.Select(i => (JsonNode)i)]),
            fromJson: node => node is JsonArray a
                ? [.. a.Select(e => e is JsonValue j && j.GetValueKind() == JsonValueKind.Number && j.TryGetValue(out int v) ? v : throw new FormatException("must be an array of whole numbers"))]
                : throw new FormatException("must be an array of whole numbers"),
            check: v => v is not null && v.All(i => i >= min),
            fileAliases);

    /// <summary>
    /// Text that a library parser reads (an activation such as <c>leaky-relu(0.1)</c>, a schedule such as <c>step(10,0.5)</c>):
    /// <paramref name="canonical"/> returns the text in its one spelling, or throws <see cref="FormatException"/>.
    /// </summary>
    public static Hyperparameter<string> Text(string name, string defaultValue, string range, Func<string, string> canonical, string help, params string[] fileAliases) =>
        Text(name, defaultValue, range, canonical, help, null, null, fileAliases);

    /// <summary>
    /// Text that a library parser reads, stored in model files by <paramref name="toJson"/> and read back by
    /// <paramref name="fromJson"/> (for values files hold as numbers or arrays); null for a JSON string.
    /// </summary>
    public static Hyperparameter<string> Text(string name, string defaultValue, string range, Func<string, string> canonical, string help,
        Func<string, JsonNode?>? toJson, Func<JsonNode?, string>? fromJson, params string[] fileAliases)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        bool Valid(string v)
        {
            try
            {
                return v is not null && canonical(v) == v;
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                return false;
            }
        }

        return new Hyperparameter<string>(name, help, defaultValue, range, [],
            parse: canonical,
            format: v => v,
            toJson: toJson ?? (v => JsonValue.Create(v)),
            fromJson: fromJson ?? (node => node is JsonValue j && j.GetValueKind() == JsonValueKind.String ? canonical(j.GetValue<string>()) : throw new FormatException($"must be {range}")),
            check: Valid,
            fileAliases);
    }

    /// <summary>Shortest round-trip text of a number.</summary>
    internal static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
