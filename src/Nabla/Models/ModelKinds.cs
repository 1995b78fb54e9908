using System.Numerics;
using Nabla.Estimators;

namespace Nabla.Models;

/// <summary>
/// The registry of model kinds: every kind Nabla knows, in one list. The command line's <c>--model</c> values and options,
/// the model file format, <c>inspect</c>, cross-validation, hyperparameter search and the contract tests all read it, so
/// a kind added here is usable everywhere with no other edit.
/// </summary>
public static class ModelKinds
{
    /// <summary>The neural network (<c>mlp</c>).</summary>
    public static MlpKind Mlp { get; } = new();

    /// <summary>Rosenblatt's perceptron (<c>perceptron</c>).</summary>
    public static PerceptronKind Perceptron { get; } = new();

    /// <summary>Logistic regression (<c>logistic</c>).</summary>
    public static LogisticKind Logistic { get; } = new();

    /// <summary>The Gaussian Bayes classifier (<c>bayes-gaussian</c>).</summary>
    public static BayesGaussianKind BayesGaussian { get; } = new();

    /// <summary>Linear regression, ridge (<c>linear</c>).</summary>
    public static LinearKind Linear { get; } = new();

    /// <summary>Every kind, in the order the help lists them.</summary>
    public static IReadOnlyList<ModelKind> All { get; } = [Mlp, Perceptron, Logistic, BayesGaussian, Linear];

    /// <summary>The names of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(k => k.Name)];

    /// <summary>The kind named <paramref name="name"/>, or null.</summary>
    public static ModelKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    /// <summary>The kind named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No kind has that name; the message lists them.</exception>
    public static ModelKind Get(string name) =>
        Find(name) ?? throw new ArgumentException($"There is no model kind '{name}'; the kinds are {string.Join(", ", Names)}.", nameof(name));

    /// <summary>The kind of a classifier.</summary>
    /// <exception cref="NotSupportedException">No registered kind describes it.</exception>
    public static ModelKind Of<T, TLabel>(Classifier<T, TLabel> model)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(model);
        return All.FirstOrDefault(k => k.Describes(model))
            ?? throw new NotSupportedException($"{model.ModelName} is not one of the registered model kinds ({string.Join(", ", Names)}), so it cannot be saved or described.");
    }

    /// <summary>The kind of a regressor.</summary>
    /// <exception cref="NotSupportedException">No registered kind describes it.</exception>
    public static ModelKind Of<T>(Regressor<T> model)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return All.FirstOrDefault(k => k.Describes(model))
            ?? throw new NotSupportedException($"{model.ModelName} is not one of the registered model kinds ({string.Join(", ", Names)}), so it cannot be saved or described.");
    }
}
