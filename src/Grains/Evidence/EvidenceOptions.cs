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
}
