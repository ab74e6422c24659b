using System.Net;
using System.Security.Cryptography;
using LiveWatch.Sdk.Client;
using LiveWatch.Sdk.Client.Models;

namespace LiveWatch.Sdk.Tests.Client;

/// <summary>The SDK's client against the real node: the calls a platform makes, and the server's refusals as exceptions.</summary>
[Collection(SharedNode.Name)]
public sealed class LiveWatchClientNodeTests(LiveWatchNode node)
{
    [Fact]
    public async Task Pushed_canvases_that_match_a_bank_open_an_incident_the_platform_can_read()
    {
        using var platform = await node.NewPlatformAsync("canvas");
        var (tenant, client) = (platform.Tenant, platform.Client);
        var known = BenignPictures.Canvas(seed: 7);
        await node.CreateBankAsync(tenant, known.Pdq.Hash.ToString());

        var registered = await client.RegisterStreamAsync("live-1", null, "music", "user-9", "Sunday stream", 3, CancellationToken.None);
        var ack = await PushUntilMatchedAsync(client, "live-1", seq =>
            client.PushFramesAsync("live-1", "run-1", seq, [known.Luma, BenignPictures.Canvas(seed: 1000 + (int)seq).Luma], 64, 64, CancellationToken.None));
        var incident = await client.GetIncidentAsync(ack.IncidentId!.Value, CancellationToken.None);
        var stream = await client.GetStreamAsync("live-1", CancellationToken.None);
        var listed = await client.ListIncidentsAsync(new IncidentFilter(StreamId: "live-1", MinLevel: RiskLevel.Watch), CancellationToken.None);

        Assert.Equal(StreamState.Registered, registered.State);
        Assert.Equal("Sunday stream", registered.Title);
        Assert.Equal("live-1", incident.Incident.StreamId);
        Assert.Equal(IncidentState.Open, incident.Incident.State);
        Assert.Contains(incident.Matches, m => m.RunId == "run-1" && m.Distance == 0 && m.FrameHash == known.Pdq.Hash.ToString());
        Assert.Equal(StreamState.Live, stream.State);
        Assert.Equal(ack.IncidentId, stream.Monitor?.OpenIncidentId);
        Assert.Equal(ack.IncidentId, Assert.Single(listed).Id);
        Assert.Contains(await client.ListStreamsAsync(StreamState.Live, CancellationToken.None), s => s.StreamId == "live-1");
    }

    [Fact]
    public async Task A_retried_push_with_the_same_run_and_sequence_is_reported_as_a_repeat()
    {
        using var platform = await node.NewPlatformAsync("repeat");
        var client = platform.Client;
        await client.RegisterStreamAsync(new StreamRegistration("live-1"), CancellationToken.None);
        var canvas = BenignPictures.Canvas(seed: 3).Luma;

        var first = await client.PushFramesAsync("live-1", "run-1", 5, [canvas], 64, 64, CancellationToken.None);
        var again = await client.PushFramesAsync("live-1", "run-1", 5, [canvas], 64, 64, CancellationToken.None);

        Assert.Equal((1, 0), (first.Accepted, first.Repeats));
        Assert.Equal((0, 1), (again.Accepted, again.Repeats));
    }

