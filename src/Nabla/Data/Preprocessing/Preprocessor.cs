using System.Globalization;
using Nabla.Tensors;

namespace Nabla.Data.Preprocessing;

/// <summary>
/// Turns a <see cref="TabularData"/> table into a feature matrix the same way for training and for new data: numeric columns
/// are read as numbers (digits grouped by commas too), ISO 8601 dates become date features, text columns are one-hot encoded
/// (rare categories sharing one feature), identifiers are left out, missing values are filled (by default) with statistics
/// of the training rows and marked where many are missing, and features are scaled by a <see cref="Scaler"/> fitted on the
/// training rows only. Every such decision is written in <see cref="Notes"/>. Stored with the model.
/// </summary>
/// <remarks>
/// Every problem with the data is a <see cref="DataFormatException"/> whose one-line message names the source, line and
/// column, what was expected and what was found, and what to do. A fitted preprocessor is immutable: safe to use from many
/// threads at once.
/// </remarks>
public sealed class Preprocessor
{
    private readonly FeatureColumn[] _inputs;
    private readonly string[] _targets;
    private readonly string[] _notes;

    /// <summary>Creates a preprocessor from its parts (as a model file holds them).</summary>
    /// <param name="inputs">The input columns, in feature order.</param>
    /// <param name="targets">The target column names (not read as features).</param>
    /// <param name="impute">The imputation the fill values came from.</param>
    /// <param name="scaler">The scaler of the encoded features; its feature count is the sum of the inputs' widths.</param>
    /// <param name="unknownCategories">What a category not seen in training becomes.</param>
    /// <param name="notes">The decisions made when it was fitted, one line each.</param>
    /// <exception cref="ArgumentException">The parts do not fit together.</exception>
    public Preprocessor(IReadOnlyList<FeatureColumn> inputs, IReadOnlyList<string> targets, ImputeStrategy impute, Scaler scaler,
        UnknownCategoryHandling unknownCategories = UnknownCategoryHandling.Error, IReadOnlyList<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(scaler);
        if (inputs.Count == 0)
        {
            throw new ArgumentException("A preprocessor needs at least one input column.", nameof(inputs));
        }

        _inputs = [.. inputs];
        _targets = [.. targets];
        _notes = notes is null ? [] : [.. notes];
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in _inputs.Select(c => c.Name).Concat(_targets))
        {
            if (!names.Add(name))
            {
                throw new ArgumentException($"Column '{name}' appears twice among the inputs and targets.", nameof(inputs));
            }
        }

        FeatureCount = _inputs.Sum(c => c.Width);
        if (scaler.FeatureCount != FeatureCount)
        {
            throw new ArgumentException($"The input columns make {FeatureCount} features but the scaler has {scaler.FeatureCount}.", nameof(scaler));
        }

