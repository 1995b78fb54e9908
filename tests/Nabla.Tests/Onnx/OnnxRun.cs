using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Nabla.Onnx;

namespace Nabla.Tests.Onnx;

/// <summary>What ONNX Runtime computed for an exported model: each output by name, with its values flattened row by row.</summary>
public sealed class OnnxRun
{
    private readonly Dictionary<string, (Array Values, int[] Shape)> _outputs = [];

    private OnnxRun()
    {
    }

    /// <summary>The output names, in the model's order.</summary>
    public List<string> Names { get; } = [];

    /// <summary>Runs <paramref name="model"/> in ONNX Runtime (one thread) on <paramref name="inputs"/>.</summary>
    public static OnnxRun Of(byte[] model, IReadOnlyList<OnnxInputColumn> inputs)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        var values = inputs.Select(c => c.Texts is not null
            ? NamedOnnxValue.CreateFromTensor(c.Name, new DenseTensor<string>(c.Texts, [c.Rows, c.Width]))
            : NamedOnnxValue.CreateFromTensor(c.Name, new DenseTensor<double>(c.Numbers!, [c.Rows, c.Width]))).ToList();
        using var results = session.Run(values);
        var run = new OnnxRun();
        foreach (var result in results)
        {
            run.Names.Add(result.Name);
            run._outputs[result.Name] = result.Value switch
            {
                DenseTensor<string> s => (s.ToArray(), s.Dimensions.ToArray()),
                DenseTensor<long> l => (l.ToArray(), l.Dimensions.ToArray()),
                DenseTensor<float> f => (f.ToArray(), f.Dimensions.ToArray()),
                DenseTensor<double> d => (d.ToArray(), d.Dimensions.ToArray()),
                var other => throw new InvalidOperationException($"Unexpected output type {other?.GetType().Name}"),
            };
        }

        return run;
    }

    /// <summary>The values of output <paramref name="name"/>.</summary>
    public TValue[] Values<TValue>(string name) => (TValue[])_outputs[name].Values;

    /// <summary>The shape of output <paramref name="name"/>.</summary>
    public int[] Shape(string name) => _outputs[name].Shape;

    /// <summary>The values of a real output as doubles, whatever its precision.</summary>
    public double[] Reals(string name) => _outputs[name].Values switch
    {
        float[] f => [.. f.Select(v => (double)v)],
        double[] d => d,
        var other => throw new InvalidOperationException($"{name} holds {other.GetType().Name}, not reals."),
    };
}
