namespace Nabla.Tests.TestSupport;

/// <summary>Where the repository's files are, for tests that read its docs and sources or run its scripts.</summary>
internal static class Repository
{
    /// <summary>The folder that holds Nabla.slnx, found above the test binaries.</summary>
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Nabla.slnx")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("The repository root (Nabla.slnx) was not found above the test binaries.");
        }
    }
}
