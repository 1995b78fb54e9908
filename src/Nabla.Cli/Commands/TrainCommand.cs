using System.CommandLine;
namespace Nabla.Cli.Commands;

/// <summary><c>nabla train</c>: train a model on a CSV file (or the built-in data set), report metrics, save it and plot it.</summary>
public static class TrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var data = new Option<string?>("--data", "-d") { HelpName = "FILE.csv", Description = "CSV file with a header row; one row per sample. Without it: the built-in two-Gaussian data set of the course notes." };
        var target = new Option<string?>("--target", "-t") { HelpName = "COLUMN", Description = "The column to predict (default: the last column). Regression may name several, comma-separated." };
        var task = new Option<string>("--task") { Description = "classification, regression, or auto: regression when the target holds non-integer numbers or more than 20 distinct numbers.", DefaultValueFactory = _ => "auto" };
        task.AcceptOnlyFromAmong("auto", "classification", "regression");
        var model = new Option<string>("--model") { Description = "The model: mlp (neural network, classes or numbers), perceptron, logistic (logistic regression: sigmoid for two classes, softmax for more), bayes-gaussian (Bayes classifier with one full-covariance Gaussian per class).", DefaultValueFactory = _ => "mlp" };
        model.AcceptOnlyFromAmong([.. TrainJob.Models]);
        var hidden = new Option<string>("--hidden") { HelpName = "SIZES", Description = "mlp: hidden layer sizes, comma-separated, input side first (none for no hidden layer).", DefaultValueFactory = _ => "32" };
        var activation = new Option<string>("--activation") { Description = "mlp: hidden activation.", DefaultValueFactory = _ => "relu" };
        activation.AcceptOnlyFromAmong("relu", "tanh", "sigmoid", "leaky-relu", "identity");
        var optimizer = new Option<string>("--optimizer") { Description = "mlp: the optimizer: sgd (mini-batch gradient descent), momentum, nesterov, adam, adamw.", DefaultValueFactory = _ => "sgd" };
        optimizer.AcceptOnlyFromAmong([.. Nabla.Training.Optimizer.Names]);
        var momentum = new Option<double>("--momentum") { HelpName = "MU", Description = "mlp: momentum μ of the momentum and nesterov optimizers.", DefaultValueFactory = _ => 0.9 };
        var schedule = new Option<string>("--schedule") { Description = "mlp: learning-rate schedule: constant, step(N) or step(N,gamma) (multiply by gamma every N epochs), cosine or cosine(min).", DefaultValueFactory = _ => "constant" };
        var loss = new Option<string?>("--loss") { Description = "mlp: the loss; default log-loss/cross-entropy for classes, mse for numbers. Also: half-squared-error." };
        loss.AcceptOnlyFromAmong("log-loss", "cross-entropy", "mse", "half-squared-error");
        var learningRate = new Option<double?>("--learning-rate", "--lr") { HelpName = "X", Description = "Step size α (default 0.05 for mlp, 1 for perceptron, 0.1 for logistic --solver gd)." };
        var epochs = new Option<int?>("--epochs") { HelpName = "N", Description = "Epoch limit (default 200 for mlp, 1000 for perceptron); for logistic the iteration limit (default 1000)." };
        var batch = new Option<int?>("--batch-size") { HelpName = "N", Description = "mlp and logistic --solver gd: samples per gradient step; 0 for the whole training set (default 32 for mlp, the whole set for logistic)." };
        var l2 = new Option<double>("--l2") { HelpName = "X", Description = "mlp and logistic: L2 penalty λ on the weights (not the biases).", DefaultValueFactory = _ => 1e-4 };
        var validation = new Option<double>("--validation-fraction") { HelpName = "FRACTION", Description = "mlp: fraction of the training rows held out for early stopping; 0 to train all epochs.", DefaultValueFactory = _ => 0.1 };
        var patience = new Option<int>("--patience") { HelpName = "N", Description = "mlp: stop after this many epochs without validation improvement, keeping the best epoch's weights.", DefaultValueFactory = _ => 10 };
        var testFraction = new Option<double>("--test-fraction") { HelpName = "FRACTION", Description = "Fraction of the rows held out (stratified by class) to test the model; 0 for none.", DefaultValueFactory = _ => 0.2 };
        var seed = new Option<int>("--seed") { HelpName = "N", Description = "Seed of the split, the initial weights and the shuffling: the same seed and thread count give the same model.", DefaultValueFactory = _ => 0 };
        var threads = new Option<int?>("--threads")
        {
            HelpName = "N",
            Description = "mlp: threads sharing each mini-batch step (default: every core); large steps are cut into one shard per thread. The gradient's summation order depends on it: give it to get the same model on machines with different core counts.",
        };
        var scale = new Option<string>("--scale") { Description = "How numeric features are scaled, fitted on the training rows only and saved with the model.", DefaultValueFactory = _ => "standard" };
        scale.AcceptOnlyFromAmong("standard", "minmax", "none");
        var impute = new Option<string>("--impute") { Description = "Fill missing values with the training mean or median (text: the most frequent value); none makes them errors.", DefaultValueFactory = _ => "none" };
        impute.AcceptOnlyFromAmong("none", "mean", "median");
        var categorical = new Option<string?>("--categorical") { HelpName = "COLUMNS", Description = "Columns of numbers to one-hot encode as categories (codes), comma-separated. Text columns are always one-hot encoded." };
        var drop = new Option<string?>("--drop") { HelpName = "COLUMNS", Description = "Columns to leave out (identifiers, free text), comma-separated." };
        var variant = new Option<string>("--variant") { Description = "perceptron: which weights to keep: standard (last), averaged, or pocket (fewest training errors).", DefaultValueFactory = _ => "pocket" };
        variant.AcceptOnlyFromAmong("standard", "averaged", "pocket");
        var solver = new Option<string>("--solver") { Description = "logistic: lbfgs (L-BFGS on the whole training set, to convergence) or gd (batch gradient descent with --learning-rate).", DefaultValueFactory = _ => "lbfgs" };
        solver.AcceptOnlyFromAmong("lbfgs", "gd");
        var threshold = new Option<double?>("--threshold") { HelpName = "P", Description = "logistic with two classes: decide the second class when its probability exceeds P (default 0.5)." };
        var costs = new Option<string?>("--costs")
        {
            HelpName = "MATRIX",
            Description = "bayes-gaussian: the cost c_ij of deciding class i when class j is true, one row per decided class: rows split by ';', entries by ',', classes in sorted order (as inspect lists them). Default 0-1 costs; '0,1;5,0' makes deciding the second class when the first is true five times as costly as the opposite mistake.",
        };
        var priors = new Option<string>("--priors") { Description = "bayes-gaussian: class priors P(C) from the class frequencies of the training rows (counts) or equal (uniform).", DefaultValueFactory = _ => "counts" };
        priors.AcceptOnlyFromAmong("counts", "uniform");
        var save = new Option<string?>("--save", "-o") { HelpName = "FILE.json", Description = $"Save the model to this JSON file (written atomically). Without --data the default is {TrainJob.DefaultModelPath}." };
        var plots = new Option<string?>("--plots") { HelpName = "DIR", Description = $"Write plots (PNG and SVG) into this directory: loss per epoch (mlp, logistic), confusion matrix, decision regions for 2-D data. Without --data the default is {TrainJob.DefaultPlotsDirectory}/." };
        var noSave = new Option<bool>("--no-save") { Description = "Without --data: do not save the model or write plots by default." };
        var json = CommonOptions.Json();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress output." };
        var verbose = CommonOptions.Verbose();

        var command = new Command("train", """
            Train a model on a CSV file and report how it does on held-out test rows.
            The target column (--target, default: the last) is predicted from all other columns: numbers are scaled, text is one-hot
            encoded. Progress goes to standard error; Ctrl+C stops after the current batch and keeps the best model so far.

            Examples:
              nabla train                                   the built-in data set; saves nabla-model.json and plots in nabla-plots/
              nabla train --data iris.csv --target species --save iris.json --plots plots
              nabla train --data houses.csv --target price --hidden 64,32 --epochs 500 --impute median --save houses.json
              nabla train --data points.csv --model perceptron --json
              nabla train --data iris.csv --model logistic --l2 0.01 --save iris-logistic.json
              nabla train --data points.csv --model bayes-gaussian --priors uniform --plots plots
              nabla train --data points.csv --model bayes-gaussian --costs '0,1;5,0'
            """)
        {
            data, target, task, model, hidden, activation, optimizer, momentum, schedule, loss, learningRate, epochs, batch, l2, validation, patience, testFraction, seed, threads,
            scale, impute, categorical, drop, variant, solver, threshold, priors, costs, save, plots, noSave, json, quiet, verbose,
        };
        command.SetAction(r => NablaCommand.Guard(context, () => TrainJob.Run(context, new TrainSettings
        {
            Data = r.GetValue(data),
            Target = r.GetValue(target),
            Task = r.GetValue(task)!,
            Model = r.GetValue(model)!,
            Hidden = r.GetValue(hidden)!,
            Activation = r.GetValue(activation)!,
            Optimizer = r.GetValue(optimizer)!,
            Momentum = r.GetValue(momentum),
            Schedule = r.GetValue(schedule)!,
            Loss = r.GetValue(loss),
            LearningRate = r.GetValue(learningRate),
            Epochs = r.GetValue(epochs),
            BatchSize = r.GetValue(batch),
            L2 = r.GetValue(l2),
            ValidationFraction = r.GetValue(validation),
            Patience = r.GetValue(patience),
            TestFraction = r.GetValue(testFraction),
            Seed = r.GetValue(seed),
            Threads = r.GetValue(threads),
            Scale = r.GetValue(scale)!,
            Impute = r.GetValue(impute)!,
            Categorical = r.GetValue(categorical),
            Drop = r.GetValue(drop),
            Variant = r.GetValue(variant)!,
            Solver = r.GetValue(solver)!,
            Threshold = r.GetValue(threshold),
            Priors = r.GetValue(priors)!,
            Costs = r.GetValue(costs),
            Save = r.GetValue(save),
            Plots = r.GetValue(plots),
            NoSave = r.GetValue(noSave),
            Json = r.GetValue(json),
            Quiet = r.GetValue(quiet),
            Verbose = r.GetValue(verbose),
        }), r.GetValue(verbose)));
        return command;
    }
}
