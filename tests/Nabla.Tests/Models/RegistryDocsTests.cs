using Nabla.Cli.Commands;
using Nabla.Models;
using Nabla.Tests.TestSupport;

namespace Nabla.Tests.Models;

/// <summary>The docs and the command line say what the registry says, and the commands name no model.</summary>
public sealed class RegistryDocsTests
{
    private const string Begin = "<!-- hyperparameters:begin (generated from the registry: HyperparameterOptions.MarkdownTable) -->";
    private const string End = "<!-- hyperparameters:end -->";

    [Fact]
    public void Cli_doc_lists_every_hyperparameter_as_the_registry_describes_it()
    {
        string doc = File.ReadAllText(Path.Combine(Repository.Root, "docs", "cli.md")).ReplaceLineEndings("\n");
        int begin = doc.IndexOf(Begin, StringComparison.Ordinal);
        int end = doc.IndexOf(End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"docs/cli.md needs the generated table between the markers:\n{Begin}\n{HyperparameterOptions.MarkdownTable()}{End}");
        string table = doc[(begin + Begin.Length)..end].Trim('\n') + "\n";
        Assert.Equal(HyperparameterOptions.MarkdownTable(), table);
    }

    [Fact]
    public void Command_files_contain_no_model_names()
    {
        // The commands read kinds from the registry; a model's name in a command file is a per-model branch.
        string commands = Path.Combine(Repository.Root, "src", "Nabla.Cli", "Commands");
        foreach (var file in new[] { "TrainCommand.cs", "TrainJob.cs", "TrainSettings.cs", "DataOptions.cs", "HyperparameterOptions.cs", "InspectCommand.cs", "PredictCommand.cs", "EvaluateCommand.cs", "CvCommand.cs", "TuneCommand.cs", "SelectionProblem.cs", "SelectionOptions.cs" })
        {
            string text = File.ReadAllText(Path.Combine(commands, file));
            foreach (var kind in ModelKinds.All)
            {
                Assert.DoesNotContain($"\"{kind.Name}\"", text);
            }

            foreach (var type in new[] { "MlpClassifier", "MlpRegressor", "Perceptron<", "LogisticRegression<", "BayesClassifier<", "LinearRegression<", "MlpOptions", "PerceptronOptions", "LogisticRegressionOptions", "BayesClassifierOptions" })
            {
                Assert.False(text.Contains(type, StringComparison.Ordinal), $"{file} names {type}");
            }
        }
    }

    [Fact]
    public void Kinds_sharing_a_name_share_its_type()
    {
        foreach (var group in ModelKinds.All.SelectMany(k => k.Hyperparameters).GroupBy(h => h.Name))
        {
            Assert.Single(group.Select(h => h.ValueType).Distinct());
            Assert.Matches("^[a-z][a-z0-9_]*$", group.Key);
        }
    }
}
