using System.Diagnostics;

namespace LiveWatch.Silo.Tests.Ingest;

/// <summary>Polls until a live system reaches a state; fails with what was awaited and the node's log. Never times work.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);

    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, string what, LiveNode node)
        where T : class
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < Patience)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"never saw {what}. Node log:\n{node.Log}");
        throw new UnreachableException();
    }

    public static Task HoldsAsync(Func<Task<bool>> probe, string what, LiveNode node) =>
        GetAsync(async () => await probe() ? new object() : null, what, node);

    public static Task HoldsAsync(Func<bool> probe, string what, LiveNode node) =>
        GetAsync(() => Task.FromResult(probe() ? new object() : null), what, node);
}
