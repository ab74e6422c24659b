using LiveWatch.Grains.Risk;

namespace LiveWatch.Grains.Monitoring;

/// <summary>
/// Configuration of every stream grain (section <c>LiveWatch:Streams</c>). A tenant's streams use the named options
/// of their tenant id: the section's values, then those under <c>LiveWatch:Streams:Tenants:&lt;tenant id&gt;</c> on
/// top (any option path, e.g. <c>Tenants:acme:Risk:StrongDistanceCutoff</c>).
/// </summary>
public sealed class StreamMonitorOptions
{
    public const string SectionName = "LiveWatch:Streams";

    /// <summary>The subsection of per-tenant overrides, one child per tenant id.</summary>
    public const string TenantsSectionName = "Tenants";

    /// <summary>Hashing and matching of frames.</summary>
    public FrameAnalyzerOptions Analysis { get; set; } = new();

    /// <summary>The risk policy (levels, decay, sampling per level).</summary>
    /// <remarks>
    /// A new instance, never the shared <see cref="RiskPolicyOptions.Default"/>: configuration binding fills the
    /// existing instance in place, so binding into the shared one would change every tenant's and every engine's
    /// defaults.
    /// </remarks>
    public RiskPolicyOptions Risk { get; set; } = new();

    /// <summary>Preview frames asked of the worker around an open incident's matches (pulled streams).</summary>
    public PreviewEvidenceOptions Preview { get; set; } = new();

    /// <summary>State is persisted on every level change and at least this often while frames arrive.</summary>
    public TimeSpan PersistInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest batch accepted (frames or hashes); workers send ~250 ms worth.</summary>
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>Largest side of a raw picture accepted in a frame (ingest sends 64x64 canvases).</summary>
    public int MaxPictureSide { get; set; } = 8192;

    /// <summary>Matched frames kept as evidence per report to the incident (their pixels are encrypted at rest).</summary>
    public int MaxEvidencePerReport { get; set; } = 2;

    /// <summary>What is wrong with the values, or an empty list; each sentence starts with the option's path.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(Analysis.Validate().Select(e => $"{nameof(Analysis)}:{e}"));
        errors.AddRange(Risk.Validate().Select(e => $"{nameof(Risk)}:{e}"));
        errors.AddRange(Preview.Validate().Select(e => $"{nameof(Preview)}:{e}"));
        if (PersistInterval <= TimeSpan.Zero)
        {
            errors.Add($"PersistInterval must be positive, got {PersistInterval}.");
        }

        if (MaxBatchSize is < 1 or > 10_000)
        {
            errors.Add($"MaxBatchSize must be 1..10000, got {MaxBatchSize}.");
        }

        if (MaxPictureSide is < 64 or > 32_768)
        {
            errors.Add($"MaxPictureSide must be 64..32768, got {MaxPictureSide}.");
        }

        if (MaxEvidencePerReport is < 0 or > 16)
        {
            errors.Add($"MaxEvidencePerReport must be 0..16, got {MaxEvidencePerReport}.");
        }

        return errors;
    }
}
