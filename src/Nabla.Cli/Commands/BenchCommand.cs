using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Nabla.Cli.Benchmarks;
using Nabla.Data;
using Nabla.Tensors;
using Nabla.Training;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla bench gemm|predict|mnist</c>: measurements of Nabla's speed, for comparison with the peers in bench/peers.</summary>
internal static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("bench", "Measure Nabla's speed: the matrix product, single-sample prediction, and MNIST training.");

        var size = new Option<int>("--size") { Description = "Matrix size N (square N×N float32 product).", DefaultValueFactory = _ => 1024 };
        var gemmThreads = ThreadsOption();
        var gemmJson = CommonOptions.Json();
        var gemm = new Command("gemm", "GFLOP/s of the float32 matrix product C = A·B for square N×N matrices (best of several runs).\n\nExample:\n  nabla bench gemm --size 1024 --json") { size, gemmThreads, gemmJson };
        gemm.SetAction(r => NablaCommand.Guard(context, () => WithThreads(r.GetValue(gemmThreads), threads => Gemm(context, r.GetValue(size), threads, r.GetValue(gemmJson)))));
        command.Subcommands.Add(gemm);

        var predictJson = CommonOptions.Json();
        var rows = new Option<int>("--rows") { Description = "Rows per call: 1 for single-sample prediction (a span in, a span out), more for a batch (a matrix through the network).", DefaultValueFactory = _ => 1 };
        var predictThreads = ThreadsOption();
        var predict = new Command("predict", "Microseconds, rows per second and bytes allocated per prediction call through the MNIST network (784-256-128-10).") { rows, predictThreads, predictJson };
        predict.SetAction(r => NablaCommand.Guard(context, () => WithThreads(r.GetValue(predictThreads), threads => Predict(context, r.GetValue(rows), threads, r.GetValue(predictJson)))));
        command.Subcommands.Add(predict);

        var data = new Option<string>("--data") { Description = "Folder with the four MNIST IDX files (get them with 'nabla datasets mnist --dir DIR').", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Epochs to train.", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Seed of the initial weights and the shuffling.", DefaultValueFactory = _ => 0 };
        var mnistThreads = ThreadsOption();
        var mnistJson = CommonOptions.Json();
        var hidden = new Option<string>("--hidden") { Description = "Hidden layer widths, comma-separated (for the scaling table, bench/scaling.sh).", DefaultValueFactory = _ => string.Join(",", MnistBenchmark.Hidden) };
        var batch = new Option<int>("--batch-size") { Description = "Rows per mini-batch.", DefaultValueFactory = _ => MnistBenchmark.BatchSize };
        var precision = new Option<string>("--precision") { Description = "float32 or float64.", DefaultValueFactory = _ => "float32" };
        precision.AcceptOnlyFromAmong("float32", "float64");
        var mnist = new Command("mnist", "Train 784-256-128-10 (ReLU, softmax + cross-entropy, He init, SGD momentum 0.9, learning rate 0.05, batch 128, float32) on MNIST and time each epoch.\n\nExample:\n  nabla bench mnist --data data/mnist --epochs 3 --json")
        {
            data, epochs, seed, mnistThreads, hidden, batch, precision, mnistJson,
        };
        mnist.SetAction(r => NablaCommand.Guard(context, () => WithThreads(r.GetValue(mnistThreads), threads =>
            Mnist(context, r.GetValue(data)!, r.GetValue(epochs), r.GetValue(seed), threads, r.GetValue(hidden)!, r.GetValue(batch), r.GetValue(precision) == "float64", r.GetValue(mnistJson)))));
        command.Subcommands.Add(mnist);
        return command;
    }

    private static Option<int> ThreadsOption() => new("--threads")
    {
        Description = "Threads to use (default: every core): bench mnist cuts each batch into that many shards trained at once; gemm and predict share each product. Results are bit-identical for a given count.",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    /// <summary>Runs <paramref name="body"/> with the kernels limited to <paramref name="threads"/> threads, then restores the setting.</summary>
    private static int WithThreads(int threads, Func<int, int> body)
    {
        if (threads < 1 || threads > 256)
        {
            throw new CliException($"--threads must be between 1 and 256, not {threads}.");
        }

        int previous = ComputeSettings.MaxThreads;
        ComputeSettings.MaxThreads = threads;
        try
        {
            return body(threads);
        }
        finally
        {
            ComputeSettings.MaxThreads = previous;
        }
    }

    private static int Gemm(CliContext context, int n, int threads, bool json)
    {
        if (n < 1 || n > 8192)
        {
            throw new CliException($"--size must be between 1 and 8192, not {n}.");
        }

        var random = new Random(0);
        var a = new Matrix<float>(n, n);
        var b = new Matrix<float>(n, n);
        var c = new Matrix<float>(n, n);
        foreach (var m in new[] { a, b })
        {
            var s = m.AsSpan();
            for (int i = 0; i < s.Length; i++)
            {
                s[i] = (float)(random.NextDouble() - 0.5);
            }
        }

        double flops = 2.0 * n * n * n;
        // Repeat until about a second has been measured; report the best run (least disturbed by other work on the machine).
        MatrixMath.Multiply(a, b, c);
        int reps = Math.Clamp((int)(2e10 / flops), 3, 1000);
        double best = double.MaxValue;
        var total = Stopwatch.StartNew();
        for (int r = 0; r < reps || total.Elapsed.TotalSeconds < 1; r++)
        {
            long start = Stopwatch.GetTimestamp();
            MatrixMath.Multiply(a, b, c);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        double gflops = flops / best / 1e9;
        var kernel = Tensors.Gemm.BestKernel();
        var caches = CpuCaches.Machine;
        var blocks = Tensors.Gemm.Blocking<float>(kernel);
        if (json)
        {
            Json.Write(context.Out, new JsonObject
            {
                ["size"] = n,
                ["gflops"] = gflops,
                ["threads"] = threads,
                ["kernel"] = kernel.ToString(),
                ["caches"] = new JsonObject { ["l1d_bytes"] = caches.L1Data, ["l2_bytes"] = caches.L2, ["l3_bytes_per_core"] = caches.L3PerCore, ["source"] = caches.Source },
                ["blocks"] = new JsonObject { ["mr"] = blocks.MR, ["nr"] = blocks.NR, ["kc"] = blocks.KC, ["mc"] = blocks.MC, ["nc"] = blocks.NC },
            });
        }
        else
        {
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"float32 {n}×{n}·{n}×{n}: {gflops:F1} GFLOP/s with {threads} thread(s) (best of {reps}+ runs, {best * 1e3:F3} ms)"));
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kernel} kernel, {blocks.MR}×{blocks.NR} tiles, blocks KC {blocks.KC}, MC {blocks.MC}, NC {blocks.NC} cut to the caches: {caches}"));
        }

        return NablaCommand.Success;
    }

    private static int Predict(CliContext context, int rows, int threads, bool json)
    {
        if (rows is < 1 or > 100_000)
        {
            throw new CliException($"--rows must be between 1 and 100000, not {rows}.");
        }

        var network = MnistBenchmark.CreateNetwork(0);
        var random = new Random(1);
        var batch = new Matrix<float>(rows, MnistDataset.Pixels);
        var inputs = batch.AsSpan();
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)random.NextDouble();
        }

        var x = batch.Row(0).ToArray();
        var output = new float[MnistDataset.Classes];
        // One sample goes through the span API that services call; a batch through the network's forward pass, whose
        // buffers are made once per batch size and reused.
        Action call = rows == 1 ? () => network.Predict(x, output) : () => network.Forward(batch);

        // Warm up for a while, not a number of calls: the JIT recompiles hot methods with full optimization only after
        // they have run for some time, and that is the code a long-running service runs.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed.TotalSeconds < 1)
        {
            call();
        }

        // About a second of calls, at least 20 (20,000 for one row, as before).
        var probe = Stopwatch.StartNew();
        call();
        int calls = rows == 1 ? 20000 : Math.Max(20, (int)(1 / Math.Max(probe.Elapsed.TotalSeconds, 1e-7)));
        long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
        {
            call();
        }

        double micros = Stopwatch.GetElapsedTime(start).TotalMicroseconds / calls;
        double bytes = (double)(GC.GetAllocatedBytesForCurrentThread() - bytesBefore) / calls;
        double rowsPerSecond = rows / (micros * 1e-6);
        if (json)
        {
            Json.Write(context.Out, new JsonObject
            {
                ["rows"] = rows,
                ["microseconds_per_call"] = micros,
                ["microseconds_per_sample"] = micros / rows,
                ["rows_per_second"] = rowsPerSecond,
                ["bytes_allocated_per_call"] = bytes,
                ["threads"] = threads,
            });
        }
        else
        {
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"predict {rows} row(s), 784-256-128-10 float32, {threads} thread(s): {micros:F2} µs per call ({rowsPerSecond:F0} rows/s), {bytes:F1} bytes allocated per call"));
        }

        return NablaCommand.Success;
    }

    private static int Mnist(CliContext context, string dir, int epochs, int seed, int threads, string hiddenText, int batch, bool float64, bool json)
    {
        if (epochs < 1)
        {
            throw new CliException($"--epochs must be at least 1, not {epochs}.");
        }

        var widths = hiddenText.Split(',', StringSplitOptions.TrimEntries);
        int[] hidden = widths.All(w => int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v is >= 1 and <= 65536)
            ? [.. widths.Select(w => int.Parse(w, CultureInfo.InvariantCulture))]
            : throw new CliException($"--hidden is '{hiddenText}': give widths from 1 to 65536 separated by commas, such as 256,128.");
        if (batch is < 1 or > 60000)
        {
            throw new CliException($"--batch-size must be between 1 and 60000, not {batch}.");
        }

        var bad = MnistDataset.Verify(dir);
        if (bad.Count > 0)
        {
            throw new CliException($"MNIST is not complete in '{dir}' (missing or damaged: {string.Join(", ", bad)}). Run 'nabla datasets mnist --dir {dir}' first.");
        }

        var data = MnistDataset.Load(dir);
        void OnEpoch(EpochRecord record, double seconds) =>
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {record.Epoch}: loss {record.Loss:F4}, {seconds:F3} s"));
        var result = float64
            ? MnistBenchmark.Run(data, ToDouble(data.TrainImages), ToDouble(data.TestImages), hidden, batch, epochs, seed, OnEpoch)
            : MnistBenchmark.Run(data, data.TrainImages, data.TestImages, hidden, batch, epochs, seed, OnEpoch);
        string shape = $"784-{string.Join("-", hidden)}-10";
        var sorted = result.EpochSeconds.Order().ToArray();
        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        double samplesPerSecond = data.TrainImages.Rows / median;
        if (json)
        {
            Json.Write(context.Out, new JsonObject
            {
                ["epoch_seconds"] = Json.Array(result.EpochSeconds),
                ["epoch_seconds_median"] = median,
                ["samples_per_second"] = samplesPerSecond,
                ["test_accuracy"] = result.TestAccuracy,
                ["threads"] = threads,
                ["epochs"] = epochs,
                ["network"] = shape,
                ["batch_size"] = batch,
                ["precision"] = float64 ? "float64" : "float32",
                ["losses"] = Json.Array(result.Losses),
            });
        }
        else
        {
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"MNIST {shape}, batch {batch}, {(float64 ? "float64" : "float32")}, {epochs} epochs, {threads} thread(s): median epoch {median:F3} s ({samplesPerSecond:F0} samples/s), test accuracy {result.TestAccuracy:P2}"));
        }

        return NablaCommand.Success;
    }

    private static Matrix<double> ToDouble(Matrix<float> x)
    {
        var y = new Matrix<double>(x.Rows, x.Columns);
        var source = x.AsReadOnlySpan();
        var target = y.AsSpan();
        for (int i = 0; i < source.Length; i++)
        {
            target[i] = source[i];
        }

        return y;
    }
}
