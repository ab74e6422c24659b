namespace LiveWatch.Cluster.Tests.Infrastructure;

/// <summary>
/// Waits for a state with a generous deadline and fails with what was last seen. Tests assert states, never how long
/// something took: the deadline only keeps a broken run from hanging.
/// </summary>
internal static class Poll
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(120);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? deadline = null, TimeSpan? interval = null)
    {
        var until = DateTime.UtcNow + (deadline ?? DefaultDeadline);
        var last = default(T);
        Exception? lastError = null;
        while (DateTime.UtcNow < until)
        {
            try
            {
                last = await probe();
                lastError = null;
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                lastError = e;
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(500));
        }

        throw new TimeoutException($"Gave up waiting for {what}; last seen: {(lastError is null ? last?.ToString() : lastError.Message)}");
    }
}
