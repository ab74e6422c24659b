namespace LiveWatch.Dashboard.Incidents;

/// <summary>An exported report: the file's name, media type and bytes.</summary>
public sealed record IncidentReportFile(string FileName, string ContentType, byte[] Content);
