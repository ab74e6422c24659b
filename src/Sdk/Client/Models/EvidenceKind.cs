namespace LiveWatch.Sdk.Client.Models;

/// <summary>What an evidence frame is.</summary>
public enum EvidenceKind
{
    /// <summary>A frame that matched a bank (the incident's blurred thumbnail is made from it).</summary>
    Match = 0,

    /// <summary>A frame from the ingest worker's preview ring, before or after the matches.</summary>
    Preview = 1,
}
