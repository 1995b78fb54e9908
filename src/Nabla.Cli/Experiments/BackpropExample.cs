using System.Globalization;
using System.Text.Json.Nodes;
using Nabla.Activations;
using Nabla.Losses;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Training;
using static Nabla.Cli.Experiments.Numbers;

namespace Nabla.Cli.Experiments;

/// <summary>
/// The backpropagation example of the lectures: a 2-2-2 network with sigmoid activations, x = (0.05, 0.1),
/// y = (0.01, 0.99), loss ½‖ŷ − y‖², one gradient-descent step with α = 0.5.
/// </summary>
internal static class BackpropExample
{
    /// <summary>The step size of the example's gradient-descent step.</summary>
    public const double LearningRate = 0.5;

    /// <summary>The example's network with the lectures' initial weights and biases.</summary>
    public static NeuralNetwork<double> CreateNetwork()
    {
        var layer1 = new DenseLayer<double>(2, 2, Activation.Sigmoid);
        layer1.SetWeights([[0.15, 0.20], [0.25, 0.30]]);
        layer1.SetBias([0.35, 0.35]);
        var layer2 = new DenseLayer<double>(2, 2, Activation.Sigmoid);
        layer2.SetWeights([[0.40, 0.45], [0.50, 0.55]]);
        layer2.SetBias([0.60, 0.60]);
        return new NeuralNetwork<double>(layer1, layer2);
    }

    /// <summary>The input x as a 1 × 2 batch.</summary>
    public static Matrix<double> Input { get; } = Matrix<double>.RowVector([0.05, 0.10]);

    /// <summary>The target y as a 1 × 2 batch.</summary>
    public static Matrix<double> Target { get; } = Matrix<double>.RowVector([0.01, 0.99]);

    /// <summary>Runs the example and prints it as text or JSON.</summary>
    public static int Run(CliContext context, bool json, bool trace)
    {
        var network = CreateNetwork();
        var loss = new HalfSquaredErrorLoss(Reduction.Sum);
        double lossBefore = network.ComputeGradients(Input, Target, loss);
        var l1 = network.Layers[0];
        var l2 = network.Layers[1];

        var forward = new JsonObject
        {
            ["z1"] = Json.Array(l1.PreActivation.Row(0)),
            ["a1"] = Json.Array(l1.Output.Row(0)),
            ["z2"] = Json.Array(l2.PreActivation.Row(0)),
            ["a2"] = Json.Array(l2.Output.Row(0)),
        };
        var deltas = new JsonObject
        {
            ["delta1"] = Json.Array(l1.Delta.Row(0)),
            ["delta2"] = Json.Array(l2.Delta.Row(0)),
        };
        var gradients = Parameters(network, gradients: true);
        string traceText = trace ? Trace(network) : "";
        var textBefore = Describe(network, lossBefore);

        // Some versions of this example update the weights only and keep the biases; report that loss too.
        var weightsOnly = network.Clone();
        new GradientDescent(LearningRate).Step(network.Parameters);
        double lossAfter = network.Evaluate(Input, Target, loss);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            network.Layers[l].Weights.CopyTo(weightsOnly.Layers[l].Weights);
        }

        double lossWeightsOnly = weightsOnly.Evaluate(Input, Target, loss);
        var after = Parameters(network, gradients: false);
        after["loss"] = lossAfter;

        if (json)
        {
            var result = new JsonObject
            {
                ["forward"] = forward,
                ["loss"] = lossBefore,
                ["deltas"] = deltas,
                ["gradients"] = gradients,
                ["learning_rate"] = LearningRate,
                ["after_step"] = after,
                ["after_step_biases_fixed_loss"] = lossWeightsOnly,
            };
            if (trace)
            {
                result["trace"] = traceText;
            }

            Json.Write(context.Out, result);
            return NablaCommand.Success;
        }

        var o = context.Out;
        o.Write(textBefore);
        if (trace)
        {
            o.WriteLine();
            o.Write(traceText);
        }

        o.WriteLine();
        o.WriteLine($"After one gradient-descent step, W^[l] ← W^[l] − α ∂L/∂W^[l] and b^[l] ← b^[l] − α ∂L/∂b^[l] with α = {F(LearningRate)}:");
        for (int l = 0; l < network.Layers.Count; l++)
        {
            o.WriteLine($"  W^[{l + 1}] = {M(network.Layers[l].Weights)}   b^[{l + 1}] = {V(network.Layers[l].Bias.Row(0))}");
        }

