using System.Net;
using System.Net.Sockets;
using LiveWatch.Ingest.Sources;
using Microsoft.Extensions.Options;

namespace LiveWatch.Silo.Webhooks;

/// <summary>
/// Where LiveWatch may POST a tenant's events: http or https, an absolute URL without credentials, to a host that is
/// (and resolves only to) public addresses, unless an operator lists it in
/// <c>LiveWatch:Webhooks:AllowedPrivateHosts</c>. The same address ranges as stream sources are refused (loopback,
/// private, link-local where cloud metadata lives, multicast, reserved: <see cref="NetworkRanges"/>), so a tenant cannot
/// make the silo call into its own network. Checked when an endpoint is registered and again on every connect
/// (<see cref="ConnectAsync"/>), so a name that later resolves elsewhere (DNS rebinding) is refused too.
/// </summary>
public sealed class WebhookUrlPolicy
{
    private readonly WebhookOptions _options;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    public WebhookUrlPolicy(IOptions<WebhookOptions> options)
        : this(options, static (host, ct) => Dns.GetHostAddressesAsync(host, ct))
    {
    }

    public WebhookUrlPolicy(IOptions<WebhookOptions> options, Func<string, CancellationToken, Task<IPAddress[]>> resolve)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _resolve = resolve ?? throw new ArgumentNullException(nameof(resolve));
    }

    /// <summary>The URL, parsed, if it may receive webhooks.</summary>
    /// <exception cref="WebhookUrlRefusedException">Why not.</exception>
    public async Task<Uri> CheckAsync(string? url, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new WebhookUrlRefusedException("url is empty.");
        }

        if (url.Length > Storage.Entities.WebhookEndpoint.MaxUrlLength)
        {
            throw new WebhookUrlRefusedException($"url is {url.Length} characters long; at most {Storage.Entities.WebhookEndpoint.MaxUrlLength} are accepted.");
        }

        if (url.Any(char.IsControl) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new WebhookUrlRefusedException($"url '{url}' is not an absolute URL.");
        }

        if (uri.Scheme is not ("http" or "https"))
        {
            throw new WebhookUrlRefusedException($"url scheme '{uri.Scheme}' is not allowed; use https (or http).");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new WebhookUrlRefusedException("url carries credentials (user:password@); webhooks are authenticated by their signature instead.");
        }

        if (!string.IsNullOrEmpty(uri.Fragment))
        {
            throw new WebhookUrlRefusedException("url has a #fragment, which is never sent; remove it.");
        }

        if (IsAllowedPrivate(uri.IdnHost))
        {
            return uri;
        }

        foreach (var address in await AddressesAsync(uri.IdnHost, cancellationToken).ConfigureAwait(false))
        {
            if (NetworkRanges.WhyNotPublic(address) is { } why)
            {
                throw new WebhookUrlRefusedException(
                    $"url host '{uri.Host}' {(IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out _) ? "is" : $"resolves to {address}, which is")} {why}; an operator can allow it in {WebhookOptions.SectionName}:AllowedPrivateHosts.");
            }
        }

        return uri;
    }

    /// <summary>
    /// Connects to <paramref name="endpoint"/> for the delivery HTTP client (its <c>ConnectCallback</c>), to an address
    /// the policy allows: the name is resolved here and every address checked, so the address connected to is the one
    /// checked.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var addresses = await AddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        if (!IsAllowedPrivate(endpoint.Host) && addresses.Select(NetworkRanges.WhyNotPublic).FirstOrDefault(why => why is not null) is { } refused)
        {
            throw new WebhookUrlRefusedException($"webhook host '{endpoint.Host}' now resolves to {refused} addresses; the call was not made.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private bool IsAllowedPrivate(string host) =>
        _options.AllowedPrivateHosts.Any(allowed => string.Equals(allowed.Trim('[', ']'), host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase));

    private async Task<IPAddress[]> AddressesAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return [literal];
        }

        try
        {
            var addresses = await _resolve(host, cancellationToken).ConfigureAwait(false);
            return addresses.Length > 0 ? addresses : throw new WebhookUrlRefusedException($"url host '{host}' does not resolve to any address.");
        }
        catch (SocketException e)
        {
            throw new WebhookUrlRefusedException($"url host '{host}' does not resolve ({e.SocketErrorCode}).", e);
        }
    }
}
