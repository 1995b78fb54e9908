using System.CommandLine;
using System.Globalization;
using System.Text;
using Nabla.Data;
using Nabla.Serialization;
using Nabla.Tensors;

namespace Nabla.Cli.Commands;

/// <summary>
/// <c>nabla generate KIND [options] --output FILE.csv</c>: writes a seeded synthetic dataset as CSV with the header
/// <c>x1,x2,…,label</c> (labels 0 … K − 1), atomically (a temporary file renamed over the target).
/// </summary>
internal static class GenerateCommand
{
    /// <summary>Builds the command and one subcommand per kind of data.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("generate", "Write a seeded synthetic classification dataset as CSV (columns x1,x2,…,label).");

        {
            var (output, seed) = Common();
            var means = new Option<string>("--means") { Description = "Class means, classes separated by ';' and coordinates by ','.", DefaultValueFactory = _ => "1,2;0,0" };
            var std = new Option<string?>("--std") { Description = "One standard deviation per class, separated by ';' (isotropic classes N(μ, σ²I)). Default 1 for every class." };
            var cov = new Option<string?>("--cov") { Description = "One row-major d×d covariance per class, classes separated by ';' (instead of --std)." };
            var sizes = new Option<string>("--sizes") { Description = "Points per class, separated by ','.", DefaultValueFactory = _ => "1000,1000" };
            var gaussian = new Command("gaussian", "Gaussian classes N(μⱼ, σⱼ²I) or N(μⱼ, Σⱼ). Default: the report's A ~ N((1,2), I), B ~ N((0,0), I), 1000 points each.")
            {
                output, seed, means, std, cov, sizes,
            };
            gaussian.SetAction(r => NablaCommand.Guard(context, () =>
            {
                var m = ParseVectors(r.GetValue(means)!, "--means");
                var n = ParseInts(r.GetValue(sizes)!, "--sizes");
                string? covText = r.GetValue(cov), stdText = r.GetValue(std);
                if (covText is not null && stdText is not null)
                {
                    throw new CliException("Give either --std or --cov, not both.");
                }

                SyntheticDataset data;
                if (covText is not null)
                {
                    var covariances = ParseVectors(covText, "--cov").Select((c, j) => ToSquare(c, m.Length > j ? m[j].Length : 0, j)).ToArray();
                    data = SyntheticData.GaussianClasses(m, covariances, n, r.GetValue(seed));
                }
                else
                {
                    var s = stdText is null ? [.. Enumerable.Repeat(1.0, m.Length)] : ParseList(stdText, ';', "--std");
                    data = SyntheticData.GaussianClasses(m, s, n, r.GetValue(seed));
                }

                return Write(context, data, r.GetValue(output)!);
            }));
            command.Subcommands.Add(gaussian);
        }

        {
            var (output, seed) = Common();
            var centres = new Option<string>("--centres") { Description = "Disk centres, classes separated by ';' and coordinates by ','.", DefaultValueFactory = _ => "1,2;0,0" };
            var radii = new Option<string>("--radii") { Description = "One radius per class, separated by ','.", DefaultValueFactory = _ => "1.4142135623730951,2" };
            var sizes = new Option<string>("--sizes") { Description = "Points per class, separated by ','.", DefaultValueFactory = _ => "1000,1000" };
            var disks = new Command("disks", "Points uniform in disks (balls in d dimensions). Default: the report's disks of radius √2 at (1,2) and 2 at (0,0).")
            {
                output, seed, centres, radii, sizes,
            };
            disks.SetAction(r => NablaCommand.Guard(context, () => Write(
                context,
                SyntheticData.UniformDisks(ParseVectors(r.GetValue(centres)!, "--centres"), ParseList(r.GetValue(radii)!, ',', "--radii"), ParseInts(r.GetValue(sizes)!, "--sizes"), r.GetValue(seed)),
                r.GetValue(output)!)));
            command.Subcommands.Add(disks);
        }

        AddSimple(command, context, "xor", "XOR: the corners (0,0), (0,1), (1,0), (1,1) in turn plus Gaussian noise; label x1 XOR x2.", 0.1, null,
            (n, noise, _, seed) => SyntheticData.Xor(n, noise, seed));
        AddSimple(command, context, "moons", "Two interleaving half circles (as scikit-learn's make_moons).", 0.1, null,
            (n, noise, _, seed) => SyntheticData.Moons(n, noise, seed));
        AddSimple(command, context, "circles", "Two concentric circles (as scikit-learn's make_circles); --factor is the inner radius.", 0.05, ("--factor", "Inner circle's radius, in (0, 1).", 0.5),
            (n, noise, factor, seed) => SyntheticData.Circles(n, noise, factor, seed));
        AddSimple(command, context, "spirals", "Two interleaved spirals; --turns is the number of turns of each.", 0.02, ("--turns", "Turns of each spiral.", 1.5),
            (n, noise, turns, seed) => SyntheticData.Spirals(n, noise, turns, seed));

