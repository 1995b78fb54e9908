using System.Numerics;
using Nabla.Bayes;
using Nabla.Estimators;
using Nabla.Interactive.Html;
using Nabla.Linear;
using Nabla.Mlp;
using Nabla.Models;
using Nabla.Networks;
using Nabla.Neurons;
using Nabla.Tensors;

namespace Nabla.Interactive;

public static partial class NablaHtml
{
    /// <summary>
    /// A classifier: its kind, hyperparameters (the defaults marked), shape (features, classes), how fitting ended, and
    /// its learned parameters in the notes' notation: W^[l] and b^[l] per layer of a network, θ and the intercepts of
    /// logistic regression, w = [b, w1, …] of the perceptron, the priors and densities of the Bayes classifier.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <typeparam name="TLabel">The label type.</typeparam>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static string Model<T, TLabel>(Classifier<T, TLabel> model)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(model);
        var kind = ModelKinds.All.FirstOrDefault(k => k.Describes(model));
        return Frame(model.ModelName, kind, kind?.ValuesOf(model), model.IsFitted,
            () => [("features", HtmlWriter.Count(model.FeatureCount)), ("classes", string.Join(", ", model.Classes.Select(Label)))],
            k => (k.DescribeFit(model), k.Describe(model)),
            html =>
            {
                switch (model)
                {
                    case MlpClassifier<T, TLabel> mlp:
                        WriteLayers(html, mlp.Network);
                        break;
                    case LogisticRegression<T, TLabel> logistic:
                        WriteMatrix(html, logistic.Coefficients, "weights θ (one row per modelled class)");
                        WriteMatrix(html, RowOf(logistic.Intercepts), "intercepts b");
                        break;
                    case Perceptron<T, TLabel> perceptron:
                        WriteMatrix(html, perceptron.Weights, "weights w = [b, w1, …] (one row per unit)");
                        break;
                    case BayesClassifier<T, TLabel> bayes:
                        WriteDensities(html, bayes);
                        break;
                }
            });
    }

    /// <summary>
    /// A regressor: its kind, hyperparameters, shape (features, targets), how fitting ended and its learned parameters
    /// (W^[l] and b^[l] per layer of a network, the coefficients and intercepts of linear regression).
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static string Model<T>(Regressor<T> model)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        var kind = ModelKinds.All.FirstOrDefault(k => k.Describes(model));
        return Frame(model.ModelName, kind, kind?.ValuesOf(model), model.IsFitted,
            () => [("features", HtmlWriter.Count(model.FeatureCount)), ("targets", HtmlWriter.Count(model.TargetCount))],
            k => (k.DescribeFit(model), k.Describe(model)),
            html =>
            {
                switch (model)
                {
                    case MlpRegressor<T> mlp:
                        WriteLayers(html, mlp.Network);
                        break;
                    case LinearRegression<T> linear:
                        WriteMatrix(html, linear.Coefficients, "coefficients W (one row per target)");
                        WriteMatrix(html, RowOf(linear.Intercepts), "intercepts b");
                        break;
                }
            });
    }

    /// <summary>
    /// What the HTML of every model has: the heading, the hyperparameters, and once fitted its shape, how fitting ended
    /// and its learned parameters. The shape and the fit are read only when the model is fitted.
    /// </summary>
    private static string Frame(string modelName, ModelKind? kind, HyperparameterValues? values, bool fitted,
        Func<IEnumerable<(string Name, string? Value)>> shape, Func<ModelKind, (string? Fit, ModelDescription Description)> fit,
        Action<HtmlWriter> parameters)
    {
        var html = new HtmlWriter().Raw("<div class=\"nabla-model\">");
        WriteHeading(html, modelName, kind);
        if (values is not null)
        {
            WriteHyperparameters(html, values);
        }

        if (!fitted)
        {
            return html.Element("p", "Not fitted yet: call Fit.").Raw("</div>").ToString();
        }

        html.Properties("shape", shape());
        if (kind is not null)
        {
            var (fitText, description) = fit(kind);
            WriteFit(html, fitText, description);
        }

        parameters(html);
        return html.Raw("</div>").ToString();
    }

    private static void WriteHeading(HtmlWriter html, string modelName, ModelKind? kind) =>
        html.Raw("<h4>").Text(kind is null ? modelName : $"{modelName} ({kind.Name}): {kind.Summary}").Raw("</h4>");

    private static void WriteHyperparameters(HtmlWriter html, HyperparameterValues values)
    {
        html.Raw("<table class=\"nabla-hyperparameters\">").Element("caption", "hyperparameters");
        html.HeaderRow(["name", "value", ""]);
        foreach (var (hyperparameter, value) in values.Entries)
        {
            html.Row(hyperparameter.Name, [hyperparameter.Format(value), values.IsDefault(hyperparameter.Name) ? "default" : "set"]);
        }

        html.Raw("</table>");
    }

    private static void WriteFit(HtmlWriter html, string? fit, ModelDescription description)
    {
        if (fit is not null)
        {
            html.Element("p", fit);
        }

        html.Raw("<table class=\"nabla-description\">").Element("caption", $"{description.Heading} ({HtmlWriter.Count(description.ParameterCount)} parameters)");
        foreach (var line in description.Lines)
        {
            html.Raw("<tr>").Element("td", line).Raw("</tr>");
        }

        html.Raw("</table>");
    }

    // W^[l] (m^[l] × m^[l−1]: row i holds the weights into unit i) and b^[l] of each layer.
    private static void WriteLayers<T>(HtmlWriter html, NeuralNetwork<T> network)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            html.Raw("<div class=\"nabla-layer\">").Element("h5", $"layer {l + 1}: {layer.Inputs} → {layer.Units}, g = {layer.Activation}");
            WriteMatrix(html, layer.Weights, $"W^[{l + 1}]");
            WriteMatrix(html, layer.Bias, $"b^[{l + 1}]");
            html.Raw("</div>");
        }
    }

    private static void WriteDensities<T, TLabel>(HtmlWriter html, BayesClassifier<T, TLabel> bayes)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull
    {
        html.Raw("<table class=\"nabla-densities\">").Element("caption", "class priors and densities");
        html.HeaderRow(["class", "prior P(ω)", "density p(x | ω)"]);
        for (int k = 0; k < bayes.Classes.Count; k++)
        {
            html.Row(Label(bayes.Classes[k]), [HtmlWriter.Number(bayes.Priors[k]), bayes.Densities[k].ToString() ?? ""]);
        }

        html.Raw("</table>");
    }

    private static Matrix<T> RowOf<T>(IReadOnlyList<T> values)
        where T : unmanaged, IFloatingPointIeee754<T> => new(1, values.Count, [.. values]);
}
