using System.Diagnostics.CodeAnalysis;

namespace LiveWatch.Storage.Entities;

/// <summary>A live stream a tenant asked LiveWatch to watch. Key: (<see cref="TenantId"/>, <see cref="StreamId"/>).</summary>
[SuppressMessage("Naming", "CA1711", Justification = "A live video stream, the domain's word; not a System.IO.Stream.")]
public sealed class MonitoredStream
{
    /// <summary>Longest accepted stream id.</summary>
    public const int MaxStreamIdLength = 200;

    /// <summary>Owning tenant.</summary>
    public required string TenantId { get; set; }

    /// <summary>The platform's own id for the stream; unique within the tenant.</summary>
    public required string StreamId { get; set; }

    /// <summary>Where ingest pulls the stream from, when LiveWatch pulls it; null when the platform pushes frames or hashes.</summary>
    public string? SourceUrl { get; set; }

    /// <summary>The platform's channel name, for moderators.</summary>
    public string? Channel { get; set; }

    /// <summary>The platform's id of the broadcasting user.</summary>
    public string? UserId { get; set; }

    /// <summary>Stream title, for moderators.</summary>
    public string? Title { get; set; }

    /// <summary>Scheduling priority; higher is watched first when capacity is short.</summary>
    public int Priority { get; set; }

    /// <summary>Current state.</summary>
    public StreamState State { get; set; }

    /// <summary>When the stream was registered (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the stream stopped being watched (UTC).</summary>
    public DateTimeOffset? StoppedAt { get; set; }

    /// <summary>When the last frame was seen (UTC).</summary>
    public DateTimeOffset? LastFrameAt { get; set; }
}
