using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using LiveWatch.Silo.Api.Models;
using LiveWatch.Storage.Stores;
using LiveWatch.Webhooks.Tests.Infrastructure;

namespace LiveWatch.Webhooks.Tests.Reports;

/// <summary>The CyberTipline report package of a confirmed incident, as JSON and XML; refused before confirmation.</summary>
[Collection(SharedNode.Name)]
public sealed class IncidentReportExportTests(WebhooksNode node)
{
    [Fact]
    public async Task An_incident_not_confirmed_has_no_report_409()
    {
        var tenant = ApiSteps.NewTenantId("noreport");
        using var admin = node.Admin();
        using var platform = await node.NewTenantAsync(tenant);
        var (incidentId, _) = await platform.OpenIncidentAsync(admin, tenant, "cam-1", seed: 21);

        var detail = await (await platform.GetAsync(new Uri($"/api/v1/incidents/{incidentId}/report", UriKind.Relative))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("is Open; only a confirmed incident can be exported", detail, StringComparison.Ordinal);

        await (await platform.DecideAsync(incidentId, "dismiss", new IncidentDecisionRequest(Reason: "benign"))).ReadAsync<IncidentDecisionResponse>();
        Assert.Contains("is Dismissed", await (await platform.GetAsync(new Uri($"/api/v1/incidents/{incidentId}/report?format=xml", UriKind.Relative))).ProblemAsync(HttpStatusCode.Conflict),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirmed_incident_exports_the_report_fields_and_its_sealed_evidence_as_json()
    {
        var tenant = ApiSteps.NewTenantId("report");
        using var admin = node.Admin();
        using var platform = await node.NewTenantAsync(tenant);
        var (incidentId, luma) = await platform.OpenIncidentAsync(admin, tenant, "cam-1", seed: 22, userId: "streamer-9");
        var hash = Canvases.Make(22).Hash;
        await (await platform.DecideAsync(incidentId, "confirm")).ReadAsync<IncidentDecisionResponse>();
        var detail = await platform.IncidentAsync(incidentId);

        var response = await platform.GetAsync(new Uri($"/api/v1/incidents/{incidentId}/report?format=json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("livewatch.incident-report/1", (string?)report["schema"]);
        var summary = report["incidentSummary"]!;
        Assert.Equal("Child Pornography (possession, manufacture, and distribution)", (string?)summary["incidentType"]);
        Assert.Equal(incidentId.ToString(), (string?)summary["incidentId"]);
        Assert.NotNull((string?)summary["incidentDateTime"]);
        Assert.Equal(tenant, (string?)report["reporter"]!["tenantId"]);
        Assert.Equal($"Tenant {tenant}", (string?)report["reporter"]!["companyName"]);
        var stream = report["reportedStream"]!;
        Assert.Equal("cam-1", (string?)stream["streamId"]);
        Assert.Equal("streamer-9", (string?)stream["platformUserId"]);
        Assert.True((bool)stream["liveStreaming"]!);
        Assert.Equal("Confirmed", (string?)report["review"]!["state"]);
        Assert.False((bool)report["review"]!["employeeViewedContent"]!);

        var file = Assert.Single(report["files"]!.AsArray())!;
        Assert.Equal("PDQ", (string?)file["hashes"]![0]!["type"]);
        Assert.Equal(hash.ToString(), (string?)file["hashes"]![0]!["value"]);
        Assert.True((bool)file["liveStreaming"]!);
        var match = file["matches"]![0]!;
        Assert.Equal("known-22", (string?)match["bankSource"]);
        Assert.Equal(tenant, (string?)match["bankOwner"]);
        Assert.Equal(0, (int)match["distance"]!);

        // The evidence as stored: every frame, sealed; the raw canvas never appears.
        var evidence = report["evidence"]!;
        Assert.Equal("AES-256-GCM", (string?)evidence["encryption"]);
        var frames = evidence["frames"]!.AsArray();
        Assert.Equal(detail.Evidence.Count, frames.Count);
        Assert.NotEmpty(frames);
        foreach (var frame in frames)
        {
            var ciphertext = Convert.FromBase64String((string)frame!["ciphertext"]!);
            Assert.Equal(luma.Length, ciphertext.Length);
            Assert.NotEqual(luma, ciphertext);
            Assert.Equal(12, Convert.FromBase64String((string)frame["nonce"]!).Length);
            Assert.Equal(16, Convert.FromBase64String((string)frame["tag"]!).Length);
        }

        var exported = await node.WithServiceAsync<AuditLog, IReadOnlyList<LiveWatch.Storage.Entities.AuditEntry>>(log => log.QueryAsync(tenant, new AuditQuery(Action: "incident.report_exported")));
        Assert.Equal(incidentId.ToString(), Assert.Single(exported).SubjectId);
    }

    [Fact]
    public async Task The_xml_package_has_the_same_fields_and_a_reveal_in_the_audit_log_marks_the_content_as_viewed()
    {
        var tenant = ApiSteps.NewTenantId("xml");
        using var admin = node.Admin();
        using var platform = await node.NewTenantAsync(tenant);
        var (incidentId, _) = await platform.OpenIncidentAsync(admin, tenant, "cam-1", seed: 23, userId: "streamer-3");
        await (await platform.DecideAsync(incidentId, "confirm")).ReadAsync<IncidentDecisionResponse>();

        // What the dashboard writes when a moderator reveals a frame.
        var evidenceId = (await platform.IncidentAsync(incidentId)).Evidence[0].Id;
        await node.WithServiceAsync<AuditLog, LiveWatch.Storage.Entities.AuditEntry>(log =>
            log.AppendAsync(tenant, "user:lead-1", "evidence.revealed", "evidence", evidenceId.ToString(), new { incidentId }));

        var response = await platform.GetAsync(new Uri($"/api/v1/incidents/{incidentId}/report?format=xml", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;

        Assert.Equal("incidentReport", root.Name.LocalName);
        Assert.Equal("Child Pornography (possession, manufacture, and distribution)", root.Element("incidentSummary")?.Element("incidentType")?.Value);
        Assert.Equal(tenant, root.Element("reporter")?.Element("tenantId")?.Value);
        Assert.Equal("streamer-3", root.Element("reportedStream")?.Element("platformUserId")?.Value);
        Assert.Equal("true", root.Element("reportedStream")?.Element("liveStreaming")?.Value);
        Assert.Equal("true", root.Element("review")?.Element("employeeViewedContent")?.Value);
        Assert.Equal("user:lead-1", root.Element("review")?.Element("reveals")?.Element("reveal")?.Element("actor")?.Value);
        var file = root.Element("files")?.Element("file");
        Assert.Equal("PDQ", file?.Element("hashes")?.Element("hash")?.Element("type")?.Value);
        Assert.Equal(Canvases.Make(23).Hash.ToString(), file?.Element("hashes")?.Element("hash")?.Element("value")?.Value);
        Assert.Equal("true", file?.Element("viewedByEsp")?.Value);
        Assert.NotEmpty(root.Element("evidence")!.Element("frames")!.Elements("frame"));
    }

    [Fact]
    public async Task An_unknown_format_is_refused()
    {
        var tenant = ApiSteps.NewTenantId("fmt");
        using var admin = node.Admin();
        using var platform = await node.NewTenantAsync(tenant);
        var (incidentId, _) = await platform.OpenIncidentAsync(admin, tenant, "cam-1", seed: 24);
        await (await platform.DecideAsync(incidentId, "confirm")).ReadAsync<IncidentDecisionResponse>();

        Assert.Contains("format", await (await platform.GetAsync(new Uri($"/api/v1/incidents/{incidentId}/report?format=pdf", UriKind.Relative))).ProblemAsync(HttpStatusCode.BadRequest),
            StringComparison.Ordinal);
    }
}
