namespace LiveWatch.Storage.Mapping;

/// <summary>
/// Table names, shared by the model and the hand-written SQL in migrations (triggers) so that both stay in step.
/// Identifiers are quoted with double quotes, which SQLite and PostgreSQL both accept.
/// </summary>
internal static class EntityNames
{
    public const string Tenants = "Tenants";
    public const string ApiKeys = "ApiKeys";
    public const string Streams = "Streams";
    public const string Banks = "Banks";
    public const string BankEntries = "BankEntries";
    public const string BankChanges = "BankChanges";
    public const string Incidents = "Incidents";
    public const string IncidentMatches = "IncidentMatches";
    public const string Evidence = "Evidence";
    public const string AuditEntries = "AuditEntries";
    public const string OutboxMessages = "OutboxMessages";
    public const string FeedEvents = "FeedEvents";
    public const string WebhookEndpoints = "WebhookEndpoints";

    /// <summary>Longest stored actor, action, subject type and subject id.</summary>
    public const int ShortTextLength = 200;
}
