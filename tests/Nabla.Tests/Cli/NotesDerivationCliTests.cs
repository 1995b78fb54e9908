using System.Text.Json;

namespace Nabla.Tests.Cli;

/// <summary>
/// The report's Problem 2 (mlp-rules) and the hand derivation 004 (one-hidden-layer) through the CLI: every number is
/// recomputed here from the data and parameters the command prints, by the notes' formulas and central differences written
/// out in the test, never taken from the library.
/// </summary>
public class NotesDerivationCliTests
{
    private static double[][] Rows(JsonElement e) => [.. e.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray())];

    private static Func<double, double> F(string name) => name switch
    {
        "sigmoid" => z => 1 / (1 + Math.Exp(-z)),
        "tanh" => Math.Tanh,
        _ => z => Math.Max(0, z),
    };

    // The report's forward pass: ĥ_j = Σ_i W_ij h_i, h = f(ĥ), with no biases; returns every layer's output per sample.
    private static double[][][] Forward(Func<double, double> f, double[][][] w, double[][] x) =>
        [.. x.Select(sample =>
        {
            var layers = new List<double[]> { sample };
            foreach (var layer in w)
            {
                var h = layers[^1];
                layers.Add([.. Enumerable.Range(0, layer[0].Length).Select(j => f(Enumerable.Range(0, h.Length).Sum(i => layer[i][j] * h[i])))]);
            }

            return layers.ToArray();
        })];

    private static double Loss(Func<double, double> f, double[][][] w, double[][] x, double[][] d)
    {
        var passes = Forward(f, w, x);
        return passes.Select((p, s) => p[^1].Select((y, m) => 0.5 * (d[s][m] - y) * (d[s][m] - y)).Sum()).Sum();
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("relu")]
    public void Mlp_rules_corrected_match_central_differences_and_each_slip_is_the_formula_as_written(string activation)
    {
        var json = CliCall.Json("experiment", "mlp-rules", "--activation", activation, "--json");
        var net = json.GetProperty("network");
        var x = Rows(net.GetProperty("x"));
        var d = Rows(net.GetProperty("d"));
        double[][][] w = [Rows(net.GetProperty("W1")), Rows(net.GetProperty("W2")), Rows(net.GetProperty("W3"))];
        var f = F(activation);
        Assert.Equal(Loss(f, w, x, d), json.GetProperty("loss").GetDouble(), 1e-12);

        double Numerical(int layer, int i, int j)
        {
            double saved = w[layer][i][j], h = 1e-6;
            w[layer][i][j] = saved + h;
            double up = Loss(f, w, x, d);
            w[layer][i][j] = saved - h;
            double down = Loss(f, w, x, d);
            w[layer][i][j] = saved;
            return (up - down) / (2 * h);
        }

        var rules = json.GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal(9, rules.Count);
        foreach (var rule in rules.Values.Where(r => r.TryGetProperty("corrected_matrix", out _)))
        {
            int layer = rule.GetProperty("quantity").GetString()!.First(char.IsDigit) - '1';
            var corrected = Rows(rule.GetProperty("corrected_matrix"));
            for (int i = 0; i < corrected.Length; i++)
            {
                for (int j = 0; j < corrected[i].Length; j++)
                {
                    Assert.Equal(Numerical(layer, i, j), corrected[i][j], 1e-7);
                }
            }

            Assert.Equal(Numerical(layer, 0, 1), rule.GetProperty("backpropagation").GetDouble(), 1e-7);
        }

        // The sign slip of (b) is exactly the negated gradient.
        var sign = rules["b-sign"];
        Assert.Equal(-Numerical(2, 0, 1), sign.GetProperty("as_written_value").GetDouble(), 1e-7);

        // ΔL for Δw^(3)_{1,1} = 10⁻³, recomputed here, against the report's +Σ(d − y)Δy and the corrected −Σ(d − y)Δy.
        var passes = Forward(f, w, x);
        double before = Loss(f, w, x, d);
        w[2][0][0] += 1e-3;
        double after = Loss(f, w, x, d);
        w[2][0][0] -= 1e-3;
        var first = rules["b-first-order"];
        Assert.Equal(after - before, first.GetProperty("reference").GetDouble(), 1e-12);
        Assert.Equal(-first.GetProperty("corrected_value").GetDouble(), first.GetProperty("as_written_value").GetDouble(), 15);
        // First order: the corrected prediction is off by O(Δw²), the report's has the wrong sign.
        Assert.True(Math.Abs(first.GetProperty("corrected_value").GetDouble() - (after - before)) < 0.01 * Math.Abs(after - before));
        Assert.True(Math.Sign(first.GetProperty("as_written_value").GetDouble()) == -Math.Sign(after - before));

        // Δy = f(Δŷ) as written: f of Δŷ = h_1^(2) Δw for sample 1.
        var dy = rules["b-delta-y"];
        Assert.Equal(f(passes[0][2][0] * 1e-3), dy.GetProperty("as_written_value").GetDouble(), 1e-12);

        // The δ-index slip: −Σ_s δ_k^(2) h_k^(1) does not depend on e, so every row of it is constant.
        var indexed = Rows(rules["a-layer2-delta-index"].GetProperty("as_written_matrix"));
        Assert.All(indexed, row => Assert.All(row, v => Assert.Equal(row[0], v, 15)));
        // Read literally, δ^(3) in the layer-1 rule is the output layer's δ: −Σ_s f'(ŷ_k)(d_k − y_k) x_n.
        var literal = Rows(rules["a-layer1-delta-label"].GetProperty("as_written_matrix"));
        double Df(double z) => activation switch { "sigmoid" => f(z) * (1 - f(z)), "tanh" => 1 - f(z) * f(z), _ => z >= 0 ? 1 : 0 };
        for (int n = 0; n < x[0].Length; n++)
        {
            for (int k = 0; k < 3; k++)
            {
                double expected = 0;
                for (int s = 0; s < x.Length; s++)
                {
                    double pre = Enumerable.Range(0, 3).Sum(e => w[2][e][k] * passes[s][2][e]);
                    expected -= Df(pre) * (d[s][k] - passes[s][3][k]) * x[s][n];
                }

                Assert.Equal(expected, literal[n][k], 1e-12);
            }
        }
    }

    [Fact]
    public void Mlp_rules_text_names_each_correction()
    {
        var (exit, output, _) = CliCall.Run("experiment", "mlp-rules");
        Assert.Equal(0, exit);
        Assert.Contains("the sign dropped", output);
        Assert.Contains("f of the change for the change of f", output);
        Assert.Contains("δ^(3), the output layer's δ, read literally", output);
        Assert.Contains("max |corrected − numerical| =", output);
        Assert.Equal(2, CliCall.Run("experiment", "mlp-rules", "--activation", "softmax").Exit);
    }

    [Theory]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    public void One_hidden_layer_closed_forms_match_central_differences_of_J(string activation)
    {
        var json = CliCall.Json("experiment", "one-hidden-layer", "--hidden-activation", activation, "--seed", "7", "--json");
        var x = Rows(json.GetProperty("data").GetProperty("x"));
        double[] y = [.. json.GetProperty("data").GetProperty("y").EnumerateArray().Select(v => v.GetDouble())];
        var theta = Rows(json.GetProperty("theta"));
        double[] beta = [.. json.GetProperty("beta").EnumerateArray().Select(v => v.GetDouble())];
        var s1 = F(activation);
        int m = x.Length;
        double J()
        {
            double total = 0;
            for (int k = 0; k < m; k++)
            {
                double w = beta[0];
                for (int j = 0; j < theta.Length; j++)
                {
                    w += beta[j + 1] * s1(theta[j][0] + Enumerable.Range(0, x[k].Length).Sum(i => theta[j][i + 1] * x[k][i]));
                }

                double p = 1 / (1 + Math.Exp(-w));
                total -= y[k] * Math.Log(p) + (1 - y[k]) * Math.Log(1 - p);
            }

            return total / m;
        }

        double Central(double[] values, int index)
        {
            double saved = values[index], h = 1e-6;
            values[index] = saved + h;
            double up = J();
            values[index] = saved - h;
            double down = J();
            values[index] = saved;
            return (up - down) / (2 * h);
        }

        Assert.Equal(J(), json.GetProperty("J").GetDouble(), 1e-12);
        double[] dBeta = [.. json.GetProperty("dJ_dbeta").GetProperty("closed_form").EnumerateArray().Select(v => v.GetDouble())];
        for (int j = 0; j < beta.Length; j++)
        {
            Assert.Equal(Central(beta, j), dBeta[j], 1e-8);
        }

        var dTheta = Rows(json.GetProperty("dJ_dtheta").GetProperty("closed_form"));
        for (int j = 0; j < theta.Length; j++)
        {
            for (int i = 0; i < theta[j].Length; i++)
            {
                Assert.Equal(Central(theta[j], i), dTheta[j][i], 1e-8);
            }
        }

        var slips = json.GetProperty("slips").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        // σ₂' as written equals σ₂(1 − σ₂) in value (e^w/(1 + e^w)² is symmetric in w), while (1 + e^w)^(−1) itself falls.
        var sigma = slips["sigma2-derivative"];
        Assert.Equal(sigma.GetProperty("corrected_value").GetDouble(), sigma.GetProperty("as_written_value").GetDouble(), 1e-14);
        Assert.Equal(-sigma.GetProperty("corrected_value").GetDouble(), sigma.GetProperty("derivative_of_written_function").GetDouble(), 1e-9);
        // The bracket's first term, as written, has the wrong sign on an example with y = 0: −1/(1 − p) − 0 against 1/(1 − p).
        var bracket = slips["bracket-sign"];
        Assert.Equal(-(bracket.GetProperty("corrected_value").GetDouble()), bracket.GetProperty("as_written_value").GetDouble(), 1e-12);
        // The tanh slip shows only for tanh.
        double hidden = slips["hidden-derivative"].GetProperty("max_error_as_written").GetDouble();
        Assert.True(activation == "tanh" ? hidden > 1e-3 : hidden < 1e-7, $"{activation}: {hidden}");
    }
}
