using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Risk;
using LiveWatch.Contracts.Streams;
using LiveWatch.Hashing.Pdq;
using LiveWatch.Silo.Api.Models;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;

namespace LiveWatch.Silo.Api;

/// <summary>Store rows and grain answers as the API shows them.</summary>
internal static class ApiMapping
{
    public static StreamResponse ToResponse(this MonitoredStream stream, StreamStatus? status) =>
        new(stream.StreamId, stream.State.ToString(), stream.SourceUrl, stream.Channel, stream.UserId, stream.Title, stream.Priority,
            stream.CreatedAt, stream.StoppedAt, status is null ? null : ToResponse(status),
            status?.IngestState is { } ingest
                ? new StreamIngestResponse(ingest.ToString(), status.IngestReason, status.IngestWorkerId, status.IngestRestarts, status.IngestReportedAt)
                : null);

    public static IngestOverviewResponse ToResponse(this Contracts.Scheduling.SchedulerOverview overview) =>
        new([.. overview.Workers.Select(w => new IngestWorkerResponse(w.WorkerId, w.Capacity, w.LastHeartbeat, [.. w.Streams.Select(ToResponse)]))],
            [.. overview.Waiting.Select(ToResponse)]);

    public static IngestStreamResponse ToResponse(this StreamKey key) => new(key.TenantId, key.StreamId);

    public static StreamMonitorResponse ToResponse(this StreamStatus status) =>
        new(status.Level.ToString(), Math.Round(status.Score, 3), status.FramesReceived, status.FramesMatched, status.FramesLowQuality,
            status.FramesNearDuplicate, status.Repeats, status.LastFrameAt, status.OpenIncidentId, status.Stopped);

    public static PushResponse ToResponse(this IngestAck ack) =>
        new(ack.Accepted, ack.Repeats, ack.Matched, ack.Level.ToString(), ack.IncidentId, ack.Sampling.ToResponse());

    public static SamplingResponse ToResponse(this SamplingPolicy sampling) => new(sampling.Mode.ToString(), sampling.FramesPerSecond);

    public static IncidentResponse ToResponse(this Incident incident) =>
        new(incident.Id, incident.StreamId, incident.State.ToString(), incident.Level.ToString(), incident.OpenedAt, incident.UpdatedAt,
            incident.MatchCount, incident.BestDistance, incident.Version, incident.AssignedTo, incident.DecidedBy, incident.DecidedAt, incident.StreamAction);

    public static IncidentMatchResponse ToResponse(this Storage.Entities.IncidentMatch match) =>
        new(match.RunId, match.FrameSequence, match.FrameTimestamp, match.BankId, match.BankEntryId, match.Distance,
            ((Dihedral)match.Variant).ToShortName(), match.Quality, match.FrameHash.ToString());

    public static TenantResponse ToResponse(this Tenant tenant) => new(tenant.Id, tenant.Name, tenant.CreatedAt);

    public static ApiKeyResponse ToResponse(this ApiKeyInfo key, string? token = null) =>
        new(key.Id, key.TenantId, key.Name, key.Role.ToString(), key.Prefix, key.CreatedAt, key.RevokedAt, token);

    public static BankResponse ToResponse(this Bank bank, int entryCount) =>
        new(bank.Id, bank.TenantId, bank.Name, bank.Kind.ToString(), bank.DistanceThreshold, bank.Enabled, entryCount, bank.CreatedAt);

    public static BankEntryResponse ToResponse(this BankEntry entry) => new(entry.Id, entry.BankId, entry.ExternalId, entry.Label, entry.AddedAt);

    /// <summary>Parses an enum the API takes as text, with an error naming the field and the accepted values.</summary>
    public static TEnum ParseEnum<TEnum>(string? value, string field)
        where TEnum : struct, Enum
    {
        if (value is not null && !int.TryParse(value, out _) && Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed))
        {
            return parsed;
        }

        throw new ArgumentException($"{field}: '{value}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.", field);
    }

    public static TEnum? ParseOptionalEnum<TEnum>(string? value, string field)
        where TEnum : struct, Enum =>
        string.IsNullOrEmpty(value) ? null : ParseEnum<TEnum>(value, field);
}
