using System.Globalization;
using System.Collections.ObjectModel;
using System.Numerics;
using Nabla.Estimators;
using Nabla.Tensors;

namespace Nabla.Linear;

/// <summary>
/// Linear regression, the notes' linear neuron: identity output ŷ = W x + b, trained on the squared error with an L2
/// (ridge) penalty on the weights, J(W, b) = (1/(2n)) Σᵢ ‖yᵢ − W xᵢ − b‖² + (λ/2) ‖W‖²_F, intercepts not penalized
/// (λ = <see cref="LinearRegressionOptions.L2"/>). J is a convex quadratic, so the fit solves ∇J = 0 exactly instead of
/// descending: with X̄, Ȳ the column means (zero without an intercept) and Xc = X − 1X̄ᵀ, Yc = Y − 1Ȳᵀ,
/// (XcᵀXc/n + λI) Wᵀ = XcᵀYc/n and b = Ȳ − W X̄.
/// </summary>
/// <remarks>
/// <para>
/// scikit-learn: multiplying J by 2n gives Ridge's ‖Y − X Wᵀ − 1bᵀ‖²_F + α‖W‖²_F, so <c>Ridge(alpha = λ·n)</c> has the same
/// solution, and λ = 0 is <c>LinearRegression()</c> when XᵀX is nonsingular. Where scikit-learn's LinearRegression returns
/// the minimum-norm solution of a singular problem, this class throws an <see cref="ArgumentException"/> naming the
/// constant or collinear feature (or the shortage of samples), because such weights are not determined by the data.
/// </para>
/// <para>
/// Any number t of targets: y is n × t, <see cref="Coefficients"/> is t × d (row k holds the weights of output k, like
/// W^[1] of a one-layer network) and <see cref="Intercepts"/> has t entries. Fitting runs in <see cref="double"/> whatever
/// <typeparamref name="T"/> is; the parameters are then stored as <typeparamref name="T"/>.
/// </para>
/// <para>
/// Thread safety: a fitted model is never modified by prediction (it allocates its own result and uses no shared
/// buffers), so <see cref="Regressor{T}.Predict(Matrix{T})"/> and <see cref="Regressor{T}.Score"/> may be called from many
/// threads at once on one model. Fitting is not thread-safe.
/// </para>
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class LinearRegression<T> : Regressor<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // A standardized Cholesky pivot (1 = an uncorrelated feature) at or below this means the feature is a combination of
    // the earlier ones to working precision: cond(XᵀX) ≳ 10¹², where at most 4 of 16 digits of the weights would survive.
    private const double SingularPivot = 1e-12;

    // After exact centering a constant column is ~ε·|x| of rounding; a spread this small relative to the column's
    // magnitude is treated as none.
    private const double ConstantSpread = 1e-12;

    private Matrix<T>? _coefficients;
    private T[]? _intercepts;

    /// <summary>Creates an unfitted model.</summary>
    /// <param name="options">The hyperparameters; null gives the defaults (λ = 0, with intercept).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message says which and why.</exception>
    public LinearRegression(LinearRegressionOptions? options = null)
    {
        Options = options ?? new LinearRegressionOptions();
        Options.Validate();
    }

    /// <summary>The hyperparameters.</summary>
    public LinearRegressionOptions Options { get; }

    /// <summary>The weights W, t × d: row k holds the d weights of target k. A copy.</summary>
    /// <exception cref="NotFittedException">The model is not fitted.</exception>
    public Matrix<T> Coefficients => (_coefficients ?? throw new NotFittedException(ModelName)).Clone();

    /// <summary>The intercepts b, one per target (t); all zero without <see cref="LinearRegressionOptions.FitIntercept"/>.</summary>
    /// <exception cref="NotFittedException">The model is not fitted.</exception>
    public IReadOnlyList<T> Intercepts => new ReadOnlyCollection<T>(_intercepts ?? throw new NotFittedException(ModelName));

    /// <summary>Fits on features <paramref name="x"/> (n × d) and targets <paramref name="y"/> (n × t); returns this model.</summary>
    /// <exception cref="ArgumentException">
    /// Bad input (see <see cref="Regressor{T}.Fit(Matrix{T}, Matrix{T})"/>), or with λ = 0 and without
    /// <see cref="LinearRegressionOptions.MinimumNorm"/> a singular XᵀX: a constant feature, collinear features, or too few
    /// samples. The message names the feature; drop it or set L2 &gt; 0.
    /// </exception>
    public new LinearRegression<T> Fit(Matrix<T> x, Matrix<T> y) => (LinearRegression<T>)base.Fit(x, y);

    /// <summary>Fits a single target: <paramref name="y"/> has one value per row of <paramref name="x"/> (n × d).</summary>
    /// <exception cref="ArgumentException">As <see cref="Fit(Matrix{T}, Matrix{T})"/>.</exception>
    public new LinearRegression<T> Fit(Matrix<T> x, IReadOnlyList<T> y) => (LinearRegression<T>)base.Fit(x, y);

    /// <summary>
    /// Rebuilds a fitted model from its parameters (for model files); it predicts exactly as the model they came from.
    /// </summary>
    /// <param name="options">The hyperparameters it was trained with.</param>
    /// <param name="coefficients">W, t × d with t, d ≥ 1, finite (copied).</param>
    /// <param name="intercepts">b, t finite values (copied); all zero when <paramref name="options"/> has no intercept.</param>
    /// <exception cref="ArgumentException">The shapes do not match, a value is not finite, or an intercept is nonzero without <see cref="LinearRegressionOptions.FitIntercept"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static LinearRegression<T> Restore(LinearRegressionOptions options, Matrix<T> coefficients, IReadOnlyList<T> intercepts)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(coefficients);
        ArgumentNullException.ThrowIfNull(intercepts);
        if (coefficients.Rows == 0 || coefficients.Columns == 0)
        {
            throw new ArgumentException($"A linear regression needs coefficients of shape t × d with t, d ≥ 1 (one row per target), not {coefficients.Shape}.", nameof(coefficients));
        }

        if (intercepts.Count != coefficients.Rows)
        {
            throw new ArgumentException(
                $"Coefficients {coefficients.Shape} describe {coefficients.Rows} targets, but {intercepts.Count} intercepts were given: give one intercept per coefficient row.", nameof(intercepts));
        }

        if (!coefficients.IsFinite())
        {
            throw new ArgumentException("Every coefficient of a linear regression must be a finite number; the model file is damaged or was not written by a fit.", nameof(coefficients));
        }

        for (int k = 0; k < intercepts.Count; k++)
        {
            if (!T.IsFinite(intercepts[k]))
            {
                throw new ArgumentException($"Intercept {k} is {double.CreateTruncating(intercepts[k]).ToString(CultureInfo.InvariantCulture)}: every intercept must be a finite number.", nameof(intercepts));
            }

            if (!options.FitIntercept && intercepts[k] != T.Zero)
            {
                throw new ArgumentException(
                    $"Intercept {k} is {double.CreateTruncating(intercepts[k]).ToString(CultureInfo.InvariantCulture)}, but the options say FitIntercept = false: give zero intercepts, or options with FitIntercept = true.", nameof(intercepts));
            }
        }

        var model = new LinearRegression<T>(options);
        model._coefficients = coefficients.Clone();
        model._intercepts = [.. intercepts];
        model.SetFittedState(coefficients.Columns, coefficients.Rows);
        return model;
    }

    /// <inheritdoc/>
    protected override void FitCore(Matrix<T> x, Matrix<T> y)
    {
        int n = x.Rows, d = x.Columns, t = y.Columns;
        double lambda = Options.L2;
        var z = ToDouble(x);
        var targets = ToDouble(y);
        double[] xMean = Options.FitIntercept ? CenterColumns(z) : new double[d];
        double[] yMean = Options.FitIntercept ? CenterColumns(targets) : new double[t];

        // Solve the standardized normal equations: with Z = Xc D⁻¹, D = diag(s_j), s_j = root mean square of column j,
        // (ZᵀZ/n + λD⁻²) V = ZᵀYc/n and Wᵀ = D⁻¹V. ZᵀZ/n has a unit diagonal, so features of any scale give a matrix
        // as well conditioned as a diagonal scaling can make it (van der Sluis), and the Cholesky pivots compare on one scale.
        // (Householder QR of X would square the condition number less for λ = 0; for the feature counts of this class the
        // standardized normal equations are accurate to about cond(Z)² ε, which the tests against scikit-learn bound.)
        var scale = new double[d];
        var data = z.AsSpan();
        for (int j = 0; j < d; j++)
        {
            double squares = 0, largest = 0;
            for (int i = 0; i < n; i++)
            {
                double v = data[i * d + j];
                squares += v * v;
                largest = Math.Max(largest, Math.Abs(v + xMean[j]));
            }

            double s = Math.Sqrt(squares / n);
            if (s <= ConstantSpread * largest)
            {
                if (lambda == 0 && !Options.MinimumNorm)
                {
                    throw new ArgumentException(
                        $"{ModelName} cannot determine the weight of feature {j}: it is {(Options.FitIntercept ? "constant" : "zero in every sample")}, so XᵀX is singular. Drop the column, or set L2 > 0 (ridge gives it weight 0).",
                        nameof(x));
                }

                // Ridge and the minimum-norm solution give a feature without spread weight 0 exactly; clear the rounding
                // left by centering.
                for (int i = 0; i < n; i++)
                {
                    data[i * d + j] = 0;
                }

                s = 1;
            }

            scale[j] = s;
            for (int i = 0; i < n; i++)
            {
                data[i * d + j] /= s;
            }
        }

        var gram = MatrixMath.Multiply(z, z, transposeA: true);
        var moments = MatrixMath.Multiply(z, targets, transposeA: true);
        MatrixMath.Scale(gram, 1.0 / n);
        MatrixMath.Scale(moments, 1.0 / n);
        for (int j = 0; j < d; j++)
        {
            gram[j, j] += lambda / (scale[j] * scale[j]);
        }

        // With λ > 0 the matrix is positive definite, so any positive pivot is accepted; with λ = 0 a tiny one is singular.
        bool factored = DenseAlgebra.TryCholesky(gram.AsReadOnlySpan(), d, lambda > 0 ? 0 : SingularPivot, out var factor, out int failed);
        if (!factored && (lambda > 0 || !Options.MinimumNorm))
        {
            throw new ArgumentException(SingularMessage(factor, d, n, failed, lambda), nameof(x));
        }

        (int Rank, Action<double[]> Solve)? pseudoInverse = factored ? null : MinimumNormSolver(gram, d);
        Rank = pseudoInverse?.Rank ?? d;
        var coefficients = new Matrix<T>(t, d);
        var intercepts = new T[t];
        var column = new double[d];
        for (int k = 0; k < t; k++)
        {
            for (int j = 0; j < d; j++)
            {
                column[j] = moments[j, k];
            }

            if (pseudoInverse is { } p)
            {
                p.Solve(column);
            }
            else
            {
                DenseAlgebra.SolveLower(factor, d, column);
                DenseAlgebra.SolveLowerTransposed(factor, d, column);
            }

            double b = yMean[k];
            for (int j = 0; j < d; j++)
            {
                double w = column[j] / scale[j];
                coefficients[k, j] = T.CreateChecked(w);
                b -= w * xMean[j];
            }

            intercepts[k] = T.CreateChecked(b);
        }

        _coefficients = coefficients;
        _intercepts = intercepts;
    }

    /// <summary>
    /// The rank of XᵀX (after centering) found when fitting: the feature count d when the least-squares weights are unique,
    /// less when <see cref="LinearRegressionOptions.MinimumNorm"/> chose the minimum-norm ones; null for a model restored
    /// from its parameters.
    /// </summary>
    public int? Rank { get; private set; }

    // The minimum-norm least-squares weights in the standardized features (unit-free: a feature's scale does not change
    // which directions count as determined): with G = V Λ Vᵀ the standardized Gram matrix (unit diagonal), V = V Λ⁺ Vᵀ m.
    // Directions whose eigenvalue is below 10⁻¹² of the largest (the scale of a failed Cholesky pivot) are left out.
    private static (int Rank, Action<double[]> Solve) MinimumNormSolver(Matrix<double> gram, int d)
    {
        DenseAlgebra.SymmetricEigen(gram.AsReadOnlySpan(), d, out var values, out var vectors);
        double largest = values.Length == 0 ? 0 : values.Max();
        var kept = Enumerable.Range(0, d).Where(k => values[k] > SingularPivot * largest).ToArray();
        return (kept.Length, column =>
        {
            var w = new double[d];
            foreach (int k in kept)
            {
                double projection = 0;
                for (int j = 0; j < d; j++)
                {
                    projection += vectors[j * d + k] * column[j];
                }

                projection /= values[k];
                for (int j = 0; j < d; j++)
                {
                    w[j] += projection * vectors[j * d + k];
                }
            }

            w.CopyTo(column, 0);
        });
    }

    /// <inheritdoc/>
    protected override void PredictCore(Matrix<T> x, Matrix<T> predictions)
    {
        // Ŷ = X Wᵀ + 1bᵀ, written straight into the caller's matrix: nothing of the model changes.
        MatrixMath.Multiply(x, _coefficients!, predictions, transposeB: true);
        MatrixMath.AddRowVector<T>(predictions, _intercepts!);
    }

    private static Matrix<double> ToDouble(Matrix<T> source)
    {
        var result = new Matrix<double>(source.Rows, source.Columns);
        var from = source.AsReadOnlySpan();
        var to = result.AsSpan();
        for (int i = 0; i < from.Length; i++)
        {
            to[i] = double.CreateChecked(from[i]);
        }

        return result;
    }

    /// <summary>Subtracts each column's mean in place and returns the means.</summary>
    private static double[] CenterColumns(Matrix<double> m)
    {
        int n = m.Rows, c = m.Columns;
        var data = m.AsSpan();
        var mean = new double[c];
        for (int j = 0; j < c; j++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += data[i * c + j];
            }

            // A second pass corrects the first mean's rounding, so a constant column centers to exactly 0.
            double mu = sum / n, correction = 0;
            for (int i = 0; i < n; i++)
            {
                correction += data[i * c + j] - mu;
            }

            mu += correction / n;
            mean[j] = mu;
            for (int i = 0; i < n; i++)
            {
                data[i * c + j] -= mu;
            }
        }

        return mean;
    }

    /// <summary>
    /// Explains a failed Cholesky pivot j: row j of the partial factor, l_j, gives feature j's regression on features
    /// 0 … j − 1 (coefficients c = L⁻ᵀ l_j with L the leading j × j factor); the sizeable ones name its collinear partners.
    /// </summary>
    private string SingularMessage(double[] factor, int d, int n, int failed, double lambda)
    {
        var c = new double[failed];
        for (int i = failed - 1; i >= 0; i--)
        {
            double s = factor[failed * d + i];
            for (int k = i + 1; k < failed; k++)
            {
                s -= factor[k * d + i] * c[k];
            }

            c[i] = s / factor[i * d + i];
        }

        double largest = c.Length == 0 ? 0 : c.Max(Math.Abs);
        var partners = Enumerable.Range(0, failed).Where(i => largest > 0 && Math.Abs(c[i]) > 1e-6 * largest).ToList();
        string with = partners.Count == 0
            ? "the features before it"
            : (partners.Count == 1 ? "feature " : "features ") + string.Join(", ", partners);
        int determinable = Options.FitIntercept ? n - 1 : n;
        bool tooFew = d > determinable;
        string shortage = tooFew
            ? $" There are only {n} samples for {d} features{(Options.FitIntercept ? " and an intercept" : "")}, so at most {determinable} weight{(determinable == 1 ? " is" : "s are")} determined."
            : "";
        string remedy = lambda > 0
            ? $"The penalty L2 = {lambda.ToString(CultureInfo.InvariantCulture)} is too small against the feature's spread to make it determined: drop the column, or raise L2."
            : tooFew
                ? "Give more samples or fewer features, or set L2 > 0 (ridge regression has a unique solution)."
                : "Drop the column, or set L2 > 0 (ridge regression) to share the weight between the collinear features.";
        return $"{ModelName} cannot determine the weight of feature {failed}: it is (to working precision) a linear combination of {with}, so XᵀX is singular.{shortage} {remedy}";
    }
}
