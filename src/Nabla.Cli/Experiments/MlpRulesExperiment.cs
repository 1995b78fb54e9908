using System.Text.Json.Nodes;
using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Training;
using static Nabla.Cli.Experiments.Numbers;

namespace Nabla.Cli.Experiments;

/// <summary>
/// The report's Problem 2 (002, "Problem2"): the backpropagation rules of a 3-layer MLP x → W^(1) → h^(1) → W^(2) → h^(2) →
/// W^(3) → y with one activation f everywhere and L = ½ Σ_s Σ_m (d_m^s − y_m^s)², in the report's own notation (W^(l)_{ij}
/// carries unit i of one layer to unit j of the next; ĥ and ŷ are pre-activations). Each of the report's slips is evaluated
/// on its own, everything else corrected, next to the corrected rule, the library's backpropagation and a numerical gradient.
/// </summary>
internal static class MlpRulesExperiment
{
    /// <summary>N, inputs.</summary>
    public const int Inputs = 2;

    /// <summary>K = L = M: both hidden layers and the output have this many units, so that every index of the rules as written exists.</summary>
    public const int Width = 3;

    /// <summary>S, the samples the loss sums over.</summary>
    public const int Samples = 3;

    /// <summary>The seed of the weights, inputs and targets.</summary>
    public const int Seed = 12;

    /// <summary>The weight Δw^(3)_{1,1} is changed by in part (b)'s first-order argument.</summary>
    public const double Step = 1e-3;

    /// <summary>The activations the report names: f "can be ReLU, tanh etc".</summary>
    public static readonly string[] Activations = ["sigmoid", "tanh", "relu"];

