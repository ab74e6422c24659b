using System.Diagnostics;
using System.Globalization;
using LiveWatch.Tests.Common;

namespace LiveWatch.Cluster.Tests.Infrastructure;

/// <summary>
/// redis-server on a free loopback port as a child process, with its append-only file fsynced on every write so that
/// a stop and start (an outage) keeps membership, grain state and reminders, as a production Redis with persistence would.
/// </summary>
internal sealed class RedisServer
{
    private readonly string _directory;
    private Process? _process;

    public RedisServer(string directory)
    {
        _directory = directory;
        Port = LoopbackPorts.Free();
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public bool IsRunning => _process is { HasExited: false };

    public async Task StartAsync()
    {
        Directory.CreateDirectory(_directory);
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory,
            "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--logfile", Path.Combine(_directory, "redis.log")])
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("The cluster tests need redis-server on PATH: run scripts/ensure-deps.sh as root or 'apt-get install redis-server'.", e);
        }

        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Poll.UntilAsync(PingAsync, ok => ok, "redis-server to answer PING", TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Whether Orleans' membership table (kept in Redis under <c>{serviceId}/members/{clusterId}</c>) records the newest
    /// generation of the silo on <paramref name="siloPort"/> as dead, which is what an operator checks after a crash.
    /// </summary>
    public async Task<bool> IsDeclaredDeadAsync(int siloPort, string clusterKey = "livewatch/members/livewatch")
    {
        var table = await ProcessRunner.RunAsync("redis-cli", ["-p", Port.ToString(CultureInfo.InvariantCulture), "--raw", "hgetall", clusterKey], TimeSpan.FromSeconds(10));
        var address = $"\"SiloAddress\":\"127.0.0.1:{siloPort.ToString(CultureInfo.InvariantCulture)}@";
        var newest = table.Split('\n')
            .Where(line => line.Contains(address, StringComparison.Ordinal))
            .Select(line => (Line: line, Generation: long.Parse(line.AsSpan(line.IndexOf(address, StringComparison.Ordinal) + address.Length).TrimEnd().ToString().Split('"')[0], CultureInfo.InvariantCulture)))
            .OrderByDescending(entry => entry.Generation)
            .FirstOrDefault();
        return newest.Line?.Contains("\"Status\":6", StringComparison.Ordinal) ?? false;
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            var answer = await ProcessRunner.RunAsync("redis-cli", ["-p", Port.ToString(CultureInfo.InvariantCulture), "ping"], TimeSpan.FromSeconds(10));
            return answer.Contains("PONG", StringComparison.Ordinal);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM: Redis flushes its append-only file and exits, as on an orderly restart.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        await ProcessRunner.RunAsync("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }

        _process.Dispose();
        _process = null;
    }
}
