using System.CommandLine;

namespace Nabla.Cli.Commands;

/// <summary>Options and output pieces shared by <c>nabla cv</c> and <c>nabla tune</c>.</summary>
internal static class SelectionOptions
{
    /// <summary><c>--folds K</c>.</summary>
    public static Option<int> Folds() => new("--folds", "-k") { HelpName = "K", Description = "Number of folds, at least 2.", DefaultValueFactory = _ => 5 };
}
