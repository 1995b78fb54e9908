using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;

namespace Nabla.Training;

/// <summary>
/// Compares backpropagation's gradients with numerical derivatives for every parameter entry, in double precision. The numerical
/// derivative is the fourth-order central difference (−L(θ + 2ε) + 8L(θ + ε) − 8L(θ − ε) + L(θ − 2ε)) / 12ε, whose truncation
/// error (order ε⁴) is negligible at an ε large enough to keep round-off (order ε_mach·|L|/ε) small.
/// </summary>
public static class GradientCheck
{
    /// <summary>Checks every weight and bias of <paramref name="network"/> on the batch (<paramref name="x"/>, <paramref name="y"/>).</summary>
    /// <param name="network">The network; its parameters are restored exactly afterwards.</param>
    /// <param name="x">Inputs, n × m^[0].</param>
    /// <param name="y">Targets, n × m^[L].</param>
    /// <param name="loss">The loss.</param>
    /// <param name="epsilon">Step ε of the differences; 1e-4 by default.</param>
    /// <param name="floor">
    /// Smallest denominator of the relative error, so that entries whose gradient is ~0 are judged by absolute error; by default
    /// 1e-4·max(1, |L|): the numerical derivative itself carries a round-off of about 1e-11·|L|.
    /// </param>
    public static GradientCheckResult Run(NeuralNetwork<double> network, Matrix<double> x, Matrix<double> y, Loss loss, double epsilon = 1e-4, double? floor = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        if (!(epsilon > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), $"ε must be positive, not {epsilon}.");
        }

        double lossValue = network.ComputeGradients(x, y, loss);
        double denominatorFloor = floor ?? 1e-4 * Math.Max(1, Math.Abs(lossValue));
        var analytic = network.Parameters.Select(p => p.Gradient.Clone()).ToArray();
        var numerical = Numerical(network, x, y, loss, epsilon);
        double maxRel = 0, maxAbs = 0, worstA = 0, worstN = 0;
        string worst = "";
        int count = 0;
        for (int pi = 0; pi < network.Parameters.Count; pi++)
        {
            var p = network.Parameters[pi];
            var values = numerical[pi].AsReadOnlySpan();
            for (int k = 0; k < values.Length; k++)
            {
                double numeric = values[k];
                double a = analytic[pi].AsReadOnlySpan()[k];
                double abs = Math.Abs(a - numeric);
                double rel = abs / Math.Max(Math.Max(Math.Abs(a), Math.Abs(numeric)), denominatorFloor);
                count++;
                maxAbs = Math.Max(maxAbs, abs);
                if (rel > maxRel || worst.Length == 0)
                {
                    maxRel = Math.Max(rel, maxRel);
                    worst = $"{p.Name}[{k / p.Value.Columns},{k % p.Value.Columns}]";
                    worstA = a;
                    worstN = numeric;
                }
            }
        }

        // Leave the network's gradients as backpropagation computed them.
        for (int pi = 0; pi < network.Parameters.Count; pi++)
        {
            analytic[pi].CopyTo(network.Parameters[pi].Gradient);
        }

        return new GradientCheckResult(maxRel, maxAbs, worst, worstA, worstN, count);
    }

    /// <summary>
    /// The numerical gradient of <paramref name="loss"/> with respect to every parameter of <paramref name="network"/>, by the
    /// fourth-order central difference of step <paramref name="epsilon"/>: one matrix per entry of
    /// <see cref="NeuralNetwork{T}.Parameters"/> (W1, b1, W2, …), shaped as the parameter. The parameters are restored exactly;
    /// the gradients and buffers are left as the last loss evaluation made them.
    /// </summary>
    public static Matrix<double>[] Numerical(NeuralNetwork<double> network, Matrix<double> x, Matrix<double> y, Loss loss, double epsilon = 1e-4)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        if (!(epsilon > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), $"ε must be positive, not {epsilon}.");
        }

        var result = new Matrix<double>[network.Parameters.Count];
        for (int pi = 0; pi < network.Parameters.Count; pi++)
        {
            var p = network.Parameters[pi];
            var values = p.Value.Data;
            result[pi] = new Matrix<double>(p.Value.Rows, p.Value.Columns);
            var target = result[pi].AsSpan();
            for (int k = 0; k < values.Length; k++)
            {
                double original = values[k];
                double LossAt(double offset)
                {
                    values[k] = original + offset;
                    return network.Evaluate(x, y, loss);
                }

                target[k] = (-LossAt(2 * epsilon) + 8 * LossAt(epsilon) - 8 * LossAt(-epsilon) + LossAt(-2 * epsilon)) / (12 * epsilon);
                values[k] = original;
            }
        }

        return result;
    }
}
