namespace LiveWatch.Storage.Entities;

/// <summary>Where an evidence frame came from. The store keeps the name, so names must never change.</summary>
public enum EvidenceKind
{
    /// <summary>The matched frame itself (the grain's canvas or the pushed picture), with a blurred thumbnail.</summary>
    Match = 0,

    /// <summary>A JPEG preview frame from the ingest worker's ring around the matches; no thumbnail.</summary>
    Preview = 1,
}
