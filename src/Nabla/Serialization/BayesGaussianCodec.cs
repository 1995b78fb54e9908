using System.Numerics;
using System.Text.Json.Nodes;
using Nabla.Bayes;
using Nabla.Estimators;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Serialization;

/// <summary>
/// <see cref="BayesClassifier{T, TLabel}"/> whose class densities are all <see cref="GaussianDensity"/>: its options (the
/// priors as given, or null for the class frequencies, and the cost matrix, or null for 0-1 costs), and per class the prior
/// P(Cⱼ), the mean μⱼ and the full covariance Σⱼ. Densities and costs are in <see cref="double"/> whatever the precision.
/// </summary>
internal sealed class BayesGaussianCodec : IClassifierCodec
{
    /// <summary>How far from 1 the priors may sum, as <see cref="BayesClassifier{T, TLabel}"/> allows.</summary>
    private const double PriorSumTolerance = 1e-9;

    /// <summary>Relative asymmetry a covariance may have, as <see cref="GaussianDensity"/> allows.</summary>
    private const double SymmetryTolerance = 1e-12;

    public string ModelType => "bayes-gaussian";

    public bool TryWrite<T, TLabel>(Classifier<T, TLabel> model, JsonObject hyperparameters, JsonObject parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull
    {
        if (model is not BayesClassifier<T, TLabel> bayes)
        {
            return false;
        }

        var densities = bayes.Densities;
        if (densities.FirstOrDefault(d => d is not GaussianDensity) is { } other)
        {
            throw new NotSupportedException(
                $"{bayes.ModelName} cannot be saved: the model file format stores Gaussian class densities (bayes-gaussian), but this one has a {other.GetType().Name}.");
        }

        var costs = bayes.Costs;
        int k = costs.GetLength(0);
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                if (costs[i, j] < 0)
                {
                    throw new NotSupportedException(
                        $"{bayes.ModelName} cannot be saved: the model file format stores costs of 0 or more, but cost ({i}, {j}) is {ModelFile.Text(costs[i, j])}. Add a constant to that column of the cost matrix: the decisions stay the same.");
                }
            }
        }

        var o = bayes.Options;
        hyperparameters["density"] = "gaussian";
        hyperparameters["priors"] = o.Priors is null ? null : JsonValues.Doubles(o.Priors);
        hyperparameters["costs"] = o.Costs is null ? null : JsonValues.Rows(Matrix<double>.FromArray(o.Costs));
        var gaussians = densities.Cast<GaussianDensity>().ToArray();
        parameters["priors"] = JsonValues.Doubles(bayes.Priors);
        parameters["means"] = new JsonArray([.. gaussians.Select(g => (JsonNode)JsonValues.Doubles(g.Mean))]);
        parameters["covariances"] = new JsonArray([.. gaussians.Select(g => (JsonNode)JsonValues.Rows(g.Covariance))]);
        return true;
    }

    public Classifier<T, TLabel> Read<T, TLabel>(JsonSection hyperparameters, JsonSection parameters, TLabel[] classes, int featureCount, TrainingHistory? history)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull
    {
        int k = classes.Length, d = featureCount;
        string density = hyperparameters.String("density");
        if (density != "gaussian")
        {
            throw hyperparameters.Fail("density", $"is '{density}', but a bayes-gaussian model has Gaussian class densities (gaussian)");
        }

        double[]? givenPriors = hyperparameters.Has("priors") ? Priors(hyperparameters, k) : null;
        double[,]? costs = null;
        if (hyperparameters.Has("costs"))
        {
            var c = hyperparameters.Matrix<double>("costs", k, k);
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    if (c[i, j] < 0)
                    {
                        throw hyperparameters.Fail($"costs[{i}][{j}]", $"is {ModelFile.Text(c[i, j])}, but costs are 0 or more");
                    }
                }
            }

            costs = c.ToArray();
        }

        var priors = Priors(parameters, k);
        var means = parameters.Matrix<double>("means", k, d);
        var covariancesArray = parameters.Array("covariances", k);
        var densities = new IDensity[k];
        for (int j = 0; j < k; j++)
        {
            string name = $"covariances[{j}]";
            var covariance = new JsonSection(parameters.File, parameters.Path, new JsonObject { [name] = covariancesArray[j]?.DeepClone() }).Matrix<double>(name, d, d);
            RequireSymmetric(parameters, name, covariance);
            try
            {
                densities[j] = new GaussianDensity(means.Row(j).ToArray(), covariance);
            }
            catch (ArgumentException)
            {
                throw parameters.Fail(name, "is not positive definite (a variance is zero or negative, or features are collinear), so it is not the covariance of a Gaussian");
            }
        }

        var options = new BayesClassifierOptions { Priors = givenPriors, Costs = costs };
        try
        {
            return BayesClassifier<T, TLabel>.Restore(options, classes, densities, priors, costs ?? ZeroOne(k));
        }
        catch (ArgumentException e)
        {
            throw parameters.Fail("", $"do not fit together ({e.Message.Split(" (Parameter")[0].TrimEnd('.')})");
        }
    }

    /// <summary>Reads K priors: finite, 0 or more, summing to 1 within <see cref="PriorSumTolerance"/>.</summary>
    private static double[] Priors(JsonSection section, int k)
    {
        var priors = section.Vector<double>("priors", k);
        double sum = 0;
        for (int j = 0; j < k; j++)
        {
            if (priors[j] < 0)
            {
                throw section.Fail($"priors[{j}]", $"is {ModelFile.Text(priors[j])}, but a prior is a probability, 0 or more");
            }

            sum += priors[j];
        }

        if (Math.Abs(sum - 1) > PriorSumTolerance)
        {
            throw section.Fail("priors", $"sum to {ModelFile.Text(sum)}, but priors are probabilities summing to 1");
        }

        return priors;
    }

    private static void RequireSymmetric(JsonSection section, string name, Matrix<double> m)
    {
        double scale = 0;
        foreach (double v in m.AsReadOnlySpan())
        {
            scale = Math.Max(scale, Math.Abs(v));
        }

        for (int i = 0; i < m.Rows; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (Math.Abs(m[i, j] - m[j, i]) > SymmetryTolerance * scale)
                {
                    throw section.Fail(name, $"is not symmetric: [{i}][{j}] is {ModelFile.Text(m[i, j])} but [{j}][{i}] is {ModelFile.Text(m[j, i])}; a covariance matrix is symmetric");
                }
            }
        }
    }

    private static double[,] ZeroOne(int k)
    {
        var c = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                c[i, j] = i == j ? 0 : 1;
            }
        }

        return c;
    }
}
