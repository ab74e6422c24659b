namespace LiveWatch.Storage.Entities;

/// <summary>
/// How serious the evidence on a stream is. Stored as its number so "at least Alert" is a plain comparison in SQL;
/// the order of the values is part of the schema.
/// </summary>
public enum IncidentLevel
{
    /// <summary>Nothing that counts.</summary>
    Clear = 0,

    /// <summary>Weak or isolated matches: keep watching closely.</summary>
    Watch = 1,

    /// <summary>Matches a moderator must look at now.</summary>
    Alert = 2,

    /// <summary>Strong, repeated matches: act on the stream.</summary>
    Critical = 3,
}
