namespace LiveWatch.Grains.Monitoring;

/// <summary>
/// The stream time around an open incident's matches whose preview frames the grain asks the worker for, until the
/// incident holds them. Stream times are those of one sampler run: a new run starts its clock again.
/// </summary>
[GenerateSerializer]
public sealed class PreviewEvidenceWindow
{
    [Id(0)]
    public Guid IncidentId { get; set; }

    /// <summary>The run whose stream times these are.</summary>
    [Id(1)]
    public string RunId { get; set; } = string.Empty;

    /// <summary>Stream time of the first match.</summary>
    [Id(2)]
    public double FirstMatchSeconds { get; set; }

    /// <summary>Stream time of the last match so far.</summary>
    [Id(3)]
    public double LastMatchSeconds { get; set; }

    /// <summary>The incident holds the frames (or the grain gave up): no more requests until a later match.</summary>
    [Id(4)]
    public bool Complete { get; set; }

    /// <summary>The incident holds as many preview frames as it keeps: no more requests for it, whatever matches follow.</summary>
    [Id(5)]
    public bool Full { get; set; }

    /// <summary>Stream time at which the incident's coverage was last asked while matches kept extending the window.</summary>
    [Id(6)]
    public double? CoverageCheckedAtSeconds { get; set; }
}
