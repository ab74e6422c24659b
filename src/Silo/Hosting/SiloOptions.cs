namespace LiveWatch.Silo.Hosting;

/// <summary>Where a single node keeps its files (section <c>LiveWatch</c>).</summary>
public sealed class SiloOptions
{
    public const string SectionName = "LiveWatch";

    /// <summary>The data directory: SQLite moderation store, grain state and the generated development evidence key.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Orleans' silo-to-silo port on loopback (Orleans' default); set another to run two nodes on one machine.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans' client gateway port on loopback (Orleans' default), used by out-of-process ingest workers.</summary>
    public int GatewayPort { get; set; } = 30000;
}
