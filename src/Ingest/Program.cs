using LiveWatch.Ingest.Hosting;
using Microsoft.Extensions.Hosting;

// A stand-alone ingest worker (cluster mode): `dotnet run --project src/Ingest`. A single node runs its worker inside the silo.
var builder = Host.CreateApplicationBuilder(args);
builder.AddLiveWatchIngestProcess();
await builder.Build().RunAsync().ConfigureAwait(false);
