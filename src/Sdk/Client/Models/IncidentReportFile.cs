namespace LiveWatch.Sdk.Client.Models;

/// <summary>
/// A confirmed incident's report package as LiveWatch exported it (evidence still sealed), byte for byte: store or
/// hand it on as it is.
/// </summary>
/// <param name="FileName">The name LiveWatch gave it (<c>livewatch-incident-&lt;id&gt;.json</c> or <c>.xml</c>).</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="Content">The file.</param>
public sealed record IncidentReportFile(string FileName, string ContentType, ReadOnlyMemory<byte> Content);
