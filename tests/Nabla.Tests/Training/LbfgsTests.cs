using Nabla.Training;

namespace Nabla.Tests.Training;

public class LbfgsTests
{
    [Fact]
    public void Minimizes_the_rosenbrock_function()
    {
        // f = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1), from the classic start (−1.2, 1).
        static double Rosenbrock(ReadOnlySpan<double> p, Span<double> g)
        {
            double x = p[0], y = p[1];
            g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
            g[1] = 200 * (y - x * x);
            return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
        }

        var result = Lbfgs.Minimize(Rosenbrock, [-1.2, 1], new LbfgsOptions { GradientTolerance = 1e-10 });
        Assert.True(result.Converged);
        Assert.Equal(1, result.Point[0], 1e-9);
        Assert.Equal(1, result.Point[1], 1e-9);
        Assert.InRange(result.Iterations, 10, 100);

        // Every accepted step satisfies sufficient decrease, so f never rises.
        for (int i = 1; i < result.ValueHistory.Count; i++)
        {
            Assert.True(result.ValueHistory[i] <= result.ValueHistory[i - 1]);
        }
    }

    [Fact]
    public void Solves_a_convex_quadratic_exactly()
    {
        // f = ½ xᵀAx − bᵀx with A = diag(1, 10, 100): minimum at x = A⁻¹b.
        double[] a = [1, 10, 100], b = [1, 2, 3];
        var result = Lbfgs.Minimize(
            (p, g) =>
            {
                double f = 0;
                for (int i = 0; i < 3; i++)
                {
                    g[i] = a[i] * p[i] - b[i];
                    f += 0.5 * a[i] * p[i] * p[i] - b[i] * p[i];
                }

                return f;
            },
            [0, 0, 0],
            new LbfgsOptions { GradientTolerance = 1e-12 });
        Assert.True(result.Converged);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(b[i] / a[i], result.Point[i], 1e-12);
        }
    }

    [Fact]
    public void Reports_the_iteration_limit_and_non_finite_values()
    {
        var limited = Lbfgs.Minimize((p, g) => { g[0] = 4 * p[0] * p[0] * p[0]; return Math.Pow(p[0], 4); }, [3], new LbfgsOptions { MaxIterations = 2, GradientTolerance = 0 });
        Assert.Equal(OptimizationStopReason.MaxIterations, limited.StopReason);
        Assert.Equal(2, limited.Iterations);

        var nan = Lbfgs.Minimize((p, g) => { g[0] = double.NaN; return double.NaN; }, [1]);
        Assert.Equal(OptimizationStopReason.NotFinite, nan.StopReason);
        Assert.False(nan.Converged);
    }

    [Fact]
    public void Bad_settings_say_what_is_wrong()
    {
        static double F(ReadOnlySpan<double> p, Span<double> g) { g[0] = 2 * p[0]; return p[0] * p[0]; }
        Assert.Contains("0 < c₁ < c₂ < 1", Assert.Throws<ArgumentOutOfRangeException>(() => Lbfgs.Minimize(F, [1], new LbfgsOptions { Curvature = 1e-5 })).Message);
        Assert.Contains("at least one", Assert.Throws<ArgumentOutOfRangeException>(() => Lbfgs.Minimize(F, [1], new LbfgsOptions { HistorySize = 0 })).Message);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => Lbfgs.Minimize(F, [double.NaN])).Message);
        Assert.Throws<ArgumentException>(() => Lbfgs.Minimize(F, []));
    }
}
