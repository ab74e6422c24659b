using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace LiveWatch.Grains.Evidence;

/// <summary>Encrypts evidence frames with AES-256-GCM; the incident id is bound in as associated data.</summary>
public sealed class EvidenceProtector
{
    public const int NonceSize = 12;
    public const int TagSize = 16;
    private readonly byte[] _key;

    public EvidenceProtector(IOptions<EvidenceOptions> options)
    {
        var value = options.Value;
        if (string.IsNullOrWhiteSpace(value.Key))
        {
            throw new InvalidOperationException($"{EvidenceOptions.SectionName}:Key is not set: evidence cannot be encrypted.");
        }

        _key = Convert.FromBase64String(value.Key);
        if (_key.Length != 32)
        {
            throw new InvalidOperationException($"{EvidenceOptions.SectionName}:Key must be 32 bytes (base64), got {_key.Length}.");
        }

        KeyId = value.KeyId;
    }

    /// <summary>The name of the key in use.</summary>
    public string KeyId { get; }

    /// <summary>A new random key, base64, for <see cref="EvidenceOptions.Key"/>.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public ProtectedEvidence Protect(ReadOnlySpan<byte> plaintext, Guid incidentId)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, incidentId.ToByteArray());
        return new ProtectedEvidence(ciphertext, nonce, tag, KeyId);
    }

    /// <exception cref="AuthenticationTagMismatchException">Wrong key, wrong incident or tampered data.</exception>
    public byte[] Unprotect(ProtectedEvidence evidence, Guid incidentId)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var plaintext = new byte[evidence.Ciphertext.Length];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(evidence.Nonce, evidence.Ciphertext, evidence.Tag, plaintext, incidentId.ToByteArray());
        return plaintext;
    }
}

/// <summary>An encrypted evidence frame.</summary>
public sealed record ProtectedEvidence(byte[] Ciphertext, byte[] Nonce, byte[] Tag, string KeyId);
