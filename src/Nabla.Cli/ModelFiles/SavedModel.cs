using System.Numerics;
using Nabla.Data.Preprocessing;
using Nabla.Estimators;
using Nabla.Models;
using Nabla.Serialization;
using Nabla.Tensors;

namespace Nabla.Cli.ModelFiles;

/// <summary>
/// A model file loaded for <c>predict</c>, <c>evaluate</c> and <c>inspect</c>, whatever its model type, precision and label type:
/// labels are handled as text, features as doubles (converted to the model's precision).
/// </summary>
internal sealed class SavedModel
{
    private Func<Matrix<double>, int[]>? _classify;
    private Func<Matrix<double>, Matrix<double>>? _probabilities;
    private Func<Matrix<double>, Matrix<double>>? _regress;
    private Func<IReadOnlyList<string>?, ModelDescription>? _describe;

    private SavedModel(ModelInfo info, object estimator, Preprocessor? preprocessing, TrainingMetadata? training, ModelKind kind, HyperparameterValues hyperparameters)
    {
        Info = info;
        Estimator = estimator;
        Preprocessing = preprocessing;
        Training = training;
        Kind = kind;
        Hyperparameters = hyperparameters;
    }

    /// <summary>The model's kind.</summary>
    public ModelKind Kind { get; }

    /// <summary>The hyperparameters it was trained with.</summary>
    public HyperparameterValues Hyperparameters { get; }

    /// <summary>The file's header.</summary>
    public ModelInfo Info { get; }

    /// <summary>The fitted estimator (a <c>Classifier&lt;T, string&gt;</c> or <c>Regressor&lt;T&gt;</c>).</summary>
    public object Estimator { get; }

    /// <summary>The saved preprocessing, if any.</summary>
    public Preprocessor? Preprocessing { get; }

    /// <summary>The saved training metadata, if any.</summary>
    public TrainingMetadata? Training { get; }

    /// <summary>True for a classifier.</summary>
    public bool IsClassifier => Info.Task == ModelTask.Classification;

    /// <summary>The decision costs c_ij a Bayes classifier was trained with (row = decided class), or null for 0-1 costs and other models.</summary>
    public double[,]? Costs { get; private init; }

    /// <summary>True when the classifier gives class probabilities.</summary>
    public bool SupportsProbabilities => _probabilities is not null;

    /// <summary>The names of the target columns: from the preprocessing, or <c>target</c>.</summary>
    public IReadOnlyList<string> Targets =>
        Preprocessing?.Targets ?? (Info.TargetCount > 1 ? [.. Enumerable.Range(1, Info.TargetCount).Select(i => $"target{i}")] : ["target"]);

    /// <summary>Loads and validates the model file at <paramref name="path"/>.</summary>
    /// <exception cref="ModelFormatException">The file is missing or not a valid model file.</exception>
    public static SavedModel Load(string path)
    {
        var info = ModelFile.ReadInfo(path);
        return info.IsDouble ? Load<double>(path, info) : Load<float>(path, info);
    }

    /// <summary>The model's feature matrix for the rows of <paramref name="data"/>, counting into <paramref name="counts"/> what the preprocessing decided (filled values, unknown categories).</summary>
    /// <exception cref="DataFormatException">A needed column is missing or a cell cannot be read.</exception>
    public Matrix<double> Features(TabularData data, PreprocessingCounts? counts = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Preprocessing is not null)
        {
            return Preprocessing.Transform(data, counts);
        }

        // A model saved without preprocessing takes every column but the targets, as numbers, in file order.
        var columns = Enumerable.Range(0, data.Columns.Count).Where(j => !Targets.Contains(data.Columns[j])).ToArray();
        if (columns.Length != Info.FeatureCount)
        {
            throw new DataFormatException(data.Source, null, null,
                $"{data.Source} has {columns.Length} feature columns, but the model (saved without preprocessing) takes {Info.FeatureCount} numeric features.");
        }

