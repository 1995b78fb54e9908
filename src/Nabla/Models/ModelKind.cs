using System.Numerics;
using System.Text.Json.Nodes;
using Nabla.Estimators;
using Nabla.Serialization;
using Nabla.Training;

namespace Nabla.Models;

/// <summary>
/// One kind of model, described once: its name (the command line's <c>--model</c> value and the model file's <c>model</c>
/// field), the tasks it serves, its hyperparameters, how to create an unfitted estimator from their values, how to write
/// and read its fitted parameters, how to describe a fitted model, and its training history. The command line, the model
/// files, <c>inspect</c>, cross-validation and hyperparameter search read kinds from <see cref="ModelKinds.All"/> and
/// contain no per-model code.
/// </summary>
/// <remarks>
/// The methods come in a classification and a regression form; a kind implements those of the tasks it serves, the
/// others throw <see cref="NotSupportedException"/>.
/// </remarks>
public abstract class ModelKind
{
    private HyperparameterValues? _defaults;

    /// <summary>The name: <c>mlp</c>, <c>perceptron</c>, <c>logistic</c>, …</summary>
    public abstract string Name { get; }

    /// <summary>One line saying what the model is, for <c>--help</c> and the docs.</summary>
    public abstract string Summary { get; }

    /// <summary>The tasks it serves.</summary>
    public abstract IReadOnlyList<ModelTask> Tasks { get; }

    /// <summary>Its hyperparameters, in the order the help and <c>inspect</c> list them.</summary>
    public abstract IReadOnlyList<Hyperparameter> Hyperparameters { get; }

    /// <summary>Names that model files written by earlier versions held in the hyperparameters section and that are no longer read.</summary>
    public virtual IReadOnlyList<string> RetiredFileKeys => [];

    /// <summary>True when fitting reports each epoch to <see cref="FitControl.Progress"/> and stops on its cancellation token.</summary>
    public virtual bool ReportsProgress => false;

    /// <summary>Every hyperparameter at its default.</summary>
    public HyperparameterValues Defaults => _defaults ??= new HyperparameterValues(this, [.. Hyperparameters.Select(h => h.DefaultObject)]);

    /// <summary>True when the kind serves <paramref name="task"/>.</summary>
    public bool Serves(ModelTask task) => Tasks.Contains(task);

    /// <summary>The hyperparameter named <paramref name="name"/>, or null.</summary>
    public Hyperparameter? Find(string name) => Hyperparameters.FirstOrDefault(h => h.Name == name);

    /// <summary>Creates an unfitted classifier with these hyperparameter values.</summary>
    /// <exception cref="ArgumentException">The values are for another kind, or out of range together.</exception>
    /// <exception cref="NotSupportedException">The kind does not classify.</exception>
    public virtual Classifier<T, TLabel> CreateClassifier<T, TLabel>(HyperparameterValues values, FitControl? control = null)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull => throw Unsupported(ModelTask.Classification);

    /// <summary>Creates an unfitted regressor with these hyperparameter values.</summary>
    /// <exception cref="NotSupportedException">The kind does not do regression.</exception>
    public virtual Regressor<T> CreateRegressor<T>(HyperparameterValues values, FitControl? control = null)
        where T : unmanaged, IFloatingPointIeee754<T> => throw Unsupported(ModelTask.Regression);

    /// <summary>True when <paramref name="model"/> is an estimator of this kind.</summary>
    public virtual bool Describes<T, TLabel>(Classifier<T, TLabel> model)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull => false;

    /// <summary>True when <paramref name="model"/> is an estimator of this kind.</summary>
    public virtual bool Describes<T>(Regressor<T> model)
        where T : unmanaged, IFloatingPointIeee754<T> => false;

    /// <summary>The hyperparameter values <paramref name="model"/> was created with.</summary>
    public virtual HyperparameterValues ValuesOf<T, TLabel>(Classifier<T, TLabel> model)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull => throw Unsupported(ModelTask.Classification);

    /// <summary>The hyperparameter values <paramref name="model"/> was created with.</summary>
    public virtual HyperparameterValues ValuesOf<T>(Regressor<T> model)
        where T : unmanaged, IFloatingPointIeee754<T> => throw Unsupported(ModelTask.Regression);

