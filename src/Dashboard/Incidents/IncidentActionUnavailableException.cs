namespace LiveWatch.Dashboard.Incidents;

/// <summary>The incident grain of this build has no method for the action yet; the page says so and nothing changes.</summary>
public sealed class IncidentActionUnavailableException : InvalidOperationException
{
    public IncidentActionUnavailableException()
        : base("This action is not available in this build.")
    {
    }

    public IncidentActionUnavailableException(string message)
        : base(message)
    {
    }

    public IncidentActionUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
