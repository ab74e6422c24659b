namespace LiveWatch.Silo.Hosting;

/// <summary>Where a single node keeps its files (section <c>LiveWatch</c>).</summary>
public sealed class SiloOptions
{
    public const string SectionName = "LiveWatch";

    /// <summary>The data directory: SQLite moderation store, grain state and the generated development evidence key.</summary>
    public string DataDirectory { get; set; } = "./data";
}
