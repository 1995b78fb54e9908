using System.Text.Json.Nodes;
using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Sampling;
using Nabla.Tensors;
using Nabla.Training;
using static Nabla.Cli.Experiments.Numbers;

namespace Nabla.Cli.Experiments;

/// <summary>
/// The hand derivation 004: one hidden layer of g units a_j = σ₁(z_j), z_j = Σ_{i=0}^n θ_{j,i} x_i (x₀ = 1), a₀ = 1, a sigmoid
/// output p = σ₂(w), w = Σ_{j=0}^g β_j a_j, and J = (1/m) Σ_k l_k with the log-loss l = −(y log p + (1 − y) log(1 − p)). Its
/// closed forms ∂J/∂β_j = (1/m) Σ_k (p_k − y_k) a_{kj} and ∂J/∂θ_{j,i} = (1/m) Σ_k (p_k − y_k) β_j σ₁'(z_{kj}) x_{ki} are
/// evaluated on data drawn from a seed, next to backpropagation and numerical derivatives, and each slip of the derivation
/// is evaluated as written.
/// </summary>
internal static class OneHiddenLayerExperiment
{
    /// <summary>m, the training examples (004's A ∈ ℝ^(100×3)).</summary>
    public const int Examples = 100;

    /// <summary>n, the features (x₀ = 1 comes on top).</summary>
    public const int Features = 3;

    /// <summary>g, the hidden units.</summary>
    public const int Hidden = 3;

    /// <summary>The default seed of the data and the parameters.</summary>
    public const int DefaultSeed = 4;

    /// <summary>The hidden activations 004 allows: σ₁ = tanh or the sigmoid.</summary>
    public static readonly string[] HiddenActivations = ["tanh", "sigmoid"];

