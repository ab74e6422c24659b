namespace LiveWatch.Ingest.Sources;

/// <summary>Which stream sources platforms may ask LiveWatch to pull (section <c>LiveWatch:Ingest:Sources</c>).</summary>
public sealed class SourceUrlOptions
{
    public const string SectionName = "LiveWatch:Ingest:Sources";

    /// <summary>URL schemes platforms may register (lowercase). Never file, concat, data, subfile or the like.</summary>
    public IList<string> AllowedSchemes { get; } = ["rtmp", "rtmps", "srt", "http", "https"];

    /// <summary>
    /// Hosts (names or IP addresses) an operator allows although they are or resolve to loopback, link-local or private
    /// addresses: an in-house media server, or 127.0.0.1 in tests. Empty by default.
    /// </summary>
    public IList<string> AllowedPrivateHosts { get; } = [];

    /// <summary>Longest URL accepted.</summary>
    public int MaxUrlLength { get; set; } = 2048;
}
