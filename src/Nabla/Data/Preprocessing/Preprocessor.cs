using Nabla.Tensors;

namespace Nabla.Data.Preprocessing;

/// <summary>
/// Turns a <see cref="TabularData"/> table into a feature matrix the same way for training and for new data: numeric columns
/// are read as numbers, text columns are one-hot encoded, missing values are filled (when imputing) with statistics of the
/// training rows, and features are scaled by a <see cref="Scaler"/> fitted on the training rows only. Stored with the model.
/// </summary>
/// <remarks>
/// Every problem with the data is a <see cref="DataFormatException"/> whose one-line message names the source, line and
/// column, what was expected and what was found, and what to do.
/// </remarks>
public sealed class Preprocessor
{
    private readonly FeatureColumn[] _inputs;
    private readonly string[] _targets;

    /// <summary>Creates a preprocessor from its parts (as a model file holds them).</summary>
    /// <param name="inputs">The input columns, in feature order.</param>
    /// <param name="targets">The target column names (not read as features).</param>
    /// <param name="impute">The imputation the fill values came from.</param>
    /// <param name="scaler">The scaler of the encoded features; its feature count is the sum of the inputs' widths.</param>
    /// <exception cref="ArgumentException">The parts do not fit together.</exception>
    public Preprocessor(IReadOnlyList<FeatureColumn> inputs, IReadOnlyList<string> targets, ImputeStrategy impute, Scaler scaler)
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
    }

    /// <summary>The input columns, in feature order.</summary>
    public IReadOnlyList<FeatureColumn> Inputs => _inputs;

    /// <summary>The target column names.</summary>
    public IReadOnlyList<string> Targets => _targets;

    /// <summary>The imputation strategy the fill values came from.</summary>
    public ImputeStrategy Impute { get; }

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
    /// <see cref="Fit"/> and then <see cref="Transform"/> on the same rows, reading them once: the preprocessing and the scaled
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
        for (int j = 0; j < data.Columns.Count; j++)
        {
            string name = data.Columns[j];
            if (skip.Contains(name))
            {
                continue;
            }

            bool forced = categories.Contains(name);
            if (!forced && AllMissing(data, j, out string? token))
            {
                // A column of NaN (or NA, ?, …) is a numeric column without values, not one category called "NaN".
                throw new DataFormatException(data.Source, null, name,
                    $"{data.Source}, column '{name}': every value is missing{(token is null ? "" : $" (all empty or '{token}')")}, so there is nothing to learn or impute from. Leave the column out (Drop = [{name}]).");
            }

            bool categorical = forced || !LooksNumeric(data, j);
            inputs.Add(categorical ? FitCategorical(data, j, options.Impute) : FitNumeric(data, j, options.Impute));
        }

        if (inputs.Count == 0)
        {
            throw new DataFormatException(data.Source, null, null,
                $"{data.Source} has no feature columns left besides the target ({string.Join(", ", targets)}){(options.Drop.Count > 0 ? " and the dropped columns" : "")}: a model needs at least one input column.");
        }

        // The fill values are known by now, so fitting encodes as Transform will (except that it lets a missing cell pass).
        var encoded = Encode(data, [.. inputs], options.Impute, fitting: !transform);
        var mask = inputs.SelectMany(c => Enumerable.Repeat(c.Kind == ColumnKind.Numeric, c.Width)).ToArray();
        return (new Preprocessor(inputs, targets, options.Impute, Scaler.Fit(encoded, options.Scale, mask)), encoded);
    }

    /// <summary>The scaled feature matrix (n × <see cref="FeatureCount"/>) of <paramref name="data"/>, whose columns are found by name.</summary>
    /// <exception cref="DataFormatException">An input column is missing, or a cell is missing, not a number, infinite or an unknown category.</exception>
    public Matrix<double> Transform(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var x = Encode(data, _inputs, Impute, fitting: false);
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

    /// <summary>True when every non-missing cell of column <paramref name="column"/> is a number (and at least one is).</summary>
    public static bool LooksNumeric(TabularData data, int column)
    {
        ArgumentNullException.ThrowIfNull(data);
        int numbers = 0;
        for (int i = 0; i < data.RowCount; i++)
        {
            string cell = data[i, column];
            if (Cells.IsMissingNumber(cell))
            {
                continue;
            }

            if (!Cells.TryParseNumber(cell, out _))
            {
                // A column of numbers with a stray word is far more likely a typo than a column of categories.
                return MostlyNumbers(data, column);
            }

            numbers++;
        }

        return numbers > 0;
    }

    /// <summary>True when every cell of the column is a missing number; <paramref name="token"/> is the first spelled one (NaN, NA, …).</summary>
    private static bool AllMissing(TabularData data, int column, out string? token)
    {
        token = null;
        for (int i = 0; i < data.RowCount; i++)
        {
            string cell = data[i, column];
            if (!Cells.IsMissingNumber(cell))
            {
                return false;
            }

            token ??= Cells.IsEmpty(cell) ? null : cell.Trim();
        }

        return true;
    }

    private static bool MostlyNumbers(TabularData data, int column)
    {
        int numbers = 0, text = 0;
        for (int i = 0; i < data.RowCount; i++)
        {
            string cell = data[i, column];
            if (!Cells.IsMissingNumber(cell))
            {
                _ = Cells.TryParseNumber(cell, out _) ? numbers++ : text++;
            }
        }

        return numbers > text;
    }

    private static FeatureColumn FitNumeric(TabularData data, int j, ImputeStrategy impute)
    {
        var values = new List<double>(data.RowCount);
        for (int i = 0; i < data.RowCount; i++)
        {
            string cell = data[i, j];
            if (Cells.IsMissingNumber(cell))
            {
                if (impute == ImputeStrategy.None)
                {
                    throw Bad(data, i, j, $"missing value{Shown(cell)}. Fill it in, remove the row, or impute missing values (Impute = Mean or Median).");
                }

                continue;
            }

            if (!Cells.TryParseNumber(cell, out double v))
            {
                throw Bad(data, i, j, $"expected a number (the column's other values are numbers), found '{Cells.Show(cell)}'. Fix the cell, or treat the column as categories (Categorical = [{data.Columns[j]}]).");
            }

            if (!double.IsFinite(v))
            {
                throw Bad(data, i, j, $"'{Cells.Show(cell)}' is infinite; features must be finite numbers. Fix or remove the row.");
            }

            values.Add(v);
        }

        if (values.Count == 0)
        {
            throw new DataFormatException(data.Source, null, data.Columns[j],
                $"{data.Source}, column '{data.Columns[j]}': every value is missing, so there is nothing to learn or impute from. Leave the column out (Drop = [{data.Columns[j]}]).");
        }

        double? fill = impute switch
        {
            ImputeStrategy.Mean => values.Average(),
            ImputeStrategy.Median => Median(values),
            _ => null,
        };
        return FeatureColumn.Numeric(data.Columns[j], fill);
    }

    private static FeatureColumn FitCategorical(TabularData data, int j, ImputeStrategy impute)
    {
        var values = new List<string>(data.RowCount);
        for (int i = 0; i < data.RowCount; i++)
        {
            string cell = data[i, j].Trim();
            if (cell.Length == 0)
            {
                if (impute == ImputeStrategy.None)
                {
                    throw Bad(data, i, j, "missing value (empty cell). Fill it in, remove the row, or impute missing values (Impute = Mean or Median; a category is filled with the most frequent one).");
                }

                continue;
            }

            values.Add(cell);
        }

        if (values.Count == 0)
        {
            throw new DataFormatException(data.Source, null, data.Columns[j],
                $"{data.Source}, column '{data.Columns[j]}': every value is missing, so there is nothing to learn or impute from. Leave the column out (Drop = [{data.Columns[j]}]).");
        }

        var encoder = OneHotEncoder.Fit(values);
        string? fill = impute == ImputeStrategy.None
            ? null
            : values.GroupBy(v => v, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        return FeatureColumn.Categorical(data.Columns[j], encoder, fill);
    }

    private static Matrix<double> Encode(TabularData data, FeatureColumn[] inputs, ImputeStrategy impute, bool fitting)
    {
        var x = new Matrix<double>(data.RowCount, inputs.Sum(c => c.Width));
        int offset = 0;
        foreach (var column in inputs)
        {
            int j = data.RequireColumn(column.Name, "feature");
            for (int i = 0; i < data.RowCount; i++)
            {
                var row = x.Row(i).Slice(offset, column.Width);
                if (column.Encoder is { } encoder)
                {
                    string cell = data[i, j].Trim();
                    if (cell.Length == 0)
                    {
                        // While fitting, a missing category stays all-zero until imputation has been learned; scaling ignores one-hot columns.
                        cell = column.FillCategory ?? (fitting ? "" : throw Bad(data, i, j, $"missing value (empty cell). Fill it in or remove the row{NoImpute(impute)}."));
                        if (cell.Length == 0)
                        {
                            continue;
                        }
                    }

                    int k = encoder.IndexOf(cell);
                    if (k < 0)
                    {
                        throw Bad(data, i, j, $"category '{cell}' was not seen in training (known: {Known(encoder)}). Use a known category, or retrain with data that has this one.");
                    }

                    row.Clear();
                    row[k] = 1;
                }
                else
                {
                    string cell = data[i, j];
                    double v;
                    if (Cells.IsMissingNumber(cell))
                    {
                        v = column.Fill ?? (fitting ? 0 : throw Bad(data, i, j, $"missing value{Shown(cell)}. Fill it in or remove the row{NoImpute(impute)}."));
                    }
                    else if (!Cells.TryParseNumber(cell, out v))
                    {
                        throw Bad(data, i, j, $"expected a number (the model reads column '{column.Name}' as numbers), found '{Cells.Show(cell)}'. Fix the cell.");
                    }
                    else if (!double.IsFinite(v))
                    {
                        throw Bad(data, i, j, $"'{Cells.Show(cell)}' is infinite; features must be finite numbers. Fix or remove the row.");
                    }

                    row[0] = v;
                }
            }

            offset += column.Width;
        }

        return x;
    }

    private static string NoImpute(ImputeStrategy impute) =>
        impute == ImputeStrategy.None ? " (the model was trained with Impute = None, so it has no value to fill in)" : "";

    private static string Known(OneHotEncoder encoder) =>
        encoder.Width <= 12 ? string.Join(", ", encoder.Categories) : $"{string.Join(", ", encoder.Categories.Take(12))}, … ({encoder.Width} in all)";

    private static string Shown(string cell) => string.IsNullOrWhiteSpace(cell) ? " (empty cell)" : $" ('{cell.Trim()}')";

    private static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static DataFormatException Bad(TabularData data, int row, int column, string what) =>
        new(data.Source, data.LineOf(row), data.Columns[column], $"{data.Where(row, column)}: {what}");
}
