namespace LiveWatch.Silo.Hosting;

/// <summary>How silos find each other and where the cluster keeps grain state and reminders.</summary>
public enum ClusteringMode
{
    /// <summary>One node on loopback: localhost clustering, SQLite grain state, in-memory reminders (the default).</summary>
    Localhost = 0,

    /// <summary>Several silos: membership, grain state and reminders in Redis; moderation store on PostgreSQL.</summary>
    Redis = 1,
}
