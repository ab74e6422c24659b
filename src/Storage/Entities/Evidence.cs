namespace LiveWatch.Storage.Entities;

/// <summary>
/// What a moderator may need to review an incident: a blurred greyscale thumbnail that is safe to show, and the frame
/// itself encrypted with AES-GCM (key named by <see cref="KeyId"/>, held outside the database).
/// </summary>
public sealed class Evidence
{
    /// <summary>AES-GCM nonce size in bytes.</summary>
    public const int NonceLength = 12;

    /// <summary>AES-GCM tag size in bytes.</summary>
    public const int TagLength = 16;

    /// <summary>Evidence id.</summary>
    public Guid Id { get; set; }

    /// <summary>The incident.</summary>
    public Guid IncidentId { get; set; }

    /// <summary>The match the frame belongs to, if any.</summary>
    public long? MatchId { get; set; }

    /// <summary>When the frame was captured (UTC).</summary>
    public DateTimeOffset CapturedAt { get; set; }

    /// <summary>What the frame is: the matched frame or a preview frame around the matches.</summary>
    public EvidenceKind Kind { get; set; }

    /// <summary>
    /// Blurred greyscale thumbnail (safe to show), for matched frames. Preview frames have none: the incident's
    /// matched frames already give it one, and a preview JPEG is never decoded in-process to make another.
    /// </summary>
    public byte[]? Thumbnail { get; set; }

    /// <summary>A preview frame's sequence in the worker's ring; unique per incident, so a resent frame is stored once.</summary>
    public long? PreviewSequence { get; set; }

    /// <summary>A preview frame's stream time in seconds, which links it to the matches around it.</summary>
    public double? StreamSeconds { get; set; }

    /// <summary>The frame, encrypted.</summary>
    public required byte[] EncryptedFrame { get; set; }

    /// <summary>AES-GCM nonce (12 bytes).</summary>
    public required byte[] Nonce { get; set; }

    /// <summary>AES-GCM authentication tag (16 bytes).</summary>
    public required byte[] Tag { get; set; }

    /// <summary>Id of the key that encrypted the frame.</summary>
    public required string KeyId { get; set; }

    /// <summary>Media type of the decrypted frame (for example <c>image/jpeg</c>).</summary>
    public required string ContentType { get; set; }
}