    [Fact]
    public async Task Hash_only_mode_hashes_a_picture_file_locally_and_pushes_only_its_hash()
    {
        using var platform = await node.NewPlatformAsync("hashonly");
        var (tenant, client) = (platform.Tenant, platform.Client);
        var path = Path.Combine(Path.GetTempPath(), $"livewatch-sdk-{Guid.NewGuid():N}.png");
        try
        {
            var drawn = await BenignPictures.WritePngAsync(path, seed: 5);
            await node.CreateBankAsync(tenant, drawn.Hash.ToString());
            await client.RegisterStreamAsync(new StreamRegistration("live-2"), CancellationToken.None);

            var hashed = await PlatformHasher.HashPictureAsync(path, 1, CancellationToken.None);
            var ack = await PushUntilMatchedAsync(client, "live-2", seq => client.PushHashesOfPictureAsync("live-2", "run-h", seq, path, CancellationToken.None));
            var incident = await client.GetIncidentAsync(ack.IncidentId!.Value, CancellationToken.None);

            Assert.Equal(drawn.Hash.ToString(), hashed.Hash);
            Assert.Equal(drawn.Quality, hashed.Quality);
            Assert.Contains(incident.Matches, m => m.RunId == "run-h" && m.FrameHash == drawn.Hash.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Following_the_feed_sees_the_incident_opened_live_and_resumes_after_the_last_event()
    {
        using var platform = await node.NewPlatformAsync("feed");
        var (tenant, client) = (platform.Tenant, platform.Client);
        var known = BenignPictures.Canvas(seed: 11);
        await node.CreateBankAsync(tenant, known.Pdq.Hash.ToString());
        await client.RegisterStreamAsync(new StreamRegistration("live-3"), CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        // Follow first, so the incident arrives as a live event (the store replay would find it too).
        var opened = FirstAsync(client.FollowFeedAsync(0, timeout.Token), e => e.Kind == FeedEventKind.IncidentOpened);
        var ack = await PushUntilMatchedAsync(client, "live-3", seq =>
            client.PushFramesAsync("live-3", "run-1", seq, [known.Luma], 64, 64, CancellationToken.None));
        var incidentOpened = await opened;
        var first = await FirstAsync(client.FollowFeedAsync(0, timeout.Token), _ => true);
        var second = await FirstAsync(client.FollowFeedAsync(first.Sequence, timeout.Token), _ => true);

        Assert.Equal(ack.IncidentId, incidentOpened.IncidentId);
        Assert.Equal("live-3", incidentOpened.StreamId);
        Assert.True(second.Sequence > first.Sequence, $"resumed at {second.Sequence} after {first.Sequence}");
    }

    [Fact]
    public async Task Refusals_surface_as_LiveWatchApiException_with_the_servers_detail()
    {
        using var platform = await node.NewPlatformAsync("refused");
        var client = platform.Client;
        await client.RegisterStreamAsync(new StreamRegistration("live-4"), CancellationToken.None);

        var missing = await Assert.ThrowsAsync<LiveWatchApiException>(() => client.GetStreamAsync("nope", CancellationToken.None));
        var badHash = await Assert.ThrowsAsync<LiveWatchApiException>(() =>
            client.PushHashesAsync("live-4", "run-1", [new PushedHash(1, "not-a-hash", 100)], CancellationToken.None));
        var conflict = await Assert.ThrowsAsync<LiveWatchApiException>(() =>
            client.RegisterStreamAsync(new StreamRegistration("live-4"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Not found", missing.Title);
        Assert.Contains("Stream 'nope' is not registered", missing.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badHash.StatusCode);
        Assert.StartsWith("hashes[0].hash:", badHash.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("already registered", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decisions_move_an_incident_through_assign_escalate_confirm_and_a_stream_action_and_its_report_exports()
    {
        using var platform = await node.NewPlatformAsync("decide");
        var client = platform.Client;
        var incidentId = await OpenIncidentAsync(platform, "live-5", seed: 21);
        var opened = (await client.GetIncidentAsync(incidentId, CancellationToken.None)).Incident;

        var assigned = await client.AssignIncidentAsync(incidentId, "mod-7", opened.Version, CancellationToken.None);
        var escalated = await client.EscalateIncidentAsync(incidentId, "needs a lead", assigned.Incident.Version, CancellationToken.None);
        var confirmed = await client.ConfirmIncidentAsync(incidentId, null, escalated.Incident.Version, CancellationToken.None);
        var confirmedAgain = await client.ConfirmIncidentAsync(incidentId, null, null, CancellationToken.None);
        var blurred = await client.RequestStreamActionAsync(incidentId, StreamAction.Blur, "while it is reviewed", null, CancellationToken.None);
        var json = await client.GetIncidentReportAsync(incidentId, IncidentReportFormat.Json, CancellationToken.None);
        var xml = await client.GetIncidentReportAsync(incidentId, IncidentReportFormat.Xml, CancellationToken.None);

        Assert.Equal(("mod-7", IncidentState.Open), (assigned.Incident.AssignedTo, assigned.Incident.State));
        Assert.Equal(IncidentState.Escalated, escalated.Incident.State);
        Assert.True(escalated.Incident.Version > assigned.Incident.Version);
        Assert.Equal((IncidentState.Confirmed, true), (confirmed.Incident.State, confirmed.Changed));
        Assert.False(confirmedAgain.Changed);
        Assert.Equal(confirmed.Incident.Version, confirmedAgain.Incident.Version);
        Assert.Equal(("Blur", IncidentState.Confirmed), (blurred.Incident.StreamAction, blurred.Incident.State));
        Assert.NotNull(confirmed.Incident.DecidedBy);
        Assert.Equal(($"livewatch-incident-{incidentId}.json", "application/json"), (json.FileName, json.ContentType));
        Assert.Contains(incidentId.ToString(), System.Text.Encoding.UTF8.GetString(json.Content.Span), StringComparison.Ordinal);
        Assert.Equal(($"livewatch-incident-{incidentId}.xml", "application/xml"), (xml.FileName, xml.ContentType));
        Assert.StartsWith("<?xml", System.Text.Encoding.UTF8.GetString(xml.Content.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decision_someone_else_made_first_is_an_IncidentDecisionConflictException_naming_who_with_the_incident_as_it_is_now()
    {
        using var alice = await node.NewPlatformAsync("conflict");
        using var bob = await node.NewKeyAsync(alice.Tenant, "bob");
        var incidentId = await OpenIncidentAsync(alice, "live-6", seed: 22);
        var seen = (await bob.Client.GetIncidentAsync(incidentId, CancellationToken.None)).Incident;

        var dismissed = await alice.Client.DismissIncidentAsync(incidentId, "a test card", addToNegativeBank: false, seen.Version, CancellationToken.None);
        var late = await Assert.ThrowsAsync<IncidentDecisionConflictException>(() =>
            bob.Client.ConfirmIncidentAsync(incidentId, null, null, CancellationToken.None));
        var stale = await Assert.ThrowsAsync<IncidentDecisionConflictException>(() =>
            bob.Client.AssignIncidentAsync(incidentId, "bob", seen.Version, CancellationToken.None));
        var notConfirmed = await Assert.ThrowsAsync<LiveWatchApiException>(() =>
            alice.Client.GetIncidentReportAsync(incidentId, IncidentReportFormat.Json, CancellationToken.None));

        Assert.Equal(IncidentState.Dismissed, dismissed.Incident.State);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(dismissed.Incident.DecidedBy, late.DecidedBy);
        Assert.Equal((IncidentState.Dismissed, dismissed.Incident.Version), (late.Current!.State, late.Current.Version));
        Assert.Contains($"cannot be confirmed: it was dismissed by", late.Detail, StringComparison.Ordinal);
        Assert.Contains($"changed since version {seen.Version}", stale.Detail, StringComparison.Ordinal);
        Assert.Equal(dismissed.Incident.Version, stale.Current!.Version);
        Assert.IsNotType<IncidentDecisionConflictException>(notConfirmed);
        Assert.Equal(HttpStatusCode.Conflict, notConfirmed.StatusCode);
        await Assert.ThrowsAsync<ArgumentException>(() => alice.Client.DismissIncidentAsync(incidentId, " ", false, null, CancellationToken.None));
    }

    private async Task<Guid> OpenIncidentAsync(TestPlatform platform, string streamId, int seed)
    {
        var known = BenignPictures.Canvas(seed);
        await node.CreateBankAsync(platform.Tenant, known.Pdq.Hash.ToString());
        await platform.Client.RegisterStreamAsync(new StreamRegistration(streamId), CancellationToken.None);
        var ack = await PushUntilMatchedAsync(platform.Client, streamId, seq =>
            platform.Client.PushFramesAsync(streamId, "run-1", seq, [known.Luma], 64, 64, CancellationToken.None));
        return ack.IncidentId!.Value;
    }

    /// <summary>
    /// Pushes (a new sequence each time) until the answer says it matched: bank changes reach the node's replica
    /// asynchronously. A random hash goes before each try, or the monitor would take the try for a near-duplicate of
    /// the previous one and reuse its answer.
    /// </summary>
    private static async Task<PushResult> PushUntilMatchedAsync(LiveWatchClient client, string streamId, Func<long, Task<PushResult>> push)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        for (var seq = 0L; ; seq += 2)
        {
            var filler = new PushedHash(seq, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), 100);
            await client.PushHashesAsync(streamId, "filler", [filler], CancellationToken.None);
            var ack = await push(seq + 1);
            if (ack.Matched > 0)
            {
                Assert.NotNull(ack.IncidentId);
                return ack;
            }

            Assert.True(DateTime.UtcNow < deadline, "the bank never matched");
            await Task.Delay(100);
        }
    }

    private static async Task<FeedEvent> FirstAsync(IAsyncEnumerable<FeedEvent> feed, Func<FeedEvent, bool> wanted)
    {
        await foreach (var feedEvent in feed)
        {
            if (wanted(feedEvent))
            {
                return feedEvent;
            }
        }

        throw new InvalidOperationException("the feed ended");
    }
}
