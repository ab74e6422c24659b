namespace LiveWatch.Grains.Evidence;

/// <summary>
/// How evidence frames are protected at rest (section <c>LiveWatch:Evidence</c>). The key comes from configuration
/// (an environment variable or a secret store in production); a single node without one generates a key file in its
/// data directory on first start. Keys never live in the repository.
/// </summary>
public sealed class EvidenceOptions
{
    public const string SectionName = "LiveWatch:Evidence";

    /// <summary>The AES-256 key, base64 (32 bytes).</summary>
    public string? Key { get; set; }

    /// <summary>A name for the key, stored with each blob so keys can be rotated.</summary>
    public string KeyId { get; set; } = "default";

    /// <summary>Side of the blurred greyscale thumbnail, in pixels.</summary>
    public int ThumbnailSide { get; set; } = 160;

    /// <summary>Gaussian blur radius (sigma) of thumbnails, in thumbnail pixels; strong enough that nothing is recognisable.</summary>
    public float ThumbnailBlurSigma { get; set; } = 6f;

    /// <summary>Most preview frames kept per incident; later ones are not stored. Default 60.</summary>
    public int MaxPreviewFramesPerIncident { get; set; } = 60;

    /// <summary>Largest preview JPEG accepted, in bytes. Default 2 MB.</summary>
    public int MaxPreviewFrameBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>What is wrong with the values (the key is checked where it is used), or an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxPreviewFramesPerIncident is < 1 or > 10_000)
        {
            errors.Add($"MaxPreviewFramesPerIncident must be 1..10000, got {MaxPreviewFramesPerIncident}.");
        }

        if (MaxPreviewFrameBytes is < 1024 or > 64 * 1024 * 1024)
        {
            errors.Add($"MaxPreviewFrameBytes must be 1 KB..64 MB, got {MaxPreviewFrameBytes}.");
        }

        return errors;
    }
}
