namespace LiveWatch.Storage.Stores;

/// <summary>A preview frame to store with an incident; the JPEG is already encrypted by the caller.</summary>
/// <param name="Sequence">The frame's sequence in the worker's preview ring (unique per incident).</param>
/// <param name="StreamSeconds">Stream time of the frame.</param>
/// <param name="CapturedAt">When the worker captured it.</param>
/// <param name="EncryptedFrame">AES-GCM ciphertext of the JPEG.</param>
/// <param name="Nonce">AES-GCM nonce (12 bytes).</param>
/// <param name="Tag">AES-GCM tag (16 bytes).</param>
/// <param name="KeyId">Id of the encryption key.</param>
/// <param name="ContentType">Media type of the decrypted frame.</param>
public sealed record NewPreviewFrame(
    long Sequence,
    double StreamSeconds,
    DateTimeOffset CapturedAt,
    ReadOnlyMemory<byte> EncryptedFrame,
    ReadOnlyMemory<byte> Nonce,
    ReadOnlyMemory<byte> Tag,
    string KeyId,
    string ContentType);
