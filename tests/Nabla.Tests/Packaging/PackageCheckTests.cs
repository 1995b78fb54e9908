using System.Diagnostics;
using Nabla.Tests.TestSupport;

namespace Nabla.Tests.Packaging;

/// <summary>The packages, packed from this clone, work in a project that has nothing of the repository (eng/check-packages.sh).</summary>
public sealed class PackageCheckTests
{
    [PackageCheckFact]
    public void Packages_install_into_a_fresh_project_and_the_tool_installs_and_runs()
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine("eng", "check-packages.sh"));
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, $"{output}\n{error.Result}");
        Assert.Contains("mlp accuracy 1.000", output);
        Assert.Contains("predictions of the library's model, equal to the library's own", output);
        Assert.EndsWith("packages: ok", output.TrimEnd());
    }
}
