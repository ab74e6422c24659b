using OpenTelemetry.Exporter;

namespace LiveWatch.Silo.Hosting;

/// <summary>Where telemetry goes besides the <c>/metrics</c> scrape endpoint (section <c>LiveWatch:Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "LiveWatch:Telemetry";

    /// <summary>
    /// An OTLP collector (e.g. <c>http://127.0.0.1:4317</c>) that receives traces, metrics and logs. Unset: nothing is
    /// exported over OTLP unless the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable names one.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The OTLP transport: gRPC (port 4317 by convention) or HTTP/protobuf (4318).</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;
}
