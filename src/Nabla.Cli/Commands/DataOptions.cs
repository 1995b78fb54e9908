using System.CommandLine;
using Nabla.Models;

namespace Nabla.Cli.Commands;

/// <summary>
/// The options that say what to learn from and with which model, shared by <c>train</c>, <c>cv</c> and <c>tune</c>: the
/// data, target, task, model, test split, seed and preprocessing.
/// </summary>
internal sealed class DataOptions
{
    private readonly Option<string?> _data = new("--data", "-d") { HelpName = "FILE.csv", Description = "CSV file with a header row; one row per sample. Without it: the built-in two-Gaussian data set of the course notes." };
    private readonly Option<string?> _target = new("--target", "-t") { HelpName = "COLUMN", Description = "The column to predict (default: the last column). Regression may name several, comma-separated." };
    private readonly Option<string> _task = new("--task") { Description = "classification, regression, or auto: regression when the target holds non-integer numbers or more than 20 distinct numbers.", DefaultValueFactory = _ => "auto" };
    private readonly Option<string> _model = new("--model") { DefaultValueFactory = _ => ModelKinds.Mlp.Name };
    private readonly Option<double> _testFraction = new("--test-fraction") { HelpName = "FRACTION", Description = "Fraction of the rows held out (stratified by class) to test the model; 0 for none.", DefaultValueFactory = _ => 0.2 };
    private readonly Option<int> _seed = new("--seed") { HelpName = "N", Description = "Seed of the split and of the model (its initial weights, shuffling): the same seed and thread count give the same model.", DefaultValueFactory = _ => 0 };
    private readonly Option<string> _scale = new("--scale") { Description = "How numeric features are scaled, fitted on the training rows only and saved with the model.", DefaultValueFactory = _ => "standard" };
    private readonly Option<string> _impute = new("--impute") { Description = "Fill missing values with the training median or mean (text: the most frequent value; dates: the median date), with an indicator feature where 5% or more are missing; none makes them errors.", DefaultValueFactory = _ => Defaults.Impute.ToString().ToLowerInvariant() };
    private readonly Option<int> _minCategoryCount = new("--min-category-count") { HelpName = "N", Description = "Categories seen in fewer training rows share one feature COLUMN=(other), which also takes categories never seen; 1 keeps them all.", DefaultValueFactory = _ => Defaults.MinCategoryCount };
    private readonly Option<string> _unknownCategories = new("--unknown-categories") { Description = "What a category not seen in training becomes when the model is used: ignore (none of the known ones, or (other); counted in a note) or error.", DefaultValueFactory = _ => Defaults.UnknownCategories.ToString().ToLowerInvariant() };
    private readonly Option<string?> _categorical = new("--categorical") { HelpName = "COLUMNS", Description = "Columns of numbers to one-hot encode as categories (codes), comma-separated. Text columns are always one-hot encoded." };
    private readonly Option<string?> _drop = new("--drop") { HelpName = "COLUMNS", Description = "Columns to leave out (identifiers, free text), comma-separated." };

    private static readonly Nabla.Data.Preprocessing.PreprocessorOptions Defaults = new();

    private readonly CsvLimitOptions _limits = new();

    private readonly bool _withTestFraction;

    /// <summary>Creates the options; <paramref name="testFraction"/> false leaves out <c>--test-fraction</c> (cross-validation uses every row).</summary>
    public DataOptions(bool testFraction = true)
    {
        _withTestFraction = testFraction;
        _task.AcceptOnlyFromAmong("auto", "classification", "regression");
        _model.Description = "The model: " + string.Join("; ", ModelKinds.All.Select(k => $"{k.Name} ({k.Summary})")) + ".";
        _model.AcceptOnlyFromAmong([.. ModelKinds.Names]);
        _scale.AcceptOnlyFromAmong("standard", "minmax", "none");
        _impute.AcceptOnlyFromAmong("none", "mean", "median");
        _unknownCategories.AcceptOnlyFromAmong("ignore", "error");
        _minCategoryCount.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError($"--min-category-count must be at least 1 (1 keeps every category), not {r.GetValueOrDefault<int>()}.");
            }
        });
    }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (Option o in new Option[] { _data, _target, _task, _model, _testFraction, _seed, _scale, _impute, _minCategoryCount, _unknownCategories, _categorical, _drop })
        {
            if (o != _testFraction || _withTestFraction)
            {
                command.Options.Add(o);
            }
        }

        _limits.AddTo(command);
    }

    /// <summary>The parsed values, as the settings of a training run.</summary>
    public TrainSettings Read(ParseResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new TrainSettings
        {
            Data = r.GetValue(_data),
            Target = r.GetValue(_target),
            Task = r.GetValue(_task)!,
            Model = r.GetValue(_model)!,
            TestFraction = _withTestFraction ? r.GetValue(_testFraction) : 0,
            Seed = r.GetValue(_seed),
            Scale = r.GetValue(_scale)!,
            Impute = r.GetValue(_impute)!,
            MinCategoryCount = r.GetValue(_minCategoryCount),
            UnknownCategories = r.GetValue(_unknownCategories)!,
            Categorical = r.GetValue(_categorical),
            Drop = r.GetValue(_drop),
            Limits = _limits.Read(r),
        };
    }
}
