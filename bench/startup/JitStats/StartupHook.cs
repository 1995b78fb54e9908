using System.Diagnostics;
using System.Globalization;
using System.Runtime;

/// <summary>
/// Loaded by the runtime before Main when DOTNET_STARTUP_HOOKS names this assembly; at exit it writes one line to standard
/// error: the methods the JIT compiled in this process, their IL bytes, the time spent compiling them (summed over all
/// threads, tier-1 recompilation included) and the time from here to exit.
/// </summary>
internal static class StartupHook
{
    /// <summary>Called by the runtime (the name and signature are the startup hook contract).</summary>
    public static void Initialize()
    {
        var clock = Stopwatch.StartNew();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"jit: methods {JitInfo.GetCompiledMethodCount()} il_bytes {JitInfo.GetCompiledILBytes()} jit_ms {JitInfo.GetCompilationTime().TotalMilliseconds:F1} run_ms {clock.Elapsed.TotalMilliseconds:F1}"));
    }
}
