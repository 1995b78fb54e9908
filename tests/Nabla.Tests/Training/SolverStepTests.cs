using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Tests.Linear.Fixtures;
using Nabla.Training;

namespace Nabla.Tests.Training;

/// <summary>Single steps of the full-batch solvers against values computed by hand or independently of the solver's code.</summary>
public class SolverStepTests
{
    [Fact]
    public void Rprop_steps_adapt_each_weight_by_the_sign_of_its_gradient()
    {
        var o = new RpropOptions();
        var state = new Rprop.State(3, o);
        double[] w = [1, -2, 0.5];

        // First step: no previous gradient, every Δ is Δ₀ = 0.1, and a zero gradient does not move its weight.
        state.Step(w, [0.3, -0.1, 0], value: 5);
        Near([0.9, -1.9, 0.5], w, 1e-15);
        Assert.Equal([0.1, 0.1, 0.1], state.Steps);

        // Second step, the error rose: weight 0 kept its sign (Δ × η⁺ = 0.12), weight 1 flipped (Δ × η⁻ = 0.05, the last change
        // is taken back, its gradient forgotten), weight 2 had no previous gradient (Δ stays 0.1).
        state.Step(w, [0.2, 0.4, 0.7], value: 6);
        Near([0.12, 0.05, 0.1], state.Steps, 1e-15);
        Near([0.9 - 0.12, -2.0, 0.4], w, 1e-15);
        Assert.Equal([0.2, 0, 0.7], state.PreviousGradient);

        // Third step, the error fell: weight 0 flips (Δ = 0.06, no backtracking as the error fell, weight unchanged), weight 1 starts
        // afresh (Δ stays 0.05, moves against the gradient), weight 2 keeps its sign (Δ = 0.12).
        state.Step(w, [-0.5, 0.3, 0.2], value: 4);
        Near([0.06, 0.05, 0.12], state.Steps, 1e-15);
        Near([0.78, -2.05, 0.28], w, 1e-15);
    }

    [Fact]
    public void Rprop_steps_stay_between_their_bounds()
    {
        var o = new RpropOptions { InitialStep = 1, MinimumStep = 0.01, MaximumStep = 3 };
        var state = new Rprop.State(2, o);
        double[] w = [0, 0];
        for (int t = 0; t < 40; t++)
        {
            // Weight 0's gradient always has one sign; weight 1's flips on every step (a sign change, then a fresh start, …).
            state.Step(w, [1, t % 4 < 2 ? 1 : -1], value: 1);
        }

        Assert.Equal(3, state.Steps[0]);
        Assert.Equal(0.01, state.Steps[1], 1e-15);
        // Weight 0 moved by 1, 1.2, 1.44, …, 2.985984 (seven steps below Δmax), then 33 steps of Δmax = 3.
        Assert.Equal(-(1 + 1.2 + 1.44 + 1.728 + 2.0736 + 2.48832 + 2.985984) - 33 * 3, w[0], 1e-9);
    }