    /// <summary>
    /// What fitting recorded per epoch or iteration (the loss; the perceptron's errors), or null for a model fitted in one
    /// step (a closed-form solve, the Bayes classifier's maximum-likelihood estimates).
    /// </summary>
    public virtual TrainingHistory? HistoryOf<T, TLabel>(Classifier<T, TLabel> model)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull => null;

    /// <summary>What fitting recorded per epoch or iteration, or null for a model fitted in one step.</summary>
    public virtual TrainingHistory? HistoryOf<T>(Regressor<T> model)
        where T : unmanaged, IFloatingPointIeee754<T> => null;

    /// <summary>The fitted model's learned parameters in the notes' terms; <paramref name="featureNames"/> names the inputs when known.</summary>
    public virtual ModelDescription Describe<T, TLabel>(Classifier<T, TLabel> model, IReadOnlyList<string>? featureNames = null)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull => throw Unsupported(ModelTask.Classification);

    /// <summary>The fitted model's learned parameters in the notes' terms.</summary>
    public virtual ModelDescription Describe<T>(Regressor<T> model, IReadOnlyList<string>? featureNames = null)
        where T : unmanaged, IFloatingPointIeee754<T> => throw Unsupported(ModelTask.Regression);

    /// <summary>The model these values make for a problem of this shape, in one line (printed before training).</summary>
    public abstract string DescribeSetup(HyperparameterValues values, ModelShape shape);

    /// <summary>
    /// What one step of training is for these values on a problem of this shape, as <see cref="TrainingHistory.Unit"/> will
    /// say: <c>epoch</c> (the default), or an iteration of a full-batch solver such as <c>L-BFGS iteration</c>; for progress displays.
    /// </summary>
    public virtual string HistoryUnit(HyperparameterValues values, ModelShape shape) => "epoch";

    /// <summary>
    /// Notes on hyperparameters that were set (<paramref name="given"/>) but have no effect with the other values or on a
    /// problem of this shape, each starting with the hyperparameter's name.
    /// </summary>
    public virtual IEnumerable<string> Notes(HyperparameterValues values, ModelShape shape, IReadOnlyCollection<string> given) => [];

    /// <summary>How fitting ended, in one sentence (converged or not, and why), or null when there is nothing to say.</summary>
    public virtual string? DescribeFit<T, TLabel>(Classifier<T, TLabel> model)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull => null;

    /// <summary>How fitting ended, in one sentence, or null.</summary>
    public virtual string? DescribeFit<T>(Regressor<T> model)
        where T : unmanaged, IFloatingPointIeee754<T> => null;

    /// <summary>Writes the fitted parameters (only: hyperparameters are written from the schema) into a model file's <c>parameters</c> section.</summary>
    internal virtual void WriteParameters<T, TLabel>(Classifier<T, TLabel> model, JsonObject parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull => throw Unsupported(ModelTask.Classification);

    /// <summary>Writes the fitted parameters of a regressor.</summary>
    internal virtual void WriteParameters<T>(Regressor<T> model, JsonObject parameters)
        where T : unmanaged, IFloatingPointIeee754<T> => throw Unsupported(ModelTask.Regression);

    /// <summary>Rebuilds a fitted classifier, validating every shape against <paramref name="classes"/> and <paramref name="featureCount"/>.</summary>
    internal virtual Classifier<T, TLabel> ReadClassifier<T, TLabel>(HyperparameterValues values, JsonSection parameters, TLabel[] classes, int featureCount, TrainingHistory? history)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : notnull => throw Unsupported(ModelTask.Classification);

    /// <summary>Rebuilds a fitted regressor, validating every shape.</summary>
    internal virtual Regressor<T> ReadRegressor<T>(HyperparameterValues values, JsonSection parameters, int featureCount, int targetCount, TrainingHistory? history)
        where T : unmanaged, IFloatingPointIeee754<T> => throw Unsupported(ModelTask.Regression);

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>Throws unless <paramref name="values"/> belong to this kind.</summary>
    protected void RequireOwn(HyperparameterValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Kind != this)
        {
            throw new ArgumentException($"These hyperparameter values are for {values.Kind.Name}, not {Name}: take them from ModelKinds.Find(\"{Name}\").Defaults.", nameof(values));
        }
    }

    private NotSupportedException Unsupported(ModelTask task) =>
        new($"{Name} does not do {(task == ModelTask.Classification ? "classification" : "regression")}; it serves {string.Join(" and ", Tasks.Select(t => t.ToString().ToLowerInvariant()))}.");
}
