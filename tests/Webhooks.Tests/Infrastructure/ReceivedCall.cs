using System.Text.Json.Nodes;

namespace LiveWatch.Webhooks.Tests.Infrastructure;

/// <summary>One POST the receiver got, as it arrived (raw body, headers), and what it answered.</summary>
/// <param name="Path">The endpoint's path (one per test endpoint).</param>
/// <param name="Arrived">Arrival order across all calls.</param>
/// <param name="Attempt">This call's number for its event at this path: 1 for the first, 2 for the retry…</param>
public sealed record ReceivedCall(
    string Path,
    long Arrived,
    int Attempt,
    string? Signature,
    string? EventId,
    string? EventType,
    string? Timestamp,
    string? DeliveryAttempt,
    string? ContentType,
    byte[] Body)
{
    /// <summary>Status answered (0 while the answer is pending).</summary>
    public int Status { get; set; }

    /// <summary>Order in which the answer was completed across all calls (0 while pending).</summary>
    public long Answered { get; set; }

    public JsonNode Json => JsonNode.Parse(Body)!;

    public string? StreamId => (string?)Json["streamId"];
}
