using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Tests.Training;

/// <summary>Each optimizer's update against steps computed by hand.</summary>
public class OptimizerStepTests
{
    private const double Tolerance = 1e-12;

    private static (Parameter<double> W, Parameter<double> B) Parameters()
    {
        var w = new Parameter<double>("W1", Matrix<double>.RowVector([1.0, 2.0]), Matrix<double>.RowVector([0.5, -1.0]));
        var b = new Parameter<double>("b1", Matrix<double>.RowVector([1.0]), Matrix<double>.RowVector([0.5]));
        return (w, b);
    }

    [Fact]
    public void Gradient_descent_subtracts_alpha_times_gradient()
    {
        var (w, b) = Parameters();
        new GradientDescent(0.1).Step<double>([w, b]);
        Assert.Equal(0.95, w.Value[0, 0], Tolerance);
        Assert.Equal(2.1, w.Value[0, 1], Tolerance);
        Assert.Equal(0.95, b.Value[0, 0], Tolerance);
    }

    [Fact]
    public void Momentum_accumulates_velocity()
    {
        var (w, _) = Parameters();
        var optimizer = new Momentum(0.1, 0.9);
        optimizer.Step<double>([w]);   // v = g = 0.5, w = 1 − 0.05
        Assert.Equal(0.95, w.Value[0, 0], Tolerance);
        optimizer.Step<double>([w]);   // v = 0.9·0.5 + 0.5 = 0.95, w = 0.95 − 0.095
        Assert.Equal(0.855, w.Value[0, 0], Tolerance);
        Assert.Equal(2.0 + 0.1 + 0.19, w.Value[0, 1], Tolerance);
    }

    [Fact]
    public void Nesterov_steps_along_gradient_plus_momentum_times_velocity()
    {
        var (w, _) = Parameters();
        var optimizer = new Momentum(0.1, 0.9, nesterov: true);
        optimizer.Step<double>([w]);   // v = 0.5; w = 1 − 0.1(0.5 + 0.45)
        Assert.Equal(0.905, w.Value[0, 0], Tolerance);
        optimizer.Step<double>([w]);   // v = 0.95; w = 0.905 − 0.1(0.5 + 0.855)
        Assert.Equal(0.7695, w.Value[0, 0], Tolerance);
    }

    [Fact]
    public void Adam_first_steps_have_size_alpha_thanks_to_bias_correction()
    {
        var (w, _) = Parameters();
        var optimizer = new Adam(0.1);
        optimizer.Step<double>([w]);
        // m̂ = g, v̂ = g², so the step is α·g/(|g| + ε) ≈ α·sign(g).
        Assert.Equal(0.9, w.Value[0, 0], 1e-7);
        Assert.Equal(2.1, w.Value[0, 1], 1e-7);
        optimizer.Step<double>([w]);
        Assert.Equal(0.8, w.Value[0, 0], 1e-7);
        Assert.Equal(2L, optimizer.Steps);
    }

    [Fact]
    public void AdamW_decays_weights_outside_the_moments()
    {
        var (w, b) = Parameters();
        new AdamW(0.1, weightDecay: 0.1).Step<double>([w, b]);
        Assert.Equal(0.99 - 0.1, w.Value[0, 0], 1e-7);
        Assert.Equal(0.9, b.Value[0, 0], 1e-7);
    }

    [Fact]
    public void Reset_forgets_state()
    {
        var (w, _) = Parameters();
        var optimizer = new Momentum(0.1, 0.9);
        optimizer.Step<double>([w]);
        optimizer.Reset();
        w.Value[0, 0] = 1;
        optimizer.Step<double>([w]);
        Assert.Equal(0.95, w.Value[0, 0], Tolerance);
    }

    [Fact]
    public void Float_parameters_update_too()
    {
        var w = new Parameter<float>("W1", Matrix<float>.RowVector([1f]), Matrix<float>.RowVector([0.5f]));
        new Momentum(0.1, 0.9).Step<float>([w]);
        Assert.Equal(0.95f, w.Value[0, 0], 1e-6f);
    }

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 1.0)]
    [InlineData(3, 0.5)]
    [InlineData(5, 0.25)]
    public void Step_schedule_multiplies_by_gamma_every_n_epochs(int epoch, double factor) =>
        Assert.Equal(factor, LearningRateSchedule.Step(2, 0.5).Factor(epoch, 10), Tolerance);

    [Fact]
    public void Cosine_schedule_goes_from_one_to_the_minimum()
    {
        var cosine = LearningRateSchedule.Cosine(0.1);
        Assert.Equal(1.0, cosine.Factor(1, 3), Tolerance);
        Assert.Equal(0.1 + 0.9 * 0.5, cosine.Factor(2, 3), Tolerance);
        Assert.Equal(0.1, cosine.Factor(3, 3), Tolerance);
    }

    [Fact]
    public void BeginEpoch_applies_the_schedule()
    {
        var optimizer = new GradientDescent(0.2) { Schedule = LearningRateSchedule.Step(1, 0.5) };
        optimizer.BeginEpoch(3, 10);
        Assert.Equal(0.05, optimizer.CurrentLearningRate, Tolerance);
    }

    [Theory]
    [InlineData("sgd", typeof(GradientDescent))]
    [InlineData("momentum", typeof(Momentum))]
    [InlineData("nesterov", typeof(Momentum))]
    [InlineData("adam", typeof(Adam))]
    [InlineData("adamw", typeof(AdamW))]
    public void Create_by_name(string name, Type type)
    {
        var optimizer = Optimizer.Create(Optimizer.ParseKind(name), 0.01);
        Assert.IsType(type, optimizer);
        Assert.Equal(name, optimizer.Name);
    }

    [Fact]
    public void Bad_hyperparameters_are_refused_with_a_reason()
    {
        Assert.Contains("learning rate", Assert.Throws<ArgumentOutOfRangeException>(() => new GradientDescent(0)).Message);
        Assert.Contains("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new Momentum(0.1, 1.0)).Message);
        Assert.Contains("Use one of", Assert.Throws<FormatException>(() => Optimizer.ParseKind("rmsprop")).Message);
        Assert.Contains("cosine", Assert.Throws<FormatException>(() => LearningRateSchedule.Parse("linear")).Message);
    }
}
