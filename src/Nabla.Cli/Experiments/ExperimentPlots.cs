using System.Text.Json.Nodes;
using Nabla.Plotting;
using ScottPlot;

namespace Nabla.Cli.Experiments;

/// <summary>
/// The <c>--plots DIR</c> option of the experiments: checks the directory before anything runs, writes each figure as PNG and
/// SVG, and reports the files written.
/// </summary>
internal static class ExperimentPlots
{
    /// <summary>The help text of <c>--plots</c>, after "Write".</summary>
    public const string OptionHelp = "the figures as PNG and SVG into this directory (created if missing)";

    /// <summary>
    /// Checks that <paramref name="directory"/> can hold the plots, creating it if missing, so that a bad path fails before the
    /// experiment runs.
    /// </summary>
    /// <returns>The directory as given.</returns>
    /// <exception cref="CliException">The path is empty or invalid, names a file, or the directory cannot be created or written to.</exception>
    public static string Prepare(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new CliException("--plots needs a directory name.");
        }

        string full;
        try
        {
            full = Path.GetFullPath(directory);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new CliException($"--plots: '{directory}' is not a valid directory path ({e.Message}).");
        }

        if (File.Exists(full))
        {
            throw new CliException($"--plots: '{directory}' is a file, not a directory. Give a directory for the plots (it is created if missing).");
        }

        try
        {
            Directory.CreateDirectory(full);
            string probe = Path.Combine(full, $".nabla-write-test-{Environment.ProcessId}-{Guid.NewGuid():N}");
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException($"--plots: cannot write plots into '{directory}': {e.Message}");
        }

        return directory;
    }

    /// <summary>
    /// Stages <paramref name="plot"/> as <c>DIR/NAME.png</c> and <c>DIR/NAME.svg</c> in <paramref name="outputs"/> and returns the
    /// two paths; they exist once the outputs are committed.
    /// </summary>
    public static IReadOnlyList<string> Write(OutputSet outputs, Plot plot, string directory, string name, int width = Plots.DefaultWidth, int height = Plots.DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        string png = Path.Combine(directory, name + ".png"), svg = Path.Combine(directory, name + ".svg");

        // Rendered into the temporaries rather than through Plots.Save, which picks the format by the file's extension.
        outputs.Stage(png, stream =>
        {
            using var image = plot.GetImage(width, height);
            stream.Write(image.GetImageBytes(ImageFormat.Png));
        });
        outputs.StageText(svg, plot.GetSvgXml(width, height));
        return [png, svg];
    }

    /// <summary>The paths as the JSON array of <c>"plots"</c>.</summary>
    public static JsonArray Json(IEnumerable<string> paths) => new([.. paths.Select(p => (JsonNode)p)]);

    /// <summary>Tells the person at the terminal which PNG files were written (each has an SVG twin).</summary>
    public static void Report(TextWriter output, string directory, IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"Wrote plots to {directory}{(directory.EndsWith(Path.DirectorySeparatorChar) ? "" : Path.DirectorySeparatorChar)}: " +
                         $"{string.Join(", ", paths.Where(p => p.EndsWith(".png", StringComparison.Ordinal)).Select(Path.GetFileName))} (and .svg).");
    }
}
