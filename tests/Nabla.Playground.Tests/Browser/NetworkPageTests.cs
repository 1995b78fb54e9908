using System.Globalization;
using Microsoft.Playwright;
using Nabla.Data.Preprocessing;
using Nabla.IO;
using Nabla.Models;
using Xunit.Abstractions;

namespace Nabla.Playground.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class NetworkPageTests(PlaygroundBrowser browser, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task The_page_loads_with_no_console_error_and_draws_the_network()
    {
        Skip.IfNot(PlaygroundBrowser.Available, PlaygroundBrowser.SkipReason);
        var errors = new List<string>();
        var page = await browser.OpenAsync("?data=spiral&hidden=8,8,4&x=x1,x2,x1^2,x2^2,sin(x1),sin(x2)&noise=10&test=1", errors);
        await page.WaitForSelectorAsync("#surface");
        Assert.Equal(0, await PlaygroundBrowser.NumberAsync(page, "#epoch"));

        // Every node has its thumbnail: 6 inputs + 8 + 8 + 4 + 1 output.
        Assert.Equal(27, await page.Locator(".network .node canvas").CountAsync());
        Assert.Equal(6 * 8 + 8 * 8 + 8 * 4 + 4, await page.Locator("svg.edges line").CountAsync());
        for (int i = 0; i < 30; i++)
        {
            await page.ClickAsync("#step");
        }

        Assert.Equal(30, await PlaygroundBrowser.NumberAsync(page, "#epoch"));

        // Clicking a point shows its forward and backward pass: one row per layer, the point's own coordinates.
        var points = Nabla.Playground.Engine.Datasets.Generate(new Nabla.Playground.Engine.PlaygroundSettings { Dataset = Nabla.Playground.Engine.DatasetKind.Spiral, Noise = 10 });
        double scale = 320 / (2 * Nabla.Playground.Engine.Datasets.Extent);
        int point = Enumerable.Range(0, points.Count).MaxBy(i => points.X1[i]);
        await page.ClickAsync("#surface", new PageClickOptions { Position = new Position { X = (float)((points.X1[point] + 6) * scale), Y = (float)((6 - points.X2[point]) * scale) } });
        await page.WaitForSelectorAsync("#trace");
        Assert.Equal(4, await page.Locator("#trace tr.trace-layer").CountAsync());
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"x = ({points.X1[point]:G4}, {points.X2[point]:G4})"), await page.InnerTextAsync("#trace h3"), StringComparison.Ordinal);
        await PlaygroundBrowser.ScreenshotAsync(page, "network");
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task Xor_with_a_2_4_1_network_reaches_test_accuracy_095_within_300_epochs()
    {
        Skip.IfNot(PlaygroundBrowser.Available, PlaygroundBrowser.SkipReason);
        var page = await browser.OpenAsync("?data=xor&hidden=4&x=x1,x2&act=tanh&lr=0.1&batch=10&noise=0&seed=1");
        await page.ClickAsync("#play");
        double accuracy = 0, epoch = 0;
        while (epoch < 300)
        {
            await page.WaitForTimeoutAsync(200);
            accuracy = await PlaygroundBrowser.NumberAsync(page, "#test-accuracy");
            epoch = await PlaygroundBrowser.NumberAsync(page, "#epoch");
            if (accuracy >= 0.95)
            {
                break;
            }
        }

        await page.ClickAsync("#play");
        output.WriteLine($"XOR 2-4-1: test accuracy {accuracy} at epoch {epoch}");
        await PlaygroundBrowser.ScreenshotAsync(page, "xor");
        Assert.True(accuracy >= 0.95, $"test accuracy {accuracy} after {epoch} epochs");
    }

    [SkippableFact]
    public async Task Training_and_redraw_rates_of_a_2_8_8_1_network_on_500_points_are_measured()
    {
        Skip.IfNot(PlaygroundBrowser.Available, PlaygroundBrowser.SkipReason);
        var page = await browser.OpenAsync("?data=circle&points=500&hidden=8,8&x=x1,x2&batch=10&lr=0.03");
        await page.ClickAsync("#play");
        await page.WaitForTimeoutAsync(2000);

        // Averages over 5 s of the page's own clock, from its epoch and redraw counters.
        async Task<(double Time, double Epoch, double Frames)> Sample() =>
            (await page.EvaluateAsync<double>("performance.now()"), await PlaygroundBrowser.NumberAsync(page, "#epoch"), double.Parse(await page.TextContentAsync("#frames-total") ?? "", CultureInfo.InvariantCulture));
        var a = await Sample();
        await page.WaitForTimeoutAsync(5000);
        var b = await Sample();
        string timing = await page.InnerTextAsync("#timing");
        await page.ClickAsync("#play");
        double seconds = (b.Time - a.Time) / 1000, epochs = (b.Epoch - a.Epoch) / seconds, frames = (b.Frames - a.Frames) / seconds;

        // Figures, not assertions on time: recorded for docs/playground.md.
        string line = string.Create(CultureInfo.InvariantCulture, $"2-8-8-1 on 500 points (250 train), batch 10: {epochs:F1} epochs/s and {frames:F1} redraws/s over {seconds:F1} s; last frame {timing}");
        output.WriteLine(line);
        File.WriteAllText(Path.Combine(PlaygroundBrowser.ScreenshotFolder, "rates.txt"), line + "\n");
        Assert.True(b.Epoch > a.Epoch, "training did not run");
        Assert.True(epochs > 0 && frames > 0, line);
    }

    [SkippableFact]
    public async Task A_link_restores_the_whole_state_and_changes_are_written_back_to_it()
    {
        Skip.IfNot(PlaygroundBrowser.Available, PlaygroundBrowser.SkipReason);
        const string query = "data=moons&points=300&noise=20&train=70&batch=20&seed=7&x=x1%2Cx2%2Csin%28x1%29&hidden=6%2C3&act=relu&lr=0.05&opt=adam&reg=l2&rate=0.001&case=gauss-unequal&cost=1&test=1&discrete=1";
        var page = await browser.OpenAsync("?" + query);
        Assert.Equal(query, new Uri(page.Url).Query.TrimStart('?'));
        Assert.Equal("relu", await page.InputValueAsync("#activation"));
        Assert.Equal("adam", await page.InputValueAsync("#optimizer"));
        Assert.Equal("L2", await page.InputValueAsync("#regularization"));
        Assert.Equal("0.001", await page.InputValueAsync("#regularization-rate"));
        Assert.Equal("0.05", await page.InputValueAsync("#learning-rate"));   // not among the list's choices: offered too
        Assert.Equal("6", await page.InputValueAsync("#units-1"));
        Assert.Equal("3", await page.InputValueAsync("#units-2"));
        Assert.True(await page.IsCheckedAsync("#feature-sin\\(x1\\)"));
        Assert.False(await page.IsCheckedAsync("#feature-x1\\^2"));
        Assert.True(await page.IsCheckedAsync("#show-test"));
        Assert.Contains("selected", await page.GetAttributeAsync("#data-moons", "class") ?? "", StringComparison.Ordinal);

        // A change made on the page goes into the address, and that address opens the same page.
        await page.SelectOptionAsync("#activation", "sigmoid");
        await page.ClickAsync("#add-layer");
        string changed = page.Url;
        Assert.Contains("act=sigmoid", changed, StringComparison.Ordinal);
        Assert.Contains("hidden=6%2C3%2C3", changed, StringComparison.Ordinal);
        var again = await browser.OpenAsync(new Uri(changed).PathAndQuery);
        Assert.Equal("sigmoid", await again.InputValueAsync("#activation"));
        Assert.Equal("3", await again.InputValueAsync("#units-3"));
        Assert.Equal(changed, again.Url);
    }

    [SkippableFact]
    public async Task An_uploaded_csv_trains()
    {
        Skip.IfNot(PlaygroundBrowser.Available, PlaygroundBrowser.SkipReason);
        // Two separated blobs in units far from the view's, classes named by text, one row without a number.
        var random = new Random(4);
        var lines = new List<string> { "id,height,weight,kind" };
        for (int i = 0; i < 200; i++)
        {
            bool big = i % 2 == 0;
            double h = (big ? 190 : 160) + 6 * (random.NextDouble() - 0.5), w = (big ? 95 : 60) + 8 * (random.NextDouble() - 0.5);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{i},{h:F1},{w:F1},{(big ? "large" : "small")}"));
        }

        lines.Add("200,n/a,70,small");
        string file = Path.Combine(Path.GetTempPath(), $"playground-upload-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(file, lines);
        try
        {
            var page = await browser.OpenAsync("?hidden=3&lr=0.1");
            await page.SetInputFilesAsync("#csv-file", file);
            await page.WaitForSelectorAsync("#csv-use");
            await page.SelectOptionAsync("#csv-first", "height");
            await page.SelectOptionAsync("#csv-second", "weight");
            await page.SelectOptionAsync("#csv-target", "kind");
            await page.ClickAsync("#csv-use");
            string message = await page.InnerTextAsync("#message");
            Assert.Contains("200 points (1 rows without numbers left out)", message, StringComparison.Ordinal);
            Assert.Contains("classes large (orange, 0) and small (blue, 1)", message, StringComparison.Ordinal);
            for (int i = 0; i < 40; i++)
            {
                await page.ClickAsync("#step");
            }

            double accuracy = await PlaygroundBrowser.NumberAsync(page, "#train-accuracy");
            await PlaygroundBrowser.ScreenshotAsync(page, "csv");
            Assert.True(accuracy >= 0.95, $"training accuracy {accuracy} on the uploaded blobs after 40 epochs");
            Assert.Contains("data=csv", page.Url, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [SkippableFact]
    public async Task The_exported_model_file_loads_in_the_library_and_predicts_the_labels_the_page_shows()
    {
        Skip.IfNot(PlaygroundBrowser.Available, PlaygroundBrowser.SkipReason);
        var page = await browser.OpenAsync("?data=moons&hidden=5,3&x=x1,x2,x1*x2,sin(x2)&lr=0.1&noise=15");
        for (int i = 0; i < 25; i++)
        {
            await page.ClickAsync("#step");
        }

        string modelPath = await DownloadAsync(page, "#export-model");
        string pointsPath = await DownloadAsync(page, "#export-points");
        var loaded = ModelFile.LoadClassifier<double, string>(modelPath);
        Assert.Equal("mlp", loaded.Info.ModelType);
        Assert.Equal(["x1", "x2", "x1*x2", "sin(x2)"], loaded.Preprocessing!.FeatureNames);

        var table = CsvFiles.Read(pointsPath);
        var predicted = loaded.Model.Predict(loaded.Preprocessing.Transform(table));
        int column = table.RequireColumn("predicted");
        Assert.Equal(500, table.RowCount);
        for (int r = 0; r < table.RowCount; r++)
        {
            Assert.Equal(table[r, column], predicted[r]);
        }

        // Both classes occur: the comparison is not of a constant.
        Assert.Equal(2, predicted.Distinct().Count());

        // The same file imported into a fresh page gives the same network and the same labels.
        var fresh = await browser.OpenAsync("");
        await fresh.SetInputFilesAsync("#import-model", modelPath);
        await fresh.WaitForSelectorAsync("#message");
        Assert.Contains("loaded (4-5-3-1 network, tanh)", await fresh.InnerTextAsync("#message"), StringComparison.Ordinal);
        Assert.Equal("5", await fresh.InputValueAsync("#units-1"));
    }

    [SkippableFact]
    public async Task Regression_trains_and_a_wide_network_is_trained_whole_and_drawn_in_part()
    {
        Skip.IfNot(PlaygroundBrowser.Available, PlaygroundBrowser.SkipReason);
        var errors = new List<string>();
        var page = await browser.OpenAsync("?data=bumps&hidden=6&lr=0.03&noise=5", errors);
        Assert.Equal("regression", await page.InputValueAsync("#problem"));
        double before = await PlaygroundBrowser.NumberAsync(page, "#train-loss");
        for (int i = 0; i < 20; i++)
        {
            await page.ClickAsync("#step");
        }

        double after = await PlaygroundBrowser.NumberAsync(page, "#train-loss");
        Assert.True(after < before, $"the regression loss went from {before} to {after}");
        await page.SelectOptionAsync("#problem", "classification");
        Assert.Contains("selected", await page.GetAttributeAsync("#data-circle", "class") ?? "", StringComparison.Ordinal);

        var wide = await browser.OpenAsync("?data=circle&hidden=300,40&points=1000", errors);
        Assert.Contains("A large network for the browser", await wide.InnerTextAsync("#slow-warning"), StringComparison.Ordinal);
        Assert.Equal(["+ 268 more units (trained, not drawn)", "+ 8 more units (trained, not drawn)"], await wide.Locator(".node-more").AllInnerTextsAsync());
        Assert.Equal(2 + 32 + 32 + 1, await wide.Locator(".network .node canvas").CountAsync());
        await wide.ClickAsync("#step");
        Assert.Equal(1, await PlaygroundBrowser.NumberAsync(wide, "#epoch"));
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task The_report_cases_show_the_true_bayes_boundary_its_risk_and_the_network_excess_risk()
    {
        Skip.IfNot(PlaygroundBrowser.Available, PlaygroundBrowser.SkipReason);
        var errors = new List<string>();
        var page = await browser.OpenAsync("?data=report&case=gauss-unequal-priors&cost=2&hidden=6&x=x1,x2,x1^2,x2^2&lr=0.03&points=1000&test=1", errors);
        Assert.Contains("P(A) = 0.333, costs c = 2 and 1", await page.InnerTextAsync("#bayes"), StringComparison.Ordinal);
        double bayes = await PlaygroundBrowser.NumberAsync(page, "#bayes-error");
        Assert.InRange(bayes, 0.05, 0.5);
        for (int i = 0; i < 60; i++)
        {
            await page.ClickAsync("#step");
        }

        double model = await PlaygroundBrowser.NumberAsync(page, "#model-risk");
        double excess = await PlaygroundBrowser.NumberAsync(page, "#excess-risk");
        Assert.Equal(model - bayes, excess, 0.0011);
        Assert.True(excess > -0.01, $"a network cannot beat the Bayes risk by more than the Monte Carlo noise: {excess}");
        await PlaygroundBrowser.ScreenshotAsync(page, "bayes");

        await page.SelectOptionAsync("#case", "disk-unequal");
        Assert.Contains("in the disk of radius 2 about (0,0), P(A) = 0.5", await page.InnerTextAsync("#bayes"), StringComparison.Ordinal);
        Assert.Contains("case=disk-unequal", page.Url, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    private static async Task<string> DownloadAsync(IPage page, string button)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(button));
        string path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-{download.SuggestedFilename}");
        await download.SaveAsAsync(path);
        return path;
    }
}