    /// <summary>Runs the experiment for activation <paramref name="activationName"/> and returns its JSON object.</summary>
    public static JsonObject Run(string activationName)
    {
        if (!Activations.Contains(activationName))
        {
            throw new CliException($"--activation must be one of {string.Join(", ", Activations)}, not '{activationName}'.");
        }

        var f = Activation.Parse(activationName);
        var random = new Random(Seed);
        bool relu = activationName == "relu";
        double U(double low, double high) => low + (high - low) * random.NextDouble();
        var w1 = Draw(Inputs, Width, () => U(relu ? -0.5 : -1, 1));
        var w2 = Draw(Width, Width, () => U(relu ? -0.5 : -1, 1));
        var w3 = Draw(Width, Width, () => U(relu ? -0.5 : -1, 1));
        var x = Draw(Samples, Inputs, () => U(relu ? 0 : -1, 1));
        var d = Draw(Samples, Width, () => activationName switch { "tanh" => U(-0.8, 0.8), "relu" => U(0.1, 1.5), _ => U(0.1, 0.9) });

        var pass = new Pass(f, w1, w2, w3, x, d);
        var (backprop, numerical) = Library(f, w1, w2, w3, x, d);

        var rows = new List<JsonObject>();

        // (a) output layer: δ_l^(3) ≡ f'(ŷ_l)(y_l − ŷ_l); the error is d − y (as part (b) has it).
        rows.Add(Gradient("a-output-error", "(a)", 3,
            "dL/dW^(3)_{el} = −Σ_s δ_l^(3) h_e^(2), δ_l^(3) ≡ f'(ŷ_l)(y_l − ŷ_l)",
            "δ_m^(3) = f'(ŷ_m)(d_m − y_m): the error is the target minus the output, not the output minus its pre-activation",
            "the output error written y − ŷ",
            pass.OutputGradient(s => pass.OutputDelta(s, written: true)), pass.OutputGradient(s => pass.OutputDelta(s, written: false)), backprop[2], numerical[2]));

        // (a) layer 2: −Σ δ_k^(2) h_k^(1), the δ of the weight's source unit k where its target unit e is meant.
        rows.Add(Gradient("a-layer2-delta-index", "(a)", 2,
            "dL/dW^(2)_{ke} = −Σ_s δ_k^(2) h_k^(1)",
            "dL/dW^(2)_{ke} = −Σ_s δ_e^(2) h_k^(1): the δ of the unit the weight feeds",
            "δ indexed by the weight's source unit k",
            pass.HiddenGradient((s, k, e) => pass.Delta2(s, swapped: false, atOutput: false)[k]), pass.HiddenGradient((s, k, e) => pass.Delta2(s, false, false)[e]), backprop[1], numerical[1]));

        // (a) layer 2's δ, written δ_l^(3) = f'(ĥ_l^(2)) Σ_m δ_m^(3) W^(3)_{ml}: W^(3)_{lm} carries unit l to output m.
        rows.Add(Gradient("a-layer2-delta-weights", "(a)", 2,
            "δ_l^(3) = f'(ĥ_l^(2)) Σ_m δ_m^(3) W^(3)_{ml}",
            "δ_l^(2) = f'(ĥ_l^(2)) Σ_m δ_m^(3) W^(3)_{lm}: the layer-2 δ (labelled δ^(3), the output layer's name), through the weights out of unit l",
            "W^(3) with its indices swapped (and the label δ^(3) for layer 2)",
            pass.HiddenGradient((s, k, e) => pass.Delta2(s, swapped: true, atOutput: false)[e]), pass.HiddenGradient((s, k, e) => pass.Delta2(s, false, false)[e]), backprop[1], numerical[1]));

        // (a) layer 1: −Σ δ_k^(3) x_n, read literally: δ^(3) is the output layer's δ.
        rows.Add(Gradient("a-layer1-delta-label", "(a)", 1,
            "dL/dw^(1)_{nk} = −Σ_s δ_k^(3)s x_n",
            "dL/dW^(1)_{nk} = −Σ_s δ_k^(1) x_n, δ_k^(1) = f'(ĥ_k^(1)) Σ_e δ_e^(2) W^(2)_{ke}: the layer-1 δ, not the output layer's δ^(3)",
            "δ^(3), the output layer's δ, read literally",
            pass.InputGradient(s => pass.OutputDelta(s, written: false)), pass.InputGradient(s => pass.Delta1(s, swapped: false)), backprop[0], numerical[0]));

        // (a) layer 1's δ: Σ_l δ_l^(2) w^(2)_{lk} where W^(2)_{kl} carries unit k to unit l.
        rows.Add(Gradient("a-layer1-delta-weights", "(a)", 1,
            "δ_k^(3)s = f'(ĥ_k^(1)s) Σ_l δ_l^(2)s w^(2)_{lk}",
            "δ_k^(1) = f'(ĥ_k^(1)) Σ_l δ_l^(2) W^(2)_{kl}: through the weights out of unit k",
            "W^(2) with its indices swapped",
            pass.InputGradient(s => pass.Delta1(s, swapped: true)), pass.InputGradient(s => pass.Delta1(s, swapped: false)), backprop[0], numerical[0]));

        // (b) the sign: ΔL ≈ −Σ(d − y)Δy, so dL/dw^(3) = −Σ δ h, not +Σ δ h.
        var correctOutput = pass.OutputGradient(s => pass.OutputDelta(s, written: false));
        rows.Add(Gradient("b-sign", "(b)", 3,
            "ΔL = Σ_s (d_m − y_m) Δy_m, so ∂L/∂w^(3)_{em} = Σ_s δ_m^(3)s h_e^(2)s",
            "ΔL ≈ −Σ_s (d_m − y_m) Δy_m, so ∂L/∂w^(3)_{em} = −Σ_s δ_m^(3) h_e^(2): the minus sign of ½(d − y − Δy)² ≈ ½(d − y)² − (d − y)Δy",
            "the sign dropped",
            Scale(correctOutput, -1), correctOutput, backprop[2], numerical[2]));

        // (b) ΔL for a small Δw^(3)_{1,1}, actually recomputed, against both first-order forms.
        var (actualLoss, predictedWritten, predictedCorrected) = pass.FirstOrder(Step);
        rows.Add(Value("b-first-order", "(b)",
            $"ΔL for Δw^(3)_{{1,1}} = {G(Step)}",
            "ΔL = Σ_s (d_1^s − y_1^s) Δy_1^s",
            "ΔL ≈ −Σ_s (d_1^s − y_1^s) Δy_1^s",
            "the sign dropped",
            predictedWritten, predictedCorrected, actualLoss, "ΔL recomputed"));

        // (b) Δy = f(Δŷ) where f'(ŷ)Δŷ is meant.
        var (actualY, writtenY, correctedY) = pass.OutputChange(Step);
        rows.Add(Value("b-delta-y", "(b)",
            $"Δy_1 of sample 1 for Δw^(3)_{{1,1}} = {G(Step)}",
            "Δy_m = f(Δŷ_m)",
            "Δy_m = f(ŷ_m + Δŷ_m) − f(ŷ_m) ≈ f'(ŷ_m) Δŷ_m",
            "f of the change for the change of f",
            writtenY, correctedY, actualY, "Δy recomputed"));

        // (b) layer 2's δ with f' at the output h^(2) rather than the pre-activation ĥ^(2).
        rows.Add(Gradient("b-derivative-argument", "(b)", 2,
            "δ_k^(2)s = f'(h_k^(2)s) Σ_m δ_m^(3) w^(3)_{em}",
            "δ_e^(2) = f'(ĥ_e^(2)) Σ_m δ_m^(3) W^(3)_{em}: f' at the pre-activation ĥ = Σ W h, not at the output h = f(ĥ)",
            "f' taken at the output h instead of ĥ",
            pass.HiddenGradient((s, k, e) => pass.Delta2(s, swapped: false, atOutput: true)[e]), pass.HiddenGradient((s, k, e) => pass.Delta2(s, false, false)[e]), backprop[1], numerical[1]));

        return new JsonObject
        {
            ["experiment"] = "mlp-rules",
            ["activation"] = activationName,
            ["network"] = new JsonObject
            {
                ["sizes"] = Json.Array([Inputs, Width, Width, Width]),
                ["samples"] = Samples,
                ["seed"] = Seed,
                ["biases"] = "none (the report's index-0 terms are left out, so every index of the rules exists)",
                ["x"] = Json.Rows(x),
                ["d"] = Json.Rows(d),
                ["W1"] = Json.Rows(w1),
                ["W2"] = Json.Rows(w2),
                ["W3"] = Json.Rows(w3),
                ["y"] = Json.Rows(pass.OutputMatrix),
            },
            ["loss"] = pass.Loss,
            ["rules"] = new JsonArray([.. rows]),
        };
    }

