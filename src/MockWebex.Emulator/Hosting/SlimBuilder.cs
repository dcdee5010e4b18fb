namespace MockWebex.Hosting;

/// <summary>
/// The builder every MockWebex server starts from: the emulator, the relay, and the forwarder's ingress and inspector.
/// ASP.NET's slim builder with appsettings.json and environment variables read once. Reloading them on change (its
/// default) watches every folder under the working directory with inotify, from start to exit: run in a repository of
/// 7,547 folders, `mockwebex forward` (two servers) held 15,094 watches, was ready in 0.92–1.0 s instead of 0.39 s and
/// took 12 MiB more; each file written anywhere under it, LiteDB's pages included, woke a watcher thread.
/// </summary>
public static class SlimBuilder
{
    public static WebApplicationBuilder Create() =>
        WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
}
