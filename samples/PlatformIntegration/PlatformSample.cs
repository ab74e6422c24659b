using LiveWatch.Sdk.Client;
using LiveWatch.Sdk.Client.Models;
using Microsoft.Extensions.DependencyInjection;

namespace LiveWatch.Samples.PlatformIntegration;

/// <summary>
/// The integration a platform writes: register the stream by URL (LiveWatch pulls and samples it), follow the live
/// feed for this stream, and on an incident read it and decide what to do (here: print it; a real platform would hide
/// the stream, page its trust-and-safety team, or wait for the moderator's decision by webhook).
/// </summary>
internal static class PlatformSample
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        SampleArguments arguments;
        try
        {
            arguments = SampleArguments.Parse(args);
        }
        catch (ArgumentException e)
        {
            await errors.WriteLineAsync(e.Message).ConfigureAwait(false);
            await errors.WriteLineAsync(SampleArguments.Usage).ConfigureAwait(false);
            return 2;
        }

        using var stop = arguments.Duration is { } duration ? new CancellationTokenSource(duration) : new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        var services = new ServiceCollection();
        services.AddLiveWatchClient(o => (o.BaseAddress, o.ApiKey) = (arguments.LiveWatch, arguments.ApiKey));
        await using var provider = services.BuildServiceProvider();
        var livewatch = provider.GetRequiredService<LiveWatchClient>();

        try
        {
            var stream = await livewatch.RegisterStreamAsync(
                new StreamRegistration(arguments.StreamId, arguments.Source, Title: "PlatformIntegration sample"), stop.Token).ConfigureAwait(false);
            await output.WriteLineAsync($"registered {stream.StreamId} ({stream.State}); LiveWatch now pulls {arguments.Source}").ConfigureAwait(false);

            // A real platform persists the last sequence it handled and resumes there; this sample reads the feed from
            // the start and skips what happened before this run.
            var since = DateTimeOffset.UtcNow.AddSeconds(-5);
            await foreach (var e in livewatch.FollowFeedAsync(after: 0, stop.Token).ConfigureAwait(false))
            {
                if (e.StreamId != arguments.StreamId || e.At < since)
                {
                    continue;
                }

                switch (e.Kind)
                {
                    case FeedEventKind.StreamStateChanged:
                        var status = await livewatch.GetStreamAsync(arguments.StreamId, stop.Token).ConfigureAwait(false);
                        await output.WriteLineAsync($"{e.At:HH:mm:ss} stream {status.State}").ConfigureAwait(false);
                        break;
                    case FeedEventKind.IncidentOpened or FeedEventKind.IncidentUpdated or FeedEventKind.LevelChanged when e.IncidentId is { } id:
                        var incident = await livewatch.GetIncidentAsync(id, stop.Token).ConfigureAwait(false);
                        await output.WriteLineAsync(
                            $"{e.At:HH:mm:ss} {e.Kind}: incident {id} level {incident.Incident.Level}, {incident.Matches.Count} matches, {incident.Evidence.Count} evidence items")
                            .ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C or --seconds: fall through to stopping the stream.
        }
        catch (LiveWatchApiException e)
        {
            await errors.WriteLineAsync($"LiveWatch refused: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        var stopped = await livewatch.StopStreamAsync(arguments.StreamId, CancellationToken.None).ConfigureAwait(false);
        await output.WriteLineAsync($"stopped monitoring {stopped.StreamId} ({stopped.State})").ConfigureAwait(false);
        return 0;
    }
}