    /// <summary>The CLI entry: prints the rules as text or JSON.</summary>
    public static int Execute(CliContext context, string activation, bool json)
    {
        var result = Run(activation);
        if (json)
        {
            Json.Write(context.Out, result);
            return NablaCommand.Success;
        }

        var o = context.Out;
        var net = result["network"]!;
        o.WriteLine($"The report's Problem 2: backpropagation rules of x → W^(1) → h^(1) → W^(2) → h^(2) → W^(3) → y, f = {activation} in every layer,");
        o.WriteLine($"L = ½ Σ_s Σ_m (d_m^s − y_m^s)²; W^(l)_{{ij}} carries unit i to unit j of the next layer, ĥ and ŷ are pre-activations.");
        o.WriteLine($"Network {Inputs}-{Width}-{Width}-{Width} without biases, {Samples} samples drawn with seed {Seed}; L = {F((double)result["loss"]!)}.");
        o.WriteLine("Each slip is evaluated on its own, with everything else corrected; 'numerical' is a central difference of L.");
        foreach (var row in result["rules"]!.AsArray())
        {
            o.WriteLine();
            o.WriteLine($"{row!["part"]} {row["quantity"]}");
            o.WriteLine($"  as written:  {row["as_written"]}");
            o.WriteLine($"  corrected:   {row["corrected"]}");
            o.WriteLine($"  slip:        {row["slip"]}");
            string reference = (string)row["reference_name"]!;
            string values = $"  {row["entry"]}: as written {G((double)row["as_written_value"]!)}, corrected {G((double)row["corrected_value"]!)}";
            if (row["backpropagation"] is { } bp)
            {
                values += $", backpropagation {G((double)bp)}";
            }

            o.WriteLine($"{values}, {reference} {G((double)row["reference"]!)}");
            if (row["max_error_as_written"] is { } ew)
            {
                o.WriteLine($"  over all of {row["quantity"]}: max |as written − numerical| = {G((double)ew)}, max |corrected − numerical| = {G((double)row["max_error_corrected"]!)}");
            }
        }

        return NablaCommand.Success;
    }

    private static JsonObject Gradient(string id, string part, int layer, string written, string corrected, string slip,
        Matrix<double> asWritten, Matrix<double> fixedRule, Matrix<double> backprop, Matrix<double> numerical) => new()
    {
        ["id"] = id,
        ["part"] = part,
        ["quantity"] = $"∂L/∂W^({layer})",
        ["as_written"] = written,
        ["corrected"] = corrected,
        ["slip"] = slip,
        ["entry"] = $"∂L/∂W^({layer})_{{1,2}}",
        ["as_written_value"] = asWritten[0, 1],
        ["corrected_value"] = fixedRule[0, 1],
        ["backpropagation"] = backprop[0, 1],
        ["reference"] = numerical[0, 1],
        ["reference_name"] = "numerical",
        ["max_error_as_written"] = OneHiddenLayerExperiment.MaxDifference(asWritten, numerical),
        ["max_error_corrected"] = OneHiddenLayerExperiment.MaxDifference(fixedRule, numerical),
        ["max_error_backpropagation"] = OneHiddenLayerExperiment.MaxDifference(backprop, numerical),
        ["as_written_matrix"] = Json.Rows(asWritten),
        ["corrected_matrix"] = Json.Rows(fixedRule),
        ["numerical_matrix"] = Json.Rows(numerical),
    };

