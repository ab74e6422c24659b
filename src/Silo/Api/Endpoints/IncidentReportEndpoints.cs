using System.Security.Claims;
using System.Text.Json;
using System.Xml.Linq;
using LiveWatch.Dashboard.Incidents;
using LiveWatch.Hashing.Pdq;
using LiveWatch.Silo.Api.Authentication;
using LiveWatch.Silo.Api.Models;
using LiveWatch.Storage;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace LiveWatch.Silo.Api.Endpoints;

/// <summary>
/// <c>GET /api/v1/incidents/{id}/report?format=json|xml</c> (platform key; operators under
/// <c>/api/v1/admin/tenants/{tenantId}/incidents/{id}/report</c>): the CyberTipline report package of a confirmed
/// incident (<see cref="IncidentReportPackage"/>), with its evidence sealed as stored. Made on request only, never sent
/// anywhere; every export is audited (<c>incident.report_exported</c>). Not confirmed: 409.
/// </summary>
internal static class IncidentReportEndpoints
{
    /// <summary>The audit action a moderator's reveal of an evidence frame is recorded under (the dashboard writes it).</summary>
    public const string EvidenceRevealedAction = "evidence.revealed";

    private const string IncidentType = "Child Pornography (possession, manufacture, and distribution)";

    public static RouteGroupBuilder MapIncidentReportEndpoints(this RouteGroupBuilder api, RouteGroupBuilder admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        api.MapGet("/incidents/{incidentId:guid}/report", (Guid incidentId, string? format, HttpContext context, IServiceProvider services, CancellationToken ct) =>
                ExportAsync(context.User.TenantId(), incidentId, format, context.User, services, ct))
            .WithTags("Incidents: decisions").RequireAuthorization(ApiKeyDefaults.PlatformPolicy)
            .WithSummary("The report package of a confirmed incident (format=json|xml), evidence sealed; never sent anywhere");
        admin.MapGet("/tenants/{tenantId}/incidents/{incidentId:guid}/report", (string tenantId, Guid incidentId, string? format, HttpContext context, IServiceProvider services, CancellationToken ct) =>
                ExportAsync(tenantId, incidentId, format, context.User, services, ct))
            .WithTags("Admin: incident decisions")
            .WithSummary("The report package of a tenant's confirmed incident (format=json|xml)");
        return api;
    }

