using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Numerics;
using Nabla.Bayes;
using Nabla.Cli.Models;
using Nabla.Data.Preprocessing;
using Nabla.Linear;
using Nabla.Networks;
using Nabla.Neurons;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla inspect</c>: what a model file holds.</summary>
public static class InspectCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = CommonOptions.ModelFile();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("inspect", """
            Show what a model file holds: the model and its architecture with parameter counts (logistic regression: the
            intercept and weights of each class; bayes-gaussian: each class's prior, mean and covariance), the classes or
            targets, the preprocessing (columns, one-hot categories, imputation, scaling) and how it was trained (data, epochs,
            metrics).

            Examples:
              nabla inspect --model nabla-model.json
              nabla inspect --model iris.json --json
            """)
        {
            model, json, verbose,
        };
        command.SetAction(r => NablaCommand.Guard(context, () => Run(context, r.GetValue(model)!, r.GetValue(json)), r.GetValue(verbose)));
        return command;
    }

    private static int Run(CliContext context, string path, bool json)
    {
        var saved = SavedModel.Load(path);
        var info = saved.Info;
        var (heading, layers, parameters) = Architecture(saved.Estimator, saved.Preprocessing);
        var hyperparameters = JsonNode.Parse(File.ReadAllText(path))!["hyperparameters"]!.DeepClone().AsObject();
        var prep = saved.Preprocessing;
        var training = saved.Training;
        if (json)
        {
            var o = new JsonObject
            {
                ["file"] = path,
                ["format_version"] = info.Version,
                ["model"] = info.ModelType,
                ["task"] = info.Task.ToString().ToLowerInvariant(),
                ["precision"] = info.Precision,
                ["features"] = info.FeatureCount,
                ["classes"] = info.Task == Serialization.ModelTask.Classification ? new JsonArray([.. info.Classes.Select(c => (JsonNode)c)]) : null,
                ["targets"] = new JsonArray([.. saved.Targets.Select(t => (JsonNode)t)]),
                ["layers"] = new JsonArray([.. layers.Select(l => (JsonNode)l)]),
                ["parameters"] = parameters,
                ["hyperparameters"] = hyperparameters,
            };
            if (prep is not null)
            {
                o["preprocessing"] = new JsonObject
                {
                    ["impute"] = prep.Impute.ToString().ToLowerInvariant(),
                    ["scale"] = prep.Scaler.Kind.ToString().ToLowerInvariant(),
                    ["columns"] = new JsonArray([.. prep.Inputs.Select(c => (JsonNode)new JsonObject
                    {
                        ["name"] = c.Name,
                        ["kind"] = c.Kind.ToString().ToLowerInvariant(),
                        ["features"] = c.Width,
                        ["categories"] = c.Encoder is null ? null : new JsonArray([.. c.Encoder.Categories.Select(k => (JsonNode)k)]),
                    })]),
                };
            }

            if (training is not null)
            {
                o["training"] = new JsonObject
                {
                    ["data"] = training.Data,
                    ["created"] = training.Created?.ToString("O", CultureInfo.InvariantCulture),
                    ["nabla_version"] = training.NablaVersion,
                    ["training_rows"] = training.TrainingRows,
                    ["test_rows"] = training.TestRows,
                    ["epochs_run"] = training.History.Count,
                    ["best_epoch"] = training.BestEpoch,
                    ["stopped_early"] = training.StoppedEarly,
                    ["seconds"] = training.Seconds,
                    ["train_metrics"] = Metrics(training.TrainMetrics),
                    ["test_metrics"] = Metrics(training.TestMetrics),
                };
            }

            Json.Write(context.Out, o);
            return NablaCommand.Success;
        }

        var w = context.Out;
        w.WriteLine($"{path}: Nabla model (format version {info.Version})");
        w.WriteLine($"  model       {info.ModelType} ({info.Task.ToString().ToLowerInvariant()}, {info.Precision})");
        w.WriteLine(info.Task == Serialization.ModelTask.Classification
            ? $"  classes     {string.Join(", ", info.Classes)} ({info.LabelType} labels)"
            : $"  targets     {string.Join(", ", saved.Targets)}");
        w.WriteLine($"  features    {info.FeatureCount}");
        w.WriteLine($"  {heading}");
        foreach (var l in layers)
        {
            w.WriteLine($"    {l}");
        }

        w.WriteLine($"  parameters  {parameters.ToString("N0", CultureInfo.InvariantCulture)}");
        w.WriteLine($"  settings    {string.Join(", ", hyperparameters.Where(p => p.Value is not null).Select(p => $"{p.Key} {p.Value!.ToJsonString()}"))}");
        if (prep is not null)
        {
            w.WriteLine($"  preprocessing: {prep.Scaler.Kind.ToString().ToLowerInvariant()} scaling (fitted on the training rows), impute {prep.Impute.ToString().ToLowerInvariant()}, target {string.Join(", ", prep.Targets)}");
            foreach (var c in prep.Inputs)
            {
                string fill = c.Fill is double f ? $", missing → {f.ToString("G6", CultureInfo.InvariantCulture)}" : c.FillCategory is string s ? $", missing → {s}" : "";
                w.WriteLine(c.Encoder is null
                    ? $"    {c.Name}: numeric{fill}"
                    : $"    {c.Name}: categorical, one-hot over {c.Width} categories ({string.Join(", ", c.Encoder.Categories.Take(8))}{(c.Width > 8 ? ", …" : "")}){fill}");
            }
        }

        if (training is not null)
        {
            w.WriteLine($"  training: {training.Data}; {training.TrainingRows} training rows, {training.TestRows} test rows, seed {training.Seed}");
            if (training.History.Count > 0)
            {
                w.WriteLine(info.ModelType == "logistic"
                    ? $"    {training.History.Count} iterations, {training.Seconds?.ToString("0.0", CultureInfo.InvariantCulture)} s"
                    : $"    {training.History.Count} epochs, best epoch {training.BestEpoch}{(training.StoppedEarly ? " (stopped early)" : "")}{(training.Cancelled ? " (cancelled)" : "")}, {training.Seconds?.ToString("0.0", CultureInfo.InvariantCulture)} s");
            }

            w.WriteLine($"    training metrics  {Text(training.TrainMetrics)}");
            if (training.TestMetrics.Count > 0)
            {
                w.WriteLine($"    test metrics      {Text(training.TestMetrics)}");
            }

            w.WriteLine($"    saved {training.Created?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)} by Nabla {training.NablaVersion}");
        }

        return NablaCommand.Success;
    }

    private static (string Heading, string[] Layers, int Parameters) Architecture(object estimator, Preprocessor? prep)
    {
        var (layers, parameters) = LayersOf(estimator);
        var featureNames = prep?.FeatureNames;
        (string Heading, string[] Layers, int Parameters) result = estimator switch
        {
            LogisticRegression<double, string> l => ("layers", Logistic(l, featureNames), l.FeatureCount * (l.IsMultinomial ? l.Classes.Count : 1) + l.Intercepts.Count),
            LogisticRegression<float, string> l => ("layers", Logistic(l, featureNames), l.FeatureCount * (l.IsMultinomial ? l.Classes.Count : 1) + l.Intercepts.Count),
            BayesClassifier<double, string> b => ("densities", Bayes(b, featureNames), BayesParameters(b.Classes.Count, b.FeatureCount)),
            BayesClassifier<float, string> b => ("densities", Bayes(b, featureNames), BayesParameters(b.Classes.Count, b.FeatureCount)),
            _ => ("layers", layers, parameters),
        };
        if (estimator is not (LogisticRegression<double, string> or LogisticRegression<float, string> or BayesClassifier<double, string> or BayesClassifier<float, string>)
            || prep is null || prep.Scaler.Kind == ScalerKind.None)
        {
            return result;
        }

        return result with { Layers = [.. result.Layers, $"(values for the features after {prep.Scaler.Kind.ToString().ToLowerInvariant()} scaling; see preprocessing)"] };
    }

    // Per class a prior, d means and the d(d + 1)/2 distinct entries of a symmetric covariance.
    private static int BayesParameters(int classes, int d) => classes * (1 + d + d * (d + 1) / 2);

    private static string[] Logistic<T>(LogisticRegression<T, string> m, IReadOnlyList<string>? names)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var w = m.Coefficients;
        var b = m.Intercepts;
        var classes = m.Classes;
        string solver = m.Options.Solver == LogisticRegressionSolver.Lbfgs ? "L-BFGS" : "gradient descent";
        string training = m.StopReason == OptimizationStopReason.GradientTolerance
            ? $"converged after {m.Iterations} {solver} iterations (‖∇J‖∞ = {Sci(m.GradientNorm)})"
            : $"stopped after {m.Iterations} {solver} iterations ({(m.StopReason == OptimizationStopReason.MaxIterations ? "iteration limit" : "no further decrease to rounding precision")}, ‖∇J‖∞ = {Sci(m.GradientNorm)})";
        var lines = new List<string>
        {
            m.IsMultinomial
                ? $"multinomial logistic regression over {m.FeatureCount} features: P(k | x) = softmax(Wx + b)ₖ for the {classes.Count} classes; {training}"
                : $"logistic regression over {m.FeatureCount} features: P({classes[1]} | x) = σ(w·x + b), deciding {classes[1]} when it exceeds {m.Options.Threshold.ToString(CultureInfo.InvariantCulture)}; {training}",
        };
        for (int k = 0; k < w.Rows; k++)
        {
            string label = m.IsMultinomial ? classes[k] : classes[1];
            lines.Add($"{label}: b = {G(double.CreateTruncating(b[k]))}, w = {Named([.. w.Row(k).ToArray().Select(v => double.CreateTruncating(v))], names)}");
        }

        return [.. lines];
    }

    private static string[] Bayes<T>(BayesClassifier<T, string> m, IReadOnlyList<string>? names)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var costs = m.Costs;
        int k = m.Classes.Count;
        bool zeroOne = Enumerable.Range(0, k).All(i => Enumerable.Range(0, k).All(j => costs[i, j] == (i == j ? 0 : 1)));
        var lines = new List<string>
        {
            $"Gaussian Bayes classifier over {m.FeatureCount} features: P(k | x) ∝ P(k) N(x; μₖ, Σₖ), full covariance per class; "
                + (m.Options.Priors is null ? "priors from the class frequencies; " : "priors as given; ")
                + (zeroOne ? "0-1 costs: decides the most probable class" : $"decides the class of least risk under the costs [{string.Join("; ", Enumerable.Range(0, k).Select(i => string.Join(", ", Enumerable.Range(0, k).Select(j => G(costs[i, j])))))}]"),
        };
        for (int j = 0; j < k; j++)
        {
            var g = (GaussianDensity)m.Densities[j];
            var sigma = g.Covariance;
            int d = sigma.Rows;
            string covariance = d <= 4
                ? $"Σ = [{string.Join("; ", Enumerable.Range(0, d).Select(r => string.Join(", ", sigma.Row(r).ToArray().Select(G))))}]"
                : $"Σ: {d}×{d}, variances {Named([.. Enumerable.Range(0, d).Select(r => sigma[r, r])], names)}, log det Σ = {G(g.LogDeterminant)}";
            lines.Add($"{m.Classes[j]}: prior {m.Priors[j].ToString("0.0000", CultureInfo.InvariantCulture)}, μ = {Named([.. g.Mean], names)}, {covariance}");
        }

        return [.. lines];
    }

    // Up to 12 values, named by feature when the names are known.
    private static string Named(double[] values, IReadOnlyList<string>? names)
    {
        const int Shown = 12;
        bool named = names is not null && names.Count == values.Length;
        var parts = values.Take(Shown).Select((v, i) => named ? $"{names![i]} {G(v)}" : G(v));
        return $"[{string.Join(", ", parts)}{(values.Length > Shown ? $", … ({values.Length - Shown} more in the model file)" : "")}]";
    }

    private static string G(double v) => v.ToString("G5", CultureInfo.InvariantCulture);

    // 0.12, 3.46e-8: plain in [0.001, 10⁴), scientific outside.
    private static string Sci(double v) =>
        !double.IsFinite(v) ? "unknown" : Math.Abs(v) is >= 1e-3 and < 1e4 ? v.ToString("G3", CultureInfo.InvariantCulture) : v.ToString("0.##e+0", CultureInfo.InvariantCulture);

    private static (string[] Layers, int Parameters) LayersOf(object estimator)
    {
        NeuralNetwork<double>? d = estimator switch
        {
            MlpClassifier<double, string> c => c.Network,
            MlpRegressor<double> r => r.Network,
            _ => null,
        };
        NeuralNetwork<float>? f = estimator switch
        {
            MlpClassifier<float, string> c => c.Network,
            MlpRegressor<float> r => r.Network,
            _ => null,
        };
        if (d is not null)
        {
            return ([.. d.Layers.Select(Layer)], d.ParameterCount);
        }

        if (f is not null)
        {
            return ([.. f.Layers.Select(Layer)], f.ParameterCount);
        }

        return estimator switch
        {
            Perceptron<double, string> p => ([$"{p.Weights.Rows} perceptron unit(s), each sgn(w₀ + w·x) over {p.FeatureCount} inputs"], p.Weights.Length),
            Perceptron<float, string> p => ([$"{p.Weights.Rows} perceptron unit(s), each sgn(w₀ + w·x) over {p.FeatureCount} inputs"], p.Weights.Length),
            _ => ([estimator.GetType().Name.Split('`')[0]], 0),
        };
    }

    private static string Layer<T>(DenseLayer<T> l)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        $"dense {l.Inputs} → {l.Units}, {l.Activation}  ({l.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)} parameters)";

    private static JsonObject Metrics(IReadOnlyDictionary<string, double> m)
    {
        var o = new JsonObject();
        foreach (var (k, v) in m)
        {
            o[k] = v;
        }

        return o;
    }

    private static string Text(IReadOnlyDictionary<string, double> m) =>
        string.Join(", ", m.Select(p => $"{p.Key.Replace('_', ' ')} {p.Value.ToString("0.0000", CultureInfo.InvariantCulture)}"));
}
