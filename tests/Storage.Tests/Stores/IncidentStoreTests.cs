using LiveWatch.Contracts.Feed;
using LiveWatch.Contracts.Risk;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using LiveWatch.Storage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage.Tests.Stores;

public abstract class IncidentStoreTests : StoreTestBase
{
    private long _bankId;
    private long[] _entryIds = [];

    private async Task SeedAsync()
    {
        await CreateTenantAsync("acme");
        await using var s = Open();
        await s.Streams.RegisterAsync("acme", new StreamRegistration("live-1", Channel: "chan"));
        var bank = await s.Banks.CreateBankAsync("acme", "bank");
        _bankId = bank.Id;
        await s.Banks.ImportAsync("acme", bank.Id, Enumerable.Range(1, 3).Select(i => new NewBankEntry(HashOf(i), $"e{i}")));
        _entryIds = (await s.Banks.ListEntriesAsync("acme", bank.Id)).Select(e => e.Id).ToArray();
    }

    [Fact]
    public async Task Open_creates_an_open_incident_at_version_1_and_reports_it_on_the_feed()
    {
        await SeedAsync();
        await using var s = Open();
        var before = await s.Feed.GetLatestSequenceAsync("acme");

        var incident = await s.Incidents.OpenAsync("acme", "live-1", RiskLevel.Watch);

        Assert.Equal((IncidentState.Open, RiskLevel.Watch, 1L, 0), (incident.State, incident.Level, incident.Version, incident.MatchCount));
        Assert.Null(incident.BestDistance);
        var events = await s.Feed.GetEventsAfterAsync("acme", before);
        var opened = Assert.Single(events);
        Assert.Equal((FeedEventKind.IncidentOpened, incident.Id, "live-1"), (opened.Kind, opened.IncidentId, opened.StreamId));
        Assert.Contains("\"level\":\"Watch\"", opened.Payload, StringComparison.Ordinal);
        Assert.Equal(incident.Id, (await s.Incidents.FindActiveAsync("acme", "live-1"))!.Id);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => s.Incidents.OpenAsync("acme", "no-such-stream", RiskLevel.Alert));
    }

    [Fact]
    public async Task The_same_match_added_twice_is_stored_once()
    {
        await SeedAsync();
        await using var s = Open();
        var incident = await s.Incidents.OpenAsync("acme", "live-1", RiskLevel.Watch);
        NewIncidentMatch[] batch = [Match("run-1", 10, _bankId, _entryIds[0], 12), Match("run-1", 11, _bankId, _entryIds[1], 7)];

        var first = await s.Incidents.AddMatchesAsync("acme", incident.Id, batch);
        var retry = await s.Incidents.AddMatchesAsync("acme", incident.Id, batch);

        Assert.Equal(2, first.Added);
        Assert.Equal(0, retry.Added);
        Assert.Equal((2, 7, 2L), (retry.Incident.MatchCount, retry.Incident.BestDistance, retry.Incident.Version));
        Assert.Equal(2, (await s.Incidents.ListMatchesAsync("acme", incident.Id)).Count);

        // Duplicates inside one batch, and a new entry on a known frame.
        var mixed = await s.Incidents.AddMatchesAsync(
            "acme",
            incident.Id,
            [Match("run-1", 10, _bankId, _entryIds[0]), Match("run-1", 10, _bankId, _entryIds[2], 3), Match("run-1", 10, _bankId, _entryIds[2], 3)]);
        Assert.Equal(1, mixed.Added);
        Assert.Equal((3, 3), (mixed.Incident.MatchCount, mixed.Incident.BestDistance));

        // The same frame of another run is another match.
        Assert.Equal(1, (await s.Incidents.AddMatchesAsync("acme", incident.Id, [Match("run-2", 10, _bankId, _entryIds[0])])).Added);
    }

    [Fact]
    public async Task The_unique_index_refuses_a_duplicate_match_that_bypasses_the_store()
    {
        await SeedAsync();
        await using var s = Open();
        var incident = await s.Incidents.OpenAsync("acme", "live-1", RiskLevel.Watch);
        await s.Incidents.AddMatchesAsync("acme", incident.Id, [Match("run-1", 1, _bankId, _entryIds[0])]);
        var stored = await s.Db.IncidentMatches.AsNoTracking().SingleAsync();
        stored.Id = 0;
        s.Db.IncidentMatches.Add(stored);
        await Assert.ThrowsAsync<DbUpdateException>(() => s.Db.SaveChangesAsync());
    }

    [Fact]
    public async Task Matches_and_level_changes_go_to_the_feed_in_order()
    {
        await SeedAsync();
        await using var s = Open();
        var incident = await s.Incidents.OpenAsync("acme", "live-1", RiskLevel.Watch);
        var after = await s.Feed.GetLatestSequenceAsync("acme");

        await s.Incidents.AddMatchesAsync("acme", incident.Id, [Match("r", 1, _bankId, _entryIds[0])], RiskLevel.Alert);
        await s.Incidents.AddMatchesAsync("acme", incident.Id, [], RiskLevel.Critical);

        var events = await s.Feed.GetEventsAfterAsync("acme", after);
        Assert.Equal([FeedEventKind.IncidentUpdated, FeedEventKind.LevelChanged, FeedEventKind.LevelChanged], events.Select(e => e.Kind));
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
        Assert.Contains("\"previous\":\"Alert\"", events[2].Payload, StringComparison.Ordinal);
        var reloaded = await s.Incidents.GetAsync("acme", incident.Id);
        Assert.Equal((RiskLevel.Critical, 3L), (reloaded!.Level, reloaded.Version));
        Assert.Single(await s.Incidents.ListAsync("acme", new IncidentQuery(MinimumLevel: RiskLevel.Alert)));
        Assert.Empty(await s.Incidents.ListAsync("acme", new IncidentQuery(State: IncidentState.Closed)));
    }

    [Fact]
    public async Task State_changes_need_the_current_version()
    {
        await SeedAsync();
        Guid id;
        await using (var s = Open())
        {
            id = (await s.Incidents.OpenAsync("acme", "live-1", RiskLevel.Alert)).Id;
        }

        // Two moderators read version 1; the first decision wins, the second is refused.
        await using var first = Open();
        await using var second = Open();
        var confirmed = await first.Incidents.UpdateStateAsync("acme", id, IncidentState.Confirmed, expectedVersion: 1);
        Assert.Equal((IncidentState.Confirmed, 2L), (confirmed.State, confirmed.Version));

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => second.Incidents.UpdateStateAsync("acme", id, IncidentState.Dismissed, expectedVersion: 1));
        Assert.Equal((1L, 2L), (conflict.ExpectedVersion, conflict.CurrentVersion));

        // New matches change the version too: a decision on the view before them is refused.
        await first.Incidents.AddMatchesAsync("acme", id, [Match("r", 1, _bankId, _entryIds[0])]);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.Incidents.UpdateStateAsync("acme", id, IncidentState.Reported, 2));
        var reported = await second.Incidents.UpdateStateAsync("acme", id, IncidentState.Reported, 3);
        Assert.Equal(IncidentState.Reported, reported.State);
    }

    [Fact]
    public async Task The_version_is_checked_by_the_database_when_a_row_changes_between_read_and_write()
    {
        await SeedAsync();
        Guid id;
        await using (var s = Open())
        {
            id = (await s.Incidents.OpenAsync("acme", "live-1", RiskLevel.Alert)).Id;
        }

        await using var stale = Open();
        var tracked = await stale.Db.Incidents.SingleAsync(i => i.Id == id);
        await using (var other = Open())
        {
            await other.Incidents.AssignAsync("acme", id, "mod-1", 1);
        }

        tracked.State = IncidentState.Dismissed;
        tracked.Version++;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.Db.SaveChangesAsync());
    }

    [Fact]
    public async Task Closing_sets_ClosedAt_and_a_closed_incident_never_changes_state()
    {
        await SeedAsync();
        await using var s = Open();
        var incident = await s.Incidents.OpenAsync("acme", "live-1", RiskLevel.Alert);
        Time.Advance(TimeSpan.FromMinutes(5));
        var closed = await s.Incidents.UpdateStateAsync("acme", incident.Id, IncidentState.Closed, 1);
        Assert.Equal(Time.GetUtcNow(), closed.ClosedAt);
        Assert.Equal(Time.GetUtcNow(), closed.UpdatedAt);
        await Assert.ThrowsAsync<EntityConflictException>(() => s.Incidents.UpdateStateAsync("acme", incident.Id, IncidentState.Open, 2));
        await Assert.ThrowsAsync<EntityConflictException>(() => s.Incidents.AddMatchesAsync("acme", incident.Id, [Match("r", 1, _bankId, _entryIds[0])]));
        Assert.Null(await s.Incidents.FindActiveAsync("acme", "live-1"));
    }

    [Fact]
    public async Task State_change_audit_and_outbox_commit_together_or_not_at_all()
    {
        await SeedAsync();
        Guid id;
        await using (var s = Open())
        {
            id = (await s.Incidents.OpenAsync("acme", "live-1", RiskLevel.Alert)).Id;
        }

        long feedBefore;
        await using (var s = Open())
        {
            feedBefore = await s.Feed.GetLatestSequenceAsync("acme");
            await Assert.ThrowsAsync<InvalidOperationException>(() => s.Db.ExecuteInTransactionAsync(async ct =>
            {
                await s.Incidents.UpdateStateAsync("acme", id, IncidentState.Confirmed, 1, ct);
                await s.Audit.AppendAsync("acme", "mod-1", "incident.confirmed", "incident", id.ToString(), null, ct);
                await s.Outbox.EnqueueAsync("acme", "incident.confirmed", new { id }, $"confirm-{id}", ct);
                throw new InvalidOperationException("the webhook payload could not be built");
            }));
        }

        await using (var s = Open())
        {
            var incident = await s.Incidents.GetAsync("acme", id);
            Assert.Equal((IncidentState.Open, 1L), (incident!.State, incident.Version));
            Assert.Empty(await s.Audit.QueryAsync("acme"));
            Assert.Empty(await s.Outbox.ListAsync("acme"));
            Assert.Empty(await s.Feed.GetEventsAfterAsync("acme", feedBefore));

            // The same work without the failure commits all of it.
            await s.Db.ExecuteInTransactionAsync(async ct =>
            {
                await s.Incidents.UpdateStateAsync("acme", id, IncidentState.Confirmed, 1, ct);
                await s.Audit.AppendAsync("acme", "mod-1", "incident.confirmed", "incident", id.ToString(), null, ct);
                await s.Outbox.EnqueueAsync("acme", "incident.confirmed", new { id }, $"confirm-{id}", ct);
            });
        }

        await using (var s = Open())
        {
            Assert.Equal(IncidentState.Confirmed, (await s.Incidents.GetAsync("acme", id))!.State);
            Assert.Single(await s.Audit.QueryAsync("acme"));
            Assert.Single(await s.Outbox.ListAsync("acme"));
            Assert.Single(await s.Feed.GetEventsAfterAsync("acme", feedBefore));
        }
    }

    [Fact]
    public async Task Preview_frames_are_stored_once_per_sequence_beside_the_matched_frames_evidence()
    {
        await SeedAsync();
        await using var s = Open();
        var incident = await s.Incidents.OpenAsync("acme", "live-1", RiskLevel.Alert);
        await s.Incidents.AddEvidenceAsync("acme", new NewEvidence(incident.Id, null, Time.GetUtcNow(), new byte[] { 1 }, new byte[] { 2 }, new byte[12], new byte[16], "k", "image/png"));
        NewPreviewFrame Frame(long sequence, double seconds) =>
            new(sequence, seconds, Time.GetUtcNow(), new byte[] { (byte)sequence, 7 }, new byte[12], new byte[16], "k", "image/jpeg");

        var first = await s.Incidents.AddPreviewFramesAsync("acme", incident.Id, [Frame(3, 1.5), Frame(4, 2.0)]);
        var again = await s.Incidents.AddPreviewFramesAsync("acme", incident.Id, [Frame(4, 2.0), Frame(5, 2.5), Frame(5, 2.5)]);

        Assert.Equal([3L, 4L], first.Select(e => e.PreviewSequence!.Value));
        Assert.Equal([5L], again.Select(e => e.PreviewSequence!.Value));
        Assert.Equal([new PreviewFrameSummary(3, 1.5), new PreviewFrameSummary(4, 2.0), new PreviewFrameSummary(5, 2.5)],
            await s.Incidents.ListPreviewFramesAsync("acme", incident.Id));
        var all = await s.Incidents.ListEvidenceAsync("acme", incident.Id);
        Assert.Equal(1, all.Count(e => e.Kind == EvidenceKind.Match && e.Thumbnail is not null));
        Assert.Equal(3, all.Count(e => e.Kind == EvidenceKind.Preview && e.Thumbnail is null && e.ContentType == "image/jpeg"));
        Assert.Empty(await s.Incidents.ListPreviewFramesAsync("globex", incident.Id));
        Assert.Equal("acme", (await s.Incidents.FindAnyTenantAsync(incident.Id))!.TenantId);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => s.Incidents.AddPreviewFramesAsync("globex", incident.Id, [Frame(9, 9)]));
    }

    [Fact]
    public async Task Evidence_is_stored_with_its_encryption_fields_and_checked()
    {
        await SeedAsync();
        await using var s = Open();
        var incident = await s.Incidents.OpenAsync("acme", "live-1", RiskLevel.Alert);
        await s.Incidents.AddMatchesAsync("acme", incident.Id, [Match("r", 1, _bankId, _entryIds[0])]);
        var match = Assert.Single(await s.Incidents.ListMatchesAsync("acme", incident.Id));
        var evidence = new NewEvidence(incident.Id, match.Id, Time.GetUtcNow(), new byte[] { 1, 2, 3 }, new byte[] { 9, 9 }, new byte[12], new byte[16], "key-2026-03", "image/jpeg");

        var stored = await s.Incidents.AddEvidenceAsync("acme", evidence);

        var read = await s.Incidents.GetEvidenceAsync("acme", stored.Id);
        Assert.Equal(new byte[] { 1, 2, 3 }, read!.Thumbnail);
        Assert.Equal(new byte[] { 9, 9 }, read.EncryptedFrame);
        Assert.Equal(("key-2026-03", match.Id), (read.KeyId, read.MatchId));
        Assert.Single(await s.Incidents.ListEvidenceAsync("acme", incident.Id));
        await Assert.ThrowsAsync<ArgumentException>(() => s.Incidents.AddEvidenceAsync("acme", evidence with { Nonce = new byte[8] }));
        await Assert.ThrowsAsync<ArgumentException>(() => s.Incidents.AddEvidenceAsync("acme", evidence with { Tag = new byte[12] }));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => s.Incidents.AddEvidenceAsync("acme", evidence with { MatchId = match.Id + 1000 }));
    }

    [Fact]
    public async Task Match_fields_round_trip()
    {
        await SeedAsync();
        await using var s = Open();
        var incident = await s.Incidents.OpenAsync("acme", "live-1", RiskLevel.Alert);
        var input = new NewIncidentMatch("run-7", 123_456_789_012, new DateTimeOffset(2026, 3, 1, 13, 14, 15, 123, TimeSpan.FromHours(2)), _bankId, _entryIds[1], 17, 5, 88, HashOf(77));
        await s.Incidents.AddMatchesAsync("acme", incident.Id, [input]);

        var match = Assert.Single(await s.Incidents.ListMatchesAsync("acme", incident.Id));
        Assert.Equal(("run-7", 123_456_789_012L, _bankId, _entryIds[1], 17, 5, 88, HashOf(77)),
            (match.RunId, match.FrameSequence, match.BankId, match.BankEntryId, match.Distance, match.Variant, match.Quality, match.FrameHash));
        Assert.Equal(input.FrameTimestamp, match.FrameTimestamp);
        Assert.Equal(TimeSpan.Zero, match.FrameTimestamp.Offset);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => s.Incidents.AddMatchesAsync("acme", incident.Id, [input with { Variant = 8 }]));
    }

    [Fact]
    public async Task Concurrent_overlapping_batches_on_one_incident_store_each_match_once()
    {
        await SeedAsync();
        Guid id;
        await using (var s = Open())
        {
            id = (await s.Incidents.OpenAsync("acme", "live-1", RiskLevel.Watch)).Id;
        }

        // Four retried deliveries of overlapping frame ranges, at once, each on its own unit of work.
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async worker =>
        {
            await using var s = Open();
            var batch = Enumerable.Range(worker * 5, 10).Select(frame => Match("run-1", frame, _bankId, _entryIds[frame % 3], 20 - worker)).ToList();
            return (await s.Incidents.AddMatchesAsync("acme", id, batch)).Added;
        }));

        await using (var s = Open())
        {
            var matches = await s.Incidents.ListMatchesAsync("acme", id);
            Assert.Equal(25, matches.Count);
            Assert.Equal(25, results.Sum());
            var incident = await s.Incidents.GetAsync("acme", id);
            Assert.Equal(25, incident!.MatchCount);
            Assert.Equal(matches.Min(m => m.Distance), incident.BestDistance);
        }
    }
}
