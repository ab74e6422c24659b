using System.Diagnostics;

namespace LiveWatch.Webhooks.Tests.Infrastructure;

/// <summary>Waits until a live system reaches a state (polling); fails saying what never happened. Never times work.</summary>
internal static class Poll
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < Patience)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"never saw {what} (waited {Patience.TotalSeconds:0} s)");
        throw new UnreachableException();
    }

    public static Task UntilAsync(Func<Task<bool>> probe, string what) =>
        UntilAsync(async () => await probe() ? new object() : null, what);

    public static Task UntilAsync(Func<bool> probe, string what) =>
        UntilAsync(() => Task.FromResult(probe() ? new object() : null), what);
}
