namespace MockWebex.Hosting;

/// <summary>
/// The builder every MockWebex server starts from: the emulator, the relay, and the forwarder's ingress and inspector.
/// ASP.NET's slim builder with appsettings.json and environment variables read once. Reloading them on change (its
/// default) watches every folder under the working directory with inotify, from start to exit: run in a repository of
/// 7,547 folders, `mockwebex forward` (two servers) held 15,094 watches, was ready in 0.96–1.32 s instead of 0.40–0.46 s
/// and took 65 MiB instead of 53; each file written anywhere under it, LiteDB's pages included, woke a watcher thread.
/// </summary>
public static class SlimBuilder
{
    public static WebApplicationBuilder Create() =>
        WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
}
