namespace Nabla.Training;

/// <summary>
/// Limited-memory BFGS (Nocedal and Wright, Numerical Optimization, 2nd ed., Algorithm 7.5): the search direction
/// p = −H∇f uses an inverse-Hessian approximation H built from the last m steps sₖ = xₖ₊₁ − xₖ and gradient changes
/// yₖ = ∇fₖ₊₁ − ∇fₖ by the two-loop recursion, with H₀ = (sᵀy / yᵀy) I. Steps satisfy the strong Wolfe conditions
/// (line search of Algorithms 3.5 and 3.6 with cubic interpolation), which keep sᵀy &gt; 0 and so H positive definite.
/// Stops when ‖∇f‖∞ ≤ the tolerance, at the iteration limit, or when the caller's iteration callback says so.
/// </summary>
/// <remarks>Besides the result, an iteration allocates nothing: the (s, y) pairs live in arrays made once and reused.</remarks>
public static class Lbfgs
{
    /// <summary>Minimizes <paramref name="function"/> from <paramref name="initial"/>.</summary>
    /// <param name="function">f and ∇f.</param>
    /// <param name="initial">x₀, finite, at least one coordinate.</param>
    /// <param name="options">Memory, limits and line-search constants; defaults when null.</param>
    /// <param name="afterIteration">
    /// Called after every accepted step with its number, f and x (the last point <paramref name="function"/> was evaluated
    /// at); true stops the run there with <see cref="OptimizationStopReason.Stopped"/>. Null never stops early.
    /// </param>
    /// <exception cref="ArgumentException">The initial point is empty or not finite.</exception>
    public static OptimizationResult Minimize(DifferentiableFunction function, ReadOnlySpan<double> initial, LbfgsOptions? options = null, IterationCallback? afterIteration = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        options ??= new LbfgsOptions();
        options.Validate();
        int n = initial.Length;
        if (n == 0)
        {
            throw new ArgumentException("L-BFGS needs a starting point with at least one coordinate.", nameof(initial));
        }

        foreach (double v in initial)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"The starting point must be finite; it holds {v}.", nameof(initial));
            }
        }

        var search = new Search(function, n, options, afterIteration);
        return search.Run(initial);
    }

    private sealed class Search(DifferentiableFunction function, int n, LbfgsOptions options, IterationCallback? afterIteration)
    {
        private readonly int _m = options.HistorySize;
        private readonly double[][] _s = new double[options.HistorySize][];
        private readonly double[][] _y = new double[options.HistorySize][];
        private readonly double[] _rho = new double[options.HistorySize];
        private readonly double[] _alpha = new double[options.HistorySize];
        private readonly double[] _x = new double[n];
        private readonly double[] _g = new double[n];
        private readonly double[] _p = new double[n];
        private readonly double[] _xTrial = new double[n];
        private readonly double[] _gTrial = new double[n];
        private double[] _sNext = new double[n];
        private double[] _yNext = new double[n];
        private readonly List<double> _history = [];
        private int _count;
        private int _newest = -1;
        private int _evaluations;

        public OptimizationResult Run(ReadOnlySpan<double> initial)
        {
            initial.CopyTo(_x);
            double f = Evaluate(_x, _g);
            _history.Add(f);
            if (!IsFinite(f, _g))
            {
                return Result(f, 0, OptimizationStopReason.NotFinite);
            }

            int iteration = 0;
            while (true)
            {
                if (Vectors.MaxAbs(_g) <= options.GradientTolerance)
                {
                    return Result(f, iteration, OptimizationStopReason.GradientTolerance);
                }

                if (iteration >= options.MaxIterations)
                {
                    return Result(f, iteration, OptimizationStopReason.MaxIterations);
                }

                Direction();
                double slope = Vectors.Dot(_g, _p);
                if (!(slope < 0))
                {
                    // Rounding can spoil H far from the solution: fall back to steepest descent.
                    ResetMemory();
                    Direction();
                    slope = Vectors.Dot(_g, _p);
                }

                // Without curvature information the first step is scaled to length 1 (Nocedal and Wright, §3.5).
                double step = _count == 0 ? Math.Min(1.0, 1.0 / Math.Sqrt(Vectors.Dot(_g, _g))) : 1.0;
                if (!LineSearch(f, slope, step, out double fNew))
                {
                    if (_count > 0)
                    {
                        ResetMemory();
                        continue;
                    }

                    return Result(f, iteration, OptimizationStopReason.LineSearchFailed);
                }

                Remember();
                _xTrial.CopyTo(_x, 0);
                _gTrial.CopyTo(_g, 0);
                f = fNew;
                _history.Add(f);
                iteration++;
                if (!IsFinite(f, _g))
                {
                    return Result(f, iteration, OptimizationStopReason.NotFinite);
                }

                if (afterIteration?.Invoke(iteration, f, _x) == true)
                {
                    return Result(f, iteration, OptimizationStopReason.Stopped);
                }
            }
        }

        private OptimizationResult Result(double f, int iterations, OptimizationStopReason reason) =>
            new([.. _x], f, Vectors.MaxAbs(_g), iterations, _evaluations, reason, [.. _history]);

        private double Evaluate(ReadOnlySpan<double> x, Span<double> g)
        {
            _evaluations++;
            return function(x, g);
        }

        /// <summary>p = −H∇f by the two-loop recursion.</summary>
        private void Direction()
        {
            var q = _p;
            _g.CopyTo(q, 0);
            for (int k = 0, i = _newest; k < _count; k++, i = (i - 1 + _m) % _m)
            {
                _alpha[i] = _rho[i] * Vectors.Dot(_s[i], q);
                Vectors.Axpy(-_alpha[i], _y[i], q);
            }

            if (_count > 0)
            {
                double gamma = Vectors.Dot(_s[_newest], _y[_newest]) / Vectors.Dot(_y[_newest], _y[_newest]);
                Scale(q, gamma);
            }

            for (int k = 0, i = (_newest - _count + 1 + _m) % _m; k < _count; k++, i = (i + 1) % _m)
            {
                double beta = _rho[i] * Vectors.Dot(_y[i], q);
                Vectors.Axpy(_alpha[i] - beta, _s[i], q);
            }

            Scale(q, -1);
        }

        private void Remember()
        {
            var (s, y) = (_sNext, _yNext);
            for (int j = 0; j < n; j++)
            {
                s[j] = _xTrial[j] - _x[j];
                y[j] = _gTrial[j] - _g[j];
            }

            // The Wolfe conditions make sᵀy > 0; a pair without curvature (from the fallback step) would break H.
            double sy = Vectors.Dot(s, y);
            if (!(sy > 1e-12 * Math.Sqrt(Vectors.Dot(s, s) * Vectors.Dot(y, y))))
            {
                return;
            }

            // The pair takes the oldest slot; the arrays it replaces become the spares of the next step.
            _newest = (_newest + 1) % _m;
            (_sNext, _s[_newest]) = (_s[_newest] ?? new double[n], s);
            (_yNext, _y[_newest]) = (_y[_newest] ?? new double[n], y);
            _rho[_newest] = 1 / sy;
            _count = Math.Min(_count + 1, _m);
        }

        private void ResetMemory()
        {
            _count = 0;
            _newest = -1;
        }

        /// <summary>Evaluates φ(α) = f(x + αp) and φ'(α) = ∇f(x + αp)ᵀp into the trial buffers.</summary>
        private (double Phi, double Slope) Phi(double alpha)
        {
            for (int j = 0; j < n; j++)
            {
                _xTrial[j] = _x[j] + alpha * _p[j];
            }

            double phi = Evaluate(_xTrial, _gTrial);
            return (phi, Vectors.Dot(_gTrial, _p));
        }

        /// <summary>
        /// Finds α with φ(α) ≤ φ(0) + c₁αφ'(0) and |φ'(α)| ≤ c₂|φ'(0)| (Algorithm 3.5: expand until the interval brackets
        /// such a step, then zoom). On success the trial buffers hold x + αp and its gradient.
        /// </summary>
        private bool LineSearch(double f0, double slope0, double alpha, out double fNew)
        {
            double c1 = options.SufficientDecrease, c2 = options.Curvature;
            double previous = 0, phiPrevious = f0, slopePrevious = slope0;
            double allowance = RoundingAllowance(f0);
            int budget = options.MaxLineSearchEvaluations;
            for (int i = 0; i < budget; i++)
            {
                var (phi, slope) = Phi(alpha);
                if (!double.IsFinite(phi) || !double.IsFinite(slope) || phi > f0 + c1 * alpha * slope0 + allowance || (i > 0 && phi >= phiPrevious + allowance))
                {
                    return Zoom(f0, slope0, previous, phiPrevious, slopePrevious, alpha, phi, slope, budget - i - 1, out fNew);
                }

                if (Math.Abs(slope) <= -c2 * slope0)
                {
                    fNew = phi;
                    return true;
                }

                if (slope >= 0)
                {
                    return Zoom(f0, slope0, alpha, phi, slope, previous, phiPrevious, slopePrevious, budget - i - 1, out fNew);
                }

                (previous, phiPrevious, slopePrevious) = (alpha, phi, slope);
                alpha *= 2;
            }

            fNew = f0;
            return false;
        }

        /// <summary>Algorithm 3.6: shrinks [lo, hi] (lo the best step so far satisfying sufficient decrease) until a step satisfies both conditions.</summary>
        private bool Zoom(double f0, double slope0, double lo, double phiLo, double slopeLo, double hi, double phiHi, double slopeHi, int budget, out double fNew)
        {
            double c1 = options.SufficientDecrease, c2 = options.Curvature;
            double allowance = RoundingAllowance(f0);
            for (int i = 0; i < budget; i++)
            {
                double alpha = Interpolate(lo, phiLo, slopeLo, hi, phiHi, slopeHi);
                var (phi, slope) = Phi(alpha);
                if (!double.IsFinite(phi) || !double.IsFinite(slope) || phi > f0 + c1 * alpha * slope0 + allowance || phi >= phiLo + allowance)
                {
                    (hi, phiHi, slopeHi) = (alpha, phi, slope);
                }
                else
                {
                    if (Math.Abs(slope) <= -c2 * slope0)
                    {
                        fNew = phi;
                        return true;
                    }

                    if (slope * (hi - lo) >= 0)
                    {
                        (hi, phiHi, slopeHi) = (lo, phiLo, slopeLo);
                    }

                    (lo, phiLo, slopeLo) = (alpha, phi, slope);
                }

                if (Math.Abs(hi - lo) <= 1e-16 * Math.Max(1, Math.Abs(lo)))
                {
                    break;
                }
            }

            // No step met the curvature condition; a step that decreased f enough still makes progress.
            if (lo > 0 && phiLo < f0 + allowance)
            {
                fNew = Phi(lo).Phi;
                return true;
            }

            fNew = f0;
            return false;
        }

        /// <summary>
        /// How much f may rise and still count as "not increased": near the minimum the changes in f fall below the rounding
        /// of f itself, and comparing values alone would stall the search while the gradient still points somewhere useful
        /// (the approximate Wolfe idea of Hager and Zhang). The curvature condition, on gradients, then decides.
        /// </summary>
        private static double RoundingAllowance(double f) => 1e-12 * Math.Abs(f);

        /// <summary>The minimizer of the cubic matching φ and φ' at both ends (Nocedal and Wright eq. 3.59), kept 10% inside the interval.</summary>
        private static double Interpolate(double a, double phiA, double slopeA, double b, double phiB, double slopeB)
        {
            double low = Math.Min(a, b), high = Math.Max(a, b), width = high - low;
            double alpha = double.NaN;
            if (double.IsFinite(phiB) && double.IsFinite(slopeB))
            {
                double d1 = slopeA + slopeB - 3 * (phiA - phiB) / (a - b);
                double radicand = d1 * d1 - slopeA * slopeB;
                if (radicand >= 0)
                {
                    double d2 = Math.Sign(b - a) * Math.Sqrt(radicand);
                    alpha = b - (b - a) * (slopeB + d2 - d1) / (slopeB - slopeA + 2 * d2);
                }
            }

            if (!double.IsFinite(alpha))
            {
                return (a + b) / 2;
            }

            return Math.Clamp(alpha, low + 0.1 * width, high - 0.1 * width);
        }

        private static bool IsFinite(double f, double[] g)
        {
            if (!double.IsFinite(f))
            {
                return false;
            }

            foreach (double v in g)
            {
                if (!double.IsFinite(v))
                {
                    return false;
                }
            }

            return true;
        }

        private static void Scale(Span<double> x, double a)
        {
            for (int i = 0; i < x.Length; i++)
            {
                x[i] *= a;
            }
        }
    }
}
