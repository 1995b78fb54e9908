using System.CommandLine;

namespace Nabla.Cli;

/// <summary>Builds the <c>nabla</c> command tree and runs it with given output writers (so tests can capture them).</summary>
public static class NablaCommand
{
    /// <summary>Parses <paramref name="args"/>, runs the chosen command and returns its exit code: 0 success, 1 bad input, 2 bad usage.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Nabla: the neuron models of the classic machine-learning course, from the McCulloch-Pitts neuron to backpropagation.");
        var config = new InvocationConfiguration { Output = output, Error = error };
        return root.Parse(args).Invoke(config);
    }
}
