using Nabla.Playground.Engine;
using Xunit.Abstractions;

namespace Nabla.Playground.Tests.Engine;

public class PerceptronStepperTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("separable", 100, 0.05, 1, 1.0)]
    [InlineData("separable", 100, 0.05, 4, 0.1)]
    [InlineData("gaussians", 60, 0.0, 2, 1.0)]
    [InlineData("xor", 24, 0.0, 2, 0.5)]
    public void Epoch_by_epoch_the_steps_give_the_library_perceptron_weights_and_errors(string data, int points, double margin, int seed, double eta)
    {
        var stepper = new PerceptronStepper(PerceptronData.Generate(data, points, margin, seed), eta);
        for (int epoch = 1; epoch <= 30 && !stepper.Converged; epoch++)
        {
            var updates = stepper.FinishEpoch();
            Assert.All(updates, u => Assert.NotEqual(u.Desired, u.Output));
            var library = stepper.LibraryFit(epoch);
            Assert.Equal(library.Weights.AsReadOnlySpan().ToArray(), stepper.Weights);
            Assert.Equal(library.ErrorsPerEpoch, stepper.ErrorsPerEpoch);
            Assert.Equal(library.Converged, stepper.Converged);
        }

        output.WriteLine($"{data} seed {seed}: {stepper.ErrorsPerEpoch.Count} epochs, {stepper.Updates} updates, errors {string.Join(" ", stepper.ErrorsPerEpoch)}");
        Assert.True(stepper.Updates >= 2);
        if (data == "separable")
        {
            Assert.True(stepper.Converged);
        }
    }

    [Fact]
    public void An_update_is_eta_times_d_minus_y_times_the_point_with_its_bias_input()
    {
        var points = new PointSet([2.0, -1.0], [1.0, 3.0], [0.0, 1.0], [false, false], regression: false);
        var stepper = new PerceptronStepper(points, 0.5);

        var first = stepper.Present()!;   // w = 0: wᵀx = 0 ≥ 0 gives y = +1, but d = −1: w ← 0 + 0.5·(−2)·[1, 2, 1]
        Assert.Equal((-1, 1), (first.Desired, first.Output));
        Assert.Equal([-1.0, -2.0, -1.0], first.After);

        var second = stepper.Present()!;  // wᵀx = −1 + 2 − 3 = −2 gives y = −1, d = +1: w ← w + 0.5·2·[1, −1, 3]
        Assert.Equal([0.0, -3.0, 2.0], second.After);
        Assert.Equal([2], stepper.ErrorsPerEpoch);
        Assert.Equal(2, stepper.Epoch);
    }
}
