using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Nabla.Playground;
using Nabla.Tensors;

// The browser runs .NET on one thread: the library's matrix products must not try to start worker threads.
ComputeSettings.MaxThreads = 1;
var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");
if (OperatingSystem.IsBrowser())
{
    await Nabla.Playground.Interop.Canvas.LoadAsync(builder.HostEnvironment.BaseAddress);
}

await builder.Build().RunAsync();
