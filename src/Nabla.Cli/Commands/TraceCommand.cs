using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Nabla.Cli.ModelFiles;
using Nabla.Data.Preprocessing;
using Nabla.IO;
using Nabla.Losses;
using Nabla.Mlp;
using Nabla.Networks;
using Nabla.Tensors;

namespace Nabla.Cli.Commands;

/// <summary>
/// <c>nabla trace</c>: one row of a CSV file through a saved network, forward and backward, every quantity in the notes'
/// notation, and the chain rule of one weight.
/// </summary>
internal static class TraceCommand
{
    /// <summary>Vectors longer than this print their first entries only (the JSON has them all).</summary>
    public const int ShownEntries = 16;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = CommonOptions.ModelFile();
        var data = CommonOptions.DataFile();
        var row = new Option<int>("--row") { HelpName = "N", Description = "The data row to trace, 1 for the first row after the header.", DefaultValueFactory = _ => 1 };
        var columns = new Option<bool>("--column-convention") { Description = "Print as the lectures write it: column vectors, z^[l] = W^[l] a^[l−1] + b^[l] (default: Nabla's rows, z^[l] = a^[l−1] W^[l]ᵀ + b^[l])." };
        var weight = new Option<string>("--weight") { HelpName = "l,i,j", Description = "The weight w^[l]_{i,j} whose chain rule to write out, factor by factor.", DefaultValueFactory = _ => "1,1,1" };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var limits = new CsvLimitOptions();
        var command = new Command("trace", """
            The glass box: one row of a CSV file through a saved network (mlp), in the notes' notation. The row's preprocessing,
            then for every layer z^[l] and a^[l]; the backward pass against the row's target: ∂L/∂a^[l], δ^[l], ∂L/∂W^[l] and
            ∂L/∂b^[l]; and the chain rule of one weight written out factor by factor, every path from the loss to it.

            Examples:
              nabla trace --model moons.json --data moons.csv --row 3
              nabla trace --model moons.json --data moons.csv --row 3 --column-convention --weight 2,1,4
            """)
        {
            model, data, row, columns, weight, json, verbose,
        };
        limits.AddTo(command);
        command.SetAction(r => NablaCommand.Guard(context, () => Run(context, r.GetValue(model)!, r.GetValue(data)!, limits.Read(r), r.GetValue(row), r.GetValue(columns), r.GetValue(weight)!, r.GetValue(json)), r.GetValue(verbose)));
        return command;
    }

    private static int Run(CliContext context, string modelPath, string dataPath, CsvLimits limits, int row, bool columns, string weight, bool json)
    {
        if (row < 1)
        {
            throw new CliException($"--row counts the data rows from 1 (the first row after the header), so it cannot be {row}.");
        }

        var chosen = ParseWeight(weight);
        var saved = SavedModel.Load(modelPath);
        return saved.Estimator switch
        {
            MlpClassifier<double, string> c => Trace(context, saved, c.Network, c.Loss, dataPath, limits, row, columns, chosen, json),
            MlpClassifier<float, string> c => Trace(context, saved, c.Network, c.Loss, dataPath, limits, row, columns, chosen, json),
            MlpRegressor<double> r => Trace(context, saved, r.Network, r.Loss, dataPath, limits, row, columns, chosen, json, r.TargetOffsets, r.TargetScales),
            MlpRegressor<float> r => Trace(context, saved, r.Network, r.Loss, dataPath, limits, row, columns, chosen, json, r.TargetOffsets, r.TargetScales),
            _ => throw new CliException($"trace follows a sample through a network, but {modelPath} holds a {saved.Info.ModelType} model: train one with --model mlp."),
        };
    }

    private static (int Layer, int Unit, int Input) ParseWeight(string text)
    {
        var parts = CommonOptions.List(text);
        if (parts.Length != 3 || !parts.All(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 1))
        {
            throw new CliException($"--weight takes l,i,j (all from 1) for w^[l]_{{i,j}}, the weight into unit i of layer l from its input j; not '{text}'.");
        }

        var v = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return (v[0], v[1], v[2]);
    }

    private static TabularData ReadRow(string path, CsvLimits limits, int row)
    {
        int seen = 0;
        foreach (var chunk in CsvFiles.ReadChunks(path, PredictCommand.ChunkRows, limits))
        {
            if (row <= seen + chunk.RowCount)
            {
                int i = row - seen - 1;
                return new TabularData(chunk.Source, chunk.Columns, [Enumerable.Range(0, chunk.Columns.Count).Select(j => chunk[i, j]).ToArray()], [chunk.LineOf(i)]);
            }

            seen += chunk.RowCount;
        }

        throw new CliException($"{path} has {seen} data rows, so there is no row {row}: --row counts from 1 to {seen}.");
    }

    private static int Trace<T>(CliContext context, SavedModel saved, NeuralNetwork<T> network, Loss loss, string dataPath, CsvLimits limits, int row, bool columns,
        (int Layer, int Unit, int Input) chosen, bool json, IReadOnlyList<double>? offsets = null, IReadOnlyList<double>? scales = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var table = ReadRow(dataPath, limits, row);
        var x = saved.Features(table);
        var (target, targetText) = Target(saved, table, network.OutputSize, offsets, scales);
        var xt = Convert<T>(x);
        var yt = Convert<T>(target);
        var trace = columns ? NetworkTrace<T>.Run(network, xt.Transpose(), yt.Transpose(), loss, columns: true) : NetworkTrace<T>.Run(network, xt, yt, loss);
        ChainRule rule;
        try
        {
            rule = trace.ChainRule(chosen.Layer, chosen.Unit, chosen.Input);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CliException($"--weight: {e.Message.Split(" (Parameter", StringSplitOptions.None)[0]} The network is {string.Join('-', network.Sizes)}.");
        }

        var features = saved.Preprocessing?.FeatureNames ?? [.. Enumerable.Range(1, x.Columns).Select(j => $"x{j}")];
        if (json)
        {
            Json.Write(context.Out, ToJson(saved, table, row, x, features, target, targetText, trace, rule, loss));
            return NablaCommand.Success;
        }

        var o = context.Out;
        o.WriteLine($"Row {row} of {dataPath} (line {table.LineOf(0)}) through the {string.Join('-', network.Sizes)} network of {saved.Info.ModelType} ({saved.Info.Task.ToString().ToLowerInvariant()}).");
        o.WriteLine();
        Preprocessing(o, saved, table, x, features);
        o.WriteLine($"Target: {targetText}; y = {Vector(target.AsReadOnlySpan())}; loss L = {loss.Name} of this row.");
        o.WriteLine();
        string convention = columns ? "the lectures' column convention: column vectors, z^[l] = W^[l] a^[l−1] + b^[l]" : "Nabla's rows: z^[l] = a^[l−1] W^[l]ᵀ + b^[l] (the lectures' columns, transposed)";
        o.WriteLine($"Forward pass, in {convention}:");
        Show(o, "a^[0] = x", trace.Input, columns);
        foreach (var layer in trace.Layers)
        {
            int l = layer.Layer;
            o.WriteLine($"  layer {l}: {layer.Units} unit{(layer.Units == 1 ? "" : "s")}, g^[{l}] = {layer.Activation}");
            ShowMatrix(o, $"W^[{l}]", layer.Weights);
            Show(o, $"b^[{l}]", layer.Bias, columns);
            Show(o, columns ? $"z^[{l}] = W^[{l}] a^[{l - 1}] + b^[{l}]" : $"z^[{l}] = a^[{l - 1}] W^[{l}]ᵀ + b^[{l}]", layer.PreActivation, columns);
            Show(o, $"a^[{l}] = g^[{l}](z^[{l}])", layer.Output, columns);
        }

        o.WriteLine($"  L = {N(trace.Loss)}");
        o.WriteLine();
        o.WriteLine("Backward pass:");
        for (int k = trace.Layers.Count - 1; k >= 0; k--)
        {
            var layer = trace.Layers[k];
            int l = layer.Layer;
            string upstream = k == trace.Layers.Count - 1 ? $"the loss's derivative at a^[{l}]" : columns ? $"W^[{l + 1}]ᵀ δ^[{l + 1}]" : $"δ^[{l + 1}] W^[{l + 1}]";
            Show(o, $"∂L/∂a^[{l}] = {upstream}", layer.OutputGradient, columns);
            string delta = k == trace.Layers.Count - 1 && loss.IsFusedWith(layer.Activation)
                ? $"a^[{l}] − y ({layer.Activation.Name} with {loss.Name}, fused)"
                : layer.Activation.IsElementwise ? $"∂L/∂a^[{l}] ⊙ g^[{l}]'(z^[{l}])" : $"∂L/∂a^[{l}] through the {layer.Activation.Name} Jacobian";
            Show(o, $"δ^[{l}] = {delta}", layer.Delta, columns);
            ShowMatrix(o, columns ? $"∂L/∂W^[{l}] = δ^[{l}] a^[{l - 1}]ᵀ" : $"∂L/∂W^[{l}] = δ^[{l}]ᵀ a^[{l - 1}]", layer.WeightGradient);
            Show(o, $"∂L/∂b^[{l}] = δ^[{l}]", layer.BiasGradient, columns);
        }

        o.WriteLine();
        ChainRuleText(o, rule);
        return NablaCommand.Success;
    }

    private static void Preprocessing(TextWriter o, SavedModel saved, TabularData table, Matrix<double> x, IReadOnlyList<string> features)
    {
        var prep = saved.Preprocessing;
        if (prep is null)
        {
            o.WriteLine($"Preprocessing: none saved; the features are the row's numbers as they are: x = {Vector(x.Row(0))}");
            return;
        }

        o.WriteLine($"Preprocessing ({prep.Scaler.Kind.ToString().ToLowerInvariant()} scaling fitted on the training rows, impute {prep.Impute.ToString().ToLowerInvariant()}):");
        int f = 0;
        foreach (var column in prep.Inputs)
        {
            int j = table.Columns.ToList().IndexOf(column.Name);
            string raw = j < 0 ? "(missing column)" : $"'{table[0, j]}'";
            for (int w = 0; w < column.Width; w++, f++)
            {
                double offset = prep.Scaler.Offsets[f], scale = prep.Scaler.Scales[f];
                string how = offset == 0 && scale == 1 ? "" : $" = (v {(offset < 0 ? "+" : "−")} {N(Math.Abs(offset))}) / {N(scale)}";
                string encoded = column.Encoder is null ? "v" : $"[{column.Name} = {column.Encoder.Categories[w]}]";
                o.WriteLine($"  {features[f]}: {column.Name} {raw} → {encoded}{how} = {N(x[0, f])}");
            }
        }
    }

    // The row's target as the network was trained on it: the class index (one output) or one-hot, or the standardized values.
    private static (Matrix<double> Target, string Text) Target(SavedModel saved, TabularData table, int outputs, IReadOnlyList<double>? offsets, IReadOnlyList<double>? scales)
    {
        var targets = saved.Targets;
        var y = new Matrix<double>(1, outputs);
        if (saved.IsClassifier)
        {
            int column = table.RequireColumn(targets[0], "target");
            int k = EvaluateCommand.TrueClasses(saved, table, column)[0];
            if (outputs == 1)
            {
                y[0, 0] = k;
                return (y, $"{targets[0]} = '{saved.Info.Classes[k]}', class {k} of {saved.Info.Classes.Count} (one sigmoid output: y = {k})");
            }

            y[0, k] = 1;
            return (y, $"{targets[0]} = '{saved.Info.Classes[k]}', class {k} of {saved.Info.Classes.Count} (one-hot over the softmax outputs)");
        }

        var reader = new Preprocessor([FeatureColumn.Numeric("_")], [.. targets], ImputeStrategy.None, new Scaler(ScalerKind.None, [0.0], [1.0]));
        var raw = reader.ReadTargets(table);
        var parts = new List<string>();
        for (int t = 0; t < outputs; t++)
        {
            y[0, t] = (raw[0, t] - offsets![t]) / scales![t];
            parts.Add(offsets[t] == 0 && scales[t] == 1 ? $"{targets[t]} = {N(raw[0, t])}" : $"{targets[t]} = {N(raw[0, t])} → ({N(raw[0, t])} − {N(offsets[t])}) / {N(scales[t])} (standardized, as trained)");
        }

        return (y, string.Join(", ", parts));
    }

    private static void ChainRuleText(TextWriter o, ChainRule rule)
    {
        o.WriteLine($"Chain rule for ∂L/∂{rule.Weight}:");
        o.WriteLine($"  ∂L/∂{rule.Weight} = {string.Join(" · ", rule.Factored.Select(f => f.Derivative))}");
        foreach (var f in rule.Factored)
        {
            o.WriteLine($"    {f.Derivative} = {f.Formula} = {N(f.Value)}");
        }

        if (rule.Upstream.Count > 0)
        {
            o.WriteLine($"    where {rule.Factored[0].Derivative} = {string.Join(" + ", rule.Upstream.Select(u => N(u.Value)))} ({string.Join(" + ", rule.Upstream.Select(u => u.Derivative))})");
        }

        o.WriteLine($"  product = {N(rule.Product)}; backpropagation gives {N(rule.Backpropagation)}");
        if (rule.Paths.Count == 0)
        {
            o.WriteLine($"  ({rule.PathCount} paths lead from the loss to {rule.Weight}: too many to list one by one, more than {NetworkTrace<double>.MaxPaths}.)");
            return;
        }

        o.WriteLine($"  {rule.Paths.Count} path{(rule.Paths.Count == 1 ? "" : "s")} from the loss to {rule.Weight}, one unit per layer above it:");
        foreach (var (path, k) in rule.Paths.Select((p, k) => (p, k + 1)))
        {
            o.WriteLine($"    path {k} (units {string.Join(" → ", path.Units)}): {string.Join(" · ", path.Factors.Select(f => f.Formula.Split(" = ")[0]))}");
            o.WriteLine($"        = {string.Join(" × ", path.Factors.Select(f => N(f.Value)))} = {N(path.Product)}");
        }

        o.WriteLine($"  sum of the paths = {N(rule.PathSum)}; backpropagation gives {N(rule.Backpropagation)}");
    }

    private static JsonObject ToJson<T>(SavedModel saved, TabularData table, int row, Matrix<double> x, IReadOnlyList<string> features, Matrix<double> target, string targetText,
        NetworkTrace<T> trace, ChainRule rule, Loss loss)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        static JsonNode Factor(ChainRuleFactor f) => new JsonObject { ["derivative"] = f.Derivative, ["formula"] = f.Formula, ["value"] = f.Value };
        return new JsonObject
        {
            ["row"] = row,
            ["line"] = table.LineOf(0),
            ["convention"] = trace.ColumnConvention ? "columns" : "rows",
            ["cells"] = new JsonObject([.. table.Columns.Select((c, j) => KeyValuePair.Create(c, (JsonNode?)table[0, j]))]),
            ["features"] = new JsonArray([.. features.Select(f => (JsonNode)f)]),
            ["x"] = Json.Array(x.Row(0)),
            ["target"] = targetText,
            ["y"] = Json.Array(target.Row(0)),
            ["loss_function"] = loss.Name,
            ["loss"] = trace.Loss,
            ["layers"] = new JsonArray([.. trace.Layers.Select(l => (JsonNode)new JsonObject
            {
                ["layer"] = l.Layer,
                ["activation"] = l.Activation.ToString(),
                ["W"] = Json.Rows(D(l.Weights)),
                ["b"] = Json.Rows(D(l.Bias)),
                ["z"] = Json.Rows(D(l.PreActivation)),
                ["a"] = Json.Rows(D(l.Output)),
                ["dL_da"] = Json.Rows(D(l.OutputGradient)),
                ["delta"] = Json.Rows(D(l.Delta)),
                ["dL_dW"] = Json.Rows(D(l.WeightGradient)),
                ["dL_db"] = Json.Rows(D(l.BiasGradient)),
            })]),
            ["chain_rule"] = new JsonObject
            {
                ["weight"] = rule.Weight,
                ["factors"] = new JsonArray([.. rule.Factored.Select(Factor)]),
                ["upstream"] = new JsonArray([.. rule.Upstream.Select(Factor)]),
                ["product"] = rule.Product,
                ["backpropagation"] = rule.Backpropagation,
                ["path_count"] = rule.PathCount,
                ["paths"] = new JsonArray([.. rule.Paths.Select(p => (JsonNode)new JsonObject
                {
                    ["units"] = Json.Array(p.Units),
                    ["factors"] = new JsonArray([.. p.Factors.Select(Factor)]),
                    ["product"] = p.Product,
                })]),
                ["path_sum"] = rule.Paths.Count == 0 ? null : rule.PathSum,
            },
        };
    }

    // A vector: one line in rows, one entry per line in columns.
    private static void Show<T>(TextWriter o, string name, Matrix<T> m, bool columns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = D(m).AsReadOnlySpan().ToArray();
        if (!columns || values.Length == 1)
        {
            o.WriteLine($"    {name} = {Vector(values)}{(columns ? "" : "")}");
            return;
        }

        o.WriteLine($"    {name} =");
        foreach (var v in values.Take(ShownEntries))
        {
            o.WriteLine($"        [ {N(v),12} ]");
        }

        if (values.Length > ShownEntries)
        {
            o.WriteLine($"        [ … {values.Length - ShownEntries} more ]");
        }
    }

    private static void ShowMatrix<T>(TextWriter o, string name, Matrix<T> m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var d = D(m);
        if (d.Length > 4 * ShownEntries)
        {
            o.WriteLine($"    {name} ({d.Rows} × {d.Columns}): too large to print; --json has every entry");
            return;
        }

        o.WriteLine($"    {name} ({d.Rows} × {d.Columns}) = {string.Join(", ", Enumerable.Range(0, d.Rows).Select(i => Vector(d.Row(i))))}");
    }

    private static string Vector(ReadOnlySpan<double> v)
    {
        var shown = v.Length > ShownEntries ? v[..ShownEntries] : v;
        var parts = new List<string>();
        foreach (var e in shown)
        {
            parts.Add(N(e));
        }

        return $"({string.Join(", ", parts)}{(v.Length > ShownEntries ? $", … {v.Length - ShownEntries} more" : "")})";
    }

    private static string N(double v) => v.ToString("0.########", CultureInfo.InvariantCulture);

    private static Matrix<double> D<T>(Matrix<T> m)
        where T : unmanaged, IFloatingPointIeee754<T> => SavedModel.Convert<double, T>(m);

    private static Matrix<T> Convert<T>(Matrix<double> m)
        where T : unmanaged, IFloatingPointIeee754<T> => SavedModel.Convert<T, double>(m);
}
