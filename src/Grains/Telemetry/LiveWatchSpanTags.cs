namespace LiveWatch.Grains.Telemetry;

/// <summary>Attribute names on LiveWatch's spans; namespaced so they never collide with OpenTelemetry's own.</summary>
public static class LiveWatchSpanTags
{
    public const string Tenant = "livewatch.tenant";
    public const string Stream = "livewatch.stream";
    public const string Frames = "livewatch.batch.frames";
    public const string Accepted = "livewatch.batch.accepted";
    public const string Repeats = "livewatch.batch.repeats";
    public const string Matched = "livewatch.batch.matched";
    public const string Level = "livewatch.risk.level";
    public const string IncidentId = "livewatch.incident.id";
    public const string IncidentOpened = "livewatch.incident.opened";
    public const string IncidentMatches = "livewatch.incident.matches";
    public const string Decision = "livewatch.incident.decision";

    /// <summary>OpenTelemetry's database semantic convention: which store answered (sqlite, postgresql).</summary>
    public const string DbSystem = "db.system.name";
}
