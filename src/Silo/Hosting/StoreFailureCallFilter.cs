using LiveWatch.Contracts.Errors;

namespace LiveWatch.Silo.Hosting;

/// <summary>
/// Turns a grain's store failure into <see cref="StoreUnavailableException"/>, a type every caller can deserialize.
/// Without it a Redis failure reached an ingest worker as Orleans.Persistence.Redis' own exception, which the worker
/// (an Orleans client without that library) could not read: the response was dropped and the worker waited 30 s for
/// its call to time out before retrying, instead of backing off for a moment.
/// </summary>
internal sealed partial class StoreFailureCallFilter(ILogger<StoreFailureCallFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke().ConfigureAwait(true);
        }
        catch (Exception e) when (e is not StoreUnavailableException && StoreFailures.Classify(e) is { } store)
        {
            // The original, with its stack, stays in this silo's log; callers get what happened and what to do.
            LogStoreUnavailable(e, context.InterfaceMethod?.Name ?? "?", context.TargetId.ToString(), store);
            throw new StoreUnavailableException(
                store,
                $"{context.InterfaceMethod?.Name} failed because {StoreFailures.Describe(store)} is unavailable; retry the same call " +
                $"once it is back. Cause: {Shorten(e.GetBaseException().Message)}");
        }
    }

    // Store clients append pages of diagnostics (StackExchange.Redis' counters); the silo's log keeps them whole.
    private static string Shorten(string message) => message.Length <= 300 ? message : string.Concat(message.AsSpan(0, 300), "…");

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} on {Grain} failed: {Store} is unavailable")]
    private partial void LogStoreUnavailable(Exception exception, string method, string grain, StoreKind store);
}
