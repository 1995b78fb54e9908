using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Nabla.Data.Preprocessing;
using Nabla.Estimators;
using Nabla.Models;
using Nabla.Onnx;
using Nabla.Tensors;

namespace Nabla.Benchmarks;

/// <summary>
/// Batch prediction throughput, Nabla against ONNX Runtime running the exported model, on the same machine and thread
/// count, for docs/scaling.md: <c>dotnet run -c Release --project bench/Nabla.Benchmarks -- --onnx [--threads 1,2]
/// [--batches 1,32,1024,16384] [--seconds S]</c>. Models (float32): logistic regression and an MLP 64-64 (ReLU) of 3
/// classes, Gaussian Bayes (full covariance), linear regression, trained on a table of 16 numbers and one text column.
/// Two paths: the model alone on its feature matrix, and the whole pipeline from columns (Nabla reads the cells' text
/// through its preprocessing; ONNX Runtime gets the columns as double and string tensors). Prints one line per case:
/// rows per second, best of three timed runs of at least S seconds each.
/// </summary>
public static class OnnxThroughput
{
    private const int Numbers = 16;

    /// <summary>Runs the measurement; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        int[] threads = [1, 2];
        int[] batches = [1, 32, 1024, 16384];
        double seconds = 0.5;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--threads": threads = [.. args[i + 1].Split(',').Select(int.Parse)]; break;
                case "--batches": batches = [.. args[i + 1].Split(',').Select(int.Parse)]; break;
                case "--seconds": seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        var train = Table(3000, seed: 1);
        var (prep, x) = Preprocessor.FitTransform(train, new PreprocessorOptions { Targets = ["y"] });
        var xf = ToFloat(x);
        var labels = prep.ReadLabels(train);
        var regressionTargets = ToFloat(Matrix<double>.ColumnVector([.. Enumerable.Range(0, train.RowCount).Select(i => x[i, 0] * 2 + x[i, 3] - x[i, 5])]));
        var models = new List<(string Name, Func<Matrix<float>, object> Nabla, Preprocessor Prep, byte[] Pipeline, byte[] Alone)>();
        void AddClassifier(string name, Classifier<float, string> model)
        {
            model.Fit(xf, labels);
            models.Add((name, m => model.SupportsProbabilities ? model.PredictProbabilities(m) : model.Predict(m), prep,
                Bytes(s => OnnxExporter.Export(model, prep, s)), Bytes(s => OnnxExporter.Export(model, null, s))));
        }

        AddClassifier("logistic", ModelKinds.Logistic.CreateClassifier<float, string>(ModelKinds.Logistic.Defaults));
        AddClassifier("mlp 64-64", ModelKinds.Mlp.CreateClassifier<float, string>(ModelKinds.Mlp.Defaults.WithText("hidden", "64,64").With("epochs", 50)));
        AddClassifier("bayes-gaussian", ModelKinds.BayesGaussian.CreateClassifier<float, string>(ModelKinds.BayesGaussian.Defaults.WithText("covariance", "full")));
        var linear = ModelKinds.Linear.CreateRegressor<float>(ModelKinds.Linear.Defaults).Fit(xf, regressionTargets);
        models.Add(("linear", m => linear.Predict(m), prep, Bytes(s => OnnxExporter.Export(linear, prep, s)), Bytes(s => OnnxExporter.Export(linear, null, s))));

