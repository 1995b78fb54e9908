using System.Text.Json.Nodes;
using Nabla.Linear;
using Nabla.Models;
using Nabla.Serialization;
using Nabla.Tensors;

namespace Nabla.Tests.Serialization;

/// <summary>Every label type a model file keeps, written and read without reflection-based JSON (so trimmed and Native AOT apps can load them).</summary>
public sealed class LabelTypeModelFileTests
{
    public enum Weather { Sun = 3, Rain = -7 }

    public enum Huge : ulong { Small = 1, Top = ulong.MaxValue }

    private sealed record Custom(int Id) : IComparable<Custom>
    {
        public int CompareTo(Custom? other) => Id.CompareTo(other?.Id);
    }

    private static readonly Matrix<double> X = Matrix<double>.FromRows([[-2, 0], [-1, 1], [-1.5, -1], [1, 0], [2, 1], [1.5, -1]]);

    private static (JsonArray Stored, TLabel[] Read) RoundTrip<TLabel>(TLabel negative, TLabel positive)
        where TLabel : notnull
    {
        TLabel[] y = [negative, negative, negative, positive, positive, positive];
        var model = new LogisticRegression<double, TLabel>(new LogisticRegressionOptions { L2Penalty = 1e-2 }).Fit(X, y);
        string json = ModelFile.ToJson(model);
        var copy = ModelFile.ParseClassifier<double, TLabel>(json, "m.json").Model;
        Assert.Equal(model.Predict(X), copy.Predict(X));
        return (JsonNode.Parse(json)!["classes"]!.AsArray(), [.. copy.Classes]);
    }

    /// <summary>A saved two-class model file whose classes are replaced by <paramref name="classes"/>.</summary>
    private static string FileWithClasses(string classes)
    {
        var model = new LogisticRegression<double, string>(new LogisticRegressionOptions { L2Penalty = 1e-2 }).Fit(X, ["a", "a", "a", "b", "b", "b"]);
        var root = JsonNode.Parse(ModelFile.ToJson(model))!;
        root["classes"] = JsonNode.Parse(classes);
        return root.ToJsonString();
    }

    [Fact]
    public void Strings_chars_and_booleans_round_trip()
    {
        Assert.Equal(["no", "yes"], RoundTrip("no", "yes").Read);
        var (chars, readChars) = RoundTrip('a', 'b');
        Assert.Equal("[\"a\",\"b\"]", chars.ToJsonString());
        Assert.Equal(['a', 'b'], readChars);
        var (bools, readBools) = RoundTrip(false, true);
        Assert.Equal("[false,true]", bools.ToJsonString());
        Assert.Equal([false, true], readBools);
    }

    [Fact]
    public void Numbers_keep_their_value_at_the_ends_of_their_range()
    {
        Assert.Equal([long.MinValue, long.MaxValue], RoundTrip(long.MinValue, long.MaxValue).Read);
        var (ulongs, readUlongs) = RoundTrip(0UL, ulong.MaxValue);
        Assert.Equal("[0,18446744073709551615]", ulongs.ToJsonString());
        Assert.Equal([0UL, ulong.MaxValue], readUlongs);
        Assert.Equal([(sbyte)-128, (sbyte)127], RoundTrip((sbyte)-128, (sbyte)127).Read);
        Assert.Equal([0.1f, 3.4e38f], RoundTrip(0.1f, 3.4e38f).Read);
        Assert.Equal([double.Epsilon, 0.1], RoundTrip(double.Epsilon, 0.1).Read);
        Assert.Equal([0.1m, 79228162514264337593543950335m], RoundTrip(0.1m, decimal.MaxValue).Read);
    }

    [Fact]
    public void Enums_are_stored_as_their_numbers()
    {
        var (weather, read) = RoundTrip(Weather.Rain, Weather.Sun);
        Assert.Equal("[-7,3]", weather.ToJsonString());
        Assert.Equal([Weather.Rain, Weather.Sun], read);
        Assert.Equal([Huge.Small, Huge.Top], RoundTrip(Huge.Small, Huge.Top).Read);
    }

    [Fact]
    public void A_label_type_a_model_file_cannot_keep_is_refused_when_saving()
    {
        Custom[] y = [new(1), new(1), new(1), new(2), new(2), new(2)];
        var model = new LogisticRegression<double, Custom>(new LogisticRegressionOptions { L2Penalty = 1e-2 }).Fit(X, y);
        var e = Assert.Throws<NotSupportedException>(() => ModelFile.ToJson(model));
        Assert.Contains("type Custom", e.Message, StringComparison.Ordinal);
        Assert.Contains("string, a number type, bool or an enum", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[\"no\",\"yes\"]", "classes[0] is \"no\", which cannot be read as Boolean")]
    [InlineData("[0,1]", "classes[0] is 0, which cannot be read as Boolean")]
    public void A_stored_label_that_does_not_fit_the_label_type_is_named(string classes, string expected)
    {
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.ParseClassifier<double, bool>(FileWithClasses(classes), "m.json"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[2.5,3]", "classes[0] is 2.5, which cannot be read as Int32")]
    [InlineData("[1,4294967296]", "classes[1] is 4294967296, which cannot be read as Int32")]
    [InlineData("[\"ab\",\"c\"]", "classes[0] is \"ab\", which cannot be read as Char")]
    public void Numbers_out_of_range_and_long_text_are_named(string classes, string expected)
    {
        string json = FileWithClasses(classes);
        var e = Assert.ThrowsAny<ModelFormatException>(() => expected.EndsWith("Char", StringComparison.Ordinal)
            ? ModelFile.ParseClassifier<double, char>(json, "m.json")
            : (object)ModelFile.ParseClassifier<double, int>(json, "m.json"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
