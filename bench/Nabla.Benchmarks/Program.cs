using BenchmarkDotNet.Running;
using Nabla.Benchmarks;

if (args.Length > 0 && args[0] == "--gflops")
{
    return GflopsRunner.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "--onnx")
{
    return OnnxThroughput.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(GflopsRunner).Assembly).Run(args);
return 0;
