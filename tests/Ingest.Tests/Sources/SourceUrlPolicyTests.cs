using System.Net;
using LiveWatch.Ingest.Sources;
using Microsoft.Extensions.Options;

namespace LiveWatch.Ingest.Tests.Sources;

/// <summary>Which URLs platforms may make LiveWatch pull, and the reason given for each refusal.</summary>
public sealed class SourceUrlPolicyTests
{
    // Names resolve through this table, not a DNS server, so the tests say exactly what each name points at.
    private static readonly Dictionary<string, IPAddress[]> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["live.example"] = [IPAddress.Parse("8.8.8.8")],
        ["rebind.example"] = [IPAddress.Parse("8.8.4.4"), IPAddress.Parse("10.0.0.5")],
        ["metadata.example"] = [IPAddress.Parse("169.254.169.254")],
        ["media.internal"] = [IPAddress.Parse("192.168.1.20")],
        ["localhost"] = [IPAddress.Loopback, IPAddress.IPv6Loopback],
    };

    private static SourceUrlPolicy Policy(params string[] allowedPrivateHosts)
    {
        var options = new SourceUrlOptions();
        foreach (var host in allowedPrivateHosts)
        {
            options.AllowedPrivateHosts.Add(host);
        }

        return new SourceUrlPolicy(Options.Create(options), (host, _) =>
            Names.TryGetValue(host, out var addresses) ? Task.FromResult(addresses) : throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound));
    }

    [Theory]
    [InlineData("rtmp://live.example/app/key")]
    [InlineData("rtmps://live.example:443/app/key")]
    [InlineData("srt://live.example:9000?streamid=abc")]
    [InlineData("https://live.example/hls/index.m3u8")]
    [InlineData("http://8.8.8.8/live.m3u8")]
    public async Task Public_sources_over_the_allowed_schemes_are_accepted(string url)
    {
        var uri = await Policy().CheckAsync(url);

        Assert.Equal(new Uri(url), uri);
    }

    [Theory]
    [InlineData("file:///etc/passwd", "scheme 'file' is not allowed")]
    [InlineData("concat:a.ts|b.ts", "'|'")]
    [InlineData("data:text/plain;base64,aGVsbG8=", "scheme 'data' is not allowed")]
    [InlineData("subfile:,start,0,end,100,:/etc/passwd", "scheme 'subfile' is not allowed")]
    [InlineData("rtmp://user:secret@live.example/app", "credentials")]
    [InlineData("live.example/app", "not an absolute URL")]
    [InlineData("rtmp://127.0.0.1/app", "is loopback")]
    [InlineData("http://[::1]/live.m3u8", "is loopback")]
    [InlineData("http://[::ffff:127.0.0.1]/live.m3u8", "is loopback")]
    [InlineData("http://0.0.0.0/live.m3u8", "'this network'")]
    [InlineData("http://10.1.2.3/live.m3u8", "is a private network")]
    [InlineData("http://169.254.169.254/latest/meta-data", "link-local")]
    [InlineData("https://metadata.example/x", "resolves to 169.254.169.254")]
    [InlineData("rtmp://localhost/app", "resolves to 127.0.0.1, which is loopback")]
    [InlineData("https://rebind.example/live.m3u8", "resolves to 10.0.0.5")]
    [InlineData("rtmp://no-such-host.example/app", "does not resolve")]
    public async Task Unsafe_sources_are_refused_saying_why(string url, string reason)
    {
        var refusal = await Assert.ThrowsAsync<SourceUrlRefusedException>(() => Policy().CheckAsync(url));

        Assert.Contains(reason, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_host_is_refused_with_the_setting_that_would_allow_it()
    {
        var refusal = await Assert.ThrowsAsync<SourceUrlRefusedException>(() => Policy().CheckAsync("rtmp://media.internal/app"));

        Assert.Contains("LiveWatch:Ingest:Sources:AllowedPrivateHosts", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", "rtmp://127.0.0.1:1935/live/test")]
    [InlineData("::1", "srt://[::1]:9000")]
    [InlineData("media.internal", "https://media.internal/hls/index.m3u8")]
    public async Task An_operator_allow_list_admits_named_private_hosts_only(string allowed, string url)
    {
        var policy = Policy(allowed);

        Assert.Equal(new Uri(url), await policy.CheckAsync(url));
        await Assert.ThrowsAsync<SourceUrlRefusedException>(() => policy.CheckAsync("http://10.9.9.9/live.m3u8"));
    }

    [Fact]
    public async Task Overlong_urls_are_refused_with_the_limit()
    {
        var url = "https://live.example/" + new string('a', 3000);

        var refusal = await Assert.ThrowsAsync<SourceUrlRefusedException>(() => Policy().CheckAsync(url));

        Assert.Contains("at most 2048", refusal.Message, StringComparison.Ordinal);
    }
}
