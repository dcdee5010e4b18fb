using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace MockWebex.Browser.Tests;

/// <summary>A 1280×800 page that records console errors and saves a screenshot when the test fails.</summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    public List<string> ConsoleErrors { get; } = [];
    public IPage Page { get; }

    private DashboardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) => { if (message.Type == "error") ConsoleErrors.Add(message.Text); };
        page.PageError += (_, error) => ConsoleErrors.Add(error);
    }

    public static async Task<DashboardPage> OpenAsync(IBrowser browser, string baseUrl)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 }, BaseURL = baseUrl });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        var dashboard = new DashboardPage(context, page);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Webhooks" }).WaitForAsync();
        return dashboard;
    }

    /// <summary>Runs a test body; on failure saves a full-page screenshot under the test output and rethrows.</summary>
    public async Task RunAsync(Func<IPage, Task> body, [CallerMemberName] string test = "")
    {
        try
        {
            await body(Page);
            Assert.Empty(ConsoleErrors);
        }
        catch
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, test + ".png"), FullPage = true });
            throw;
        }
    }

    public ValueTask DisposeAsync() => new(_context.CloseAsync());
}
