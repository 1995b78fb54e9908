namespace Nabla.Tests.Cli;

/// <summary>The benchmark and data-set commands report in the documented shape and refuse bad input; no timing is asserted.</summary>
public class BenchCliTests
{
    [Fact]
    public void Gemm_reports_size_and_gflops()
    {
        var json = CliCall.Json("bench", "gemm", "--size", "48", "--json");
        Assert.Equal(48, json.GetProperty("size").GetInt32());
        Assert.True(json.GetProperty("gflops").GetDouble() > 0);
    }

    [Fact]
    public void Predict_reports_time_and_zero_allocation()
    {
        var json = CliCall.Json("bench", "predict", "--json");
        Assert.True(json.GetProperty("microseconds_per_sample").GetDouble() > 0);
        Assert.Equal(0, json.GetProperty("bytes_allocated_per_call").GetDouble());
    }

    [Fact]
    public void Mnist_without_the_files_says_how_to_get_them()
    {
        string dir = Directory.CreateTempSubdirectory("nabla-nomnist-").FullName;
        try
        {
            var (exit, output, error) = CliCall.Run("bench", "mnist", "--data", dir);
            Assert.Equal(1, exit);
            Assert.Equal("", output);
            Assert.Contains("nabla datasets mnist --dir", error);
            Assert.DoesNotContain("   at ", error);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Datasets_from_a_folder_with_foreign_files_fails_clearly()
    {
        string source = Directory.CreateTempSubdirectory("nabla-src-").FullName;
        string target = Directory.CreateTempSubdirectory("nabla-dst-").FullName;
        try
        {
            foreach (var name in Nabla.Data.MnistDataset.Files.Keys)
            {
                File.WriteAllText(Path.Combine(source, name), "not mnist");
            }

            var (exit, _, error) = CliCall.Run("datasets", "mnist", "--dir", target, "--from", source);
            Assert.Equal(1, exit);
            Assert.Contains("differ from the originals", error);

            var (exit2, _, error2) = CliCall.Run("datasets", "mnist", "--dir", target, "--from", Path.Combine(source, "missing"));
            Assert.Equal(1, exit2);
            Assert.Contains("does not exist", error2);
        }
        finally
        {
            Directory.Delete(source, true);
            Directory.Delete(target, true);
        }
    }
}
