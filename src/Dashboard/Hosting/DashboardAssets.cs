using System.Reflection;

namespace LiveWatch.Dashboard.Hosting;

/// <summary>
/// The dashboard's own CSS and scripts (and the vendored SignalR client), embedded in this assembly and served at
/// <c>/dashboard/assets/{name}</c>: no CDN, and the same paths whether the silo or the dashboard process serves them.
/// </summary>
internal static class DashboardAssets
{
    private static readonly Assembly Assembly = typeof(DashboardAssets).Assembly;

    public static IResult Serve(string name, HttpContext context)
    {
        var type = Path.GetExtension(name) switch
        {
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".txt" => "text/plain; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => null,
        };
        var resource = type is null ? null : Assembly.GetManifestResourceStream($"assets/{name}");
        if (resource is null)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Stream(resource, type);
    }
}
