using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nabla.Serialization;

/// <summary>
/// A class label as a model file stores it: a string, a number or a boolean (an enum as its number, a char as a one-letter
/// string). Written and read without reflection-based serialization, so the model files work in trimmed and Native AOT apps.
/// </summary>
internal static class LabelJson
{
    /// <summary>The JSON value of <paramref name="label"/>.</summary>
    /// <exception cref="NotSupportedException">The label type is not a string, char, boolean, number or enum.</exception>
    public static JsonValue Write<TLabel>(TLabel label)
        where TLabel : notnull => label switch
        {
            string s => JsonValue.Create(s),
            char c => JsonValue.Create(c.ToString()),
            bool b => JsonValue.Create(b),
            Enum e when Convert.GetTypeCode(e) == TypeCode.UInt64 => JsonValue.Create(Convert.ToUInt64(e, CultureInfo.InvariantCulture)),
            Enum e => JsonValue.Create(Convert.ToInt64(e, CultureInfo.InvariantCulture)),
            sbyte or byte or short or ushort or int or uint or long => JsonValue.Create(Convert.ToInt64(label, CultureInfo.InvariantCulture)),
            ulong u => JsonValue.Create(u),
            float f => JsonValue.Create(f),
            double d => JsonValue.Create(d),
            decimal m => JsonValue.Create(m),
            _ => throw new NotSupportedException(
                $"Class labels of type {typeof(TLabel).Name} cannot be stored in a model file, which keeps strings, numbers and booleans: train with labels of type string, a number type, bool or an enum."),
        };

    /// <summary>The model file's <c>label_type</c> of labels written as <paramref name="label"/> is: <c>string</c>, <c>number</c> or <c>boolean</c>.</summary>
    public static string TypeName(JsonValue label) => label.GetValueKind() switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        _ => "boolean",
    };

    /// <summary>The label <paramref name="value"/> holds, as a <typeparamref name="TLabel"/> other than string.</summary>
    /// <exception cref="FormatException">The value does not fit the label type.</exception>
    public static TLabel Read<TLabel>(JsonValue value)
        where TLabel : notnull
    {
        var type = typeof(TLabel);
        var kind = value.GetValueKind();
        object label;
        if (type.IsEnum)
        {
            label = Enum.ToObject(type, Type.GetTypeCode(type) == TypeCode.UInt64 ? value.GetValue<ulong>() : value.GetValue<long>());
        }
        else
        {
            label = Type.GetTypeCode(type) switch
            {
                TypeCode.Char when kind == JsonValueKind.String && value.GetValue<string>() is { Length: 1 } s => s[0],
                TypeCode.Boolean when kind is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
                _ when kind != JsonValueKind.Number => throw new FormatException($"{value.ToJsonString()} is not a {type.Name}"),
                TypeCode.SByte => value.GetValue<sbyte>(),
                TypeCode.Byte => value.GetValue<byte>(),
                TypeCode.Int16 => value.GetValue<short>(),
                TypeCode.UInt16 => value.GetValue<ushort>(),
                TypeCode.Int32 => value.GetValue<int>(),
                TypeCode.UInt32 => value.GetValue<uint>(),
                TypeCode.Int64 => value.GetValue<long>(),
                TypeCode.UInt64 => value.GetValue<ulong>(),
                TypeCode.Single => value.GetValue<float>(),
                TypeCode.Double => value.GetValue<double>(),
                TypeCode.Decimal => value.GetValue<decimal>(),
                _ => throw new FormatException($"{value.ToJsonString()} is not a {type.Name}"),
            };
        }

        return (TLabel)label;
    }
}
