using LiveWatch.Grains.Evidence;
using LiveWatch.Storage.Hosting;
using Microsoft.Extensions.Options;

namespace LiveWatch.Silo.Hosting;

/// <summary>
/// Single node or cluster (section <c>LiveWatch:Cluster</c>, plus <c>ConnectionStrings:Redis</c>). The same binary runs
/// either way: switching is configuration only.
/// </summary>
public sealed class LiveWatchClusterOptions
{
    public const string SectionName = "LiveWatch:Cluster";

    /// <summary>Name of the Redis connection string in <c>ConnectionStrings</c>.</summary>
    public const string RedisConnectionStringName = "Redis";

    /// <summary><c>Localhost</c> (one node, the default) or <c>Redis</c> (a cluster).</summary>
    public string Clustering { get; set; } = nameof(ClusteringMode.Localhost);

    /// <summary>Silos with the same cluster id form one cluster; a second cluster on the same Redis needs another one.</summary>
    public string ClusterId { get; set; } = "livewatch";

    /// <summary>Stays the same across deployments: grain state and reminders are keyed by it.</summary>
    public string ServiceId { get; set; } = "livewatch";

    /// <summary>
    /// The address other silos and ingest workers reach this silo at. Loopback suits a cluster on one machine; on
    /// several machines set each silo's own address (and usually <see cref="ListenOnAnyHostAddress"/>).
    /// </summary>
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    /// <summary>Bind the silo and gateway ports on every interface rather than on the advertised address only.</summary>
    public bool ListenOnAnyHostAddress { get; set; }

    /// <summary>
    /// How long a probe of another silo may take before it counts as missed (Orleans' default 5 s). Lower it to
    /// declare a crashed silo dead sooner, at the price of false suspicions on a loaded network.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Missed probes after which a silo votes another one dead (Orleans' default 3).</summary>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary><c>ConnectionStrings:Redis</c>, e.g. <c>127.0.0.1:6379</c> (StackExchange.Redis syntax).</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>The moderation store's provider (<c>Storage:Provider</c>); a cluster needs PostgreSQL.</summary>
    public StorageProvider StorageProvider { get; set; }

    /// <summary>Whether <c>LiveWatch:Evidence:Key</c> is set; every silo of a cluster must share one key.</summary>
    public bool EvidenceKeyConfigured { get; set; }

    /// <summary>The parsed <see cref="Clustering"/>; only meaningful once validated.</summary>
    public ClusteringMode Mode =>
        Enum.TryParse<ClusteringMode>(Clustering?.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode) ? mode : ClusteringMode.Localhost;

    /// <summary>Reads the section and the settings of other sections the cluster depends on, then validates.</summary>
    public static LiveWatchClusterOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new LiveWatchClusterOptions();
        configuration.GetSection(SectionName).Bind(options);
        options.RedisConnectionString = configuration.GetConnectionString(RedisConnectionStringName);
        options.StorageProvider = StorageOptions.FromConfiguration(configuration).Provider;
        options.EvidenceKeyConfigured = !string.IsNullOrWhiteSpace(configuration[$"{EvidenceOptions.SectionName}:Key"]);

        // Checked now, not on start: the mode decides which providers are wired.
        var result = new LiveWatchClusterOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(LiveWatchClusterOptions), result.Failures);
        }

        return options;
    }
}
