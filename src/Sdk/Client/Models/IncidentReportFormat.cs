namespace LiveWatch.Sdk.Client.Models;

/// <summary>The file format of an incident's report package.</summary>
public enum IncidentReportFormat
{
    /// <summary><c>application/json</c>.</summary>
    Json = 0,

    /// <summary><c>application/xml</c>: the same package as XML.</summary>
    Xml = 1,
}
