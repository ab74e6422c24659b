using LiveWatch.Samples.PlatformIntegration;

// A platform hands LiveWatch a live stream by URL and reacts to what comes back:
//   dotnet run --project samples/PlatformIntegration -- --livewatch http://127.0.0.1:8080 --api-key lw_... \
//       --stream demo-1 --source rtmp://127.0.0.1:1935/live/demo
// Ctrl+C stops following the feed and asks LiveWatch to stop monitoring the stream.
return await PlatformSample.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
