namespace Nabla.Training;

/// <summary>
/// Møller's scaled conjugate gradient (Neural Networks 6, 525–533, 1993), MATLAB's <c>trainscg</c>: conjugate directions
/// pₖ without a line search. The curvature along pₖ comes from a difference of gradients, sₖ = (∇F(θₖ + σₖpₖ) − ∇F(θₖ))/σₖ
/// with σₖ = σ/‖pₖ‖, and a Levenberg–Marquardt-like scale λₖ keeps δₖ = pₖᵀsₖ + λₖ‖pₖ‖² positive; the step is
/// αₖ = μₖ/δₖ with μₖ = pₖᵀrₖ, rₖ = −∇F(θₖ), taken when the comparison Δₖ = 2δₖ(F(θₖ) − F(θₖ + αₖpₖ))/μₖ² is not negative.
/// </summary>
internal static class ScaledConjugateGradient
{
    /// <summary>
    /// Minimizes <paramref name="function"/> from <paramref name="point"/> (updated in place) for at most
    /// <paramref name="maxIterations"/> iterations (each one pass of Møller's steps 2–9, taken or not), stopping when
    /// ‖∇F‖∞ ≤ <paramref name="tolerance"/> or when <paramref name="afterIteration"/> says so.
    /// </summary>
    public static OptimizationResult Minimize(DifferentiableFunction function, double[] point, ScaledConjugateGradientOptions options, int maxIterations, double tolerance, IterationCallback? afterIteration)
    {
        int n = point.Length;
        var gradient = new double[n];
        var r = new double[n];
        var p = new double[n];
        var trial = new double[n];
        var trialGradient = new double[n];
        var history = new List<double>();
        int evaluations = 0;

        double Evaluate(double[] at, double[] g)
        {
            evaluations++;
            return function(at, g);
        }

        double f = Evaluate(point, gradient);
        history.Add(f);
        Negate(gradient, r);
        r.CopyTo(p, 0);
        bool success = true;
        double lambda = options.Lambda, lambdaBar = 0, delta = 0;
        for (int k = 1; ; k++)
        {
            var reason = Vectors.StopReason(f, gradient, tolerance, k > maxIterations);
            if (reason is not null)
            {
                return new([.. point], f, Vectors.MaxAbs(gradient), k - 1, evaluations, reason.Value, [.. history]);
            }

            double pp = Vectors.Dot(p, p);
            double mu = Vectors.Dot(p, r);
            if (!(mu > 0))
            {
                // Rounding (or β) left pₖ no descent direction: restart along the steepest descent.
                r.CopyTo(p, 0);
                (pp, mu, success) = (Vectors.Dot(p, p), Vectors.Dot(r, r), true);
            }

            // 2. Second-order information: sₖ ≈ ∇²F pₖ from a gradient at a short distance along pₖ.
            if (success)
            {
                double sigma = options.Sigma / Math.Sqrt(pp);
                Step(point, sigma, p, trial);
                Evaluate(trial, trialGradient);
                delta = 0;
                for (int i = 0; i < n; i++)
                {
                    delta += p[i] * (trialGradient[i] - gradient[i]);
                }

                delta /= sigma;
            }

            // 3.–4. Scale δₖ, and make it positive (the Hessian made positive definite along pₖ).
            delta += (lambda - lambdaBar) * pp;
            if (delta <= 0)
            {
                lambdaBar = 2 * (lambda - delta / pp);
                delta = -delta + lambda * pp;
                lambda = lambdaBar;
            }

            // 5.–6. The step size, and how well the quadratic model predicted the decrease.
            double alpha = mu / delta;
            Step(point, alpha, p, trial);
            double fTrial = Evaluate(trial, trialGradient);
            // A trial point where F is not finite (an overflow far along pₖ) counts as a clear failure, Δₖ = −1.
            double comparison = double.IsFinite(fTrial) ? 2 * delta * (f - fTrial) / (mu * mu) : -1;

            // 7. A successful reduction: move, and make the next conjugate direction (restarting every n iterations).
            if (comparison >= 0)
            {
                trial.CopyTo(point, 0);
                f = fTrial;
                trialGradient.CopyTo(gradient, 0);
                double rOld = 0; // r_{k+1}ᵀ r_k, before r_k is overwritten
                for (int i = 0; i < n; i++)
                {
                    rOld += -gradient[i] * r[i];
                }

                Negate(gradient, r);
                lambdaBar = 0;
                success = true;
                if (k % n == 0)
                {
                    r.CopyTo(p, 0);
                }
                else
                {
                    double beta = (Vectors.Dot(r, r) - rOld) / mu;
                    for (int i = 0; i < n; i++)
                    {
                        p[i] = r[i] + beta * p[i];
                    }
                }

                if (comparison >= 0.75)
                {
                    lambda /= 4;
                }
            }
            else
            {
                lambdaBar = lambda;
                success = false;
            }

            // 8. A poor prediction: raise the scale (towards shorter, steepest-descent-like steps).
            if (comparison < 0.25)
            {
                lambda += delta * (1 - comparison) / pp;
            }

            history.Add(f);
            if (afterIteration?.Invoke(k, f, point) == true)
            {
                return new([.. point], f, Vectors.MaxAbs(gradient), k, evaluations, OptimizationStopReason.Stopped, [.. history]);
            }
        }
    }

    private static void Step(ReadOnlySpan<double> from, double alpha, ReadOnlySpan<double> direction, Span<double> to)
    {
        for (int i = 0; i < from.Length; i++)
        {
            to[i] = from[i] + alpha * direction[i];
        }
    }

    private static void Negate(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = -x[i];
        }
    }
}
