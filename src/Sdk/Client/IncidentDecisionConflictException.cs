using System.Net;
using LiveWatch.Sdk.Client.Models;

namespace LiveWatch.Sdk.Client;

/// <summary>
/// A decision on an incident was refused (409) because of what happened to it meanwhile: another moderator or key
/// decided already (confirming an incident someone dismissed), or it changed since the expected version (new
/// matches, another decision). <see cref="Current"/> is the incident as it is now: who decided what and when, and the
/// version to decide on again.
/// </summary>
public sealed class IncidentDecisionConflictException : LiveWatchApiException
{
    /// <summary>A refused decision with the server's words and the incident as it is now.</summary>
    public IncidentDecisionConflictException(string? title, string? detail, IncidentSummary current)
        : base(HttpStatusCode.Conflict, title, detail)
    {
        Current = current;
    }

    /// <inheritdoc />
    public IncidentDecisionConflictException()
        : this("A decision on an incident was refused.")
    {
    }

    /// <inheritdoc />
    public IncidentDecisionConflictException(string message)
        : base(message)
    {
    }

    /// <inheritdoc />
    public IncidentDecisionConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The incident as it is now (null only when made without one).</summary>
    public IncidentSummary? Current { get; }

    /// <summary>Who made the decision in place (an actor id, e.g. a moderator's or <c>apikey:&lt;prefix&gt;</c>), if any.</summary>
    public string? DecidedBy => Current?.DecidedBy;
}