    private static JsonObject Value(string id, string part, string quantity, string written, string corrected, string slip,
        double asWritten, double fixedRule, double reference, string referenceName) => new()
    {
        ["id"] = id,
        ["part"] = part,
        ["quantity"] = quantity,
        ["as_written"] = written,
        ["corrected"] = corrected,
        ["slip"] = slip,
        ["entry"] = quantity.Split(' ')[0],
        ["as_written_value"] = asWritten,
        ["corrected_value"] = fixedRule,
        ["reference"] = reference,
        ["reference_name"] = referenceName,
    };

    // The library's gradients of the same network in the report's orientation (W^(l) is inputs × units, the transpose of W^[l]).
    private static (Matrix<double>[] Backprop, Matrix<double>[] Numerical) Library(Activation f, Matrix<double> w1, Matrix<double> w2, Matrix<double> w3, Matrix<double> x, Matrix<double> d)
    {
        var layers = new[] { w1, w2, w3 }.Select(w =>
        {
            var layer = new DenseLayer<double>(w.Rows, w.Columns, f);
            layer.SetWeights(w.Transpose().ToRows());
            return layer;
        }).ToArray();
        var network = new NeuralNetwork<double>(layers);
        var loss = new HalfSquaredErrorLoss(Reduction.Sum);
        network.ComputeGradients(x, d, loss);
        var backprop = network.Layers.Select(l => l.WeightGradient.Transpose()).ToArray();
        var numerical = GradientCheck.Numerical(network, x, d, loss, 1e-5);
        return (backprop, [numerical[0].Transpose(), numerical[2].Transpose(), numerical[4].Transpose()]);
    }