        Impute = impute;
        Scaler = scaler;
        UnknownCategories = unknownCategories;
    }

    /// <summary>The input columns, in feature order.</summary>
    public IReadOnlyList<FeatureColumn> Inputs => _inputs;

    /// <summary>The target column names.</summary>
    public IReadOnlyList<string> Targets => _targets;

    /// <summary>The imputation strategy the fill values came from.</summary>
    public ImputeStrategy Impute { get; }

    /// <summary>What a category not seen in training becomes.</summary>
    public UnknownCategoryHandling UnknownCategories { get; }

    /// <summary>The decisions made when it was fitted (columns left out, rare categories, fill values, dates, digit grouping), one line each.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>The scaler applied to the encoded features.</summary>
    public Scaler Scaler { get; }

    /// <summary>d, the number of features produced.</summary>
    public int FeatureCount { get; }

    /// <summary>The name of each feature: a numeric column's name, or <c>column=category</c> for one-hot features.</summary>
    public IReadOnlyList<string> FeatureNames => [.. _inputs.SelectMany(c => c.FeatureNames)];

    /// <summary>
    /// Learns how to read <paramref name="data"/>: which columns are numbers and which are categories, the categories, the fill
    /// values and the scaler, all from these (training) rows.
    /// </summary>
    /// <exception cref="DataFormatException">A column is missing or unusable, or a cell is (see the message).</exception>
    public static Preprocessor Fit(TabularData data, PreprocessorOptions? options = null) => FitAndEncode(data, options, transform: false).Preprocessor;

    /// <summary>
    /// <see cref="Fit"/> and then <see cref="Transform(TabularData)"/> on the same rows, reading them once: the preprocessing and the scaled
    /// feature matrix (n × <see cref="FeatureCount"/>) of <paramref name="data"/>, as the two calls would give, with one matrix
    /// in memory rather than two.
    /// </summary>
    /// <exception cref="DataFormatException">A column is missing or unusable, or a cell is (see the message).</exception>
    public static (Preprocessor Preprocessor, Matrix<double> Features) FitTransform(TabularData data, PreprocessorOptions? options = null)
    {
        var (preprocessor, encoded) = FitAndEncode(data, options, transform: true);
        preprocessor.Scaler.TransformInPlace(encoded);
        return (preprocessor, encoded);
    }

    // With transform, the encoding is Transform's (a missing cell without a fill value is an error), ready to be scaled.
    private static (Preprocessor Preprocessor, Matrix<double> Encoded) FitAndEncode(TabularData data, PreprocessorOptions? options, bool transform)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new PreprocessorOptions();
        options.Validate();
        if (data.RowCount == 0)
        {
            throw new DataFormatException(data.Source, null, null, $"{data.Source} has a header but no data rows: add at least one row of values.");
        }

        var targets = options.Targets is { Count: > 0 } t ? t.ToArray() : [data.Columns[^1]];
        foreach (var name in targets)
        {
            data.RequireColumn(name, "target");
        }

        foreach (var name in options.Drop.Concat(options.Categorical))
        {
            data.RequireColumn(name);
        }

        // Sets, not lists: the loop below asks about every column, and a list search per column would cost d × (list length).
        var skip = new HashSet<string>(targets.Concat(options.Drop), StringComparer.Ordinal);
        var categories = new HashSet<string>(options.Categorical, StringComparer.Ordinal);
        var inputs = new List<FeatureColumn>();
        var decisions = new ColumnDecisions(options);
        for (int j = 0; j < data.Columns.Count; j++)
        {
            if (!skip.Contains(data.Columns[j]) && ColumnFitting.Fit(data, j, categories.Contains(data.Columns[j]), options, decisions) is { } column)
            {
                inputs.Add(column);
            }
        }

        if (inputs.Count == 0)
        {
            throw new DataFormatException(data.Source, null, null,
                $"{data.Source} has no feature columns left besides the target ({string.Join(", ", targets)}){(options.Drop.Count > 0 ? " and the dropped columns" : "")}{decisions.DroppedSuffix}: a model needs at least one input column.");
        }

        // The fill values are known by now, so fitting encodes as Transform will (except that it lets a missing cell pass).
        var encoded = Encode(data, [.. inputs], options.Impute, options.UnknownCategories, fitting: !transform, counts: null);
        var mask = inputs.SelectMany(ScaledFeatures).ToArray();
        return (new Preprocessor(inputs, targets, options.Impute, Scaler.Fit(encoded, options.Scale, mask), options.UnknownCategories, decisions.Notes()), encoded);
    }

    // Which features of a column the scaler rescales: numbers and date parts, not 0/1 features.
    private static IEnumerable<bool> ScaledFeatures(FeatureColumn c) =>
        Enumerable.Repeat(c.Kind != ColumnKind.Categorical, c.ValueWidth).Concat(c.MissingIndicator ? [false] : []);

    /// <summary>The scaled feature matrix (n × <see cref="FeatureCount"/>) of <paramref name="data"/>, whose columns are found by name.</summary>
    /// <exception cref="DataFormatException">An input column is missing, or a cell is missing, not a number, infinite or an unknown category.</exception>
    public Matrix<double> Transform(TabularData data) => Transform(data, null);

    /// <summary>
    /// The scaled feature matrix (n × <see cref="FeatureCount"/>) of <paramref name="data"/>, counting into
    /// <paramref name="counts"/> the missing values filled and the categories not learned in training.
    /// </summary>
    /// <exception cref="DataFormatException">An input column is missing, or a cell is missing (without a fill value), not a number or a date, infinite, or an unknown category (with <see cref="UnknownCategoryHandling.Error"/>).</exception>
    public Matrix<double> Transform(TabularData data, PreprocessingCounts? counts)
    {
        ArgumentNullException.ThrowIfNull(data);
        var x = Encode(data, _inputs, Impute, UnknownCategories, fitting: false, counts);
        Scaler.TransformInPlace(x);
        return x;
    }

    /// <summary>The values of the (single) target column as text: the class labels of <paramref name="data"/>.</summary>
    /// <exception cref="DataFormatException">The column is missing or a row has no target.</exception>
    public string[] ReadLabels(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (_targets.Length != 1)
        {
            throw new InvalidOperationException($"Class labels come from one target column, but this preprocessor has {_targets.Length}: {string.Join(", ", _targets)}.");
        }

        int j = data.RequireColumn(_targets[0], "target");
        var labels = new string[data.RowCount];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = data[i, j].Trim();
            if (labels[i].Length == 0)
            {
                throw Bad(data, i, j, "the target value is missing; every row used for training or evaluation needs one. Fill it in or remove the row.");
            }
        }

        return labels;
    }

    /// <summary>The values of the target columns as numbers, n × (number of targets): regression targets.</summary>
    /// <exception cref="DataFormatException">A column is missing, or a target value is missing, not a number or infinite.</exception>
    public Matrix<double> ReadTargets(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var y = new Matrix<double>(data.RowCount, _targets.Length);
        for (int t = 0; t < _targets.Length; t++)
        {
            int j = data.RequireColumn(_targets[t], "target");
            for (int i = 0; i < data.RowCount; i++)
            {
                string cell = data[i, j];
                if (Cells.IsMissingNumber(cell))
                {
                    throw Bad(data, i, j, $"the target value is missing{Shown(cell)}; every row used for training or evaluation needs one. Fill it in or remove the row.");
                }

                if (!Cells.TryParseNumber(cell, out double v))
                {
                    throw Bad(data, i, j, $"expected a number for the regression target, found '{Cells.Show(cell)}'. Fix the cell, or treat the target as class labels (train a classifier).");
                }

                if (!double.IsFinite(v))
                {
                    throw Bad(data, i, j, $"'{Cells.Show(cell)}' is infinite; targets must be finite numbers. Fix or remove the row.");
                }

                y[i, t] = v;
            }
        }

        return y;
    }

    /// <summary>True when every non-missing cell of column <paramref name="column"/> is a number (and at least one is), or most are (a stray word is then a typo to report).</summary>
    public static bool LooksNumeric(TabularData data, int column)
    {
        ArgumentNullException.ThrowIfNull(data);
        return ColumnProfile.Of(data, column).Kind == ColumnKind.Numeric;
    }

    /// <summary>Up to 8 items joined with commas, then how many more.</summary>
    internal static string List(IEnumerable<string> items)
    {
        var all = items.ToArray();
        return all.Length <= 8 ? string.Join(", ", all) : $"{string.Join(", ", all.Take(8))} and {all.Length - 8} more";
    }

    private static Matrix<double> Encode(TabularData data, FeatureColumn[] inputs, ImputeStrategy impute, UnknownCategoryHandling unknown, bool fitting, PreprocessingCounts? counts)
    {
        var x = new Matrix<double>(data.RowCount, inputs.Sum(c => c.Width));
        int offset = 0;
        foreach (var column in inputs)
        {
            int j = data.RequireColumn(column.Name, "feature");
            for (int i = 0; i < data.RowCount; i++)
            {
                var row = x.Row(i).Slice(offset, column.Width);
                bool missing = column.Kind switch
                {
                    ColumnKind.Categorical => EncodeCategory(data, i, j, column, row, impute, unknown, fitting, counts),
                    ColumnKind.Date => EncodeDate(data, i, j, column, row, impute, fitting, counts),
                    _ => EncodeNumber(data, i, j, column, row, impute, fitting, counts),
                };
                if (column.MissingIndicator)
                {
                    row[^1] = missing ? 1 : 0;
                }
            }

            offset += column.Width;
        }

        return x;
    }

    // Each returns whether the cell was missing (and filled).
    private static bool EncodeCategory(TabularData data, int i, int j, FeatureColumn column, Span<double> row, ImputeStrategy impute, UnknownCategoryHandling unknown, bool fitting, PreprocessingCounts? counts)
    {
        var encoder = column.Encoder!;
        string cell = data[i, j].Trim();
        bool missing = cell.Length == 0;
        if (missing)
        {
            // While fitting, a missing category stays all-zero until imputation has been learned; scaling ignores one-hot columns.
            cell = column.FillCategory ?? (fitting ? "" : throw Bad(data, i, j, $"missing value (empty cell). Fill it in or remove the row{NoImpute(impute)}."));
            if (cell.Length == 0)
            {
                return true;
            }

            counts?.Filled(column.Name, $"line {data.LineOf(i)}");
        }

        int k = encoder.IndexOf(cell);
        if (k < 0)
        {
            if (unknown == UnknownCategoryHandling.Error)
            {
                throw Bad(data, i, j, $"category '{Cells.Show(cell)}' was not seen in training (known: {Known(encoder)}). Use a known category, or let unknown categories be encoded as {(encoder.Other ? OneHotEncoder.OtherName : "none of the known ones")} (UnknownCategories = Ignore).");
            }

            counts?.Unknown(column.Name, $"'{Cells.Show(cell)}' on line {data.LineOf(i)}");
        }

        row[..encoder.Width].Clear();
        if (k >= 0 || encoder.Other)
        {
            row[k >= 0 ? k : encoder.Categories.Count] = 1;
        }

        return missing;
    }

    private static bool EncodeNumber(TabularData data, int i, int j, FeatureColumn column, Span<double> row, ImputeStrategy impute, bool fitting, PreprocessingCounts? counts)
    {
        if (Cells.TryParsePlainNumber(data.Utf8(i, j), out double plain) && double.IsFinite(plain))
        {
            row[0] = plain;
            return false;
        }

        string cell = data[i, j];
        double v;
        bool missing = Cells.IsMissingNumber(cell);
        if (missing)
        {
            v = column.Fill ?? (fitting ? 0 : throw Bad(data, i, j, $"missing value{Shown(cell)}. Fill it in or remove the row{NoImpute(impute)}."));
            counts?.Filled(column.Name, $"line {data.LineOf(i)}");
        }
        else if (!Cells.TryParseNumber(cell, out v) && !(column.ThousandsSeparators && Cells.TryParseGrouped(cell, out v)))
        {
            throw Bad(data, i, j, $"expected a number (the model reads column '{column.Name}' as numbers), found '{Cells.Show(cell)}'. Fix the cell.");
        }
        else if (!double.IsFinite(v))
        {
            throw Bad(data, i, j, $"'{Cells.Show(cell)}' is infinite; features must be finite numbers. Fix or remove the row.");
        }

        row[0] = v;
        return missing;
    }

    private static bool EncodeDate(TabularData data, int i, int j, FeatureColumn column, Span<double> row, ImputeStrategy impute, bool fitting, PreprocessingCounts? counts)
    {
        string cell = data[i, j];
        bool missing = Cells.IsMissingNumber(cell);
        DateTime value;
        if (missing)
        {
            if (column.FillDate is not DateTime fill)
            {
                return fitting ? true : throw Bad(data, i, j, $"missing value{Shown(cell)}. Fill it in or remove the row{NoImpute(impute)}.");
            }

            value = fill;
            counts?.Filled(column.Name, $"line {data.LineOf(i)}");
        }
        else if (!DateCells.TryParse(cell, out value, out _))
        {
            throw Bad(data, i, j, $"expected an ISO 8601 date such as 2024-05-31 or 2024-05-31T14:00 (the model reads column '{column.Name}' as dates), found '{Cells.Show(cell)}'. Fix the cell.");
        }

        DateCells.Features(value, column.HasTime, row);
        return missing;
    }

    internal static string NoImpute(ImputeStrategy impute) =>
        impute == ImputeStrategy.None ? " (the model was trained with Impute = None, so it has no value to fill in)" : "";

    private static string Known(OneHotEncoder encoder) =>
        (encoder.Categories.Count <= 12 ? string.Join(", ", encoder.Categories) : $"{string.Join(", ", encoder.Categories.Take(12))}, … ({encoder.Categories.Count} in all)")
        + (encoder.Other ? $", and {encoder.Rare.Count} rare one{(encoder.Rare.Count == 1 ? "" : "s")} sharing {OneHotEncoder.OtherName}" : "");

    internal static string Shown(string cell) => string.IsNullOrWhiteSpace(cell) ? " (empty cell)" : $" ('{Cells.Show(cell.Trim())}')";

    internal static DataFormatException Bad(TabularData data, int row, int column, string what) =>
        new(data.Source, data.LineOf(row), data.Columns[column], $"{data.Where(row, column)}: {what}");
}
