using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveWatch.Hashing.Pdq;
using LiveWatch.Sdk.Client;
using LiveWatch.Sdk.Media;

namespace LiveWatch.Silo.Tests.Ingest;

/// <summary>
/// A real single node (the silo process with its embedded ingest worker) allowed to pull streams from 127.0.0.1, a
/// platform tenant with an API key, and a bank holding the PDQ hash of a benign test picture (the stand-in for known
/// material). Tests publish streams with ffmpeg on loopback and register them through the SDK.
/// </summary>
public sealed class LiveNode : IAsyncLifetime
{
    public const string Tenant = "live-platform";

    /// <summary>The benign picture in the bank (a bridge photo from the PDQ test vectors).</summary>
    public static readonly string Picture = Path.Combine(SiloProcessTests.RepositoryRoot(), "tests", "fixtures", "pdq", "images", "bridge-mods", "aaa-orig.jpg");

    private readonly string _data = Path.Combine(Path.GetTempPath(), $"livewatch-live-{Guid.NewGuid():N}");
    private readonly ConcurrentQueue<string> _log = new();
    private Process? _process;

    public int Port { get; } = LoopbackPorts.Free();

    /// <summary>The node's Orleans gateway, where stand-alone ingest workers connect.</summary>
    public int GatewayPort { get; } = LoopbackPorts.Free();

    public HttpClient Admin { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public LiveWatchClient Platform { get; private set; } = null!;

    public HttpClient PlatformHttp { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The node's console output so far (for failure messages).</summary>
    public string Log => string.Join('\n', _log.TakeLast(200));

    /// <summary>The process id of the node (its ffmpeg children are its descendants).</summary>
    public int ProcessId => _process?.Id ?? 0;

    public async Task InitializeAsync()
    {
        _process = SiloProcessTests.Start(_data, Port, new Dictionary<string, string>
        {
            ["LiveWatch__GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture),
            ["LiveWatch__Ingest__Sources__AllowedPrivateHosts__0"] = "127.0.0.1",
            ["LiveWatch__Banks__PollInterval"] = "00:00:00.500",
            ["Logging__LogLevel__LiveWatch.Ingest"] = "Information",
        }, line => _log.Enqueue(line));
        var baseAddress = new Uri($"http://127.0.0.1:{Port}/");
        Admin.BaseAddress = baseAddress;
        PlatformHttp.BaseAddress = baseAddress;
        Assert.Equal(HttpStatusCode.OK, await SiloProcessTests.WaitForAsync(Admin, "/health/ready"));

        var adminKey = (await File.ReadAllTextAsync(Path.Combine(_data, "admin-api-key"))).Trim();
        Admin.DefaultRequestHeaders.Authorization = new("Bearer", adminKey);
        (await Admin.PostAsJsonAsync("api/v1/admin/tenants", new { id = Tenant, name = "Live test platform" })).EnsureSuccessStatusCode();
        var key = await (await Admin.PostAsJsonAsync($"api/v1/admin/tenants/{Tenant}/keys", new { name = "ingest" })).Content.ReadFromJsonAsync<JsonElement>();
        var token = key.GetProperty("token").GetString()!;
        PlatformHttp.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Platform = new LiveWatchClient(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, new LiveWatchClientOptions { BaseAddress = baseAddress, ApiKey = token }, TimeProvider.System);

        // The bank holds the picture's hash, computed the way `livewatch hash` does (ffmpeg decodes, PDQ hashes).
        var decoded = await FfmpegPictureDecoder.DecodeAsync(Picture);
        var hash = PdqHasher.Compute(decoded.Pixels, decoded.Width, decoded.Height, decoded.Format).Hash;
        var bank = await (await Admin.PostAsJsonAsync("api/v1/admin/banks", new { name = "known" })).Content.ReadFromJsonAsync<JsonElement>();
        var bankId = bank.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        using var list = new StringContent(hash.ToString() + "\n", System.Text.Encoding.UTF8, "text/plain");
        (await Admin.PostAsync(new Uri($"api/v1/admin/banks/{bankId}/import?name=known.txt", UriKind.Relative), list)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            // SIGTERM first: a graceful stop must leave no ffmpeg child behind (checked by the tests).
            Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process?.Dispose();
        Admin.Dispose();
        PlatformHttp.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
