using LiveWatch.Dashboard.Hosting;
using LiveWatch.Silo.Api;
using LiveWatch.Silo.Commands;
using LiveWatch.Silo.Demo;
using LiveWatch.Silo.Hosting;

// `db migrate|status` (docs/operations.md) and `users add` (the first dashboard Admin): operators' steps, no silo.
if (DatabaseCommand.Matches(args) || UsersCommand.Matches(args))
{
    return DatabaseCommand.Matches(args) ? await DatabaseCommand.RunAsync(args).ConfigureAwait(false) : await UsersCommand.RunAsync(args).ConfigureAwait(false);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddLiveWatchSilo();
builder.AddLiveWatchApi();
builder.AddLiveWatchDashboard();
builder.AddLiveWatchDemo();

var app = builder.Build();
app.MapLiveWatchHealthChecks();
app.MapLiveWatchMetrics();
app.MapLiveWatchApi();
app.MapLiveWatchOrleansDashboard();
app.MapLiveWatchDashboard();

await app.RunAsync().ConfigureAwait(false);
return 0;

/// <summary>The host's entry point; public so API tests can start it with WebApplicationFactory.</summary>
public partial class Program;
