using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace LiveWatch.Ingest.Sources;

/// <summary>
/// Decides whether LiveWatch may pull a stream from a URL a platform gave: an allowed scheme, no credentials or
/// oddities ffmpeg would interpret, and a host that is, and resolves only to, public addresses unless an operator
/// allow-list names it. The sampler checks again when it connects (a name can resolve differently later), and
/// ffmpeg's own <c>-protocol_whitelist</c> stops a playlist from pointing elsewhere.
/// </summary>
public sealed class SourceUrlPolicy
{
    private readonly SourceUrlOptions _options;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    public SourceUrlPolicy(IOptions<SourceUrlOptions> options)
        : this(options, static (host, ct) => Dns.GetHostAddressesAsync(host, ct))
    {
    }

    /// <summary>With a resolver of one's own (tests give names fixed addresses without a DNS server).</summary>
    public SourceUrlPolicy(IOptions<SourceUrlOptions> options, Func<string, CancellationToken, Task<IPAddress[]>> resolve)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _resolve = resolve ?? throw new ArgumentNullException(nameof(resolve));
    }

    /// <summary>The URL, parsed, if LiveWatch may pull it.</summary>
    /// <exception cref="SourceUrlRefusedException">It may not; the message says why.</exception>
    public async Task<Uri> CheckAsync(string? url, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new SourceUrlRefusedException("sourceUrl is empty.");
        }

        if (url.Length > _options.MaxUrlLength)
        {
            throw new SourceUrlRefusedException($"sourceUrl is {url.Length} characters long; at most {_options.MaxUrlLength} are accepted.");
        }

        if (url.Any(char.IsControl) || url.Contains('|', StringComparison.Ordinal))
        {
            // ffmpeg reads "concat:a|b" and similar lists from a single argument.
            throw new SourceUrlRefusedException("sourceUrl contains control characters or '|'.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new SourceUrlRefusedException($"sourceUrl '{url}' is not an absolute URL.");
        }

        if (!_options.AllowedSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            throw new SourceUrlRefusedException(
                $"sourceUrl scheme '{uri.Scheme}' is not allowed; use one of {string.Join(", ", _options.AllowedSchemes)}.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new SourceUrlRefusedException("sourceUrl carries credentials (user:password@); pass stream keys in the path or query instead.");
        }

        var host = uri.IdnHost;
        if (string.IsNullOrEmpty(host))
        {
            throw new SourceUrlRefusedException($"sourceUrl '{url}' has no host.");
        }

        if (IsAllowedPrivate(uri))
        {
            return uri;
        }

        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        foreach (var address in addresses)
        {
            if (NetworkRanges.WhyNotPublic(address) is { } why)
            {
                throw new SourceUrlRefusedException(
                    $"sourceUrl host '{uri.Host}' {(literal is null ? $"resolves to {address}, which is" : "is")} {why}; an operator can allow it in {SourceUrlOptions.SectionName}:AllowedPrivateHosts.");
            }
        }

        return uri;
    }

    private bool IsAllowedPrivate(Uri uri) =>
        _options.AllowedPrivateHosts.Any(allowed => string.Equals(allowed.Trim('[', ']'), uri.IdnHost.Trim('[', ']'), StringComparison.OrdinalIgnoreCase));

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        try
        {
            var addresses = await _resolve(host, cancellationToken).ConfigureAwait(false);
            return addresses.Length > 0 ? addresses : throw new SourceUrlRefusedException($"sourceUrl host '{host}' does not resolve to any address.");
        }
        catch (SocketException e)
        {
            throw new SourceUrlRefusedException($"sourceUrl host '{host}' does not resolve ({e.SocketErrorCode}).", e);
        }
    }
}
