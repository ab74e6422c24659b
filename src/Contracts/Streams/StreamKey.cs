using System.Diagnostics.CodeAnalysis;

namespace LiveWatch.Contracts.Streams;

/// <summary>
/// Identifies one live stream of one platform (tenant). It is the key of the stream's grain (<c>tenant/stream</c>), so a
/// platform's calls can only ever reach grains under its own tenant id.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct StreamKey
{
    /// <summary>Longest tenant or stream id accepted.</summary>
    public const int MaxIdLength = 128;

    public StreamKey(string tenantId, string streamId)
    {
        TenantId = Identifier.Validate(tenantId, "tenant id");
        StreamId = Identifier.Validate(streamId, "stream id");
    }

    /// <summary>The platform that owns the stream.</summary>
    [Id(0)]
    public string TenantId { get; }

    /// <summary>The platform's own id for the stream.</summary>
    [Id(1)]
    public string StreamId { get; }

    /// <summary>The grain key: <c>tenant/stream</c>. Neither part may contain '/'.</summary>
    public string ToGrainKey() => $"{TenantId}/{StreamId}";

    /// <summary>Parses a grain key made by <see cref="ToGrainKey"/>.</summary>
    public static StreamKey FromGrainKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new FormatException($"'{key}' is not a stream grain key (expected tenant/stream).");
        }

        return new StreamKey(key[..slash], key[(slash + 1)..]);
    }

    /// <inheritdoc />
    public override string ToString() => ToGrainKey();
}

/// <summary>Rules for the ids platforms choose (tenants, streams, banks): short, printable, safe in keys and URLs.</summary>
public static class Identifier
{
    /// <summary>Returns <paramref name="value"/> if it is a valid id, else throws with what is wrong.</summary>
    public static string Validate([NotNull] string? value, string what)
    {
        if (TryValidate(value, what, out var error))
        {
            return value;
        }

        throw new ArgumentException(error, what);
    }

    /// <summary>Checks an id: 1..128 characters of letters, digits, '.', '_', '-', ':'.</summary>
    public static bool TryValidate([NotNullWhen(true)] string? value, string what, [NotNullWhen(false)] out string? error)
    {
        if (string.IsNullOrEmpty(value))
        {
            error = $"{what} is empty";
            return false;
        }

        if (value.Length > StreamKey.MaxIdLength)
        {
            error = $"{what} is {value.Length} characters long; the limit is {StreamKey.MaxIdLength}";
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':'))
            {
                error = $"{what} '{value}' has a character that is not allowed at position {i + 1} (allowed: letters, digits, '.', '_', '-', ':')";
                return false;
            }
        }

        error = null;
        return true;
    }
}
