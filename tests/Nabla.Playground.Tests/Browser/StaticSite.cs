using System.Net;
using System.Net.Sockets;

namespace Nabla.Playground.Tests.Browser;

/// <summary>
/// A minimal static file server on 127.0.0.1 and a free port, as any static host would serve the published playground:
/// files by path with their content type, and index.html for paths without a file (the app's own routes).
/// </summary>
public sealed class StaticSite : IDisposable
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript",
        [".mjs"] = "text/javascript",
        [".css"] = "text/css",
        [".json"] = "application/json",
        [".wasm"] = "application/wasm",
        [".dat"] = "application/octet-stream",
        [".dll"] = "application/octet-stream",
        [".pdb"] = "application/octet-stream",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".svg"] = "image/svg+xml",
    };

    private readonly HttpListener _listener = new();
    private readonly string _root;
    private readonly Task _loop;

    /// <summary>Serves <paramref name="root"/> (a published wwwroot) until disposed.</summary>
    public StaticSite(string root)
    {
        _root = Path.GetFullPath(root);
        int port = FreePort();
        Address = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Address);
        _listener.Start();
        _loop = Task.Run(Serve);
    }

    /// <summary>The site's address, ending in '/'.</summary>
    public string Address { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener's pending accept ends with an error when it is closed.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Answer(context));
        }
    }

    private async Task Answer(HttpListenerContext context)
    {
        try
        {
            string relative = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath).TrimStart('/');
            string path = Path.GetFullPath(Path.Combine(_root, relative));
            if (!path.StartsWith(_root, StringComparison.Ordinal) || Directory.Exists(path) || !File.Exists(path))
            {
                // An app route such as /perceptron: the single page answers it.
                path = Path.HasExtension(relative) ? "" : Path.Combine(_root, "index.html");
            }

            if (path.Length == 0)
            {
                context.Response.StatusCode = 404;
            }
            else
            {
                context.Response.ContentType = ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
                byte[] body = await File.ReadAllBytesAsync(path);
                context.Response.ContentLength64 = body.Length;
                await context.Response.OutputStream.WriteAsync(body);
            }
        }
        catch (Exception e) when (e is IOException or HttpListenerException or ObjectDisposedException)
        {
            // The browser went away mid-answer.
        }
        finally
        {
            context.Response.Close();
        }
    }
}
