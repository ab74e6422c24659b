using System.Globalization;

namespace LiveWatch.LoadTest;

/// <summary>The command-line flags of the load tool (<c>--name value</c>); every flag has a default matching issue 3's targets.</summary>
public sealed record LoadTestOptions
{
    /// <summary>throughput, incident, memory, all, or analyzer (the per-frame profile without a silo).</summary>
    public string Scenario { get; init; } = "throughput";

    /// <summary>Distinct stream grains driven concurrently (throughput scenario, background load).</summary>
    public int Streams { get; init; } = 1000;

    /// <summary>Measured seconds of the throughput scenario.</summary>
    public int Seconds { get; init; } = 30;

    /// <summary>Seconds of load before measuring (JIT, grain activation, thread pool growth).</summary>
    public int WarmupSeconds { get; init; } = 5;

    /// <summary>Frames per batch.</summary>
    public int Batch { get; init; } = 8;

    /// <summary>Random hashes in the bank.</summary>
    public int BankSize { get; init; } = 1_000_000;

    /// <summary>How the bank gets into the silo: <c>direct</c> (into the silo's replica) or <c>store</c> (imported, then loaded by replication).</summary>
    public string BankLoad { get; init; } = "direct";

    /// <summary>Match the 8 dihedral variants of each frame (the default of the real silo).</summary>
    public bool Dihedral { get; init; } = true;

    /// <summary>Frames/s offered in total, paced per stream; 0 = closed loop (each stream sends its next batch on the ack).</summary>
    public double Rate { get; init; }

    /// <summary>Distinct canvases generated up front for ordinary (non-matching) traffic.</summary>
    public int Canvases { get; init; } = 2048;

    /// <summary>Incidents to open in the incident scenario (one stream each).</summary>
    public int Incidents { get; init; } = 300;

    /// <summary>Incident batches in flight at once.</summary>
    public int IncidentConcurrency { get; init; } = 4;

    /// <summary>Frames/s of non-matching background load during the incident scenario (0 = none).</summary>
    public double BackgroundRate { get; init; } = 2000;

    /// <summary>Grains activated by the memory scenario.</summary>
    public int Grains { get; init; } = 10_000;

    /// <summary>Continue each stream loop from the global thread-pool queue (fair between streams) rather than inline.</summary>
    public bool FairContinuations { get; init; } = true;

    /// <summary>Seed of every random choice (canvases, bank).</summary>
    public int Seed { get; init; } = 20261125;

    /// <summary>Ingest scenario: keyframe mode through the reader/decoder relay (the worker's default) or one child.</summary>
    public bool KeyframeRelay { get; init; } = true;

    /// <summary>Live RTMP streams published and followed by the ingest scenario.</summary>
    public int LiveStreams { get; init; } = 150;

    /// <summary>The env file <c>scripts/cluster.sh start</c> writes: the cluster scenario drives that cluster as a client.</summary>
    public string ClusterEnv { get; init; } = "/tmp/livewatch-cluster/cluster.env";

    public static string Usage => """
        LiveWatch.LoadTest: one in-process silo with LiveWatch's grains, driven through grain references.
          --scenario throughput|incident|memory|all|analyzer|ingest|cluster   (throughput)
          --streams N              stream grains driven concurrently (1000)
          --seconds N              measured seconds of the throughput run (30)
          --warmup N               seconds of load before measuring (5)
          --batch N                frames per batch (8)
          --bank-size N            random hashes in the bank (1000000)
          --bank-load direct|store bank into the silo's replica directly, or imported into the store first (direct)
          --dihedral on|off        match the 8 dihedral variants (on)
          --rate F                 offered frames/s, paced; 0 = closed loop (0)
          --canvases N             distinct canvases of ordinary traffic (2048)
          --incidents N            incidents opened by the incident scenario (300)
          --incident-concurrency N incident batches in flight (4)
          --background-rate F      non-matching frames/s during the incident scenario (2000)
          --grains N               grains activated by the memory scenario (10000)
          --fair on|off            stream loops continue from the global thread-pool queue (on)
          --live-streams N         RTMP streams the ingest scenario publishes and follows (150)
          --keyframe-relay on|off  ingest: keyframes through a reader and a decoder child, or one child (on)
          --seed N                 random seed (20261125)
          --cluster-env FILE       cluster scenario: the cluster.sh env file of the cluster to drive as a client
                                   (/tmp/livewatch-cluster/cluster.env); its silos' own settings apply (dihedral, ...)
        """;

    /// <summary>Parses the flags; throws <see cref="ArgumentException"/> naming a bad one.</summary>
    public static LoadTestOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadTestOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--scenario" => options with { Scenario = OneOf(name, value, "throughput", "incident", "memory", "all", "analyzer", "ingest", "cluster") },
                "--streams" => options with { Streams = Int(name, value, 1) },
                "--seconds" => options with { Seconds = Int(name, value, 1) },
                "--warmup" => options with { WarmupSeconds = Int(name, value, 0) },
                "--batch" => options with { Batch = Int(name, value, 1) },
                "--bank-size" => options with { BankSize = Int(name, value, 0) },
                "--bank-load" => options with { BankLoad = OneOf(name, value, "direct", "store") },
                "--dihedral" => options with { Dihedral = OneOf(name, value, "on", "off") == "on" },
                "--rate" => options with { Rate = Double(name, value) },
                "--canvases" => options with { Canvases = Int(name, value, 16) },
                "--incidents" => options with { Incidents = Int(name, value, 1) },
                "--incident-concurrency" => options with { IncidentConcurrency = Int(name, value, 1) },
                "--background-rate" => options with { BackgroundRate = Double(name, value) },
                "--grains" => options with { Grains = Int(name, value, 1) },
                "--fair" => options with { FairContinuations = OneOf(name, value, "on", "off") == "on" },
                "--live-streams" => options with { LiveStreams = Int(name, value, 1) },
                "--keyframe-relay" => options with { KeyframeRelay = OneOf(name, value, "on", "off") == "on" },
                "--seed" => options with { Seed = Int(name, value, 0) },
                "--cluster-env" => options with { ClusterEnv = value },
                _ => throw new ArgumentException($"Unknown flag {name}."),
            };
        }

        return options;
    }

    private static int Int(string name, string value, int min) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new ArgumentException($"{name} must be an integer >= {min}, got '{value}'.");

    private static double Double(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw new ArgumentException($"{name} must be a number >= 0, got '{value}'.");

    private static string OneOf(string name, string value, params string[] allowed) =>
        allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new ArgumentException($"{name} must be one of {string.Join(", ", allowed)}, got '{value}'.");
}
