using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LiveWatch.Sdk.Webhooks;

/// <summary>
/// Checks that a webhook call came from LiveWatch, unaltered and recently.
/// </summary>
/// <remarks>
/// <para>
/// LiveWatch signs every webhook call with the secret the platform was given for the endpoint and sends
/// <c>LiveWatch-Signature: t=&lt;unix seconds&gt;,v1=&lt;signature&gt;</c>, where the signature is the lowercase hex
/// HMAC-SHA256, keyed with the secret's UTF-8 bytes, of the ASCII timestamp, a dot, and the raw body bytes exactly
/// as sent (<c>"&lt;t&gt;." + body</c>). While a secret is being rotated the header carries one <c>v1=</c> entry per
/// active secret; any one matching is enough. Unknown entries (a future <c>v2=</c>) are ignored.
/// </para>
/// <para>
/// Verify the raw bytes before parsing them (re-serialized JSON would not match). The timestamp is signed too, so a
/// recorded call cannot be replayed later than the tolerance (default 5 minutes); within it, the
/// <see cref="WebhookHeaders.EventId"/> header is the idempotency key that makes a repeat harmless. Signatures are
/// compared in constant time.
/// </para>
/// </remarks>
public sealed class WebhookVerifier
{
    /// <summary>How far a signed timestamp may be from now by default.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Longer headers are refused unread: a real one has a timestamp and a few signatures.</summary>
    private const int MaxHeaderLength = 4096;

    private const int SignatureBytes = 32;

    private readonly byte[][] _secrets;
    private readonly TimeSpan _tolerance;
    private readonly TimeProvider _time;

    /// <summary>A verifier for one secret, with the default tolerance and the system clock.</summary>
    public WebhookVerifier(string secret)
        : this([secret], DefaultTolerance, TimeProvider.System)
    {
    }

    /// <summary>A verifier that accepts a signature by any of <paramref name="secrets"/> (the receiver's side of a rotation).</summary>
    /// <exception cref="ArgumentException">No secret, an empty one, or a tolerance that is not positive.</exception>
    public WebhookVerifier(IEnumerable<string> secrets, TimeSpan tolerance, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(tolerance, TimeSpan.Zero);
        _secrets = secrets.Select(Key).ToArray();
        if (_secrets.Length == 0)
        {
            throw new ArgumentException("At least one secret is needed.", nameof(secrets));
        }

        _tolerance = tolerance;
        _time = timeProvider;
    }

    /// <summary>Checks the <c>LiveWatch-Signature</c> header's value against the raw request body.</summary>
    public WebhookVerificationResult Verify(string? signatureHeader, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return Fail(WebhookVerificationFailure.MissingHeader, $"no {WebhookHeaders.Signature} header");
        }

        if (!TryParse(signatureHeader, out var timestamp, out var signatures, out var problem))
        {
            return Fail(WebhookVerificationFailure.MalformedHeader, problem);
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(timestamp);
        var age = _time.GetUtcNow() - signedAt;
        if (age > _tolerance || -age > _tolerance)
        {
            return new WebhookVerificationResult(
                WebhookVerificationFailure.TimestampOutOfTolerance,
                age > TimeSpan.Zero
                    ? $"timestamp too old: signed {age.TotalSeconds:0}s ago, tolerance {_tolerance.TotalSeconds:0}s"
                    : $"timestamp in the future: {(-age).TotalSeconds:0}s ahead, tolerance {_tolerance.TotalSeconds:0}s",
                signedAt);
        }

        // Every secret against every signature, without stopping early: the time taken says nothing about which matched.
        var matched = false;
        foreach (var secret in _secrets)
        {
            var expected = Compute(secret, timestamp, body);
            foreach (var signature in signatures)
            {
                matched |= CryptographicOperations.FixedTimeEquals(expected, signature);
            }
        }

        return matched
            ? new WebhookVerificationResult(WebhookVerificationFailure.None, "signature matches", signedAt)
            : new WebhookVerificationResult(
                WebhookVerificationFailure.NoMatchingSignature,
                $"none of the {signatures.Count} v1 signature(s) matches the body under the {_secrets.Length} secret(s)",
                signedAt);
    }

    /// <summary>
    /// The <c>LiveWatch-Signature</c> header value for <paramref name="body"/> sent at <paramref name="timestamp"/>:
    /// one <c>v1=</c> entry per secret (several while a secret is rotated). LiveWatch's dispatcher signs with it.
    /// </summary>
    /// <exception cref="ArgumentException">No secret, or an empty one.</exception>
    public static string Sign(ReadOnlySpan<byte> body, DateTimeOffset timestamp, params IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var seconds = timestamp.ToUnixTimeSeconds();
        var header = new StringBuilder("t=").Append(seconds.ToString(CultureInfo.InvariantCulture));
        var count = 0;
        foreach (var secret in secrets)
        {
            header.Append(",v1=").Append(Convert.ToHexStringLower(Compute(Key(secret), seconds, body)));
            count++;
        }

        return count > 0 ? header.ToString() : throw new ArgumentException("At least one secret is needed.", nameof(secrets));
    }

    private static byte[] Key(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Encoding.UTF8.GetBytes(secret);
    }

    private static byte[] Compute(byte[] key, long timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    private static bool TryParse(string header, out long timestamp, out List<byte[]> signatures, out string problem)
    {
        timestamp = 0;
        signatures = [];
        problem = string.Empty;
        if (header.Length > MaxHeaderLength)
        {
            problem = $"header is {header.Length} characters long, at most {MaxHeaderLength} are read";
            return false;
        }

        long? seen = null;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problem = $"'{part}' is not key=value";
                return false;
            }

            var (key, value) = (part[..equals], part[(equals + 1)..]);
            if (key == "t")
            {
                if (seen is not null || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t) || t > 253402300799)
                {
                    problem = seen is null ? $"t='{value}' is not a unix time in seconds" : "more than one t= entry";
                    return false;
                }

                seen = t;
            }
            else if (key == "v1")
            {
                if (value.Length != SignatureBytes * 2 || !value.All(char.IsAsciiHexDigit))
                {
                    problem = $"v1 signature '{value}' is not {SignatureBytes * 2} hex digits";
                    return false;
                }

                signatures.Add(Convert.FromHexString(value));
            }
        }

        if (seen is null)
        {
            problem = "no t= timestamp";
            return false;
        }

        if (signatures.Count == 0)
        {
            problem = "no v1= signature";
            return false;
        }

        timestamp = seen.Value;
        return true;
    }

    private static WebhookVerificationResult Fail(WebhookVerificationFailure failure, string reason) => new(failure, reason, null);
}
