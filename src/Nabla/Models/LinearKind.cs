using System.Numerics;
using System.Text.Json.Nodes;
using Nabla.Estimators;
using Nabla.Linear;
using Nabla.Serialization;
using Nabla.Training;

namespace Nabla.Models;

/// <summary>
/// <c>linear</c>: the notes' linear neuron ŷ = W x + b on squared error with an L2 penalty (ridge), solved exactly
/// (<see cref="LinearRegression{T}"/>), for any number of targets. Its file parameters are W (t × d) and b (t).
/// </summary>
public sealed class LinearKind : ModelKind<LinearRegressionOptions>
{
    /// <summary>Creates the description (use <see cref="ModelKinds.Linear"/>).</summary>
    internal LinearKind()
        : base(
            Bind<double?>(d => SharedHyperparameters.L2(d, "λ in J = (1/2n) Σ‖y − Wx − b‖² + (λ/2)‖W‖² (scikit-learn's Ridge alpha = λn); 0 for least squares"), o => (double?)o.L2, (o, v) => o with { L2 = v!.Value }),
            Bind(d => Hyperparameter.Flag("fit_intercept", d, "learn the intercepts b (the weight of a constant input 1)"), o => o.FitIntercept, (o, v) => o with { FitIntercept = v }),
            Bind(d => Hyperparameter.Flag("minimum_norm", d, "with l2 0 and a singular XᵀX (constant or collinear features, as one-hot columns are), the least-squares weights of least norm in standardized units; false refuses"), o => o.MinimumNorm, (o, v) => o with { MinimumNorm = v }))
    {
    }

    /// <inheritdoc/>
    public override string Name => "linear";

    /// <inheritdoc/>
    public override string Summary => "linear regression (the linear neuron, squared error, optional L2 penalty: ridge), solved exactly, any number of targets";

    /// <inheritdoc/>
    public override IReadOnlyList<ModelTask> Tasks { get; } = [ModelTask.Regression];

    /// <inheritdoc/>
    public override Regressor<T> CreateRegressor<T>(HyperparameterValues values, FitControl? control = null) => new LinearRegression<T>(ToOptions(values));

    /// <inheritdoc/>
    public override bool Describes<T>(Regressor<T> model) => model is LinearRegression<T>;

    /// <inheritdoc/>
    public override HyperparameterValues ValuesOf<T>(Regressor<T> model) => FromOptions(Cast(model).Options);

    /// <inheritdoc/>
    public override string DescribeSetup(HyperparameterValues values, ModelShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var o = ToOptions(values);
        return $"linear regression ŷ = Wx{(o.FitIntercept ? " + b" : "")} ({shape.Features} features → {shape.Targets} target{(shape.Targets == 1 ? "" : "s")}), "
            + (o.L2 > 0 ? $"ridge penalty L2 {Hyperparameter.Text(o.L2)}" : "least squares") + ", solved exactly (Cholesky)";
    }

    /// <inheritdoc/>
    public override string? DescribeFit<T>(Regressor<T> model)
    {
        var m = Cast(model);
        return m.Rank is int rank && rank < m.FeatureCount
            ? $"XᵀX has rank {rank} of {m.FeatureCount} features (constant or collinear features, such as one-hot columns with the intercept): the weights are the least-squares solution of least norm in the standardized features. Set l2 above 0 for ridge, or minimum_norm false to refuse."
            : null;
    }

    /// <inheritdoc/>
    public override ModelDescription Describe<T>(Regressor<T> model, IReadOnlyList<string>? featureNames = null)
    {
        var m = Cast(model);
        var w = m.Coefficients;
        var lines = new List<string> { $"linear regression over {m.FeatureCount} features: ŷ = Wx + b, {(m.Options.L2 > 0 ? $"ridge (λ = {Hyperparameter.Text(m.Options.L2)})" : "least squares")}" };
        var targets = new JsonArray();
        for (int k = 0; k < w.Rows; k++)
        {
            double[] weights = [.. w.Row(k).ToArray().Select(v => double.CreateTruncating(v))];
            double bias = double.CreateTruncating(m.Intercepts[k]);
            lines.Add($"target {k + 1}: b = {DescriptionText.G(bias)}, w = {DescriptionText.Named(weights, featureNames)}");
            targets.AddNode(new JsonObject { ["intercept"] = bias, ["coefficients"] = JsonValues.Doubles(weights) });
        }

        return new ModelDescription("layers", lines, (long)w.Length + w.Rows, new JsonObject { ["targets"] = targets });
    }

    internal override void WriteParameters<T>(Regressor<T> model, JsonObject parameters)
    {
        var m = Cast(model);
        parameters["coefficients"] = JsonValues.Rows(m.Coefficients);
        parameters["intercepts"] = JsonValues.Vector<T>(m.Intercepts.ToArray());
    }

    internal override Regressor<T> ReadRegressor<T>(HyperparameterValues values, JsonSection parameters, int featureCount, int targetCount, TrainingHistory? history)
    {
        var coefficients = parameters.Matrix<T>("coefficients", targetCount, featureCount);
        var intercepts = parameters.Vector<T>("intercepts", targetCount);
        return LinearRegression<T>.Restore(ToOptions(values), coefficients, intercepts);
    }

    private static LinearRegression<T> Cast<T>(Regressor<T> model)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        model as LinearRegression<T> ?? throw new ArgumentException($"{model?.ModelName} is not a linear regression.", nameof(model));
}
