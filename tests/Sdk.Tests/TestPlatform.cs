using LiveWatch.Sdk.Client;

namespace LiveWatch.Sdk.Tests;

/// <summary>A tenant of the test node and the SDK client holding one of its platform keys.</summary>
public sealed class TestPlatform(string tenant, LiveWatchClient client, HttpClient http) : IDisposable
{
    public string Tenant { get; } = tenant;

    public LiveWatchClient Client { get; } = client;

    public void Dispose() => http.Dispose();
}
