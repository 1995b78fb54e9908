namespace Nabla.Cli.Commands;

/// <summary>The options of <c>nabla train</c>, as parsed from the command line.</summary>
internal sealed record TrainSettings
{
    /// <summary>The CSV file, or null for the built-in data set.</summary>
    public string? Data { get; init; }

    /// <summary>The target column(s), comma-separated; null for the last column.</summary>
    public string? Target { get; init; }

    /// <summary>auto, classification or regression.</summary>
    public string Task { get; init; } = "auto";

    /// <summary>The model kind's name (one of <see cref="Nabla.Models.ModelKinds.Names"/>).</summary>
    public string Model { get; init; } = Nabla.Models.ModelKinds.Mlp.Name;

    /// <summary>The model's hyperparameters as given on the command line (text by schema name); the rest take their defaults.</summary>
    public IReadOnlyDictionary<string, string> Hyperparameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Fraction of the rows held out for testing.</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Seed of the split, and the model's <c>seed</c> hyperparameter where it has one.</summary>
    public int Seed { get; init; }

    /// <summary>standard, minmax or none.</summary>
    public string Scale { get; init; } = "standard";

    /// <summary>none, mean or median.</summary>
    public string Impute { get; init; } = "median";

    /// <summary>Categories seen in fewer training rows share the feature (other).</summary>
    public int MinCategoryCount { get; init; } = new Nabla.Data.Preprocessing.PreprocessorOptions().MinCategoryCount;

    /// <summary>ignore or error.</summary>
    public string UnknownCategories { get; init; } = "ignore";

    /// <summary>Columns to one-hot encode although numeric, comma-separated.</summary>
    public string? Categorical { get; init; }

    /// <summary>Columns to leave out, comma-separated.</summary>
    public string? Drop { get; init; }

    /// <summary>The limits of the CSV reader (<c>--max-line-length</c>, <c>--max-columns</c>).</summary>
    public Nabla.IO.CsvLimits Limits { get; init; } = Nabla.IO.CsvLimits.Default;

    /// <summary>Where to save the model, or null.</summary>
    public string? Save { get; init; }

    /// <summary>Where to write plots, or null.</summary>
    public string? Plots { get; init; }

    /// <summary>Do not save or plot by default (for the built-in data set).</summary>
    public bool NoSave { get; init; }

    /// <summary>One JSON object on standard output.</summary>
    public bool Json { get; init; }

    /// <summary>No progress output.</summary>
    public bool Quiet { get; init; }

    /// <summary>Stack traces with errors.</summary>
    public bool Verbose { get; init; }
}
