using Nabla.Metrics;
using Nabla.Tensors;

namespace Nabla.Cli.Evaluation;

/// <summary>
/// A regressor's scores over a file read in chunks, in constant memory: MSE and MAE as running sums in the order the library's
/// metrics add them (so they are equal to the last bit), and R² per target from a running mean and sum of squared deviations
/// (Welford's update, equal to the two-pass formula up to rounding).
/// </summary>
internal sealed class RegressionTally(int targets)
{
    private readonly double[] _mean = new double[targets];
    private readonly double[] _deviations = new double[targets]; // Σ (y − ȳ)² so far
    private readonly double[] _residuals = new double[targets];  // Σ (y − ŷ)²
    private double _squaredErrors;
    private double _absoluteErrors;

    /// <summary>Rows counted so far.</summary>
    public int Rows { get; private set; }

    /// <summary>Counts one chunk: true values and predictions, each rows × targets.</summary>
    public void Add(Matrix<double> actual, Matrix<double> predicted)
    {
        for (int i = 0; i < actual.Rows; i++)
        {
            int n = checked(Rows + i + 1);
            for (int j = 0; j < targets; j++)
            {
                double y = actual[i, j];
                double e = predicted[i, j] - y;
                _squaredErrors += e * e;
                _absoluteErrors += Math.Abs(e);
                _residuals[j] += e * e;
                double delta = y - _mean[j];
                _mean[j] += delta / n;
                _deviations[j] += delta * (y - _mean[j]);
            }
        }

        Rows = checked(Rows + actual.Rows);
    }

    /// <summary>MSE, MAE and R² (averaged over the targets, a constant target scoring 1 when predicted exactly and 0 otherwise) of every row counted.</summary>
    public RegressionReport Report()
    {
        double r2 = 0;
        for (int j = 0; j < targets; j++)
        {
            r2 += _deviations[j] == 0 ? (_residuals[j] == 0 ? 1 : 0) : 1 - _residuals[j] / _deviations[j];
        }

        double entries = (double)Rows * targets;
        return new RegressionReport(_squaredErrors / entries, _absoluteErrors / entries, r2 / targets);
    }
}
