using Nabla.Tensors;

namespace Nabla.Linear;

/// <summary>
/// J(θ) = (1/n) Σᵢ wᵢ ℓᵢ + (λ/2)‖W‖² (wᵢ = 1 without class weights) and its gradient, for θ = [W (u × d, row-major), b (u)] with u = 1 (binary, sigmoid)
/// or u = K (multinomial, softmax). Binary: ℓ = log(1 + e^z) − y z, ∂ℓ/∂z = σ(z) − y. Multinomial: ℓ = logsumexp(z) − z_y,
/// ∂ℓ/∂z_k = softmax(z)_k − [k = y]. Both are evaluated from z without overflow.
/// </summary>
internal sealed class LogLossObjective
{
    private readonly Matrix<double> _x;
    private readonly int[] _y;
    private readonly int _units;
    private readonly int _d;
    private readonly double _lambda;
    private readonly bool _fitIntercept;
    private readonly double[]? _weights; // per row: ℓᵢ counts wᵢ times (class weights)

    // Reused between evaluations, so that gradient descent's check after each epoch allocates nothing: W, ∂J/∂W and
    // the logits.
    private readonly Matrix<double> _w;
    private readonly Matrix<double> _gradW;
    private readonly Matrix<double> _logits;

    public LogLossObjective(Matrix<double> x, int[] y, int units, double lambda, bool fitIntercept, double[]? weights = null)
    {
        _weights = weights;
        _x = x;
        _y = y;
        _units = units;
        _d = x.Columns;
        _lambda = lambda;
        _fitIntercept = fitIntercept;
        _w = new Matrix<double>(units, _d);
        _gradW = new Matrix<double>(units, _d);
        _logits = new Matrix<double>(x.Rows, units);
    }

    /// <summary>Length of θ.</summary>
    public int Size => _units * (_d + 1);

    /// <summary>J and ∇J on every row.</summary>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        var (x, y, z) = (_x, _y, _logits);
        int n = x.Rows, u = _units, d = _d;
        theta[..(u * d)].CopyTo(_w.AsSpan());
        MatrixMath.Multiply(x, _w, z, transposeB: true);
        var b = theta.Slice(u * d, u);
        MatrixMath.AddRowVector(z, b);

        // z becomes the residual ∂ℓ/∂z row by row.
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            var row = z.Row(i);
            double l = RowLoss(row, y[i], row);
            if (_weights is { } w)
            {
                l *= w[i];
                for (int k = 0; k < row.Length; k++)
                {
                    row[k] *= w[i];
                }
            }

            loss += l;
        }

        MatrixMath.Multiply(z, x, _gradW, transposeA: true);
        double inverseN = 1.0 / n;
        double penalty = 0;
        var gw = _gradW.AsReadOnlySpan();
        for (int k = 0; k < u * d; k++)
        {
            gradient[k] = gw[k] * inverseN + _lambda * theta[k];
            penalty += theta[k] * theta[k];
        }

        Span<double> gradB = gradient.Slice(u * d, u);
        gradB.Clear();
        if (_fitIntercept)
        {
            MatrixMath.SumColumns(z, gradB);
            for (int k = 0; k < u; k++)
            {
                gradB[k] *= inverseN;
            }
        }

        return loss * inverseN + 0.5 * _lambda * penalty;
    }

    /// <summary>The mean log-loss (1/n) Σ ℓᵢ for logits <paramref name="z"/> (n × u) and classes <paramref name="y"/>, without the penalty.</summary>
    public static double MeanLogLoss(Matrix<double> z, int[] y)
    {
        double total = 0;
        for (int i = 0; i < z.Rows; i++)
        {
            total += RowLoss(z.Row(i), y[i], []);
        }

        return total / z.Rows;
    }

    /// <summary>ℓ for one row of logits; writes ∂ℓ/∂z into <paramref name="residual"/> unless it is empty (it may be the logits' own row).</summary>
    private static double RowLoss(Span<double> z, int y, Span<double> residual)
    {
        if (z.Length == 1)
        {
            // Binary: y ∈ {0, 1}; log(1 + e^z) = max(z, 0) + log1p(e^−|z|).
            double v = z[0];
            double softplus = Math.Max(v, 0) + Math.Log(1 + Math.Exp(-Math.Abs(v)));
            if (!residual.IsEmpty)
            {
                double e = Math.Exp(-Math.Abs(v));
                double sigma = v >= 0 ? 1 / (1 + e) : e / (1 + e);
                residual[0] = sigma - y;
            }

            return softplus - y * v;
        }

        double max = double.NegativeInfinity;
        foreach (double v in z)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        foreach (double v in z)
        {
            sum += Math.Exp(v - max);
        }

        double logSumExp = max + Math.Log(sum);
        double loss = logSumExp - z[y];
        if (!residual.IsEmpty)
        {
            for (int k = 0; k < z.Length; k++)
            {
                residual[k] = Math.Exp(z[k] - logSumExp) - (k == y ? 1 : 0);
            }
        }

        return loss;
    }
}
