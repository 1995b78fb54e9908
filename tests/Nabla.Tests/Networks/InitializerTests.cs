using Nabla.Activations;
using Nabla.Networks;
using Nabla.Tensors;

namespace Nabla.Tests.Networks;

public class InitializerTests
{
    public static TheoryData<string> Schemes() => ["zeros", "uniform", "uniform(-2,3)", "glorot-uniform", "glorot-normal", "he-normal", "he-uniform"];

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Same_seed_same_weights_other_seed_other_weights(string scheme)
    {
        var initializer = Initializer.Parse(scheme);
        var (a, b, c) = (new Matrix<double>(7, 5), new Matrix<double>(7, 5), new Matrix<double>(7, 5));

        initializer.Initialize(a, new Random(42));
        initializer.Initialize(b, new Random(42));
        initializer.Initialize(c, new Random(43));

        Assert.True(a.Equals(b));
        Assert.Equal(initializer.Kind != InitializerKind.Zeros, !a.Equals(c));
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Parse_round_trips_ToString(string scheme)
    {
        var initializer = Initializer.Parse(scheme);
        var again = Initializer.Parse(initializer.ToString());

        Assert.Equal(initializer.Kind, again.Kind);
        Assert.Equal(initializer.Low, again.Low);
        Assert.Equal(initializer.High, again.High);
        Assert.Equal(initializer.ToString(), again.ToString());
    }

    [Fact]
    public void Parse_accepts_aliases_and_rejects_unknown_names()
    {
        Assert.Equal(InitializerKind.GlorotUniform, Initializer.Parse("xavier").Kind);
        Assert.Equal(InitializerKind.GlorotUniform, Initializer.Parse(" Glorot ").Kind);
        Assert.Equal(InitializerKind.GlorotNormal, Initializer.Parse("xavier-normal").Kind);
        Assert.Equal(InitializerKind.HeNormal, Initializer.Parse("he").Kind);
        var uniform = Initializer.Parse("uniform(-0.25, 0.75)");
        Assert.Equal((-0.25, 0.75), (uniform.Low, uniform.High));
        Assert.Equal("uniform(-0.5,0.5)", Initializer.Parse("uniform").ToString());

        var e = Assert.Throws<FormatException>(() => Initializer.Parse("lecun"));
        Assert.Contains("'lecun'", e.Message);
        Assert.Contains("glorot-uniform", e.Message);
        Assert.Contains("he-normal", e.Message);
        Assert.Throws<FormatException>(() => Initializer.Parse("uniform(1)"));
    }

    [Fact]
    public void Uniform_draws_stay_in_the_interval_and_fill_it()
    {
        var w = new Matrix<double>(100, 100);
        Initializer.Uniform(-2, 3).Initialize(w, new Random(1));

        var values = w.AsReadOnlySpan().ToArray();
        Assert.All(values, v => Assert.InRange(v, -2, 3));
        Assert.True(values.Min() < -1.99 && values.Max() > 2.99);
        Assert.InRange(values.Average(), 0.45, 0.55);
    }

    [Theory]
    [InlineData(30, 20)]   // W is m^[l] × m^[l−1]: fan_out 30, fan_in 20
    [InlineData(1, 300)]
    [InlineData(300, 1)]
    public void Glorot_uniform_bound_is_sqrt_6_over_fan_in_plus_fan_out(int fanOut, int fanIn)
    {
        var w = new Matrix<double>(fanOut, fanIn);
        Initializer.GlorotUniform.Initialize(w, new Random(2));

        double r = Math.Sqrt(6.0 / (fanIn + fanOut));
        var values = w.AsReadOnlySpan().ToArray();
        Assert.All(values, v => Assert.InRange(v, -r, r));
        Assert.True(values.Max() > 0.95 * r && values.Min() < -0.95 * r, $"draws do not reach ±{r}");
    }

    [Fact]
    public void He_uniform_bound_is_sqrt_6_over_fan_in()
    {
        var w = new Matrix<float>(50, 24);
        Initializer.HeUniform.Initialize(w, new Random(3));

        double r = Math.Sqrt(6.0 / 24);
        var values = w.AsReadOnlySpan().ToArray();
        Assert.All(values, v => Assert.InRange(v, -r, r));
        Assert.True(values.Max() > 0.95 * r && values.Min() < -0.95 * r);
    }

    [Theory]
    [InlineData("he-normal", 400, 500)]
    [InlineData("glorot-normal", 400, 500)]
    public void Normal_initializers_have_the_documented_spread(string scheme, int fanOut, int fanIn)
    {
        var w = new Matrix<double>(fanOut, fanIn);
        Initializer.Parse(scheme).Initialize(w, new Random(4));

        double expectedStd = scheme == "he-normal" ? Math.Sqrt(2.0 / fanIn) : Math.Sqrt(2.0 / (fanIn + fanOut));
        var values = w.AsReadOnlySpan().ToArray();
        double mean = values.Average();
        double std = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Sum() / (values.Length - 1));

        // 200 000 draws: the sample std is within ~0.2% of σ; allow 2%.
        Assert.InRange(std / expectedStd, 0.98, 1.02);
        Assert.InRange(mean / expectedStd, -0.02, 0.02);
    }

    [Fact]
    public void Create_initializes_weights_from_the_seed_and_zeroes_biases()
    {
        var a = NeuralNetwork<double>.Create([3, 5, 2], Activation.Tanh, Activation.Sigmoid, Initializer.GlorotUniform, seed: 9);
        var b = NeuralNetwork<double>.Create([3, 5, 2], Activation.Tanh, Activation.Sigmoid, Initializer.GlorotUniform, seed: 9);
        var c = NeuralNetwork<double>.Create([3, 5, 2], Activation.Tanh, Activation.Sigmoid, Initializer.GlorotUniform, seed: 10);

        for (int i = 0; i < a.Parameters.Count; i++)
        {
            Assert.True(a.Parameters[i].Value.Equals(b.Parameters[i].Value));
        }

        Assert.False(a.Layers[0].Weights.Equals(c.Layers[0].Weights));
        Assert.All(a.Layers, l => Assert.True(l.Bias.Equals(Matrix<double>.Zeros(1, l.Units))));

        // Layer 2 draws after layer 1 from the same stream: the same as drawing both matrices in order.
        var random = new Random(9);
        var (w1, w2) = (new Matrix<double>(5, 3), new Matrix<double>(2, 5));
        Initializer.GlorotUniform.Initialize(w1, random);
        Initializer.GlorotUniform.Initialize(w2, random);
        Assert.True(w1.Equals(a.Layers[0].Weights));
        Assert.True(w2.Equals(a.Layers[1].Weights));
    }

    [Fact]
    public void Uniform_rejects_bad_bounds()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Initializer.Uniform(1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Initializer.Uniform(double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Initializer.Uniform(0, double.PositiveInfinity));
    }
}