    /// <summary>Runs the derivation on data drawn with <paramref name="seed"/> and returns its JSON object.</summary>
    public static JsonObject Run(string hiddenActivation, int seed)
    {
        if (!HiddenActivations.Contains(hiddenActivation))
        {
            throw new CliException($"--hidden-activation must be tanh or sigmoid, not '{hiddenActivation}'.");
        }

        var sigma1 = Activation.Parse(hiddenActivation);
        var random = new Random(seed);
        // Two classes, y ~ Bernoulli(½), x ~ N(±(½, ½, ½), I); θ and β uniform in [−1, 1].
        var x = new Matrix<double>(Examples, Features);
        var y = new Matrix<double>(Examples, 1);
        for (int k = 0; k < Examples; k++)
        {
            y[k, 0] = random.Next(2);
            for (int i = 0; i < Features; i++)
            {
                x[k, i] = (y[k, 0] == 1 ? 0.5 : -0.5) + random.NextGaussian();
            }
        }

        var theta = new Matrix<double>(Hidden, Features + 1);   // θ_{j,i}, column 0 the bias θ_{j,0}
        var beta = new double[Hidden + 1];                       // β_j, β₀ the bias
        for (int j = 0; j < Hidden; j++)
        {
            for (int i = 0; i <= Features; i++)
            {
                theta[j, i] = 2 * random.NextDouble() - 1;
            }
        }

        for (int j = 0; j <= Hidden; j++)
        {
            beta[j] = 2 * random.NextDouble() - 1;
        }

        // The forward pass in 004's sums.
        var z = new double[Examples, Hidden];
        var a = new double[Examples, Hidden + 1];
        var w = new double[Examples];
        var p = new double[Examples];
        double j0 = 0;
        for (int k = 0; k < Examples; k++)
        {
            a[k, 0] = 1;
            for (int j = 0; j < Hidden; j++)
            {
                z[k, j] = theta[j, 0] + Enumerable.Range(0, Features).Sum(i => theta[j, i + 1] * x[k, i]);
                a[k, j + 1] = sigma1.Value(z[k, j]);
            }

            w[k] = Enumerable.Range(0, Hidden + 1).Sum(j => beta[j] * a[k, j]);
            p[k] = Activation.Sigmoid.Value(w[k]);
            j0 += -(y[k, 0] * Math.Log(p[k]) + (1 - y[k, 0]) * Math.Log(1 - p[k])) / Examples;
        }

        double X(int k, int i) => i == 0 ? 1 : x[k, i - 1];
        double Sigma1Prime(int k, int j) => sigma1.Derivative(z[k, j], a[k, j + 1]);

        // The closed forms.
        var dBeta = Enumerable.Range(0, Hidden + 1).Select(j => Enumerable.Range(0, Examples).Sum(k => (p[k] - y[k, 0]) * a[k, j]) / Examples).ToArray();
        var dTheta = Grid(Hidden, Features + 1, (j, i) => Enumerable.Range(0, Examples).Sum(k => (p[k] - y[k, 0]) * beta[j + 1] * Sigma1Prime(k, j) * X(k, i)) / Examples);

        // The library: W^[1] = θ without its bias column, b^[1] = θ_{·,0}; W^[2] = (β₁ … β_g), b^[2] = β₀.
        var hidden = new DenseLayer<double>(Features, Hidden, sigma1);
        hidden.SetWeights([.. Enumerable.Range(0, Hidden).Select(j => Enumerable.Range(1, Features).Select(i => theta[j, i]).ToArray())]);
        hidden.SetBias([.. Enumerable.Range(0, Hidden).Select(j => theta[j, 0])]);
        var output = new DenseLayer<double>(Hidden, 1, Activation.Sigmoid);
        output.SetWeights([beta[1..]]);
        output.SetBias([beta[0]]);
        var network = new NeuralNetwork<double>(hidden, output);
        var loss = new BinaryCrossEntropyLoss();
        double libraryLoss = network.ComputeGradients(x, y, loss);
        var backpropBeta = (double[])[output.BiasGradient[0, 0], .. output.WeightGradient.Row(0)];
        var backpropTheta = Grid(Hidden, Features + 1, (j, i) => i == 0 ? hidden.BiasGradient[0, j] : hidden.WeightGradient[j, i - 1]);
        var numerical = GradientCheck.Numerical(network, x, y, loss);
        var numericalBeta = (double[])[numerical[3][0, 0], .. numerical[2].Row(0)];
        var numericalTheta = Grid(Hidden, Features + 1, (j, i) => i == 0 ? numerical[1][0, j] : numerical[0][j, i - 1]);

        var slips = new JsonArray();
        // The scalar slips on the first example of class 0, where the bracket's first term is not zero.
        int s = Enumerable.Range(0, Examples).First(k => y[k, 0] == 0);
        string example = $"example {s + 1} (y = 0)";
        double lossAt(double q) => -(y[s, 0] * Math.Log(q) + (1 - y[s, 0]) * Math.Log(1 - q));
        slips.Add(Slip("bracket-sign", $"∂l/∂p of {example}",
            "∂J/∂p = [(y − 1)/(1 − p) − y/p]",
            "∂l/∂p = (1 − y)/(1 − p) − y/p = (p − y)/(p(1 − p)): d/dp (y − 1)log(1 − p) = (1 − y)/(1 − p) (the later line has it right)",
            "the sign of the first term",
            (y[s, 0] - 1) / (1 - p[s]) - y[s, 0] / p[s], (1 - y[s, 0]) / (1 - p[s]) - y[s, 0] / p[s], Central(lossAt, p[s])));

        double e = Math.Exp(w[s]), em = Math.Exp(-w[s]);
        var sigmaSlip = Slip("sigma2-derivative", $"σ₂'(w) of {example}",
            "σ₂'(w) = −(1 + e^w)^(−2)(−e^w)",
            "σ₂'(w) = −(1 + e^(−w))^(−2)(−e^(−w)) = e^(−w)/(1 + e^(−w))² = σ₂(w)(1 − σ₂(w))",
            "the exponent's sign, lost in both factors: the written step is not the derivative of (1 + e^(−w))^(−1), but since e^w/(1 + e^w)² = e^(−w)/(1 + e^(−w))² the two slips cancel in value",
            e / ((1 + e) * (1 + e)), em / ((1 + em) * (1 + em)), Central(Activation.Sigmoid.Value, w[s]));
        sigmaSlip["derivative_of_written_function"] = Central(v => 1 / (1 + Math.Exp(v)), w[s]);
        slips.Add(sigmaSlip);

        slips.Add(Slip("theta-beta-label", "∂J/∂β₁",
            "∂J/∂θ_j = ∂J/∂p · ∂p/∂w = [...] σ₂'(w) [Σ_{j=0}^g a_j β_j]",
            "∂J/∂β_j = ∂J/∂p · ∂p/∂w · ∂w/∂β_j = (1/m) Σ_k (p_k − y_k) a_{kj}: a derivative with respect to β (θ is the hidden layer's), and ∂w/∂β_j = a_j, not Σ_j a_j β_j = w",
            "θ for β, and the last factor w for a_j",
            Enumerable.Range(0, Examples).Sum(k => (p[k] - y[k, 0]) * w[k]) / Examples, dBeta[1], numericalBeta[1], backpropBeta[1]));

        var label = Slip("dp-dbeta-label", $"{example}, j = 1",
            "∂p_k/∂β_j = [(1 − y_k)/(1 − p_k) − y_k/p_k] p_k(1 − p_k) a_k = (p_k − y_k) a_k",
            "∂l_k/∂β_j = (p_k − y_k) a_{kj}; ∂p_k/∂β_j itself is p_k(1 − p_k) a_{kj}",
            "∂p/∂β for ∂l/∂β",
            (p[s] - y[s, 0]) * a[s, 1], (p[s] - y[s, 0]) * a[s, 1], Central(b => lossAt(Activation.Sigmoid.Value(w[s] + (b - beta[1]) * a[s, 1])), beta[1]));
        label["dp_dbeta"] = p[s] * (1 - p[s]) * a[s, 1];
        label["dp_dbeta_numerical"] = Central(b => Activation.Sigmoid.Value(w[s] + (b - beta[1]) * a[s, 1]), beta[1]);
        slips.Add(label);

        // ∂J/∂θ as written: σ₁' = σ(z)(1 − σ(z)) with σ = σ₁ whatever σ₁ is.
        var thetaWritten = Grid(Hidden, Features + 1, (j, i) => Enumerable.Range(0, Examples).Sum(k => (p[k] - y[k, 0]) * beta[j + 1] * a[k, j + 1] * (1 - a[k, j + 1]) * X(k, i)) / Examples);
        slips.Add(MatrixSlip("hidden-derivative", "∂J/∂θ",
            "∂L/∂Θ = (P − y) β_l σ(z)(1 − σ(z)) X",
            "∂J/∂θ_{j,i} = (1/m) Σ_k (p_k − y_k) β_j σ₁'(z_{kj}) x_{ki} with σ₁' = 1 − a² for tanh (a(1 − a) only for the sigmoid)",
            hiddenActivation == "tanh" ? "the sigmoid's derivative a(1 − a) for tanh" : "none for the sigmoid: a(1 − a) is its derivative",
            thetaWritten, dTheta, numericalTheta));

        // 004's second part averages over k = 1 … n, n being its number of variables, where the m examples are meant.
        var thetaAveragedOverN = Grid(Hidden, Features + 1, (j, i) => Enumerable.Range(0, Features).Sum(k => (p[k] - y[k, 0]) * beta[j + 1] * Sigma1Prime(k, j) * X(k, i)) / Features);
        slips.Add(MatrixSlip("average-over-n", "∂J/∂θ",
            "∂L/∂Θ = (1/n) Σ_{k=1}^n [...] with n = # of variables",
            "(1/m) Σ_{k=1}^m: the mean over the m training examples",
            "the mean over the first n examples, n the number of variables",
            thetaAveragedOverN, dTheta, numericalTheta));

        return new JsonObject
        {
            ["experiment"] = "one-hidden-layer",
            ["hidden_activation"] = hiddenActivation,
            ["seed"] = seed,
            ["examples"] = Examples,
            ["features"] = Features,
            ["hidden_units"] = Hidden,
            ["data"] = new JsonObject { ["x"] = Json.Rows(x), ["y"] = Json.Array(y.AsReadOnlySpan()) },
            ["theta"] = Json.Rows(theta),
            ["beta"] = Json.Array(beta),
            ["J"] = j0,
            ["J_library"] = libraryLoss,
            ["dJ_dbeta"] = new JsonObject { ["closed_form"] = Json.Array(dBeta), ["backpropagation"] = Json.Array(backpropBeta), ["numerical"] = Json.Array(numericalBeta) },
            ["dJ_dtheta"] = new JsonObject { ["closed_form"] = Json.Rows(dTheta), ["backpropagation"] = Json.Rows(backpropTheta), ["numerical"] = Json.Rows(numericalTheta) },
            ["slips"] = slips,
        };
    }