    private static async Task<IResult> ExportAsync(string tenantId, Guid incidentId, string? format, ClaimsPrincipal user, IServiceProvider services, CancellationToken ct)
    {
        var file = await RenderAsync(tenantId, incidentId, format, user.Actor(), services, ct).ConfigureAwait(false);
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    /// <summary>
    /// The report file of a confirmed incident (format json or xml), with an audit row saying who exported it: the API's
    /// and the dashboard's one way to make it.
    /// </summary>
    /// <exception cref="EntityNotFoundException">No such incident in the tenant.</exception>
    /// <exception cref="EntityConflictException">The incident is not confirmed.</exception>
    internal static async Task<IncidentReportFile> RenderAsync(string tenantId, Guid incidentId, string? format, string actor, IServiceProvider services, CancellationToken ct)
    {
        var xml = (format ?? "json").ToUpperInvariant() switch
        {
            "JSON" => false,
            "XML" => true,
            _ => throw new ArgumentException($"format: '{format}' is not one of json, xml."),
        };
        var incidents = services.GetRequiredService<IncidentStore>();
        var incident = await incidents.GetAsync(tenantId, incidentId, ct).ConfigureAwait(false)
            ?? throw new EntityNotFoundException($"There is no incident {incidentId}.");
        if (incident.State is not (IncidentState.Confirmed or IncidentState.Reported))
        {
            throw new EntityConflictException(
                $"Incident {incidentId} is {incident.State}; only a confirmed incident can be exported as a report. A moderator confirms it first (POST …/incidents/{incidentId}/confirm).");
        }

        var package = await BuildAsync(tenantId, incident, services, ct).ConfigureAwait(false);
        await services.GetRequiredService<AuditLog>().AppendAsync(tenantId, actor, "incident.report_exported", "incident", incidentId.ToString(),
            new { format = xml ? "xml" : "json", files = package.Files.Count, evidenceFrames = package.Evidence.Frames.Count }, ct).ConfigureAwait(false);
        var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var fileName = $"livewatch-incident-{incidentId}.{(xml ? "xml" : "json")}";
        if (!xml)
        {
            return new IncidentReportFile(fileName, "application/json", JsonSerializer.SerializeToUtf8Bytes(package, json));
        }

        using var document = JsonSerializer.SerializeToDocument(package, json);
        var root = ToXml("incidentReport", document.RootElement);
        return new IncidentReportFile(fileName, "application/xml", System.Text.Encoding.UTF8.GetBytes(new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + "\n" + root));
    }

    private static async Task<IncidentReportPackage> BuildAsync(string tenantId, Incident incident, IServiceProvider services, CancellationToken ct)
    {
        var incidents = services.GetRequiredService<IncidentStore>();
        var tenant = await services.GetRequiredService<TenantStore>().GetAsync(tenantId, ct).ConfigureAwait(false);
        var stream = await services.GetRequiredService<StreamStore>().GetAsync(tenantId, incident.StreamId, ct).ConfigureAwait(false)
            ?? throw new EntityNotFoundException($"Incident {incident.Id}'s stream '{incident.StreamId}' is gone.");
        var matches = await incidents.ListMatchesAsync(tenantId, incident.Id, ct).ConfigureAwait(false);
        var evidence = await incidents.ListEvidenceAsync(tenantId, incident.Id, ct).ConfigureAwait(false);
        var reveals = await services.GetRequiredService<AuditLog>().ListAboutAsync(tenantId, EvidenceRevealedAction, incident.Id.ToString(), cancellationToken: ct).ConfigureAwait(false);
        var banks = services.GetRequiredService<BankStore>();
        var bankNames = new Dictionary<long, (string Name, string Owner)>();
        foreach (var bankId in matches.Select(m => m.BankId).Distinct())
        {
            var bank = await banks.GetBankAsync(tenantId, bankId, ct).ConfigureAwait(false) ?? await banks.GetBankAsync(null, bankId, ct).ConfigureAwait(false);
            bankNames[bankId] = bank is null ? ($"bank {bankId} (deleted)", "unknown") : (bank.Name, bank.TenantId is null ? "global" : bank.TenantId);
        }

        var viewed = reveals.Count > 0;
        var files = matches
            .GroupBy(m => (m.RunId, m.FrameSequence))
            .Select(frame => new ReportFile(
                frame.Key.RunId,
                frame.Key.FrameSequence,
                frame.First().FrameTimestamp,
                [new ReportHash("PDQ", frame.First().FrameHash.ToString())],
                [.. frame.Select(m => new ReportBankMatch(m.BankId, bankNames[m.BankId].Name, bankNames[m.BankId].Owner, m.BankEntryId, m.Distance,
                    ((Dihedral)m.Variant).ToShortName(), m.Quality))],
                LiveStreaming: true,
                ViewedByEsp: viewed))
            .ToList();
        var firstMatch = matches.Count == 0 ? incident.OpenedAt : matches.Min(m => m.FrameTimestamp);
        return new IncidentReportPackage(
            "livewatch.incident-report/1",
            services.GetRequiredService<TimeProvider>().GetUtcNow(),
            new ReportIncidentSummary(IncidentType, firstMatch, "Capture time of the first frame of the live stream that matched a hash list", incident.Id,
                incident.Level.ToString(), incident.OpenedAt, matches.Count == 0 ? null : matches.Max(m => m.FrameTimestamp), incident.MatchCount, incident.BestDistance),
            new ReportReporter(tenantId, tenant?.Name ?? tenantId, incident.DecidedBy, incident.DecidedByName),
            new ReportedBroadcast(stream.StreamId, stream.UserId, stream.Channel, stream.Title, stream.SourceUrl, stream.CreatedAt, stream.StoppedAt, stream.State.ToString(), LiveStreaming: true),
            new ReportReview(incident.State.ToString(), incident.DecidedAt, viewed, [.. reveals.Select(r => new ReportReveal(r.Actor, r.At))], incident.StreamAction),
            files,
            new ReportEvidenceBundle("AES-256-GCM", [.. evidence.Select(e => new ReportSealedFrame(e.Id, e.Kind.ToString(), e.CapturedAt, e.StreamSeconds, e.ContentType, e.KeyId,
                Convert.ToBase64String(e.Nonce), Convert.ToBase64String(e.Tag), Convert.ToBase64String(e.EncryptedFrame)))]));
    }

    // The JSON package as XML: objects become elements, properties child elements, arrays repeated children named
    // for one of their items, nulls empty elements with nil="true".
    private static XElement ToXml(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => new XElement(name, value.EnumerateObject().Select(p => ToXml(p.Name, p.Value))),
        JsonValueKind.Array => new XElement(name, value.EnumerateArray().Select(item => ToXml(ItemName(name), item))),
        JsonValueKind.Null or JsonValueKind.Undefined => new XElement(name, new XAttribute("nil", "true")),
        JsonValueKind.String => new XElement(name, value.GetString()),
        _ => new XElement(name, value.GetRawText()),
    };

    private static string ItemName(string arrayName) => arrayName switch
    {
        "files" => "file",
        "hashes" => "hash",
        "matches" => "match",
        "frames" => "frame",
        "reveals" => "reveal",
        _ => "item",
    };
}