    [Fact]
    public void Scaled_conjugate_gradient_takes_the_exact_line_minimum_first_on_a_quadratic()
    {
        // F(θ) = ½θᵀAθ − bᵀθ: the first direction is r₀ = −∇F(θ₀) and the exact minimum along it is α = r₀ᵀr₀ / r₀ᵀAr₀.
        double[,] a = { { 4, 1, 0.5 }, { 1, 3, -0.2 }, { 0.5, -0.2, 2 } };
        double[] b = [1, -2, 0.5];
        double[] theta0 = [0.3, 0.1, -0.4];
        var (f, r) = (Quadratic(a, b), Residual(a, b, theta0));
        double rr = r.Sum(v => v * v);
        double rar = 0;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                rar += r[i] * a[i, j] * r[j];
            }
        }

        var o = new ScaledConjugateGradientOptions();
        var point = (double[])theta0.Clone();
        var result = ScaledConjugateGradient.Minimize(f, point, o, maxIterations: 1, tolerance: 0, afterIteration: null);

        double exact = rr / rar, scaled = rr / (rar + o.Lambda * rr); // Møller's δ₁ = pᵀAp + λ₁‖p‖²
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(theta0[i] + scaled * r[i], result.Point[i], 1e-10); // sₖ by differences: rounding of order ε/σ
            Assert.Equal(theta0[i] + exact * r[i], result.Point[i], 1e-6);
        }

        // Conjugate directions: the minimum of a 3-dimensional quadratic within a few steps.
        var full = ScaledConjugateGradient.Minimize(f, (double[])theta0.Clone(), o, maxIterations: 10, tolerance: 1e-10, afterIteration: null);
        Assert.Equal(OptimizationStopReason.GradientTolerance, full.StopReason);
        Assert.InRange(full.Iterations, 3, 6);
        var solution = Solve(a, b);
        Near(solution, full.Point, 1e-9);
    }

    public static TheoryData<string, string, int> LmNetworks => new()
    {
        // hidden activation, output activation, outputs
        { "tanh", "identity", 1 },
        { "sigmoid", "sigmoid", 2 },
        { "relu", "softmax", 3 },
    };

    [Theory, MemberData(nameof(LmNetworks))]
    public void A_levenberg_marquardt_step_solves_the_damped_normal_equations_of_a_finite_difference_jacobian(string hidden, string outputActivation, int outputs)
    {
        const double l2 = 0.01, mu = 1e-3;
        var random = new Random(4);
        int n = 6;
        var x = new Matrix<double>(n, 2);
        var y = new Matrix<double>(n, outputs);
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = 2 * random.NextDouble() - 1;
            x[i, 1] = 2 * random.NextDouble() - 1;
            for (int k = 0; k < outputs; k++)
            {
                y[i, k] = outputActivation == "identity" ? Math.Sin(3 * x[i, 0]) + x[i, 1] : random.NextDouble();
            }
        }

        var network = NeuralNetwork<double>.Create([2, 3, outputs], Activation.Parse(hidden), Activation.Parse(outputActivation), Initializer.GlorotUniform, seed: 2);
        var reference = network.Clone();
        double[] theta0 = Flatten(reference);
        int p = theta0.Length;

        // The residuals e = a − y, stacked sample by sample, and their Jacobian by central differences.
        double[] Residuals(double[] theta)
        {
            Unflatten(reference, theta);
            var a = reference.Predict(x);
            return [.. Enumerable.Range(0, n * outputs).Select(j => a[j / outputs, j % outputs] - y[j / outputs, j % outputs])];
        }

        var e = Residuals(theta0);
        var jacobian = new double[e.Length, p];
        for (int j = 0; j < p; j++)
        {
            const double h = 1e-6;
            var plus = (double[])theta0.Clone();
            var minus = (double[])theta0.Clone();
            plus[j] += h;
            minus[j] -= h;
            var (ep, em) = (Residuals(plus), Residuals(minus));
            for (int i = 0; i < e.Length; i++)
            {
                jacobian[i, j] = (ep[i] - em[i]) / (2 * h);
            }
        }

        // mse is c Σe² with c = 1/(n·m); the penalty (λ/2)‖W‖² adds ρ = λ/(2c) to the weights' diagonal and ρw to Jᵀe.
        double rho = l2 / (2.0 / (n * outputs));
        var isWeight = network.Parameters.SelectMany(q => Enumerable.Repeat(q.IsWeight, q.Value.Length)).ToArray();
        var matrix = new double[p, p];
        var rhs = new double[p];
        for (int j = 0; j < p; j++)
        {
            for (int k = 0; k < p; k++)
            {
                for (int i = 0; i < e.Length; i++)
                {
                    matrix[j, k] += jacobian[i, j] * jacobian[i, k];
                }
            }

            matrix[j, j] += isWeight[j] ? rho : 0;
            for (int i = 0; i < e.Length; i++)
            {
                rhs[j] -= jacobian[i, j] * e[i];
            }

            rhs[j] -= isWeight[j] ? rho * theta0[j] : 0;
        }

        // trainlm's damping: μ, then 10μ, 100μ, … until the step lowers F = mse + (λ/2)‖W‖².
        double Objective(double[] theta)
        {
            var r = Residuals(theta);
            return r.Sum(v => v * v) / r.Length + l2 / 2 * theta.Where((_, j) => isWeight[j]).Sum(v => v * v);
        }

        double[] step = [];
        for (double damping = mu; ; damping *= 10)
        {
            var damped = (double[,])matrix.Clone();
            for (int j = 0; j < p; j++)
            {
                damped[j, j] += damping;
            }

            step = Solve(damped, rhs);
            if (Objective([.. theta0.Select((v, j) => v + step[j])]) < Objective(theta0))
            {
                break;
            }
        }

        var problem = new NetworkLeastSquares<double>(network, x, y, new MeanSquaredErrorLoss(), l2);
        var gram = new double[p * p];
        var gradient = new double[p];
        problem.Linearize(theta0, gram, gradient);
        for (int j = 0; j < p; j++)
        {
            Assert.Equal(-rhs[j], gradient[j], 1e-8);
            for (int k = 0; k < p; k++)
            {
                Assert.Equal(matrix[j, k], gram[j * p + k], 1e-8);
            }
        }

        var history = Trainer.Train(network, x, y, new MeanSquaredErrorLoss(), new TrainingOptions
        {
            Solver = TrainingSolver.LevenbergMarquardt,
            Epochs = 1,
            L2 = l2,
            Tolerance = 0,
            LevenbergMarquardt = new LevenbergMarquardtOptions { InitialDamping = mu },
        });

        Assert.Single(history.Epochs);
        var theta1 = Flatten(network);
        for (int j = 0; j < p; j++)
        {
            Assert.Equal(theta0[j] + step[j], theta1[j], 1e-7);
        }
    }

    [Fact]
    public void Lbfgs_on_a_one_layer_network_reaches_scikit_learns_logistic_regression_optimum()
    {
        // A network without hidden layers and a sigmoid output on log-loss + (λ/2)‖w‖² is logistic regression: a convex problem
        // with one minimum, which scikit-learn's LogisticRegression found to 1e-7.
        var x = Matrix<double>.FromRows(SklearnReference.BinaryL2.X);
        var y = Matrix<double>.ColumnVector([.. SklearnReference.BinaryL2.Y.Select(v => (double)v)]);
        var network = NeuralNetwork<double>.Create([x.Columns, 1], Activation.Identity, Activation.Sigmoid, Initializer.Zeros);
        var history = Trainer.Train(network, x, y, new BinaryCrossEntropyLoss(), new TrainingOptions
        {
            Solver = TrainingSolver.Lbfgs,
            Epochs = 1000,
            L2 = SklearnReference.BinaryL2.L2Penalty,
            Tolerance = 1e-10,
        });

        Assert.Equal(OptimizationStopReason.GradientTolerance, history.StopReason);
        // scikit-learn's own solution is 2.5e-6 from the exact one (its L-BFGS-B stops on the decrease of f): its objective is
        // equal to second order, the coefficients are compared with the exact optimum.
        double w2 = network.Layers[0].Weights.AsReadOnlySpan().ToArray().Sum(v => v * v);
        Assert.Equal(SklearnReference.BinaryL2.Objective, history.Losses[^1] + SklearnReference.BinaryL2.L2Penalty / 2 * w2, 1e-10);
        Near(SklearnReference.BinaryL2.ExactCoefficients[0], network.Layers[0].Weights.Row(0).ToArray(), 1e-8);
        Assert.Equal(SklearnReference.BinaryL2.ExactIntercepts[0], network.Layers[0].Bias[0, 0], 1e-8);
    }

    private static void Near(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    private static DifferentiableFunction Quadratic(double[,] a, double[] b) => (theta, gradient) =>
    {
        double f = 0;
        for (int i = 0; i < b.Length; i++)
        {
            double ai = 0;
            for (int j = 0; j < b.Length; j++)
            {
                ai += a[i, j] * theta[j];
            }

            gradient[i] = ai - b[i];
            f += 0.5 * theta[i] * ai - b[i] * theta[i];
        }

        return f;
    };

    private static double[] Residual(double[,] a, double[] b, double[] theta) =>
        [.. Enumerable.Range(0, b.Length).Select(i => b[i] - Enumerable.Range(0, b.Length).Sum(j => a[i, j] * theta[j]))];

    /// <summary>A x = b by Gaussian elimination with partial pivoting, written here so the test does not use the library's.</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (int c = 0; c < n; c++)
        {
            int pivot = Enumerable.Range(c, n - c).MaxBy(r => Math.Abs(m[r, c]));
            for (int k = 0; k < n; k++)
            {
                (m[c, k], m[pivot, k]) = (m[pivot, k], m[c, k]);
            }

            (x[c], x[pivot]) = (x[pivot], x[c]);
            for (int r = c + 1; r < n; r++)
            {
                double factor = m[r, c] / m[c, c];
                for (int k = c; k < n; k++)
                {
                    m[r, k] -= factor * m[c, k];
                }

                x[r] -= factor * x[c];
            }
        }

        for (int r = n - 1; r >= 0; r--)
        {
            for (int k = r + 1; k < n; k++)
            {
                x[r] -= m[r, k] * x[k];
            }

            x[r] /= m[r, r];
        }

        return x;
    }

    private static double[] Flatten(NeuralNetwork<double> network) => [.. network.Parameters.SelectMany(q => q.Value.AsReadOnlySpan().ToArray())];

    private static void Unflatten(NeuralNetwork<double> network, double[] theta)
    {
        int offset = 0;
        foreach (var q in network.Parameters)
        {
            theta.AsSpan(offset, q.Value.Length).CopyTo(q.Value.AsSpan());
            offset += q.Value.Length;
        }
    }
}
