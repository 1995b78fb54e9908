using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace Nabla.Playground.Tests.Browser;

/// <summary>
/// The published playground served on 127.0.0.1 and Debian's Chromium driven by Playwright, shared by the browser tests.
/// Without Chromium nothing is published or started and the tests report themselves skipped with the line that installs
/// it. NABLA_PLAYGROUND_SITE may name an already published folder (holding wwwroot) to skip the publish step.
/// </summary>
public sealed class PlaygroundBrowser : IAsyncLifetime
{
    /// <summary>Where Debian's chromium package puts the browser (NABLA_CHROMIUM overrides it).</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("NABLA_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>The reason given when the browser tests are skipped.</summary>
    public static string SkipReason => $"Chromium is not installed at {ChromiumPath}; install it with: sudo apt-get install -y chromium";

    private StaticSite? _site;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>True when Chromium is there, so the browser tests run.</summary>
    public static bool Available => File.Exists(ChromiumPath);

    /// <summary>The site's address, ending in '/'.</summary>
    public string Address => _site?.Address ?? throw new InvalidOperationException(SkipReason);

    /// <summary>Where the tests save their screenshots (the test output folder's screenshots/).</summary>
    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        if (!Available)
        {
            return;
        }

        string site = Environment.GetEnvironmentVariable("NABLA_PLAYGROUND_SITE") is { Length: > 0 } given ? given : Publish();
        _site = new StaticSite(Path.Combine(site, "wwwroot"));
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The machine's network is closed: without these Chromium's own background connections are refused and logged.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _site?.Dispose();
    }

    /// <summary>A fresh page (its own context) at <paramref name="path"/> of the site, once the app has started; console errors are collected into <paramref name="errors"/>.</summary>
    public async Task<IPage> OpenAsync(string path, List<string>? errors = null)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        if (errors is not null)
        {
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    errors.Add(message.Text);
                }
            };
            page.PageError += (_, error) => errors.Add(error);
        }

        await page.GotoAsync(Address + path.TrimStart('/'));
        await page.WaitForSelectorAsync("header.top", new PageWaitForSelectorOptions { Timeout = 120_000 });
        return page;
    }

    /// <summary>Saves a screenshot of the page as screenshots/<paramref name="name"/>.png.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        string path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>The number shown in an element (NaN for '–').</summary>
    public static async Task<double> NumberAsync(IPage page, string selector)
    {
        string text = (await page.InnerTextAsync(selector)).Trim().Replace(",", "", StringComparison.Ordinal);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
    }

    private static string Publish()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Nabla.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("The repository root (Nabla.slnx) was not found above the test folder.");
        }

        string output = Path.Combine(AppContext.BaseDirectory, "playground-site");
        var start = new ProcessStartInfo("dotnet", ["publish", Path.Combine(root, "src", "Nabla.Playground", "Nabla.Playground.csproj"), "-c", "Release", "-o", output, "--nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Publishing the playground took more than 10 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish of the playground failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        }

        return output;
    }
}

/// <summary>The browser tests share one published site and one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<PlaygroundBrowser>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "browser";
}
