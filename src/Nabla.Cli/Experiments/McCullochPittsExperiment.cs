using System.Globalization;
using System.Text.Json.Nodes;
using Nabla.Neurons;

namespace Nabla.Cli.Experiments;

/// <summary>
/// The McCulloch-Pitts examples of the notes: AND and OR of two and three inputs with their thresholds and truth tables,
/// then the realizability search on a few two-input functions, where XOR finds no neuron.
/// </summary>
internal static class McCullochPittsExperiment
{
    /// <summary>The named two-input functions given to the search, by truth table over (0,0), (0,1), (1,0), (1,1).</summary>
    public static IReadOnlyList<(string Name, bool[] Table)> SearchedFunctions { get; } =
    [
        ("x1 AND x2", [false, false, false, true]),
        ("x1 OR x2", [false, true, true, true]),
        ("x1 NOR x2", [true, false, false, false]),
        ("x1 AND NOT x2", [false, false, true, false]),
        ("x1 XOR x2", [false, true, true, false]),
        ("x1 XNOR x2", [true, false, false, true]),
    ];

    /// <summary>Prints the neurons, their truth tables and the search results as text or JSON.</summary>
    public static int Run(CliContext context, bool json)
    {
        var neurons = new (string Name, McCullochPittsNeuron Neuron)[]
        {
            ("AND", McCullochPittsNeuron.And(2)),
            ("OR", McCullochPittsNeuron.Or(2)),
            ("AND", McCullochPittsNeuron.And(3)),
            ("OR", McCullochPittsNeuron.Or(3)),
        };
        var searches = SearchedFunctions.Select(f => (f.Name, f.Table, Neuron: McCullochPittsNeuron.Find(f.Table))).ToArray();
        var xor = searches.Single(s => s.Name == "x1 XOR x2");

        if (json)
        {
            var neuronNodes = new JsonArray();
            foreach (var (name, neuron) in neurons)
            {
                var node = Describe(neuron);
                node["function"] = name;
                node["truth_table"] = TableNode(neuron.InputCount, neuron.TruthTable());
                neuronNodes.Add(node);
            }

            var searchNodes = new JsonArray();
            foreach (var (name, table, neuron) in searches)
            {
                var node = neuron is null ? new JsonObject() : Describe(neuron);
                node["function"] = name;
                node["truth_table"] = TableNode(2, table);
                node["realizable"] = neuron is not null;
                searchNodes.Add(node);
            }

            Json.Write(context.Out, new JsonObject
            {
                ["neurons"] = neuronNodes,
                ["search"] = searchNodes,
                ["xor"] = new JsonObject { ["realizable"] = xor.Neuron is not null },
            });
            return NablaCommand.Success;
        }

        var o = context.Out;
        o.WriteLine("McCulloch-Pitts neuron: y = 1 if the active excitatory inputs number at least θ and no inhibitory input is active.");
        foreach (var (name, neuron) in neurons)
        {
            o.WriteLine();
            o.WriteLine($"{name} of {neuron.InputCount} inputs, θ = {neuron.Threshold}: {neuron}");
            var table = neuron.TruthTable();
            o.WriteLine("  " + string.Join(' ', Enumerable.Range(1, neuron.InputCount).Select(i => "x" + i)) + "  y");
            for (int row = 0; row < table.Length; row++)
            {
                var x = McCullochPittsNeuron.InputRow(neuron.InputCount, row);
                o.WriteLine("  " + string.Join(' ', x.Select(b => b ? " 1" : " 0")) + "  " + (table[row] ? 1 : 0));
            }
        }

        o.WriteLine();
        o.WriteLine("Search for one neuron (any θ, each input excitatory or inhibitory) computing a function of two inputs:");
        foreach (var (name, table, neuron) in searches)
        {
            string bits = string.Concat(table.Select(b => b ? '1' : '0'));
            o.WriteLine(neuron is null
                ? $"  {name,-14} (y = {bits}): not realizable by one McCulloch-Pitts neuron"
                : $"  {name,-14} (y = {bits}): θ = {neuron.Threshold.ToString(CultureInfo.InvariantCulture)}, {neuron}");
        }

        o.WriteLine();
        o.WriteLine("XOR fires on (0,1) and (1,0) but not on (1,1): no threshold on the count of active inputs does that, and an");
        o.WriteLine("inhibitory input would silence (0,1) or (1,0). One neuron cannot compute it; a network of them can.");
        return NablaCommand.Success;
    }

    private static JsonObject Describe(McCullochPittsNeuron neuron) => new()
    {
        ["inputs"] = neuron.InputCount,
        ["threshold"] = neuron.Threshold,
        ["excitatory"] = Json.Array(neuron.ExcitatoryInputs.Select(i => i + 1)),
        ["inhibitory"] = Json.Array(neuron.InhibitoryInputs.Select(i => i + 1)),
        ["rule"] = neuron.ToString(),
    };

    private static JsonArray TableNode(int inputCount, bool[] table)
    {
        // One row per input combination: the inputs then the output, all 0/1.
        var rows = new JsonArray();
        for (int row = 0; row < table.Length; row++)
        {
            var x = McCullochPittsNeuron.InputRow(inputCount, row);
            rows.Add(Json.Array([.. x.Select(b => b ? 1 : 0), table[row] ? 1 : 0]));
        }

        return rows;
    }
}
