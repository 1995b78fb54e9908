using Nabla.Tensors;

namespace Nabla.Training;

/// <summary>
/// Levenberg–Marquardt as MATLAB's <c>trainlm</c> runs it: at θ with residuals r and Jacobian J, solve
/// (JᵀJ + μI)Δθ = −Jᵀr (Cholesky); take θ + Δθ when it lowers ½‖r‖² and multiply μ by the decrease factor, else multiply μ by the
/// increase factor and solve again, until a step is taken or μ passes its maximum.
/// </summary>
internal static class LevenbergMarquardt
{
    // trainlm keeps μ from underflowing after a long run of successes.
    private const double SmallestDamping = 1e-20;

    /// <summary>
    /// Minimizes <paramref name="problem"/> from <paramref name="point"/> (updated in place) for at most
    /// <paramref name="maxIterations"/> taken steps, stopping when ‖∇F‖∞ ≤ <paramref name="tolerance"/>, when μ passes its
    /// maximum (<see cref="OptimizationStopReason.DampingLimit"/>) or when <paramref name="afterIteration"/> says so. Values
    /// in the result and the callback are F = κ · ½‖r‖².
    /// </summary>
    public static OptimizationResult Minimize(ILeastSquares problem, double[] point, LevenbergMarquardtOptions options, int maxIterations, double tolerance, IterationCallback? afterIteration)
    {
        int n = problem.Size;
        double kappa = problem.Scale;
        var gram = new double[n * n];
        var damped = new double[n * n];
        var factor = new double[n * n];
        var gradient = new double[n];
        var step = new double[n];
        var trial = new double[n];
        var history = new List<double>();
        int evaluations = 1;
        double mu = options.InitialDamping;
        double half = problem.Linearize(point, gram, gradient);
        history.Add(kappa * half);

        OptimizationResult Result(int iterations, OptimizationStopReason reason) =>
            new([.. point], kappa * half, kappa * Vectors.MaxAbs(gradient), iterations, evaluations, reason, [.. history]);

        for (int iteration = 1; ; iteration++)
        {
            // The tolerance is on ∇F = κJᵀr, like the other solvers'.
            var reason = Vectors.StopReason(half, gradient, tolerance / kappa, iteration > maxIterations);
            if (reason is not null)
            {
                return Result(iteration - 1, reason.Value);
            }

            while (true)
            {
                if (mu > options.Maximum)
                {
                    return Result(iteration - 1, OptimizationStopReason.DampingLimit);
                }

                double trialHalf = double.NaN;
                if (Solve(gram, mu, gradient, damped, factor, step, n))
                {
                    for (int i = 0; i < n; i++)
                    {
                        trial[i] = point[i] + step[i];
                    }

                    trialHalf = problem.Value(trial);
                    evaluations++;
                }

                if (trialHalf < half)
                {
                    mu = Math.Max(mu * options.Decrease, SmallestDamping);
                    trial.CopyTo(point, 0);
                    half = problem.Linearize(point, gram, gradient);
                    evaluations++;
                    break;
                }

                // Refused (or JᵀJ + μI not numerically positive definite): lean towards a shorter gradient step.
                mu *= options.Increase;
            }

            history.Add(kappa * half);
            if (double.IsFinite(half) && afterIteration?.Invoke(iteration, kappa * half, point) == true)
            {
                return Result(iteration, OptimizationStopReason.Stopped);
            }
        }
    }

    /// <summary>Δθ = −(JᵀJ + μI)⁻¹ Jᵀr into <paramref name="step"/>; false when the damped matrix does not factor.</summary>
    private static bool Solve(ReadOnlySpan<double> gram, double mu, ReadOnlySpan<double> gradient, Span<double> damped, Span<double> factor, Span<double> step, int n)
    {
        gram.CopyTo(damped);
        for (int i = 0; i < n; i++)
        {
            damped[i * n + i] += mu;
        }

        if (!DenseAlgebra.TryCholesky(damped, n, 0, factor, out _))
        {
            return false;
        }

        for (int i = 0; i < n; i++)
        {
            step[i] = -gradient[i];
        }

        DenseAlgebra.SolveLower(factor, n, step);
        DenseAlgebra.SolveLowerTransposed(factor, n, step);
        return true;
    }
}
