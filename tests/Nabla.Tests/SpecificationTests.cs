using Nabla.Activations;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Tests;

/// <summary>Every text specification the CLI passes on fails with a FormatException that says what is wrong.</summary>
public class SpecificationTests
{
    [Theory]
    [InlineData("leaky-relu(2)", "invalid parameter")]
    [InlineData("leaky-relu(x)", "not a number")]
    [InlineData("leaky-relu(0.1", "unclosed parenthesis")]
    [InlineData("linear(1)", "Unknown activation")]
    public void Bad_activations(string text, string reason) =>
        Assert.Contains(reason, Assert.Throws<FormatException>(() => Activation.Parse(text)).Message);

    [Fact]
    public void Bad_initializer_and_schedule_parameters()
    {
        Assert.Contains("invalid bounds", Assert.Throws<FormatException>(() => Initializer.Parse("uniform(2,1)")).Message);
        Assert.Contains("takes no parameters", Assert.Throws<FormatException>(() => Initializer.Parse("he(2)")).Message);
        Assert.Contains("invalid parameter", Assert.Throws<FormatException>(() => LearningRateSchedule.Parse("step(0)")).Message);
        Assert.Equal("step(10,0.5)", LearningRateSchedule.Parse("step(10,0.5)").ToString());
    }

    [Fact]
    public void A_matrix_too_large_for_one_array_says_so()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Matrix<double>(100_000, 100_000));
        Assert.Contains("more than one array can", e.Message);
    }
}
