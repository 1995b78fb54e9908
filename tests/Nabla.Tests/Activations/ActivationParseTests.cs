using Nabla.Activations;

namespace Nabla.Tests.Activations;

public class ActivationParseTests
{
    public static TheoryData<Activation> All() =>
    [
        Activation.Identity, Activation.Linear(), Activation.Linear(2, 0.5), Activation.Linear(-1e-3, 1e10), Activation.Step,
        Activation.Sigmoid, Activation.Tanh, Activation.Relu, Activation.LeakyRelu, Activation.LeakyReluWith(0.2),
        Activation.LeakyReluWith(0.123456789012345), Activation.Softmax, Activation.GeneralizedLogistic(), Activation.GeneralizedLogistic(2, 3, -0.5),
        Activation.RandomizedLeakyRelu(), Activation.RandomizedLeakyRelu(0.125, 1.0 / 3),
    ];

    [Theory]
    [MemberData(nameof(All))]
    public void Parse_round_trips_ToString(Activation activation)
    {
        var parsed = Activation.Parse(activation.ToString());

        Assert.Equal(activation.GetType(), parsed.GetType());
        Assert.Equal(activation.ToString(), parsed.ToString());
        Assert.Equal(activation.Name, parsed.Name);
        if (activation.IsElementwise)
        {
            Assert.Equal(activation.Value(-0.3), parsed.Value(-0.3));
        }
    }

    [Fact]
    public void Parameters_are_read_back()
    {
        var linear = Assert.IsType<LinearActivation>(Activation.Parse("linear(2,0.5)"));
        Assert.Equal(2, linear.Alpha);
        Assert.Equal(0.5, linear.Beta);
        var leaky = Assert.IsType<LeakyReluActivation>(Activation.Parse(" Leaky-ReLU( 0.1 ) "));
        Assert.Equal(0.1, leaky.Alpha);
        Assert.Equal("linear(1,0)", Activation.Linear().ToString());
        Assert.Equal("leaky-relu(0.01)", Activation.LeakyRelu.ToString());
    }

    [Fact]
    public void Every_listed_name_parses_and_aliases_are_accepted()
    {
        foreach (string name in Activation.Names)
        {
            Assert.Equal(name, Activation.Parse(name).Name);
        }

        Assert.Same(Activation.Sigmoid, Activation.Parse("logistic"));
        Assert.Same(Activation.LeakyRelu, Activation.Parse("leaky_relu"));
        Assert.Same(Activation.Tanh, Activation.Parse("TANH"));
    }

    [Theory]
    [InlineData("swish")]
    [InlineData("")]
    [InlineData("sigmoid(2)")]
    [InlineData("linear(1)")]
    public void Unknown_names_list_the_valid_ones(string text)
    {
        var e = Assert.Throws<FormatException>(() => Activation.Parse(text));
        Assert.Contains($"'{text}'", e.Message);
        foreach (string name in Activation.Names)
        {
            Assert.Contains(name, e.Message);
        }
    }

    [Theory]
    [InlineData("leaky-relu(0.1")]
    [InlineData("linear(a,b)")]
    [InlineData("relu()")]
    public void Malformed_parameters_are_format_errors(string text)
    {
        var e = Assert.Throws<FormatException>(() => Activation.Parse(text));
        Assert.Contains(text, e.Message);
    }
}
