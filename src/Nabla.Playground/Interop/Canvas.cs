using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Versioning;

namespace Nabla.Playground.Interop;

/// <summary>The page's calls into wwwroot/js/playground.js (typed arrays, no JSON): painting, the URL, downloads, frames.</summary>
[SupportedOSPlatform("browser")]
internal static partial class Canvas
{
    /// <summary>The module name the functions are imported under.</summary>
    public const string Module = "playground";

    /// <summary>Loads the drawing module once, before any other call.</summary>
    public static Task LoadAsync(string baseAddress) => JSHost.ImportAsync(Module, new Uri(new Uri(baseAddress), "js/playground.js").ToString());

    [JSImport("setBoundary", Module)]
    public static partial void SetBoundary(string canvasId, int g, double[] values);

    [JSImport("drawSurface", Module)]
    public static partial void DrawSurface(string canvasId, int g, double[] values, double lo, double hi, bool discrete, double extent,
        double[] x1, double[] x2, double[] target, double[] test, bool showTest, bool regression, int highlight);

    [JSImport("drawUnits", Module)]
    public static partial void DrawUnits(string prefix, int count, int g, double[] values, double[] lo, double[] hi);

    [JSImport("setQuery", Module)]
    public static partial void SetQuery(string query);

    [JSImport("download", Module)]
    public static partial void Download(string name, string text);

    [JSImport("nextFrame", Module)]
    public static partial Task NextFrame();
}
