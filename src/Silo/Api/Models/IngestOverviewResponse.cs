namespace LiveWatch.Silo.Api.Models;

/// <summary>The ingest scheduler's view: live workers with their streams, and the streams waiting for a worker.</summary>
public sealed record IngestOverviewResponse(IReadOnlyList<IngestWorkerResponse> Workers, IReadOnlyList<IngestStreamResponse> Waiting);

/// <summary>One live ingest worker.</summary>
public sealed record IngestWorkerResponse(string WorkerId, int Capacity, DateTimeOffset LastHeartbeat, IReadOnlyList<IngestStreamResponse> Streams);

/// <summary>A pulled stream, by tenant and the tenant's stream id.</summary>
public sealed record IngestStreamResponse(string TenantId, string StreamId);
