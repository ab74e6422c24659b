namespace LiveWatch.Contracts.Feed;

/// <summary>
/// Where live feed notifications travel on Orleans Streaming: one stream provider, one stream namespace per kind of
/// subject, and one stream per tenant in each (the stream key is the tenant id), so a subscriber only ever receives
/// its own tenant's notifications.
/// </summary>
public static class FeedStreams
{
    /// <summary>The stream provider's name.</summary>
    public const string ProviderName = "feed";

    /// <summary>Incidents opened, updated or changing level.</summary>
    public const string IncidentsNamespace = "incidents";

    /// <summary>Streams' state changes.</summary>
    public const string StreamsNamespace = "streams";

    /// <summary>Every namespace a tenant's feed is made of.</summary>
    public static IReadOnlyList<string> Namespaces { get; } = [IncidentsNamespace, StreamsNamespace];

    /// <summary>The namespace that carries events of <paramref name="kind"/>.</summary>
    public static string NamespaceOf(FeedEventKind kind) => kind switch
    {
        FeedEventKind.IncidentOpened or FeedEventKind.IncidentUpdated or FeedEventKind.LevelChanged => IncidentsNamespace,
        FeedEventKind.StreamStateChanged => StreamsNamespace,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a feed event kind."),
    };
}