    private static Matrix<double> Draw(int rows, int columns, Func<double> next)
    {
        var m = new Matrix<double>(rows, columns);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                m[i, j] = next();
            }
        }

        return m;
    }

    private static Matrix<double> Scale(Matrix<double> m, double factor)
    {
        var r = m.Clone();
        var span = r.AsSpan();
        for (int i = 0; i < span.Length; i++)
        {
            span[i] *= factor;
        }

        return r;
    }

    /// <summary>The forward pass written out in the report's sums, and the rules' pieces built from it.</summary>
    private sealed class Pass
    {
        private readonly Activation _f;
        private readonly Matrix<double> _w1, _w2, _w3, _x, _d;
        private readonly double[][] _pre1, _h1, _pre2, _h2, _pre3, _y;

        public Pass(Activation f, Matrix<double> w1, Matrix<double> w2, Matrix<double> w3, Matrix<double> x, Matrix<double> d)
        {
            (_f, _w1, _w2, _w3, _x, _d) = (f, w1, w2, w3, x, d);
            _pre1 = new double[Samples][];
            _h1 = new double[Samples][];
            _pre2 = new double[Samples][];
            _h2 = new double[Samples][];
            _pre3 = new double[Samples][];
            _y = new double[Samples][];
            for (int s = 0; s < Samples; s++)
            {
                (_pre1[s], _h1[s]) = Layer(x.Row(s).ToArray(), w1);
                (_pre2[s], _h2[s]) = Layer(_h1[s], w2);
                (_pre3[s], _y[s]) = Layer(_h2[s], w3);
            }

            Loss = LossOf(_y);
        }

        public double Loss { get; }

        public Matrix<double> OutputMatrix => Matrix<double>.FromRows(_y);

        // ĥ_j = Σ_i W_{ij} h_i, h_j = f(ĥ_j).
        private (double[] Pre, double[] Out) Layer(double[] input, Matrix<double> w)
        {
            var pre = new double[w.Columns];
            for (int j = 0; j < w.Columns; j++)
            {
                for (int i = 0; i < w.Rows; i++)
                {
                    pre[j] += w[i, j] * input[i];
                }
            }

            return (pre, [.. pre.Select(_f.Value)]);
        }

        private double LossOf(double[][] y)
        {
            double l = 0;
            for (int s = 0; s < Samples; s++)
            {
                for (int m = 0; m < Width; m++)
                {
                    l += 0.5 * (_d[s, m] - y[s][m]) * (_d[s, m] - y[s][m]);
                }
            }

            return l;
        }

        private double Df(double z) => _f.Derivative(z, _f.Value(z));

        /// <summary>δ_m^(3) = f'(ŷ_m)(d_m − y_m), or as (a) writes it, f'(ŷ_m)(y_m − ŷ_m).</summary>
        public double[] OutputDelta(int s, bool written) =>
            [.. Enumerable.Range(0, Width).Select(m => Df(_pre3[s][m]) * (written ? _y[s][m] - _pre3[s][m] : _d[s, m] - _y[s][m]))];

        /// <summary>δ_e^(2) = f'(ĥ_e^(2)) Σ_m δ_m^(3) W^(3)_{em}; <paramref name="swapped"/> reads W^(3)_{me}, <paramref name="atOutput"/> takes f' at h.</summary>
        public double[] Delta2(int s, bool swapped, bool atOutput)
        {
            var d3 = OutputDelta(s, written: false);
            return [.. Enumerable.Range(0, Width).Select(e =>
                (atOutput ? Df(_h2[s][e]) : Df(_pre2[s][e])) * Enumerable.Range(0, Width).Sum(m => d3[m] * (swapped ? _w3[m, e] : _w3[e, m])))];
        }

        /// <summary>δ_k^(1) = f'(ĥ_k^(1)) Σ_l δ_l^(2) W^(2)_{kl}; <paramref name="swapped"/> reads W^(2)_{lk}.</summary>
        public double[] Delta1(int s, bool swapped)
        {
            var d2 = Delta2(s, false, false);
            return [.. Enumerable.Range(0, Width).Select(k => Df(_pre1[s][k]) * Enumerable.Range(0, Width).Sum(l => d2[l] * (swapped ? _w2[l, k] : _w2[k, l])))];
        }

        /// <summary>∂L/∂W^(3)_{em} = −Σ_s δ_m h_e^(2).</summary>
        public Matrix<double> OutputGradient(Func<int, double[]> delta) => Sum(Width, Width, (s, e, m) => -delta(s)[m] * _h2[s][e]);

        /// <summary>∂L/∂W^(2)_{ke} = −Σ_s δ(s, k, e) h_k^(1).</summary>
        public Matrix<double> HiddenGradient(Func<int, int, int, double> delta) => Sum(Width, Width, (s, k, e) => -delta(s, k, e) * _h1[s][k]);

        /// <summary>∂L/∂W^(1)_{nk} = −Σ_s δ_k x_n.</summary>
        public Matrix<double> InputGradient(Func<int, double[]> delta) => Sum(Inputs, Width, (s, n, k) => -delta(s)[k] * _x[s, n]);

        private static Matrix<double> Sum(int rows, int columns, Func<int, int, int, double> term)
        {
            var g = new Matrix<double>(rows, columns);
            for (int s = 0; s < Samples; s++)
            {
                for (int i = 0; i < rows; i++)
                {
                    for (int j = 0; j < columns; j++)
                    {
                        g[i, j] += term(s, i, j);
                    }
                }
            }

            return g;
        }

        /// <summary>ΔL after W^(3)_{1,1} += step, recomputed, and the first-order predictions ±Σ_s (d_1 − y_1) Δy_1 with Δy_1 = f'(ŷ_1) h_1^(2) step.</summary>
        public (double Actual, double Written, double Corrected) FirstOrder(double step)
        {
            double sum = 0;
            for (int s = 0; s < Samples; s++)
            {
                sum += (_d[s, 0] - _y[s][0]) * Df(_pre3[s][0]) * _h2[s][0] * step;
            }

            return (Perturbed(step) - Loss, sum, -sum);
        }

        /// <summary>Δy_1 of sample 1 after W^(3)_{1,1} += step: recomputed, f(Δŷ) and f'(ŷ)Δŷ.</summary>
        public (double Actual, double Written, double Corrected) OutputChange(double step)
        {
            double change = _h2[0][0] * step;
            return (_f.Value(_pre3[0][0] + change) - _y[0][0], _f.Value(change), Df(_pre3[0][0]) * change);
        }

        private double Perturbed(double step)
        {
            var y = _y.Select(r => r.ToArray()).ToArray();
            for (int s = 0; s < Samples; s++)
            {
                y[s][0] = _f.Value(_pre3[s][0] + step * _h2[s][0]);
            }

            return LossOf(y);
        }
    }
}
