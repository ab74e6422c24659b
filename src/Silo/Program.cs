using LiveWatch.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddLiveWatchSilo();

var app = builder.Build();
app.MapLiveWatchHealthChecks();
app.MapLiveWatchMetrics();

await app.RunAsync().ConfigureAwait(false);
