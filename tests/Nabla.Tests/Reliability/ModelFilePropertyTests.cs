using System.Numerics;
using CsCheck;
using Nabla.Estimators;
using Nabla.Models;
using Nabla.Tensors;
using Nabla.Tests.Contracts;

namespace Nabla.Tests.Reliability;

/// <summary>
/// Every registered kind (<see cref="ModelKinds.All"/>), fitted on random small data, saved to a model file and loaded back,
/// predicts bit for bit what it predicted before: labels, class indices, probabilities or numbers.
/// </summary>
public sealed class ModelFilePropertyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nabla-roundtrip-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private sealed record Case(int Classes, int Features, int PerClass, int Targets, int Seed)
    {
        public override string ToString() => $"classes={Classes} features={Features} per-class={PerClass} targets={Targets} seed={Seed}";
    }

    private static readonly Gen<Case> Cases = Gen.Select(Gen.Int[2, 4], Gen.Int[1, 4], Gen.Int[8, 25], Gen.Int[1, 2], Gen.Int[0, 1_000_000],
        (classes, features, perClass, targets, seed) => new Case(classes, features, perClass, targets, seed));

    /// <summary>Label names that a file must carry intact: Unicode, separators, quotes, line breaks, digits.</summary>
    private static readonly string[] Names = ["a", "b", "setosa", "Ünïcödé", "中文", "😀", "x,y", "say \"hi\"", "two\nlines", "0", "-1", "1.5", "tab\there", " padded "];

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void Save_then_load_predicts_bit_identically_in_double(string name) => RoundTrips<double>(name);

    [Theory, MemberData(nameof(KindCases.All), MemberType = typeof(KindCases))]
    public void Save_then_load_predicts_bit_identically_in_float(string name) => RoundTrips<float>(name);

    private void RoundTrips<T>(string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (kind, task) = KindCases.Parse(name);
        Cases.Sample(c =>
        {
            var random = new Random(c.Seed);
            var data = task == ModelTask.Classification ? Classes(random, c) : Numbers(random, c);
            var model = ContractModel<T>.Create(kind, task, KindCases.Small(kind));
            model.Fit(data);
            var probe = ContractModel<T>.Cast(Probe(random, data.X));
            string path = Path.Combine(_directory, $"{kind.Name}-{typeof(T).Name}-{c.Seed}-{Guid.NewGuid():N}.json");
            string before, after;
            if (model.Classifier is { } classifier)
            {
                before = Output(classifier, probe);
                ModelFile.Save(path, classifier);
                after = Output(ModelFile.LoadClassifier<T, string>(path).Model, probe);
            }
            else
            {
                before = Output(model.Regressor!, probe);
                ModelFile.Save(path, model.Regressor!);
                after = Output(ModelFile.LoadRegressor<T>(path).Model, probe);
            }

            File.Delete(path);
            Assert.Equal(before, after);
        }, iter: 40);
    }

    private static string Output<T>(Regressor<T> model, Matrix<T> x)
        where T : unmanaged, IFloatingPointIeee754<T> => Bits(model.Predict(x));

    private static string Output<T>(Classifier<T, string> model, Matrix<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var text = new System.Text.StringBuilder();
        text.AppendJoin("|", model.Predict(x)).Append(';').AppendJoin(",", model.PredictClassIndices(x));
        if (model.SupportsProbabilities)
        {
            text.Append(';').Append(Bits(model.PredictProbabilities(x)));
        }

        return text.ToString();
    }

    private static string Bits<T>(Matrix<T> m)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        m.Shape + ":" + string.Join(",", m.ToArray().Cast<T>().Select(v => BitConverter.DoubleToInt64Bits(double.CreateChecked(v)).ToString("x", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Overlapping Gaussian classes with random means and spreads, random distinct names, shuffled.</summary>
    private static ContractData Classes(Random random, Case c)
    {
        var names = Names.OrderBy(_ => random.Next()).Take(c.Classes).ToArray();
        int rows = c.Classes * c.PerClass;
        var x = new Matrix<double>(rows, c.Features);
        var labels = new string[rows];
        var order = Enumerable.Range(0, rows).OrderBy(_ => random.Next()).ToArray();
        for (int k = 0; k < c.Classes; k++)
        {
            var mean = Enumerable.Range(0, c.Features).Select(_ => 4 * random.NextDouble() - 2).ToArray();
            double spread = 0.2 + random.NextDouble();
            for (int r = 0; r < c.PerClass; r++)
            {
                int i = order[k * c.PerClass + r];
                labels[i] = names[k];
                for (int j = 0; j < c.Features; j++)
                {
                    x[i, j] = mean[j] + spread * Normal(random);
                }
            }
        }

        return new ContractData(x, labels, new Matrix<double>(rows, 1));
    }

    /// <summary>Targets linear in the features with random weights, plus noise.</summary>
    private static ContractData Numbers(Random random, Case c)
    {
        int rows = c.Classes * c.PerClass;
        var x = new Matrix<double>(rows, c.Features);
        var y = new Matrix<double>(rows, c.Targets);
        var w = Enumerable.Range(0, c.Features * c.Targets).Select(_ => 3 * Normal(random)).ToArray();
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < c.Features; j++)
            {
                x[i, j] = 2 * random.NextDouble() - 1;
            }

            for (int t = 0; t < c.Targets; t++)
            {
                double v = 10 * t;
                for (int j = 0; j < c.Features; j++)
                {
                    v += w[t * c.Features + j] * x[i, j];
                }

                y[i, t] = v + 0.1 * Normal(random);
            }
        }

        return new ContractData(x, [.. Enumerable.Repeat("", rows)], y);
    }

    /// <summary>The training rows plus as many new ones, some far outside the training range.</summary>
    private static Matrix<double> Probe(Random random, Matrix<double> x)
    {
        var probe = new Matrix<double>(2 * x.Rows, x.Columns);
        for (int i = 0; i < x.Rows; i++)
        {
            for (int j = 0; j < x.Columns; j++)
            {
                probe[i, j] = x[i, j];
                probe[x.Rows + i, j] = (random.Next(4) == 0 ? 100 : 3) * (2 * random.NextDouble() - 1);
            }
        }

        return probe;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
