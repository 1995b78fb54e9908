using Nabla.Training;

namespace Nabla.Models;

/// <summary>
/// The hyperparameters several kinds share, each with its one name and range: a kind gives its own default (from its
/// options record) and its own line of help, so that <c>--learning-rate</c> means the same kind of value everywhere.
/// </summary>
internal static class SharedHyperparameters
{
    public static Hyperparameter<double> LearningRate(double d, string help) => Hyperparameter.Real("learning_rate", d, 0, double.PositiveInfinity, help, openMin: true);

    public static Hyperparameter<int> Epochs(int d, string help, params string[] fileAliases) => Hyperparameter.Int("epochs", d, 1, int.MaxValue, help, fileAliases);

    public static Hyperparameter<int> BatchSize(int d, string help) => Hyperparameter.Int("batch_size", d, 0, int.MaxValue, help);

    /// <summary>l2, λ; <paramref name="auto"/> says what <c>auto</c> means for the kinds that can choose it from the data.</summary>
    public static Hyperparameter<double?> L2(double? d, string help, string? auto = null) => Hyperparameter.RealOrAuto("l2", d, 0, help, auto);

    /// <summary>class_weight: none, balanced, or one positive weight per class in sorted class order (comma-separated).</summary>
    public static Hyperparameter<string> ClassWeight(string d, string help) =>
        Hyperparameter.Text("class_weight", d, "none, balanced, or one weight > 0 per class in sorted class order, comma-separated", ClassWeightText, help);

    /// <summary>The options' value of a class_weight text.</summary>
    public static Estimators.ClassWeights? ClassWeights(string text) => ClassWeightText(text) switch
    {
        "none" => null,
        "balanced" => Estimators.ClassWeights.Balanced,
        var list => Estimators.ClassWeights.Of([.. list.Split(',').Select(w => double.Parse(w, System.Globalization.CultureInfo.InvariantCulture))]),
    };

    /// <summary>A model file's given class weights must be one per class (the rows' balanced weights need no check).</summary>
    /// <exception cref="ArgumentException">The count differs from <paramref name="classes"/>.</exception>
    public static void RequireClassWeightCount(Estimators.ClassWeights? weights, int classes)
    {
        if (weights?.Given is { } given && given.Count != classes)
        {
            throw new ArgumentException($"class_weight gives {given.Count} weights, but the model has {classes} classes: one weight per class");
        }
    }

    /// <summary>The class_weight text of the options' value.</summary>
    public static string ClassWeightText(Estimators.ClassWeights? weights) =>
        weights is null ? "none" : weights.Given is { } given ? string.Join(",", given.Select(Hyperparameter.Text)) : "balanced";

    private static string ClassWeightText(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        if (t is "none" or "balanced")
        {
            return t;
        }

        var parts = t.Split(',');
        return parts.All(p => double.TryParse(p, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double w) && w > 0 && double.IsFinite(w))
            ? string.Join(",", parts.Select(p => Hyperparameter.Text(double.Parse(p, System.Globalization.CultureInfo.InvariantCulture))))
            : throw new FormatException($"'{text}' is not none, balanced, or weights > 0 separated by commas");
    }

    public static Hyperparameter<string> Optimizer(string d, string help) =>
        Hyperparameter.Choice("optimizer", d, Training.Optimizer.Names, help, new Dictionary<string, string> { ["gd"] = "sgd", ["gradient-descent"] = "sgd" });

    public static Hyperparameter<double> Momentum(double d, string help) => Hyperparameter.Real("momentum", d, 0, 1, help, openMax: true);

    public static Hyperparameter<string> Schedule(string d, string help) =>
        Hyperparameter.Text("schedule", d, "constant, step(N), step(N,gamma), cosine or cosine(min)", ScheduleText, help);

    public static Hyperparameter<double> ValidationFraction(double d, string help) => Hyperparameter.Real("validation_fraction", d, 0, 1, help, openMax: true);

    public static Hyperparameter<int> Patience(int d, string help) => Hyperparameter.Int("patience", d, 0, int.MaxValue, help);

    public static Hyperparameter<int> Threads(int d, string help) => Hyperparameter.Int("threads", d, 0, int.MaxValue, help);

    public static Hyperparameter<double> Tolerance(double d, string help) => Hyperparameter.Real("tolerance", d, 0, double.PositiveInfinity, help);

    public static Hyperparameter<int> HistorySize(int d, string help) => Hyperparameter.Int("history_size", d, 1, int.MaxValue, help);

    public static Hyperparameter<int> Seed(int d, string help) => Hyperparameter.Int("seed", d, int.MinValue, int.MaxValue, help);

    /// <summary>A schedule's one spelling.</summary>
    public static string ScheduleText(string text) => LearningRateSchedule.Parse(text).ToString()!;
}
