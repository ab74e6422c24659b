using System.Net;
using LiveWatch.Grains.Evidence;
using LiveWatch.Storage.Hosting;
using Microsoft.Extensions.Options;

namespace LiveWatch.Silo.Hosting;

/// <summary>Says, per problem, which key to set: a cluster half-configured would otherwise fail far from the cause.</summary>
internal sealed class LiveWatchClusterOptionsValidator : IValidateOptions<LiveWatchClusterOptions>
{
    private const string Section = LiveWatchClusterOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, LiveWatchClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!Enum.TryParse<ClusteringMode>(options.Clustering?.Trim(), ignoreCase: true, out var mode) || !Enum.IsDefined(mode))
        {
            errors.Add($"{Section}:Clustering is '{options.Clustering}'; use 'Localhost' (one node) or 'Redis' (a cluster).");
            return ValidateOptionsResult.Fail(errors);
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            errors.Add($"{Section}:ClusterId is empty; set a name shared by the cluster's silos (default 'livewatch').");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            errors.Add($"{Section}:ServiceId is empty; set a name that stays the same across deployments (default 'livewatch').");
        }

        if (!IPAddress.TryParse(options.AdvertisedIPAddress, out _))
        {
            errors.Add($"{Section}:AdvertisedIPAddress is '{options.AdvertisedIPAddress}'; set this silo's IP address, e.g. '10.0.0.12' (default '127.0.0.1').");
        }

        if (options.ProbeTimeout < TimeSpan.FromMilliseconds(100) || options.ProbeTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{Section}:ProbeTimeout is {options.ProbeTimeout}; use 00:00:00.1 to 00:05:00 (default 00:00:05).");
        }

        if (options.MissedProbesLimit is < 1 or > 100)
        {
            errors.Add($"{Section}:MissedProbesLimit is {options.MissedProbesLimit}; use 1..100 (default 3).");
        }

        if (mode == ClusteringMode.Redis)
        {
            if (string.IsNullOrWhiteSpace(options.RedisConnectionString))
            {
                errors.Add($"{Section}:Clustering is 'Redis' but ConnectionStrings:{LiveWatchClusterOptions.RedisConnectionStringName} is empty; set it, e.g. '127.0.0.1:6379'.");
            }
            else if (!IsRedisConfiguration(options.RedisConnectionString, out var reason))
            {
                errors.Add($"ConnectionStrings:{LiveWatchClusterOptions.RedisConnectionStringName} is not a Redis connection string ({reason}); e.g. '127.0.0.1:6379,password=...'.");
            }

            if (options.StorageProvider != StorageProvider.Postgres)
            {
                errors.Add(
                    $"{Section}:Clustering is 'Redis' but {StorageOptions.SectionName}:Provider is '{options.StorageProvider}'; a cluster's silos share one " +
                    $"moderation store: set {StorageOptions.SectionName}:Provider=Postgres and ConnectionStrings:{StorageOptions.ConnectionStringName}.");
            }

            if (!options.EvidenceKeyConfigured)
            {
                errors.Add(
                    $"{Section}:Clustering is 'Redis' but {EvidenceOptions.SectionName}:Key is empty; every silo must decrypt every silo's evidence, " +
                    "so set the same base64 AES-256 key on all of them (a generated per-node key would not be shared).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsRedisConfiguration(string connectionString, out string reason)
    {
        try
        {
            var parsed = StackExchange.Redis.ConfigurationOptions.Parse(connectionString);
            if (parsed.EndPoints.Count == 0)
            {
                reason = "no host:port";
                return false;
            }

            reason = string.Empty;
            return true;
        }
        catch (ArgumentException e)
        {
            reason = e.Message;
            return false;
        }
    }
}
