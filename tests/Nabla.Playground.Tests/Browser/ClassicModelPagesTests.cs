using System.Globalization;
using Microsoft.Playwright;
using Nabla.Playground.Engine;

namespace Nabla.Playground.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ClassicModelPagesTests(PlaygroundBrowser browser)
{
    [SkippableTheory]
    [InlineData("separable", 100, 0.05, 4, 0.1, 8)]
    [InlineData("xor", 24, 0.0, 2, 0.5, 5)]
    public async Task The_perceptron_steps_make_exactly_the_updates_of_the_library_Perceptron(string data, int points, double margin, int seed, double eta, int epochs)
    {
        Skip.IfNot(PlaygroundBrowser.Available, PlaygroundBrowser.SkipReason);
        var errors = new List<string>();
        var page = await browser.OpenAsync(string.Create(CultureInfo.InvariantCulture, $"perceptron?data={data}&points={points}&margin={margin}&seed={seed}&eta={eta}"), errors);
        await page.WaitForSelectorAsync("#p-w0");
        var stepper = new PerceptronStepper(PerceptronData.Generate(data, points, margin, seed), eta);

        // Point by point through the first epoch: each shown weight vector is the rule's.
        for (int i = 0; i < points; i++)
        {
            await page.ClickAsync("#p-present");
            var update = stepper.Present()!;
            Assert.Equal(update.After, await WeightsAsync(page));
        }

        bool converged = false;
        for (int k = 2; k <= epochs && !converged; k++)
        {
            await page.ClickAsync("#p-finish-epoch");
            var library = stepper.LibraryFit(k);
            Assert.Equal(library.Weights.AsReadOnlySpan().ToArray(), await WeightsAsync(page));
            Assert.Equal(string.Join(" ", library.ErrorsPerEpoch), await page.InnerTextAsync("#p-errors"));
            converged = library.Converged;
        }

        if (data == "separable")
        {
            Assert.True(converged, "separable points with a margin must converge within the epochs tried");
            Assert.Contains("(R/γ)² =", await page.InnerTextAsync("#p-bound"), StringComparison.Ordinal);
        }
        else
        {
            Assert.False(converged);
            Assert.Contains("not linearly separable", await page.InnerTextAsync("#p-bound"), StringComparison.Ordinal);
        }

        await PlaygroundBrowser.ScreenshotAsync(page, "perceptron-" + data);
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task The_mcculloch_pitts_page_finds_and_and_no_neuron_for_xor()
    {
        Skip.IfNot(PlaygroundBrowser.Available, PlaygroundBrowser.SkipReason);
        var page = await browser.OpenAsync("neuron");
        await page.WaitForSelectorAsync("#mp-table");
        Assert.Equal("This neuron computes AND.", await page.InnerTextAsync("#mp-verdict"));
        await page.FillAsync("#mp-threshold", "1");
        Assert.Contains("does not compute AND: 2 rows differ", await page.InnerTextAsync("#mp-verdict"), StringComparison.Ordinal);

        await page.SelectOptionAsync("#mp-target", "XOR");
        await page.ClickAsync("#mp-search");
        Assert.StartsWith("No McCulloch-Pitts neuron computes XOR: all 16 neurons of 2 inputs tried", await page.InnerTextAsync("#mp-search-result"), StringComparison.Ordinal);
        await PlaygroundBrowser.ScreenshotAsync(page, "mcculloch-pitts-xor");
    }

    [SkippableFact]
    public async Task Logistic_regression_and_the_activation_plots_draw_without_errors()
    {
        Skip.IfNot(PlaygroundBrowser.Available, PlaygroundBrowser.SkipReason);
        var errors = new List<string>();
        var page = await browser.OpenAsync("logistic", errors);
        await page.WaitForSelectorAsync("#l-bayes");
        double accuracy = await PlaygroundBrowser.NumberAsync(page, "#l-test-accuracy");
        Assert.InRange(accuracy, 0.9, 1);
        await PlaygroundBrowser.ScreenshotAsync(page, "logistic");

        var plots = await browser.OpenAsync("activations", errors);
        await plots.WaitForSelectorAsync("#plot-tanh");
        Assert.Equal(7, await plots.Locator("svg.activation").CountAsync());
        await PlaygroundBrowser.ScreenshotAsync(plots, "activations");
        Assert.Empty(errors);
    }

    private static async Task<double[]> WeightsAsync(IPage page) =>
        [.. await Task.WhenAll(new[] { "#p-w0", "#p-w1", "#p-w2" }.Select(async s => double.Parse(await page.InnerTextAsync(s), CultureInfo.InvariantCulture)))];
}
