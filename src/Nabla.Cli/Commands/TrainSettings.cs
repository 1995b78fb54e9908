namespace Nabla.Cli.Commands;

/// <summary>The options of <c>nabla train</c>, as parsed from the command line.</summary>
public sealed record TrainSettings
{
    /// <summary>The CSV file, or null for the built-in data set.</summary>
    public string? Data { get; init; }

    /// <summary>The target column(s), comma-separated; null for the last column.</summary>
    public string? Target { get; init; }

    /// <summary>auto, classification or regression.</summary>
    public string Task { get; init; } = "auto";

    /// <summary>mlp, perceptron, logistic or bayes-gaussian.</summary>
    public string Model { get; init; } = "mlp";

    /// <summary>Hidden layer sizes, comma-separated ("" or none for no hidden layer).</summary>
    public string Hidden { get; init; } = "32";

    /// <summary>Hidden activation.</summary>
    public string Activation { get; init; } = "relu";

    /// <summary>Optimizer name.</summary>
    public string Optimizer { get; init; } = "sgd";

    /// <summary>Momentum μ of the momentum and nesterov optimizers.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Learning-rate schedule.</summary>
    public string Schedule { get; init; } = "constant";

    /// <summary>Loss name, or null for the model's natural loss.</summary>
    public string? Loss { get; init; }

    /// <summary>Learning rate, or null for the model's default.</summary>
    public double? LearningRate { get; init; }

    /// <summary>Epoch limit, or null for the model's default.</summary>
    public int? Epochs { get; init; }

    /// <summary>Mini-batch size, 0 for full batch, or null for the model's default (32 for mlp, full batch for logistic gradient descent).</summary>
    public int? BatchSize { get; init; }

    /// <summary>L2 penalty.</summary>
    public double L2 { get; init; } = 1e-4;

    /// <summary>Fraction of the training rows held out for early stopping.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Early-stopping patience in epochs.</summary>
    public int Patience { get; init; } = 10;

    /// <summary>Fraction of the rows held out for testing.</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Seed of the split, the initial weights and the shuffling.</summary>
    public int Seed { get; init; }

    /// <summary>mlp: threads sharing each mini-batch step (<see cref="Nabla.Training.TrainingOptions.Threads"/>), or null for every core.</summary>
    public int? Threads { get; init; }

    /// <summary>standard, minmax or none.</summary>
    public string Scale { get; init; } = "standard";

    /// <summary>none, mean or median.</summary>
    public string Impute { get; init; } = "none";

    /// <summary>Columns to one-hot encode although numeric, comma-separated.</summary>
    public string? Categorical { get; init; }

    /// <summary>Columns to leave out, comma-separated.</summary>
    public string? Drop { get; init; }

    /// <summary>Perceptron variant: standard, averaged or pocket.</summary>
    public string Variant { get; init; } = "pocket";

    /// <summary>Logistic regression's solver: lbfgs or gd (gradient descent).</summary>
    public string Solver { get; init; } = "lbfgs";

    /// <summary>Binary logistic regression's decision threshold on P(second class | x), or null for 0.5.</summary>
    public double? Threshold { get; init; }

    /// <summary>bayes-gaussian priors: counts (the class frequencies of the training rows) or uniform.</summary>
    public string Priors { get; init; } = "counts";

    /// <summary>bayes-gaussian costs c_ij (deciding class i when class j is true) as text, rows split by ';' and entries by ',', in the order of the sorted classes; null for 0-1 costs.</summary>
    public string? Costs { get; init; }

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
