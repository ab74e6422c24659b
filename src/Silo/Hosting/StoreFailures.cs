using System.Data.Common;
using System.Net.Sockets;
using LiveWatch.Contracts.Errors;
using Orleans.Persistence.Redis;
using StackExchange.Redis;

namespace LiveWatch.Silo.Hosting;

/// <summary>
/// Tells a store being unavailable (a failure the same call will get past once the store is back) from everything
/// else. Orleans wraps a storage provider's failure ("Error from storage provider ...") and EF wraps the database's,
/// so the whole chain of inner exceptions is looked at.
/// </summary>
public static class StoreFailures
{
    /// <summary>Which store is unavailable, or null when <paramref name="exception"/> is not a store being unavailable.</summary>
    public static StoreKind? Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StoreUnavailableException unavailable:
                    return unavailable.Store;
                case RedisException or RedisStorageException:
                    return StoreKind.ClusterState;
                case DbException { IsTransient: true } or SocketException:
                    return StoreKind.ModerationStore;
            }
        }

        return null;
    }

    /// <summary>What an operator or a platform is told a store is.</summary>
    public static string Describe(StoreKind store) => store switch
    {
        StoreKind.ClusterState => "the cluster's state store (Redis)",
        _ => "the moderation store",
    };
}
