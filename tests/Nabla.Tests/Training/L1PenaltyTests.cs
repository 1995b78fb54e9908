using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Tests.Training;

public class L1PenaltyTests
{
    [Fact]
    public void One_step_adds_lambda_times_the_sign_of_each_weight_and_leaves_the_bias()
    {
        // One linear unit, one full-batch step of plain gradient descent: w ← w − η(∂L/∂w + λ₁ sign w), b ← b − η ∂L/∂b.
        var layer = new DenseLayer<double>(3, 1, Activation.Identity);
        layer.SetWeights([[0.5, -0.25, 0.0]]);
        layer.SetBias([0.1]);
        var network = new NeuralNetwork<double>(layer);
        var x = Matrix<double>.FromRows([[1.0, 2.0, -1.0], [0.5, -1.0, 2.0]]);
        var y = Matrix<double>.ColumnVector([1.0, -1.0]);
        var loss = new MeanSquaredErrorLoss();

        var probe = network.Clone();
        probe.ComputeGradients(x, y, loss);
        var gradient = probe.Layers[0].WeightGradient.Row(0).ToArray();
        double biasGradient = probe.Layers[0].BiasGradient[0, 0];

        Trainer.Train(network, x, y, loss, new TrainingOptions { Epochs = 1, L1 = 0.2, Optimizer = new GradientDescent(0.1) });

        double[] sign = [1, -1, 0];
        for (int j = 0; j < 3; j++)
        {
            double expected = new[] { 0.5, -0.25, 0.0 }[j] - 0.1 * (gradient[j] + 0.2 * sign[j]);
            Assert.Equal(expected, layer.Weights[0, j], 12);
        }

        Assert.Equal(0.1 - 0.1 * biasGradient, layer.Bias[0, 0], 12);
    }

    [Fact]
    public void A_strong_penalty_drives_useless_weights_to_near_zero()
    {
        // The target depends on the first input only; with L1 the other weights end within one step size of 0.
        var random = new Random(3);
        var rows = Enumerable.Range(0, 200).Select(_ => new[] { random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1 }).ToArray();
        var x = Matrix<double>.FromRows(rows);
        var y = Matrix<double>.ColumnVector([.. rows.Select(r => 2 * r[0])]);
        var network = NeuralNetwork<double>.Create([3, 1], Activation.Identity, Activation.Identity, Initializer.GlorotUniform, seed: 1);

        Trainer.Train(network, x, y, new MeanSquaredErrorLoss(), new TrainingOptions { Epochs = 300, L1 = 0.05, Optimizer = new GradientDescent(0.05) });

        var w = network.Layers[0].Weights;
        Assert.InRange(w[0, 0], 1.8, 2.0);
        Assert.InRange(Math.Abs(w[0, 1]), 0, 0.01);
        Assert.InRange(Math.Abs(w[0, 2]), 0, 0.01);
    }

    [Fact]
    public void Mini_batches_cut_into_shards_give_the_same_weights_as_one_thread()
    {
        var random = new Random(5);
        var rows = Enumerable.Range(0, 256).Select(_ => new[] { random.NextDouble(), random.NextDouble() }).ToArray();
        var x = Matrix<double>.FromRows(rows);
        var y = Matrix<double>.ColumnVector([.. rows.Select(r => r[0] * r[1])]);
        NeuralNetwork<double> Trained(int threads)
        {
            var network = NeuralNetwork<double>.Create([2, 64, 64, 1], Activation.Tanh, Activation.Identity, Initializer.GlorotUniform, seed: 2);
            Trainer.Train(network, x, y, new MeanSquaredErrorLoss(), new TrainingOptions { Epochs = 2, BatchSize = 256, Seed = 1, Threads = threads, L1 = 1e-3, Optimizer = new GradientDescent(0.05) });
            return network;
        }

        // The batch is large enough for the trainer to cut it into shards on two threads (the path under test).
        Assert.NotNull(ParallelStep<double>.For(NeuralNetwork<double>.Create([2, 64, 64, 1], Activation.Tanh, Activation.Identity, Initializer.GlorotUniform, seed: 2), new MeanSquaredErrorLoss(), 256, 2));

        var one = Trained(1);
        var two = Trained(2);
        for (int i = 0; i < one.Parameters.Count; i++)
        {
            var a = one.Parameters[i].Value.AsReadOnlySpan();
            var b = two.Parameters[i].Value.AsReadOnlySpan();
            for (int k = 0; k < a.Length; k++)
            {
                Assert.Equal(a[k], b[k], 9);
            }
        }
    }

    [Fact]
    public void A_negative_penalty_or_one_with_a_full_batch_solver_is_refused_with_the_reason()
    {
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { L1 = -1 }.Validated());
        Assert.Contains("L1 penalty must be 0 or a positive", negative.Message, StringComparison.Ordinal);
        var solver = Assert.Throws<ArgumentException>(() => new TrainingOptions { L1 = 0.1, Solver = TrainingSolver.Lbfgs }.Validated());
        Assert.Contains("not differentiable", solver.Message, StringComparison.Ordinal);
    }
}
