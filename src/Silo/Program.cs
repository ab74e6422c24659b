using LiveWatch.Silo.Api;
using LiveWatch.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddLiveWatchSilo();
builder.AddLiveWatchApi();

var app = builder.Build();
app.MapLiveWatchHealthChecks();
app.MapLiveWatchMetrics();
app.MapLiveWatchApi();

await app.RunAsync().ConfigureAwait(false);

/// <summary>The host's entry point; public so API tests can start it with WebApplicationFactory.</summary>
public partial class Program;