    /// <summary>The CLI entry.</summary>
    public static int Execute(CliContext context, string hiddenActivation, int seed, bool json)
    {
        var r = Run(hiddenActivation, seed);
        if (json)
        {
            Json.Write(context.Out, r);
            return NablaCommand.Success;
        }

        var o = context.Out;
        o.WriteLine($"The hand derivation 004: one hidden layer, a_j = σ₁(Σ_i θ_(j,i) x_i) with σ₁ = {hiddenActivation}, p = σ₂(Σ_j β_j a_j) with σ₂ the sigmoid,");
        o.WriteLine($"J = (1/m) Σ_k l_k, l = −(y log p + (1 − y) log(1 − p)); m = {Examples} examples of n = {Features} features drawn with seed {seed}, g = {Hidden} hidden units; x₀ = a₀ = 1.");
        o.WriteLine($"  J = {F((double)r["J"]!)} (the library's log-loss: {F((double)r["J_library"]!)})");
        o.WriteLine();
        o.WriteLine("∂J/∂β_j = (1/m) Σ_k (p_k − y_k) a_kj, j = 0 … g:");
        Vectors(o, r["dJ_dbeta"]!);
        o.WriteLine("∂J/∂θ_(j,i) = (1/m) Σ_k (p_k − y_k) β_j σ₁'(z_kj) x_ki, rows j = 1 … g, columns i = 0 … n:");
        Vectors(o, r["dJ_dtheta"]!);
        o.WriteLine();
        o.WriteLine("The derivation's slips, each evaluated as written:");
        foreach (var slip in r["slips"]!.AsArray())
        {
            o.WriteLine($"  {slip!["quantity"]}: as written {slip["as_written"]}");
            o.WriteLine($"      corrected: {slip["corrected"]}");
            o.WriteLine($"      slip: {slip["slip"]}");
            string line = slip["as_written_value"] is { } v
                ? $"      as written {G((double)v)}, corrected {G((double)slip["corrected_value"]!)}, numerical {G((double)slip["numerical"]!)}"
                : $"      max |as written − numerical| = {G((double)slip["max_error_as_written"]!)}, max |corrected − numerical| = {G((double)slip["max_error_corrected"]!)}";
            if (slip["backpropagation"] is { } bp)
            {
                line += $", backpropagation {G((double)bp)}";
            }

            if (slip["derivative_of_written_function"] is { } dw)
            {
                line += $"; d/dw (1 + e^w)^(−1) = {G((double)dw)}";
            }

            if (slip["dp_dbeta"] is { } dp)
            {
                line += $"; ∂p/∂β₁ = p(1 − p)a₁ = {G((double)dp)} (numerical {G((double)slip["dp_dbeta_numerical"]!)})";
            }

            o.WriteLine(line);
        }

        return NablaCommand.Success;
    }