        {
            var (output, seed) = Common();
            var samples = SamplesOption();
            var normal = new Option<string>("--normal") { Description = "The separator's normal w, coordinates separated by ','.", DefaultValueFactory = _ => "1,1" };
            var offset = new Option<double>("--offset") { Description = "The separator's offset b (the plane is wᵀx + b = 0).", DefaultValueFactory = _ => 0.0 };
            var margin = new Option<double>("--margin") { Description = "Every point is at least this far from the plane.", DefaultValueFactory = _ => 0.5 };
            var blobs = new Command("blobs", "Two linearly separable Gaussian blobs on either side of wᵀx + b = 0 with a guaranteed margin; label 1 where wᵀx + b > 0.")
            {
                output, seed, samples, normal, offset, margin,
            };
            blobs.SetAction(r => NablaCommand.Guard(context, () => Write(
                context,
                SyntheticData.SeparableBlobs(r.GetValue(samples), ParseList(r.GetValue(normal)!, ',', "--normal"), r.GetValue(offset), r.GetValue(margin), r.GetValue(seed)),
                r.GetValue(output)!)));
            command.Subcommands.Add(blobs);
        }

        return command;
    }

    /// <summary>Writes <paramref name="data"/> as CSV to <paramref name="path"/> through a temporary file in the same directory.</summary>
    public static void WriteCsv(SyntheticDataset data, string path)
    {
        ArgumentNullException.ThrowIfNull(data);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(directory))
        {
            throw new CliException($"Cannot write {path}: the directory {directory} does not exist.");
        }

        if (Directory.Exists(full))
        {
            throw new CliException($"Cannot write {path}: it is a directory; give a file name such as {Path.Combine(path, "data.csv")}.");
        }

        // Through a temporary file and a rename: a reader never sees half a file.
        AtomicFile.Write(full, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            var header = Enumerable.Range(1, data.FeatureCount).Select(j => "x" + j.ToString(CultureInfo.InvariantCulture)).Append("label");
            writer.WriteLine(string.Join(',', header));
            var line = new StringBuilder();
            for (int i = 0; i < data.Count; i++)
            {
                line.Clear();
                var row = data.Features.Row(i);
                for (int j = 0; j < row.Length; j++)
                {
                    // "R" round-trips every double exactly.
                    line.Append(row[j].ToString("R", CultureInfo.InvariantCulture)).Append(',');
                }

                line.Append(data.Labels[i].ToString(CultureInfo.InvariantCulture));
                writer.WriteLine(line);
            }
        });
    }

    private static int Write(CliContext context, SyntheticDataset data, string path)
    {
        WriteCsv(data, path);
        var counts = Enumerable.Range(0, data.ClassCount).Select(k => data.Labels.Count(l => l == k));
        context.Out.WriteLine($"Wrote {data.Count} samples ({data.FeatureCount} features; class sizes {string.Join(", ", counts)}) to {path}.");
        return NablaCommand.Success;
    }

    private static void AddSimple(
        Command parent,
        CliContext context,
        string name,
        string description,
        double defaultNoise,
        (string Name, string Description, double Default)? extra,
        Func<int, double, double, int, SyntheticDataset> generate)
    {
        var (output, seed) = Common();
        var samples = SamplesOption();
        var noise = new Option<double>("--noise") { Description = "Standard deviation of the Gaussian noise added to each coordinate.", DefaultValueFactory = _ => defaultNoise };
        var command = new Command(name, description) { output, seed, samples, noise };
        Option<double>? extraOption = null;
        if (extra is { } e)
        {
            extraOption = new Option<double>(e.Name) { Description = e.Description, DefaultValueFactory = _ => e.Default };
            command.Options.Add(extraOption);
        }

        command.SetAction(r => NablaCommand.Guard(context, () => Write(
            context,
            generate(r.GetValue(samples), r.GetValue(noise), extraOption is null ? 0 : r.GetValue(extraOption), r.GetValue(seed)),
            r.GetValue(output)!)));
        parent.Subcommands.Add(command);
    }

    private static (Option<string> Output, Option<int> Seed) Common() =>
        (new Option<string>("--output", "-o") { Description = "The CSV file to write (replaced if it exists).", Required = true },
         new Option<int>("--seed") { Description = "Seed of the random draws: the same seed gives the same data.", DefaultValueFactory = _ => 0 });

    private static Option<int> SamplesOption() => new("--samples", "-n") { Description = "Total number of points.", DefaultValueFactory = _ => 200 };

    private static double[][] ParseVectors(string text, string option) =>
        [.. text.Split(';').Select(part => ParseList(part, ',', option))];

    private static double[] ParseList(string text, char separator, string option)
    {
        var parts = text.Split(separator, StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                throw new CliException($"{option}: '{parts[i]}' is not a finite number (write numbers like 1.5, separated by '{separator}'{(separator == ',' && option is "--means" or "--centres" or "--cov" ? " within a class and ';' between classes" : string.Empty)}).");
            }
        }

        return values;
    }

    private static int[] ParseInts(string text, string option)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]))
            {
                throw new CliException($"{option}: '{parts[i]}' is not a whole number (write class sizes like 1000,1000).");
            }
        }

        return values;
    }

    private static Matrix<double> ToSquare(double[] values, int d, int classIndex)
    {
        if (values.Length != d * d)
        {
            throw new CliException($"--cov: class {classIndex + 1} needs a {d}×{d} covariance ({d * d} numbers, row by row) to match its mean, but has {values.Length} numbers.");
        }

        return new Matrix<double>(d, d, values);
    }
}
