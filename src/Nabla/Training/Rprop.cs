namespace Nabla.Training;

/// <summary>
/// iRprop+ (Igel and Hüsken 2000, "Improving the Rprop learning algorithm"): resilient backpropagation with weight
/// backtracking, on a full-batch objective. Each parameter θᵢ keeps its own step Δᵢ, which grows by η⁺ while ∂F/∂θᵢ keeps its
/// sign and shrinks by η⁻ when it flips; only the gradient's sign moves θᵢ, never its size.
/// </summary>
internal static class Rprop
{
    /// <summary>
    /// Minimizes <paramref name="function"/> from <paramref name="point"/> (updated in place): at most
    /// <paramref name="maxIterations"/> steps, stopping when ‖∇f‖∞ ≤ <paramref name="tolerance"/> or when
    /// <paramref name="afterIteration"/> says so. Each iteration is one step and one evaluation.
    /// </summary>
    public static OptimizationResult Minimize(DifferentiableFunction function, double[] point, RpropOptions options, int maxIterations, double tolerance, IterationCallback? afterIteration)
    {
        var gradient = new double[point.Length];
        var state = new State(point.Length, options);
        var history = new List<double>();
        double f = function(point, gradient);
        int evaluations = 1;
        history.Add(f);
        for (int iteration = 1; ; iteration++)
        {
            var reason = Vectors.StopReason(f, gradient, tolerance, iteration > maxIterations);
            if (reason is not null)
            {
                return new([.. point], f, Vectors.MaxAbs(gradient), iteration - 1, evaluations, reason.Value, [.. history]);
            }

            state.Step(point, gradient, f);
            f = function(point, gradient);
            evaluations++;
            history.Add(f);
            if (double.IsFinite(f) && afterIteration?.Invoke(iteration, f, point) == true)
            {
                return new([.. point], f, Vectors.MaxAbs(gradient), iteration, evaluations, OptimizationStopReason.Stopped, [.. history]);
            }
        }
    }

    /// <summary>The per-parameter state of iRprop+: the steps Δᵢ, the last gradient and change of each θᵢ, the last f.</summary>
    internal sealed class State
    {
        private readonly RpropOptions _options;

        public State(int size, RpropOptions options)
        {
            _options = options;
            Steps = new double[size];
            Array.Fill(Steps, options.InitialStep);
            PreviousGradient = new double[size];
            PreviousChange = new double[size];
        }

        /// <summary>Δᵢ, the current step of each parameter.</summary>
        public double[] Steps { get; }

        /// <summary>∂F/∂θᵢ of the last step (0 after a sign change, so the next step neither grows nor shrinks Δᵢ).</summary>
        public double[] PreviousGradient { get; }

        /// <summary>The change the last step made to each θᵢ (what backtracking takes back).</summary>
        public double[] PreviousChange { get; }

        /// <summary>f at the last step's point; +∞ before the first.</summary>
        public double PreviousValue { get; private set; } = double.PositiveInfinity;

        /// <summary>One iRprop+ step of <paramref name="point"/> from its gradient <paramref name="gradient"/> and value <paramref name="value"/>.</summary>
        public void Step(Span<double> point, ReadOnlySpan<double> gradient, double value)
        {
            var o = _options;
            // Backtracking undoes a step only when the error rose: the "+" of iRprop+.
            bool worse = value > PreviousValue;
            for (int i = 0; i < point.Length; i++)
            {
                double g = gradient[i];
                double product = PreviousGradient[i] * g;
                if (product < 0)
                {
                    // The minimum along θᵢ was jumped over: shrink the step, go back if that made f worse, and forget the
                    // gradient so that the next step is taken without changing Δᵢ again.
                    Steps[i] = Math.Max(Steps[i] * o.Decrease, o.MinimumStep);
                    if (worse)
                    {
                        point[i] -= PreviousChange[i];
                    }

                    PreviousChange[i] = 0;
                    PreviousGradient[i] = 0;
                    continue;
                }

                if (product > 0)
                {
                    Steps[i] = Math.Min(Steps[i] * o.Increase, o.MaximumStep);
                }

                double change = -Math.Sign(g) * Steps[i];
                point[i] += change;
                PreviousChange[i] = change;
                PreviousGradient[i] = g;
            }

            PreviousValue = value;
        }
    }
}
