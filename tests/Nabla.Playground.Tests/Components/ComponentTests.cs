using Bunit;
using Nabla.Activations;
using Nabla.Networks;
using Nabla.Playground.Components;
using Nabla.Playground.Engine;

namespace Nabla.Playground.Tests.Components;

public class ComponentTests : BunitContext
{
    [Fact]
    public void The_diagram_draws_one_edge_per_weight_coloured_by_sign_with_its_value_on_hover()
    {
        var hidden = new DenseLayer<double>(2, 2, Activation.Tanh);
        hidden.SetWeights([[0.5, -1.25], [2.0, 0.0]]);
        var output = new DenseLayer<double>(2, 1, Activation.Sigmoid);
        output.SetWeights([[-0.75, 3.0]]);
        var network = new NeuralNetwork<double>(hidden, output);

        var diagram = Render<NetworkDiagram>(p => p.Add(d => d.Network, network).Add(d => d.Inputs, ["x₁", "x₂"]));

        var edges = diagram.FindAll("svg.edges line");
        Assert.Equal(6, edges.Count);
        var titles = edges.Select(e => e.QuerySelector("title")!.TextContent).ToArray();
        Assert.Contains("w^[1]_1,2 = -1.25", titles);
        Assert.Contains("w^[2]_1,2 = 3", titles);
        var negative = edges.Single(e => e.QuerySelector("title")!.TextContent == "w^[1]_1,2 = -1.25");
        Assert.Equal("#f59322", negative.GetAttribute("stroke"));
        Assert.Equal("#0877bd", edges.Single(e => e.QuerySelector("title")!.TextContent == "w^[2]_1,2 = 3").GetAttribute("stroke"));
        Assert.Equal(5, diagram.FindAll("canvas").Count);   // 2 inputs, 2 hidden units, 1 output
    }

    [Fact]
    public void The_formulas_name_the_penalty_and_the_learning_rule_in_use()
    {
        var settings = new PlaygroundSettings { Regularization = Regularization.L1, RegularizationRate = 0.03, LearningRate = 0.1, BatchSize = 7, Optimizer = "momentum" };

        var formulas = Render<Formulas>(p => p.Add(f => f.Settings, settings).Add(f => f.Regression, false));

        string text = formulas.Find("#formulas").TextContent;
        Assert.Contains("+ λ Σₗ ‖W[l]‖₁ with λ = 0.03", text, StringComparison.Ordinal);
        Assert.Contains("momentum, η = 0.1, batches of 7 points", text, StringComparison.Ordinal);
        Assert.Contains("v ← μv + g, W[l] ← W[l] − η v with g = (∂L/∂W[l] + λ sign W[l])", text, StringComparison.Ordinal);
        Assert.Contains("log a", text, StringComparison.Ordinal);
    }
}
