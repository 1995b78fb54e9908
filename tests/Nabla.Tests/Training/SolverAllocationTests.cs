using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Tests.Training;

/// <summary>The solvers' evaluations of the network allocate nothing once their buffers exist.</summary>
public class SolverAllocationTests
{
    [Fact]
    public void Objective_and_least_squares_evaluations_allocate_nothing_in_steady_state()
    {
        var random = new Random(2);
        var x = new Matrix<double>(50, 3);
        var y = new Matrix<double>(50, 2);
        for (int i = 0; i < x.Length; i++)
        {
            x.AsSpan()[i] = random.NextDouble();
        }

        var network = NeuralNetwork<double>.Create([3, 6, 2], Activation.Tanh, Activation.Sigmoid, Initializer.GlorotUniform, 0);
        var objective = new NetworkObjective<double>(network, x, y, new MeanSquaredErrorLoss(), 0.01, threads: 1);
        var problem = new NetworkLeastSquares<double>(network, x, y, new MeanSquaredErrorLoss(), 0.01);
        var point = objective.Point();
        var gradient = new double[point.Length];
        var gram = new double[point.Length * point.Length];

        void Evaluate()
        {
            objective.Evaluate(point, gradient);
            problem.Value(point);
            problem.Linearize(point, gram, gradient);
        }

        Evaluate();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++)
        {
            Evaluate();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
