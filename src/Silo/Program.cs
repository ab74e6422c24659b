using LiveWatch.Silo.Api;
using LiveWatch.Silo.Commands;
using LiveWatch.Silo.Hosting;

// `db migrate` / `db status`: the operator's schema step, run before silos start (docs/operations.md).
if (DatabaseCommand.Matches(args))
{
    return await DatabaseCommand.RunAsync(args).ConfigureAwait(false);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddLiveWatchSilo();
builder.AddLiveWatchApi();

var app = builder.Build();
app.MapLiveWatchHealthChecks();
app.MapLiveWatchMetrics();
app.MapLiveWatchApi();
app.MapLiveWatchOrleansDashboard();

await app.RunAsync().ConfigureAwait(false);
return 0;

/// <summary>The host's entry point; public so API tests can start it with WebApplicationFactory.</summary>
public partial class Program;
