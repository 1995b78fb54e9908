using Nabla.Data.Preprocessing;
using Nabla.IO;
using Nabla.Models;
using SharpFuzz;

// One fuzz target per run, named by the first argument: "csv" reads the input as a CSV file, "model" as a model file.
// The errors a bad input should give are caught; anything else escapes, and AFL++ records the input as a crash.
string target = args.Length > 0 ? args[0] : "csv";
Fuzzer.OutOfProcess.Run(stream =>
{
    using var reader = new StreamReader(stream);
    string text = reader.ReadToEnd();
    try
    {
        if (target == "model")
        {
            var info = ModelFile.ParseInfo(text, "fuzz.json");
            if (info.Task == Nabla.Estimators.ModelTask.Classification)
            {
                _ = ModelFile.ParseClassifier<double, string>(text, "fuzz.json");
            }
            else
            {
                _ = ModelFile.ParseRegressor<double>(text, "fuzz.json");
            }
        }
        else
        {
            var table = CsvFiles.Read(new StringReader(text), "fuzz.csv", new CsvLimits { MaxLineLength = 1 << 16 });
            _ = Preprocessor.Fit(table, new PreprocessorOptions { Targets = [table.Columns[^1]] }).Transform(table);
        }
    }
    catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or NotSupportedException)
    {
        // The documented answers to bad input (DataFormatException and ModelFormatException are FormatExceptions), the
        // ones the command line turns into one line and exit code 1.
    }
});