    private static void Vectors(TextWriter o, JsonNode node)
    {
        foreach (string name in new[] { "closed_form", "backpropagation", "numerical" })
        {
            string text = node[name] is JsonArray { Count: > 0 } array && array[0] is JsonArray
                ? "[" + string.Join(", ", array.Select(row => "(" + string.Join(", ", row!.AsArray().Select(v => F((double)v!))) + ")")) + "]"
                : "(" + string.Join(", ", node[name]!.AsArray().Select(v => F((double)v!))) + ")";
            o.WriteLine($"  {name.Replace('_', ' '),-16} {text}");
        }
    }

    private static JsonObject Slip(string id, string quantity, string written, string corrected, string slip, double asWritten, double fixedValue, double numerical, double? backprop = null)
    {
        var o = new JsonObject
        {
            ["id"] = id,
            ["quantity"] = quantity,
            ["as_written"] = written,
            ["corrected"] = corrected,
            ["slip"] = slip,
            ["as_written_value"] = asWritten,
            ["corrected_value"] = fixedValue,
            ["numerical"] = numerical,
        };
        if (backprop is { } b)
        {
            o["backpropagation"] = b;
        }

        return o;
    }

    private static JsonObject MatrixSlip(string id, string quantity, string written, string corrected, string slip, Matrix<double> asWritten, Matrix<double> fixedValue, Matrix<double> numerical) => new()
    {
        ["id"] = id,
        ["quantity"] = quantity,
        ["as_written"] = written,
        ["corrected"] = corrected,
        ["slip"] = slip,
        ["as_written_matrix"] = Json.Rows(asWritten),
        ["corrected_matrix"] = Json.Rows(fixedValue),
        ["max_error_as_written"] = MaxDifference(asWritten, numerical),
        ["max_error_corrected"] = MaxDifference(fixedValue, numerical),
    };

    private static double Central(Func<double, double> f, double v, double h = 1e-5) =>
        (-f(v + 2 * h) + 8 * f(v + h) - 8 * f(v - h) + f(v - 2 * h)) / (12 * h);

    private static Matrix<double> Grid(int rows, int columns, Func<int, int, double> value)
    {
        var m = new Matrix<double>(rows, columns);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                m[i, j] = value(i, j);
            }
        }

        return m;
    }

    internal static double MaxDifference(Matrix<double> a, Matrix<double> b)
    {
        double max = 0;
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Columns; j++)
            {
                max = Math.Max(max, Math.Abs(a[i, j] - b[i, j]));
            }
        }

        return max;
    }
}
