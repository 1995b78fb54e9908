using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Nabla.Data;
using Nabla.Estimators;
using Nabla.Models;
using Nabla.Tensors;

namespace Nabla.Tests.Contracts;

/// <summary>The theory cases of the contract battery, read from <see cref="ModelKinds.All"/>: a new kind is covered with no new test code.</summary>
public static class KindCases
{
    /// <summary>Every (kind, task) pair, as "name/classification" or "name/regression".</summary>
    public static TheoryData<string> All => Cases(_ => true);

    /// <summary>Every kind that classifies.</summary>
    public static TheoryData<string> Classifiers => Cases(t => t == ModelTask.Classification);

    /// <summary>Every kind that does regression.</summary>
    public static TheoryData<string> Regressors => Cases(t => t == ModelTask.Regression);

    /// <summary>Every kind, by name (for the schema checks).</summary>
    public static TheoryData<string> Kinds
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var k in ModelKinds.All)
            {
                data.Add(k.Name);
            }

            return data;
        }
    }

    public static (ModelKind Kind, ModelTask Task) Parse(string name)
    {
        var parts = name.Split('/');
        return (ModelKinds.Get(parts[0]), parts[1] == "classification" ? ModelTask.Classification : ModelTask.Regression);
    }

    /// <summary>The defaults, with a small epoch limit where the kind has one, so every fit is fast.</summary>
    public static HyperparameterValues Small(ModelKind kind)
    {
        var values = kind.Defaults;
        return kind.Find("epochs") is not null ? values.With("epochs", 30) : values;
    }

    private static TheoryData<string> Cases(Func<ModelTask, bool> which)
    {
        var data = new TheoryData<string>();
        foreach (var k in ModelKinds.All)
        {
            foreach (var t in k.Tasks.Where(which))
            {
                data.Add($"{k.Name}/{(t == ModelTask.Classification ? "classification" : "regression")}");
            }
        }

        return data;
    }
}

/// <summary>Features with either class labels or numeric targets.</summary>
public sealed record ContractData(Matrix<double> X, string[] Labels, Matrix<double> Y)
{
    public int Rows => X.Rows;

    /// <summary>Well separated Gaussian blobs, labelled with <paramref name="names"/> (one blob per name), 2 or 3 features.</summary>
    public static ContractData Blobs(IReadOnlyList<string> names, int perClass = 20, int features = 2, int seed = 7)
    {
        var means = new List<double[]>();
        for (int k = 0; k < names.Count; k++)
        {
            var m = new double[features];
            if (k > 0)
            {
                m[(k - 1) % features] = 6 * (1 + (k - 1) / features);
            }

            means.Add(m);
        }

        var set = SyntheticData.GaussianClasses(means, [.. names.Select(_ => 0.5)], [.. names.Select(_ => perClass)], seed).Shuffled(seed + 1);
        return new ContractData(set.Features, [.. set.Labels.Select(l => names[l])], new Matrix<double>(set.Count, 1));
    }

    /// <summary>y = 1 + 2x₁ − 3x₂ (+ 0.5x₃ …) plus noise of standard deviation 0.01, x uniform in [−1, 1].</summary>
    public static ContractData Linear(int rows = 60, int features = 2, int targets = 1, int seed = 11)
    {
        var random = new Random(seed);
        var x = new Matrix<double>(rows, features);
        var y = new Matrix<double>(rows, targets);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < features; j++)
            {
                x[i, j] = 2 * random.NextDouble() - 1;
            }

            for (int t = 0; t < targets; t++)
            {
                double v = 1 + t;
                for (int j = 0; j < features; j++)
                {
                    v += (j % 2 == 0 ? 2.0 : -3.0) * (t + 1) * x[i, j];
                }

                y[i, t] = v + 0.01 * Gaussian(random);
            }
        }

        return new ContractData(x, [.. Enumerable.Repeat("", rows)], y);
    }

    /// <summary>The default data of a task.</summary>
    public static ContractData For(ModelTask task) => task == ModelTask.Classification ? Blobs(["a", "b", "c"]) : Linear();

    /// <summary>The same data with the rows in another order.</summary>
    public ContractData Permuted(int[] order) => new(X.SelectRows(order), [.. order.Select(i => Labels[i])], Y.SelectRows(order));

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

