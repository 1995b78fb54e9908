namespace Nabla.Tests.Packaging;

/// <summary>
/// A fact that runs only when the environment variable NABLA_PACKAGE_CHECK is 1: packing every package and installing
/// it into a fresh project takes minutes, too long for every `dotnet test` (docs/packages.md, "Checking the packages").
/// </summary>
public sealed class PackageCheckFactAttribute : FactAttribute
{
    /// <summary>The name of the environment variable that turns the check on.</summary>
    public const string Variable = "NABLA_PACKAGE_CHECK";

    /// <summary>Skips the test unless <see cref="Variable"/> is 1.</summary>
    public PackageCheckFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"packs and installs every package (minutes): set {Variable}=1 to run eng/check-packages.sh here";
        }
    }
}
