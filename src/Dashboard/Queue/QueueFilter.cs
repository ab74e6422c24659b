using LiveWatch.Contracts.Risk;
using LiveWatch.Storage.Entities;

namespace LiveWatch.Dashboard.Queue;

/// <summary>What the queue shows: by default the open incidents of every tenant the user sees.</summary>
public sealed record QueueFilter(RiskLevel? Level = null, IncidentState? State = IncidentState.Open, string? StreamId = null, long? BankId = null, int Max = 200)
{
    /// <summary>Whether <paramref name="row"/> passes the filter (the hub's live rows are checked in the browser the same way).</summary>
    public bool Matches(QueueRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return (Level is null || row.Level == Level.ToString())
            && (State is null || row.State == State.ToString())
            && (string.IsNullOrEmpty(StreamId) || row.StreamId == StreamId)
            && (BankId is null || row.BankId == BankId);
    }
}
