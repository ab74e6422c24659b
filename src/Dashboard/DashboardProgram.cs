using LiveWatch.Dashboard.Hosting;

namespace LiveWatch.Dashboard;

/// <summary>
/// The dashboard as its own process against a cluster: <c>dotnet run --project src/Dashboard -- --urls http://…</c>
/// (a silo serves the same pages itself). Same settings as the silos.
/// </summary>
internal static class DashboardProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddLiveWatchDashboardProcess();
        var app = builder.Build();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapLiveWatchDashboard();
        await app.RunAsync().ConfigureAwait(false);
    }
}