        int largest = batches.Max();
        var data = Table(largest, seed: 2);
        var features = prep.Transform(data);
        Console.WriteLine($"# {Environment.ProcessorCount} processors; features d = {prep.FeatureCount}; ONNX Runtime {OrtEnv.Instance().GetVersionString()}; best of 3 runs of >= {seconds} s");
        Console.WriteLine("model | path | threads | batch | Nabla rows/s | ONNX Runtime rows/s | ONNX Runtime / Nabla");
        foreach (int t in threads)
        {
            ComputeSettings.MaxThreads = t;
            foreach (var (name, nabla, p, pipeline, alone) in models)
            {
                using var options = new SessionOptions { IntraOpNumThreads = t, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
                using var aloneSession = new InferenceSession(alone, options);
                using var pipelineSession = new InferenceSession(pipeline, options);
                foreach (int n in batches)
                {
                    var rows = data.SelectRows([.. Enumerable.Range(0, n)]);
                    var matrix = ToFloat(features.SelectRows([.. Enumerable.Range(0, n)]));
                    double nablaModel = RowsPerSecond(n, seconds, () => nabla(matrix));
                    var featureInput = new[] { new OnnxInputColumn(OnnxExporter.FeaturesInput, prep.FeatureCount, [.. features.SelectRows([.. Enumerable.Range(0, n)]).AsReadOnlySpan()], null) };
                    double ortModel = Ort(aloneSession, featureInput, n, seconds);
                    Print(name, "model alone", t, n, nablaModel, ortModel);
                    double nablaPipeline = RowsPerSecond(n, seconds, () => nabla(ToFloat(p.Transform(rows))));
                    double ortPipeline = Ort(pipelineSession, OnnxInputs.FromTable(p, rows), n, seconds);
                    Print(name, "with preprocessing", t, n, nablaPipeline, ortPipeline);
                }
            }
        }

        return 0;
    }

    private static void Print(string model, string path, int threads, int batch, double nabla, double ort) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{model} | {path} | {threads} | {batch} | {nabla:N0} | {ort:N0} | {ort / nabla:0.00}"));

    private static double Ort(InferenceSession session, IReadOnlyList<OnnxInputColumn> inputs, int n, double seconds)
    {
        var names = inputs.Select(c => c.Name).ToArray();
        var values = inputs.Select(c => c.Texts is not null
            ? OrtValue.CreateFromStringTensor(new DenseTensor<string>(c.Texts, [n, c.Width]))
            : OrtValue.CreateTensorValueFromMemory(c.Numbers!, [n, c.Width])).ToArray();
        var outputs = session.OutputNames.ToArray();
        using var runOptions = new RunOptions();
        try
        {
            return RowsPerSecond(n, seconds, () =>
            {
                using var results = session.Run(runOptions, names, values, outputs);
            });
        }
        finally
        {
            foreach (var v in values)
            {
                v.Dispose();
            }
        }
    }

    private static double RowsPerSecond(int n, double seconds, Action predict)
    {
        predict(); // warm up: JIT, buffers, the session's first run
        double best = 0;
        for (int run = 0; run < 3; run++)
        {
            long calls = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed.TotalSeconds < seconds)
            {
                predict();
                calls++;
            }

            best = Math.Max(best, calls * n / watch.Elapsed.TotalSeconds);
        }

        return best;
    }

    // 16 numbers (one with 5% missing), a text column of 5 categories; three classes from a noisy linear score.
    private static TabularData Table(int rows, int seed)
    {
        var random = new Random(seed);
        string[] colors = ["red", "green", "blue", "black", "white"];
        var table = new List<string[]>(rows);
        for (int i = 0; i < rows; i++)
        {
            var row = new string[Numbers + 2];
            double score = 0;
            for (int j = 0; j < Numbers; j++)
            {
                double v = 2 * random.NextDouble() - 1;
                score += (j % 3 - 1) * v;
                row[j] = j == 0 && i % 20 == 3 ? "" : v.ToString("R", CultureInfo.InvariantCulture);
            }

            int c = random.Next(colors.Length);
            row[Numbers] = colors[c];
            score += 0.3 * (c - 2) + 0.5 * (random.NextDouble() - 0.5);
            row[Numbers + 1] = score < -0.5 ? "low" : score < 0.5 ? "mid" : "high";
            table.Add(row);
        }

        return new TabularData("bench.csv", [.. Enumerable.Range(1, Numbers).Select(j => $"x{j}"), "color", "y"], table);
    }

    private static Matrix<float> ToFloat(Matrix<double> m)
    {
        var result = new Matrix<float>(m.Rows, m.Columns);
        var source = m.AsReadOnlySpan();
        var target = result.AsSpan();
        for (int i = 0; i < source.Length; i++)
        {
            target[i] = (float)source[i];
        }

        return result;
    }

    private static byte[] Bytes(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }
}
