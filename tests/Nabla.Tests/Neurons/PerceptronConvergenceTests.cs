using Nabla.Neurons;
using Nabla.Tensors;
using Nabla.Tests.TestSupport;

namespace Nabla.Tests.Neurons;

/// <summary>
/// The convergence theorem's figures against margins worked out by hand: the maximum margin of the augmented inputs
/// [+1, x] is the distance from the origin to the convex hull of the d(n)·x(n).
/// </summary>
public class PerceptronConvergenceTests
{
    [Fact]
    public void Two_points_on_a_line_give_the_hand_margin_and_bound()
    {
        // z = d·[1, x]: [−1, 0] and [1, 2]; the hull's nearest point to 0 is [−1/2, 1/2], so γ = 1/√2; R = ‖[1, 2]‖ = √5.
        var p = new Perceptron<double, int>(new PerceptronOptions { MaxEpochs = 100 }).Fit(Matrix<double>.ColumnVector([0.0, 2.0]), [0, 1]);

        Assert.True(p.Converged);
        var c = Assert.IsType<PerceptronConvergence>(p.Convergence);
        Assertions.Close(Math.Sqrt(5), c.Radius, 1e-15, "R");
        Assertions.Close(1 / Math.Sqrt(2), c.Margin, 1e-6, "γ");
        Assert.InRange(c.MarginUpperBound, c.Margin, c.Margin * (1 + 1e-5));
        Assertions.Close(10, c.Bound, 1e-4, "(R/γ)² = 5 / ½");
        Assert.Equal(p.Updates, c.Updates);
        Assert.True(c.WithinBound);
    }

    [Fact]
    public void A_symmetric_pair_needs_no_bias()
    {
        // z = [−1, 1] and [1, 1]: nearest hull point [0, 1], γ = 1; R = √2, bound 2.
        var p = new Perceptron<double, string>(new PerceptronOptions()).Fit(Matrix<double>.ColumnVector([-1.0, 1.0]), ["neg", "pos"]);
        Assertions.Close(1, p.Convergence!.Margin, 1e-6);
        Assertions.Close(2, p.Convergence.Bound, 1e-5);
    }

    [Fact]
    public void Updates_never_exceed_the_bound_on_separable_data_and_nothing_is_claimed_otherwise()
    {
        var random = new Random(4);
        for (int trial = 0; trial < 20; trial++)
        {
            var rows = new double[40][];
            var labels = new int[40];
            for (int i = 0; i < 40; i++)
            {
                double a = 4 * random.NextDouble() - 2, b = 4 * random.NextDouble() - 2;
                labels[i] = a + 2 * b - 0.3 > 0 ? 1 : 0;
                rows[i] = [a + (labels[i] == 1 ? 0.2 : -0.2), b];
            }

            var p = new Perceptron<double, int>(new PerceptronOptions { MaxEpochs = 10_000, Shuffle = true, Seed = trial }).Fit(rows, labels);
            Assert.True(p.Converged);
            var c = p.Convergence!;
            Assert.True(c.Updates <= c.Bound, $"{c.Updates} updates > bound {c.Bound}");

            // γ is a margin some unit w attains, so no sample lies closer to its hyperplane: the learned w's margin is at most γ.
            var w = p.Weights.Row(0).ToArray();
            double norm = Math.Sqrt(w.Sum(v => v * v));
            double learned = Enumerable.Range(0, 40).Min(i => (labels[i] == 1 ? 1 : -1) * (w[0] + w[1] * rows[i][0] + w[2] * rows[i][1])) / norm;
            Assert.True(learned <= c.MarginUpperBound + 1e-12);
        }

        var xor = new Perceptron<double, int>(new PerceptronOptions { MaxEpochs = 50 }).Fit([[0.0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]);
        Assert.Null(xor.Convergence);
    }
}
