using Nabla.Onnx.Protobuf;

namespace Nabla.Onnx.Graphs;

/// <summary>
/// An ONNX graph under construction: inputs, constant tensors (initializers), nodes and outputs, with a fresh name for
/// every intermediate value. Real constants of the model are written in its precision (<see cref="Precision"/>).
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>The domain of the machine-learning operators (LabelEncoder).</summary>
    public const string MlDomain = "ai.onnx.ml";

    private readonly List<NodeProto> _nodes = [];
    private readonly List<TensorProto> _initializers = [];
    private readonly List<ValueInfoProto> _inputs = [];
    private readonly List<ValueInfoProto> _outputs = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<long, string> _scalars = [];
    private int _counter;

    /// <summary>Creates a graph whose model computes in <paramref name="precision"/> (float or double).</summary>
    public OnnxGraph(TensorType precision) => Precision = precision;

    /// <summary>The model's element type: <see cref="TensorType.Float"/> or <see cref="TensorType.Double"/>.</summary>
    public TensorType Precision { get; }

    /// <summary>Declares a graph input and returns its name.</summary>
    public string Input(string name, TensorType type, long?[] dims, string doc)
    {
        Reserve(name);
        _inputs.Add(new ValueInfoProto(name, type, dims, doc));
        return name;
    }

    /// <summary>Makes <paramref name="value"/> the graph output <paramref name="name"/>.</summary>
    public void Output(string value, string name, TensorType type, long?[] dims, string doc)
    {
        Reserve(name);
        _nodes.Add(new NodeProto("Identity", "", Fresh("output"), [value], [name], []));
        _outputs.Add(new ValueInfoProto(name, type, dims, doc));
    }

    /// <summary>A node of the standard operator set with one output; returns the output's name.</summary>
    public string Op(string opType, params string[] inputs) => Node(opType, "", inputs, []);

    /// <summary>A node of the standard operator set with attributes.</summary>
    public string Op(string opType, string[] inputs, params AttributeProto[] attributes) => Node(opType, "", inputs, attributes);

    /// <summary>A node of ai.onnx.ml.</summary>
    public string Ml(string opType, string[] inputs, params AttributeProto[] attributes) => Node(opType, MlDomain, inputs, attributes);

    /// <summary>A double constant of shape <paramref name="dims"/>.</summary>
    public string Doubles(string hint, long[] dims, ReadOnlySpan<double> values) => Add(TensorProto.Of(Fresh(hint), dims, values));

    /// <summary>A constant in the model's precision (the values are exact in it: they came from the model).</summary>
    public string Reals(string hint, long[] dims, ReadOnlySpan<double> values)
    {
        if (Precision == TensorType.Double)
        {
            return Doubles(hint, dims, values);
        }

        var floats = new float[values.Length];
        for (int i = 0; i < floats.Length; i++)
        {
            floats[i] = (float)values[i];
        }

        return Add(TensorProto.Of(Fresh(hint), dims, floats));
    }

    /// <summary>A scalar double constant (one initializer per value, however often it is asked for).</summary>
    public string Double(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        if (!_scalars.TryGetValue(bits, out string? name))
        {
            name = Doubles("c", [], [value]);
            _scalars[bits] = name;
        }

        return name;
    }

    /// <summary>A scalar constant in the model's precision.</summary>
    public string Real(string hint, double value) => Reals(hint, [], [value]);

    /// <summary>An int64 constant.</summary>
    public string Longs(string hint, long[] dims, ReadOnlySpan<long> values) => Add(TensorProto.Of(Fresh(hint), dims, values));

    /// <summary>A string constant.</summary>
    public string Strings(string hint, long[] dims, string[] values) => Add(TensorProto.Of(Fresh(hint), dims, values));

    /// <summary><paramref name="value"/> converted to <paramref name="type"/>.</summary>
    public string Cast(string value, TensorType type) => Op("Cast", [value], AttributeProto.Int("to", (int)type));

    /// <summary><paramref name="value"/> (a model-precision tensor) in double: itself when the model computes in double.</summary>
    public string ToDouble(string value) => Precision == TensorType.Double ? value : Cast(value, TensorType.Double);

    /// <summary><paramref name="value"/> (a double tensor) in the model's precision.</summary>
    public string FromDouble(string value) => Precision == TensorType.Double ? value : Cast(value, Precision);

    /// <summary>The finished graph.</summary>
    public GraphProto Build(string name, string doc) => new(name, _nodes, _initializers, _inputs, _outputs, doc);

    private string Node(string opType, string domain, string[] inputs, AttributeProto[] attributes)
    {
        string output = Fresh(opType);
        _nodes.Add(new NodeProto(opType, domain, output, inputs, [output], attributes));
        return output;
    }

    private string Add(TensorProto tensor)
    {
        _initializers.Add(tensor);
        return tensor.Name;
    }

    private void Reserve(string name)
    {
        if (!_names.Add(name))
        {
            throw new InvalidOperationException($"The ONNX graph has two values named '{name}'.");
        }
    }

    // Intermediate names never meet an input's or output's: a clash moves the counter on.
    private string Fresh(string hint)
    {
        string name;
        do
        {
            name = $"{hint}_{_counter++}";
        }
        while (!_names.Add(name));
        return name;
    }
}
