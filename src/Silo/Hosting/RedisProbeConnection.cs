using StackExchange.Redis;

namespace LiveWatch.Silo.Hosting;

/// <summary>
/// The health check's own Redis connection, separate from the Orleans providers' so probing never queues behind
/// their traffic. Reconnects by itself (no abort on connect failure): a probe during an outage answers at once.
/// </summary>
internal sealed class RedisProbeConnection(string connectionString) : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _multiplexer = new(() => ConnectAsync(connectionString));

    public Task<ConnectionMultiplexer> GetAsync() => _multiplexer.Value;

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated)
        {
            var multiplexer = await _multiplexer.Value.ConfigureAwait(false);
            await multiplexer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static Task<ConnectionMultiplexer> ConnectAsync(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 3000;
        options.ClientName = "livewatch-health";
        return ConnectionMultiplexer.ConnectAsync(options);
    }
}