/// <summary>A classifier (string labels) or a regressor of one kind, behind one face.</summary>
public sealed class ContractModel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private ContractModel(ModelKind kind, ModelTask task, Classifier<T, string>? classifier, Regressor<T>? regressor)
    {
        Kind = kind;
        Task = task;
        Classifier = classifier;
        Regressor = regressor;
    }

    public ModelKind Kind { get; }

    public ModelTask Task { get; }

    public Classifier<T, string>? Classifier { get; }

    public Regressor<T>? Regressor { get; }

    public bool IsFitted => Classifier?.IsFitted ?? Regressor!.IsFitted;

    public int FeatureCount => Classifier?.FeatureCount ?? Regressor!.FeatureCount;

    public HyperparameterValues Values => Classifier is not null ? Kind.ValuesOf(Classifier) : Kind.ValuesOf(Regressor!);

    public static ContractModel<T> Create(ModelKind kind, ModelTask task, HyperparameterValues values) =>
        task == ModelTask.Classification
            ? new(kind, task, kind.CreateClassifier<T, string>(values), null)
            : new(kind, task, null, kind.CreateRegressor<T>(values));

    public static Matrix<T> Cast(Matrix<double> m)
    {
        var result = new Matrix<T>(m.Rows, m.Columns);
        for (int i = 0; i < m.Rows; i++)
        {
            for (int j = 0; j < m.Columns; j++)
            {
                result[i, j] = T.CreateChecked(m[i, j]);
            }
        }

        return result;
    }

    /// <summary>Fits; returns the instance <c>Fit</c> returned (as object, to check it is the same).</summary>
    public object Fit(ContractData data) => Fit(Cast(data.X), data);

    public object Fit(Matrix<T> x, ContractData data) =>
        Classifier is not null ? Classifier.Fit(x, data.Labels) : Regressor!.Fit(x, Cast(data.Y));

    public object Estimator => (object?)Classifier ?? Regressor!;

    public void Predict(Matrix<T> x)
    {
        if (Classifier is not null)
        {
            Classifier.Predict(x);
        }
        else
        {
            Regressor!.Predict(x);
        }
    }

    public double Score(ContractData data) =>
        Classifier is not null ? Classifier.Score(Cast(data.X), data.Labels) : Regressor!.Score(Cast(data.X), Cast(data.Y));

    /// <summary>Everything the model predicts for <paramref name="x"/>, bit for bit, as text.</summary>
    public string Output(Matrix<T> x)
    {
        var text = new StringBuilder();
        if (Classifier is not null)
        {
            text.AppendJoin("|", Classifier.Predict(x)).Append(';').AppendJoin(",", Classifier.PredictClassIndices(x));
            if (Classifier.SupportsProbabilities)
            {
                text.Append(';').Append(Bits(Classifier.PredictProbabilities(x)));
            }
        }
        else
        {
            text.Append(Bits(Regressor!.Predict(x)));
        }

        return text.ToString();
    }

    /// <summary>The numbers predicted (probabilities, or predictions), for comparisons within a tolerance.</summary>
    public Matrix<double>? Numbers(Matrix<T> x) =>
        Classifier is not null
            ? Classifier.SupportsProbabilities ? ContractModel<double>.CastFrom(Classifier.PredictProbabilities(x)) : null
            : ContractModel<double>.CastFrom(Regressor!.Predict(x));

    public static Matrix<T> CastFrom<TFrom>(Matrix<TFrom> m)
        where TFrom : unmanaged, IFloatingPointIeee754<TFrom>
    {
        var result = new Matrix<T>(m.Rows, m.Columns);
        for (int i = 0; i < m.Rows; i++)
        {
            for (int j = 0; j < m.Columns; j++)
            {
                result[i, j] = T.CreateChecked(m[i, j]);
            }
        }

        return result;
    }

    public string Json => Classifier is not null ? ModelFile.ToJson(Classifier) : ModelFile.ToJson(Regressor!);

    /// <summary>The <c>parameters</c> section of the model file, as compact JSON.</summary>
    public string Parameters => JsonNode.Parse(Json)!["parameters"]!.ToJsonString();

    public ContractModel<T> Load(string json) =>
        Task == ModelTask.Classification
            ? new(Kind, Task, ModelFile.ParseClassifier<T, string>(json, "contract").Model, null)
            : new(Kind, Task, null, ModelFile.ParseRegressor<T>(json, "contract").Model);

    public ModelKind KindOf => Classifier is not null ? ModelKinds.Of(Classifier) : ModelKinds.Of(Regressor!);

    public ModelDescription Describe(IReadOnlyList<string>? names = null) =>
        Classifier is not null ? Kind.Describe(Classifier, names) : Kind.Describe(Regressor!, names);

    private static string Bits<TM>(Matrix<TM> m)
        where TM : unmanaged, IFloatingPointIeee754<TM> =>
        m.Shape + ":" + string.Join(",", m.ToArray().Cast<TM>().Select(v => BitConverter.DoubleToInt64Bits(double.CreateChecked(v)).ToString("x", CultureInfo.InvariantCulture)));
}
