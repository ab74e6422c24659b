using System.Text.Json;
using LiveWatch.Contracts.Risk;
using LiveWatch.Dashboard.Queue;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using Microsoft.AspNetCore.Mvc;

namespace LiveWatch.Dashboard.Pages;

/// <summary>
/// The live queue: incidents of the user's tenants, most severe then newest first, with filters; new and changed
/// incidents arrive over SignalR (<see cref="QueueHub"/>) from the feed sequence the page was rendered at.
/// </summary>
public sealed class IndexModel : DashboardPageModel
{
    private readonly QueueReader _queue;
    private readonly FeedStore _feed;

    public IndexModel(QueueReader queue, FeedStore feed)
    {
        _queue = queue;
        _feed = feed;
    }

    [BindProperty(SupportsGet = true)]
    public string? Level { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; } = nameof(IncidentState.Open);

    [BindProperty(SupportsGet = true)]
    public string? Stream { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Bank { get; set; }

    public IReadOnlyList<QueueRow> Rows { get; private set; } = [];

    public IReadOnlyList<(long Id, string Name)> Banks { get; private set; } = [];

    public int Unassigned { get; private set; }

    /// <summary>For the script: each tenant's feed sequence the rows were read at, and the unassigned open incidents.</summary>
    public string ClientState { get; private set; } = "{}";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var tenants = await VisibleTenantsAsync(cancellationToken).ConfigureAwait(false);
        var filter = new QueueFilter(
            Enum.TryParse<RiskLevel>(Level, out var level) ? level : null,
            string.IsNullOrEmpty(State) ? null : Enum.TryParse<IncidentState>(State, out var state) ? state : IncidentState.Open,
            string.IsNullOrWhiteSpace(Stream) ? null : Stream.Trim(),
            Bank);

        // Sequences first: an event after them is sent live, so none falls between the read and the subscription.
        var sequences = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var tenant in tenants)
        {
            sequences[tenant] = await _feed.GetLatestSequenceAsync(tenant, cancellationToken).ConfigureAwait(false);
        }

        Rows = await _queue.ListAsync(tenants, filter, cancellationToken).ConfigureAwait(false);
        Banks = await _queue.ListBanksAsync(tenants, cancellationToken).ConfigureAwait(false);
        Unassigned = await _queue.CountUnassignedAsync(tenants, cancellationToken).ConfigureAwait(false);
        var unassigned = await _queue.ListAsync(tenants, new QueueFilter(Max: 1000), cancellationToken).ConfigureAwait(false);
        ClientState = JsonSerializer.Serialize(new
        {
            after = sequences,
            unassigned = unassigned.Where(r => r.AssignedTo is null).Select(r => r.IncidentId),
            filter = new { level = filter.Level?.ToString(), state = filter.State?.ToString(), stream = filter.StreamId, bank = filter.BankId },
        }, JsonSerializerOptions.Web);
    }
}
