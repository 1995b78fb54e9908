using Nabla.Playground.Engine;

namespace Nabla.Playground.Tests.Engine;

public class PlaygroundSettingsTests
{
    [Fact]
    public void The_query_string_reads_back_to_the_same_settings()
    {
        var settings = new PlaygroundSettings
        {
            Dataset = DatasetKind.Spiral, Points = 1200, Noise = 35, TrainPercent = 80, BatchSize = 25, Seed = -3,
            Inputs = [InputFeature.X1, InputFeature.SinX2, InputFeature.X1X2], Hidden = [16, 16, 2], Activation = "relu",
            LearningRate = 0.003, Optimizer = "adam", Regularization = Regularization.L1, RegularizationRate = 0.03, ShowTest = true, Discretize = true,
        };

        var back = PlaygroundSettings.FromQuery("?" + settings.ToQuery(), out var problems);

        Assert.Empty(problems);
        Assert.Equal(settings.ToQuery(), back.ToQuery());
        Assert.Equal([InputFeature.X1, InputFeature.SinX2, InputFeature.X1X2], back.Inputs);
        Assert.Equal([16, 16, 2], back.Hidden);
        Assert.Equal(0.003, back.LearningRate);
        Assert.Equal(Regularization.L1, back.Regularization);
        Assert.Equal(-3, back.Seed);
        Assert.True(back.Discretize);
    }

    [Fact]
    public void A_value_that_cannot_be_read_keeps_its_default_and_is_named()
    {
        var s = PlaygroundSettings.FromQuery("data=moons&hidden=3,0&act=swish&x=x1,cos(x2)&lr=abc&colour=red", out var problems);

        Assert.Equal(DatasetKind.Moons, s.Dataset);
        Assert.Equal([4, 2], s.Hidden);
        Assert.Equal("tanh", s.Activation);
        Assert.Equal([InputFeature.X1, InputFeature.X2], s.Inputs);
        Assert.Equal(5, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("'hidden=3,0' in the link was not used (expected a whole number from 1 to 4096)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("no feature 'cos(x2)'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("'colour=red'", StringComparison.Ordinal));
    }
}
