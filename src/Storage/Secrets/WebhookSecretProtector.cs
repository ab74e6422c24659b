using System.Security.Cryptography;
using System.Text;
using LiveWatch.Storage.Entities;

namespace LiveWatch.Storage.Secrets;

/// <summary>
/// Seals webhook signing secrets for the moderation store with AES-256-GCM (the endpoint id bound in as associated
/// data, so a sealed secret copied to another row does not open), and opens them again to sign. The key is derived
/// from the evidence key with HKDF-SHA256 under its own label: the evidence key itself never serves two purposes,
/// and operators keep one key to guard. Secrets stored before sealing (no prefix) are still read as they are.
/// </summary>
public sealed class WebhookSecretProtector
{
    /// <summary>The setting the key is derived from (the evidence key, <c>LiveWatch:Evidence:Key</c> in the grains).</summary>
    public const string KeySetting = "LiveWatch:Evidence:Key";

    /// <summary>What a sealed secret starts with; the version names the format and the key's derivation.</summary>
    public const string SealedPrefix = "sealed:v1:";

    private const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] s_derivationLabel = "livewatch/webhook-secrets/v1"u8.ToArray();
    private readonly byte[] _key;

    /// <summary>A protector whose key is derived from <paramref name="evidenceKey"/> (base64, 32 bytes).</summary>
    /// <exception cref="InvalidOperationException">The key is missing or malformed; the message names <see cref="KeySetting"/>.</exception>
    public WebhookSecretProtector(string? evidenceKey)
    {
        if (string.IsNullOrWhiteSpace(evidenceKey))
        {
            throw new InvalidOperationException($"{KeySetting} is not set: webhook signing secrets cannot be sealed or opened.");
        }

        var bytes = new byte[KeySize];
        if (!Convert.TryFromBase64String(evidenceKey, bytes, out var length) || length != KeySize)
        {
            throw new InvalidOperationException($"{KeySetting} must be {KeySize} bytes in base64: webhook signing secrets cannot be sealed or opened.");
        }

        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, bytes, KeySize, salt: null, info: s_derivationLabel);
        CryptographicOperations.ZeroMemory(bytes);
    }

    /// <summary>Whether <paramref name="stored"/> is a sealed secret (not one stored before sealing).</summary>
    public static bool IsSealed(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.StartsWith(SealedPrefix, StringComparison.Ordinal);
    }

    /// <summary>The secret as the store keeps it for <paramref name="endpointId"/>.</summary>
    public string Seal(string secret, Guid endpointId)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var plaintext = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize, plaintext.Length), sealedBytes.AsSpan(NonceSize + plaintext.Length), endpointId.ToByteArray());
        return SealedPrefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The secret kept as <paramref name="stored"/> for <paramref name="endpointId"/>; one stored before sealing as it is.</summary>
    /// <exception cref="InvalidOperationException">It does not open with this key; the message names <see cref="KeySetting"/>.</exception>
    public string Open(string stored, Guid endpointId)
    {
        if (!IsSealed(stored))
        {
            return stored;
        }

        var sealedBytes = new byte[(stored.Length - SealedPrefix.Length) * 3 / 4];
        if (!Convert.TryFromBase64Chars(stored.AsSpan(SealedPrefix.Length), sealedBytes, out var length) || length < NonceSize + TagSize)
        {
            throw new InvalidOperationException($"The signing secret of webhook endpoint {endpointId} is damaged in the store; rotate it.");
        }

        var cipherLength = length - NonceSize - TagSize;
        var plaintext = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, cipherLength), sealedBytes.AsSpan(NonceSize + cipherLength, TagSize),
                plaintext, endpointId.ToByteArray());
        }
        catch (AuthenticationTagMismatchException)
        {
            // Not chained: the cause is the configuration, and a cipher's stack trace would only hide it.
            throw new InvalidOperationException(
                $"The signing secret of webhook endpoint {endpointId} does not open with the configured {KeySetting}: the key is not the one the "
                + "secret was sealed with (was it changed?). Restore that key, or rotate the endpoint's secret with no overlap (previousSecretValidForSeconds 0).");
        }

        return Encoding.UTF8.GetString(plaintext);
    }

    /// <summary>The secrets to sign with at <paramref name="now"/>: the current one first, then the previous one while it is valid.</summary>
    /// <exception cref="InvalidOperationException">A secret does not open with this key.</exception>
    public IReadOnlyList<string> SigningSecrets(WebhookEndpoint endpoint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var current = Open(endpoint.Secret, endpoint.Id);
        return endpoint.PreviousSecret is { } previous && endpoint.PreviousSecretExpiresAt is { } until && until > now
            ? [current, Open(previous, endpoint.Id)]
            : [current];
    }
}