        var table = new TabularData(data.Source, [.. columns.Select(j => data.Columns[j])], [.. Enumerable.Range(0, data.RowCount).Select(i => columns.Select(j => data[i, j]).ToArray())],
            [.. Enumerable.Range(0, data.RowCount).Select(data.LineOf)]);
        var identity = new Preprocessor([.. table.Columns.Select(c => FeatureColumn.Numeric(c))], [], ImputeStrategy.None,
            new Scaler(ScalerKind.None, new double[columns.Length], [.. Enumerable.Repeat(1.0, columns.Length)]));
        return identity.Transform(table);
    }

    /// <summary>Whether a true value is missing, as training saw it: an empty cell for a text class; also NA, NaN, … for a number or a number-labelled class.</summary>
    public Func<string, bool> TrueValueMissing => IsClassifier && Info.LabelType != "number" ? Cells.IsEmpty : Cells.IsMissingNumber;

    /// <summary>The true values of a regressor's targets, n × t, read from <paramref name="columns"/> of <paramref name="table"/> as numbers.</summary>
    /// <exception cref="DataFormatException">A value is missing, not a number or infinite.</exception>
    public static Matrix<double> TrueValues(TabularData table, int[] columns)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        var reader = new Preprocessor([FeatureColumn.Numeric("_")], [.. columns.Select(j => table.Columns[j])], ImputeStrategy.None, new Scaler(ScalerKind.None, [0.0], [1.0]));
        return reader.ReadTargets(table);
    }

    /// <summary>Prints the counted decisions as notes (in the command line's words) on standard error.</summary>
    public static void WriteNotes(CliContext context, PreprocessingCounts counts)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(counts);
        foreach (string note in counts.Notes())
        {
            context.Error.WriteLine($"nabla: note: {LibraryWords.ToCommandLine(note)}");
        }
    }

    /// <summary>The predicted class index (into <see cref="ModelInfo.Classes"/>) of each row.</summary>
    public int[] PredictClassIndices(Matrix<double> x) => (_classify ?? throw new InvalidOperationException("This model is a regressor: it predicts numbers, not classes."))(x);

    /// <summary>Class probabilities, n × K.</summary>
    public Matrix<double> PredictProbabilities(Matrix<double> x) =>
        (_probabilities ?? throw new NotSupportedException($"A {Info.ModelType} model gives hard decisions only, no probabilities; leave out --probabilities."))(x);

    /// <summary>The learned parameters in the notes' terms (the kind's description), with the inputs named by the preprocessing.</summary>
    public ModelDescription Describe() => _describe!(Preprocessing?.FeatureNames);

    /// <summary>Regression predictions, n × targets.</summary>
    public Matrix<double> PredictValues(Matrix<double> x) => (_regress ?? throw new InvalidOperationException("This model is a classifier: it predicts classes."))(x);

    private static SavedModel Load<T>(string path, ModelInfo info)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (info.Task == ModelTask.Classification)
        {
            var loaded = ModelFile.LoadClassifier<T, string>(path);
            var model = loaded.Model;
            var kind = ModelKinds.Of(model);
            return new SavedModel(loaded.Info, model, loaded.Preprocessing, loaded.Training, kind, kind.ValuesOf(model))
            {
                _classify = x => model.PredictClassIndices(Convert<T>(x)),
                _probabilities = model.SupportsProbabilities ? x => Convert<double, T>(model.PredictProbabilities(Convert<T>(x))) : null,
                _describe = names => kind.Describe(model, names),
                Costs = model.DecisionCosts,
            };
        }

        var regression = ModelFile.LoadRegressor<T>(path);
        var regressor = regression.Model;
        var regressorKind = ModelKinds.Of(regressor);
        return new SavedModel(regression.Info, regressor, regression.Preprocessing, regression.Training, regressorKind, regressorKind.ValuesOf(regressor))
        {
            _regress = x => Convert<double, T>(regressor.Predict(Convert<T>(x))),
            _describe = names => regressorKind.Describe(regressor, names),
        };
    }

    private static Matrix<T> Convert<T>(Matrix<double> x)
        where T : unmanaged, IFloatingPointIeee754<T> => Convert<T, double>(x);

    /// <summary><paramref name="x"/> in the precision <typeparamref name="TTo"/> (itself when it already is).</summary>
    internal static Matrix<TTo> Convert<TTo, TFrom>(Matrix<TFrom> x)
        where TTo : unmanaged, IFloatingPointIeee754<TTo>
        where TFrom : unmanaged, IFloatingPointIeee754<TFrom>
    {
        if (x is Matrix<TTo> same)
        {
            return same;
        }

        var result = new Matrix<TTo>(x.Rows, x.Columns);
        var source = x.AsReadOnlySpan();
        var target = result.AsSpan();
        for (int i = 0; i < source.Length; i++)
        {
            target[i] = TTo.CreateChecked(source[i]);
        }

        return result;
    }
}
