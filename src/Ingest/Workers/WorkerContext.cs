using LiveWatch.Ingest.Sampling;
using LiveWatch.Ingest.Sources;
using LiveWatch.Ingest.Supervision;
using Microsoft.Extensions.Logging;

namespace LiveWatch.Ingest.Workers;

/// <summary>What every stream runner of one worker shares: identity, settings, the cluster and the clock.</summary>
internal sealed record WorkerContext(
    string WorkerId,
    IGrainFactory Grains,
    IngestWorkerOptions Worker,
    SamplerOptions Sampler,
    SourceUrlPolicy UrlPolicy,
    IngestMetrics Metrics,
    FfmpegStartGate StartGate,
    ILoggerFactory LoggerFactory,
    TimeProvider Time);
