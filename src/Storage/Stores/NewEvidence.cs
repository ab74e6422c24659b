namespace LiveWatch.Storage.Stores;

/// <summary>Evidence to store for an incident; the frame is already encrypted by the caller.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="MatchId">The match the frame belongs to, if any.</param>
/// <param name="CapturedAt">When the frame was captured.</param>
/// <param name="Thumbnail">Blurred greyscale thumbnail (safe to show).</param>
/// <param name="EncryptedFrame">AES-GCM ciphertext of the frame.</param>
/// <param name="Nonce">AES-GCM nonce (12 bytes).</param>
/// <param name="Tag">AES-GCM tag (16 bytes).</param>
/// <param name="KeyId">Id of the encryption key.</param>
/// <param name="ContentType">Media type of the decrypted frame.</param>
public sealed record NewEvidence(
    Guid IncidentId,
    long? MatchId,
    DateTimeOffset CapturedAt,
    ReadOnlyMemory<byte> Thumbnail,
    ReadOnlyMemory<byte> EncryptedFrame,
    ReadOnlyMemory<byte> Nonce,
    ReadOnlyMemory<byte> Tag,
    string KeyId,
    string ContentType);
