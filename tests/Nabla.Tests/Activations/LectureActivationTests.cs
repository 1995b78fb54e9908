using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Tests.TestSupport;
using Nabla.Training;

namespace Nabla.Tests.Activations;

/// <summary>
/// The lectures' generalized logistic L/(1 + e^(−k(z − z₀))) and randomized leaky ReLU (random slope in training, its mean
/// in inference), against their formulas written out here.
/// </summary>
public class LectureActivationTests
{
    [Theory]
    [InlineData(1.0, 1.0, 0.0)]
    [InlineData(2.0, 3.0, 0.5)]
    [InlineData(0.5, 0.2, -1.0)]
    public void Generalized_logistic_is_the_lectures_formula(double l, double k, double z0)
    {
        var g = Activation.GeneralizedLogistic(l, k, z0);
        foreach (double z in new[] { -3.0, -0.4, 0.0, z0, 1.7, 40.0 })
        {
            double expected = l / (1 + Math.Exp(-k * (z - z0)));
            Assertions.Close(expected, g.Value(z), 1e-15, $"g({z})");
            // g' = k e^(−k(z−z₀)) L / (1 + e^(−k(z−z₀)))², the quotient rule, not the library's k·a(1 − a/L).
            double e = Math.Exp(-k * (z - z0));
            Assertions.Close(k * e * l / ((1 + e) * (1 + e)), g.Derivative(z, g.Value(z)), 1e-14, $"g'({z})");
        }

        Assertions.Close(l / 2, g.Value(z0), 1e-15, "g(z₀) = L/2");
    }

    [Fact]
    public void Generalized_logistic_with_unit_parameters_is_the_sigmoid_and_checks_its_parameters()
    {
        var z = Matrix<double>.FromRows([[-50.0, -1, 0, 2, 800]]);
        var a = new Matrix<double>(1, 5);
        var s = new Matrix<double>(1, 5);
        Activation.Parse("generalized-logistic").Forward(z, a);
        Activation.Sigmoid.Forward(z, s);
        Assertions.Close(s, a, 1e-15);
        Assert.Throws<ArgumentOutOfRangeException>(() => Activation.GeneralizedLogistic(0, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Activation.GeneralizedLogistic(1, -1, 0));
        Assert.Contains("L > 0", Assert.Throws<FormatException>(() => Activation.Parse("generalized-logistic(1,0,0)")).Message);
    }

    [Fact]
    public void Randomized_leaky_relu_uses_the_mean_slope_in_inference()
    {
        var g = Activation.RandomizedLeakyRelu(0.1, 0.3);
        Assert.Equal(0.2, g.MeanSlope, 15);
        Assert.Equal(-0.4, g.Value(-2.0), 15);
        Assert.Equal(3.0, g.Value(3.0));
        Assert.Equal(-0.005, Activation.Parse("rrelu").Value(-1.0), 15);   // the lectures' slopes below 0.01: U(0, 0.01)
        Assert.Throws<FormatException>(() => Activation.Parse("randomized-leaky-relu(0.3,0.1)"));
    }

    [Fact]
    public void Randomized_leaky_relu_draws_one_slope_per_entry_in_training_and_backpropagates_through_it()
    {
        var layer = new DenseLayer<double>(1, 64, Activation.RandomizedLeakyRelu(0.1, 0.3));
        layer.SetWeights([.. Enumerable.Range(0, 64).Select(i => new[] { i % 2 == 0 ? -1.0 : 1.0 })]);
        var network = new NeuralNetwork<double>(layer, new DenseLayer<double>(64, 1, Activation.Identity));
        network.Layers[1].SetWeights([[.. Enumerable.Repeat(1.0, 64)]]);
        var x = Matrix<double>.FromRows([[2.0], [0.5]]);
        var y = Matrix<double>.FromRows([[0.0], [0.0]]);

        network.Training = true;
        network.ComputeGradients(x, y, new HalfSquaredErrorLoss(Reduction.Sum));
        var z = layer.PreActivation;
        var a = layer.Output;
        var slopes = new List<double>();
        for (int i = 0; i < 2; i++)
        {
            for (int u = 0; u < 64; u++)
            {
                if (z[i, u] < 0)
                {
                    double slope = a[i, u] / z[i, u];
                    Assert.InRange(slope, 0.1, 0.3);
                    slopes.Add(slope);
                    // δ^[1] = (W^[2]ᵀ δ^[2]) ⊙ g'(z), with g' the slope that entry used; W^[2] is all ones.
                    double delta2 = network.Layers[1].Delta[i, 0];
                    Assertions.Close(delta2 * slope, layer.Delta[i, u], 1e-14, "δ^[1]");
                }
                else
                {
                    Assert.Equal(z[i, u], a[i, u]);
                }
            }
        }

        Assert.True(slopes.Distinct().Count() > 50, "each entry draws its own slope");

        // Inference: the mean slope everywhere, whatever Training says.
        var inference = network.Forward(x);
        Assertions.Close(32 * 2 + 32 * (-2 * 0.2), inference[0, 0], 1e-12, "Σ of 32 units at +2 and 32 at −2·0.2");
    }

    [Fact]
    public void Training_with_randomized_leaky_relu_is_seeded_and_differs_from_inference_only_in_the_slopes()
    {
        var x = Matrix<double>.FromRows([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]);
        var y = Matrix<double>.ColumnVector([0.0, 1.0, 1.0, 0.0]);
        NeuralNetwork<double> Train(int seed)
        {
            var net = NeuralNetwork<double>.Create([2, 8, 1], Activation.RandomizedLeakyRelu(0.1, 0.3), Activation.Sigmoid, Initializer.HeNormal, seed: 3);
            Trainer.Train(net, x, y, new BinaryCrossEntropyLoss(), new TrainingOptions { Epochs = 30, Optimizer = new GradientDescent(0.5), Seed = seed });
            return net;
        }

        var first = Train(1);
        Assert.False(first.Training, "the trainer leaves inference mode behind it");
        Assert.Equal(first.Predict(x), Train(1).Predict(x));
        Assert.NotEqual(first.Predict(x), Train(2).Predict(x));
    }
}