        o.WriteLine($"  L = {F(lossAfter)} (was {F(lossBefore)}); updating the weights only, with the biases kept, L = {F(lossWeightsOnly)}");
        return NablaCommand.Success;
    }

    private static string Describe(NeuralNetwork<double> network, double loss)
    {
        var l1 = network.Layers[0];
        var l2 = network.Layers[1];
        var s = new StringWriter(CultureInfo.InvariantCulture);
        s.WriteLine("The lectures' backpropagation example: 2 inputs, 2 sigmoid hidden units, 2 sigmoid outputs, L = ½‖ŷ − y‖².");
        s.WriteLine($"  x = {V(Input.Row(0))}, y = {V(Target.Row(0))}");
        s.WriteLine($"  W^[1] = {M(l1.Weights)}   b^[1] = {V(l1.Bias.Row(0))}");
        s.WriteLine($"  W^[2] = {M(l2.Weights)}   b^[2] = {V(l2.Bias.Row(0))}");
        s.WriteLine();
        s.WriteLine("Forward pass, z^[l] = W^[l] a^[l−1] + b^[l], a^[l] = σ(z^[l]):");
        s.WriteLine($"  z^[1] = {V(l1.PreActivation.Row(0))}   a^[1] = {V(l1.Output.Row(0))}");
        s.WriteLine($"  z^[2] = {V(l2.PreActivation.Row(0))}   a^[2] = ŷ = {V(l2.Output.Row(0))}");
        s.WriteLine($"  L = ½‖ŷ − y‖² = {F(loss)}");
        s.WriteLine();
        s.WriteLine("Backward pass, δ^[2] = (a^[2] − y) ⊙ σ'(z^[2]), δ^[1] = (W^[2]ᵀ δ^[2]) ⊙ σ'(z^[1]):");
        s.WriteLine($"  δ^[2] = {V(l2.Delta.Row(0))}");
        s.WriteLine($"  δ^[1] = {V(l1.Delta.Row(0))}");
        s.WriteLine("Gradients, ∂L/∂W^[l] = δ^[l] a^[l−1]ᵀ and ∂L/∂b^[l] = δ^[l]:");
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            s.WriteLine($"  ∂L/∂W^[{l + 1}] = {M(layer.WeightGradient)}   ∂L/∂b^[{l + 1}] = {V(layer.BiasGradient.Row(0))}");
        }

        s.WriteLine($"  in particular ∂L/∂w^[2]_{{1,1}} = {F(l2.WeightGradient[0, 0])} and ∂L/∂w^[1]_{{1,1}} = {F(l1.WeightGradient[0, 0])}");
        return s.ToString();
    }

    /// <summary>
    /// The chain rule written out factor by factor, as the slides do, from the values kept by the forward pass; each product is
    /// compared with backpropagation's gradient.
    /// </summary>
    private static string Trace(NeuralNetwork<double> network)
    {
        var l1 = network.Layers[0];
        var l2 = network.Layers[1];
        double[] x = Input.Row(0).ToArray();
        double[] y = Target.Row(0).ToArray();
        double[] z1 = l1.PreActivation.Row(0).ToArray(), a1 = l1.Output.Row(0).ToArray();
        double[] z2 = l2.PreActivation.Row(0).ToArray(), a2 = l2.Output.Row(0).ToArray();
        var g = l2.Activation;
        var s = new StringWriter(CultureInfo.InvariantCulture);

        s.WriteLine("Chain rule for ∂L/∂w^[2]_{1,1}: one path, L → ỹ^(1) → z_1^[2] → w^[2]_{1,1}");
        double dL_dy1 = a2[0] - y[0];
        double dy1_dz = g.Derivative(z2[0], a2[0]);
        double dz_dw = a1[0];
        s.WriteLine($"  ∂L/∂ỹ^(1)         = ỹ^(1) − y^(1)             = {F(dL_dy1)}");
        s.WriteLine($"  ∂ỹ^(1)/∂z_1^[2]    = σ(z_1^[2])(1 − σ(z_1^[2])) = {F(dy1_dz)}");
        s.WriteLine($"  ∂z_1^[2]/∂w^[2]_{{1,1}} = a_1^[1]                 = {F(dz_dw)}");
        double product = dL_dy1 * dy1_dz * dz_dw;
        s.WriteLine($"  product = {F(product)}; backpropagation gives {F(l2.WeightGradient[0, 0])}");
        s.WriteLine();

        s.WriteLine("Chain rule for ∂L/∂w^[1]_{1,1}: two paths, through ỹ^(1) and through ỹ^(2)");
        double da1_dz1 = l1.Activation.Derivative(z1[0], a1[0]);
        double dz1_dw = x[0];
        double total = 0;
        for (int k = 0; k < 2; k++)
        {
            int o = k + 1;
            double dL_dyk = a2[k] - y[k];
            double dyk_dz = g.Derivative(z2[k], a2[k]);
            double dz_da1 = l2.Weights[k, 0];
            double path = dL_dyk * dyk_dz * dz_da1 * da1_dz1 * dz1_dw;
            total += path;
            s.WriteLine($"  path {o}: ∂L/∂ỹ^({o}) · ∂ỹ^({o})/∂z_{o}^[2] · ∂z_{o}^[2]/∂a_1^[1] · ∂a_1^[1]/∂z_1^[1] · ∂z_1^[1]/∂w^[1]_{{1,1}}");
            s.WriteLine($"        = (ỹ^({o}) − y^({o})) · σ'(z_{o}^[2]) · w^[2]_{{{o},1}} · σ'(z_1^[1]) · x^(1)");
            s.WriteLine($"        = {F(dL_dyk)} × {F(dyk_dz)} × {F(dz_da1)} × {F(da1_dz1)} × {F(dz1_dw)} = {F(path)}");
        }

        s.WriteLine($"  sum of both paths = {F(total)}; backpropagation gives {F(l1.WeightGradient[0, 0])}");
        return s.ToString();
    }

    private static JsonObject Parameters(NeuralNetwork<double> network, bool gradients)
    {
        var o = new JsonObject();
        foreach (var p in network.Parameters)
        {
            var m = gradients ? p.Gradient : p.Value;
            o[p.Name] = p.Name.StartsWith('W') ? Json.Rows(m) : Json.Array(m.Row(0));
        }

        return o;
    }
}
