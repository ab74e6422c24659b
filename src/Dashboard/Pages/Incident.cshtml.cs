using LiveWatch.Contracts.Incidents;
using LiveWatch.Dashboard.Evidence;
using LiveWatch.Dashboard.Hosting;
using LiveWatch.Dashboard.Incidents;
using LiveWatch.Grains.Evidence;
using LiveWatch.Storage.Accounts;
using LiveWatch.Storage.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LiveWatch.Dashboard.Pages;

/// <summary>
/// One incident: timeline, matches, stream, blurred evidence, reveal (audited, one frame at a time, re-blurred after
/// <see cref="DashboardOptions.RevealDuration"/>) and the decisions (through <see cref="IIncidentActions"/>).
/// Another tenant's incident is "not found", never "forbidden": its existence is not disclosed.
/// </summary>
public sealed class IncidentModel : DashboardPageModel
{
    private readonly IncidentReader _reader;
    private readonly IncidentStore _incidents;
    private readonly IIncidentActions _actions;
    private readonly RevealGrants _grants;
    private readonly EvidenceProtector _protector;
    private readonly AuditLog _audit;
    private readonly DashboardOptions _options;

    public IncidentModel(
        IncidentReader reader, IncidentStore incidents, IIncidentActions actions, RevealGrants grants, EvidenceProtector protector,
        AuditLog audit, IOptions<DashboardOptions> options)
    {
        _reader = reader;
        _incidents = incidents;
        _actions = actions;
        _grants = grants;
        _protector = protector;
        _audit = audit;
        _options = options.Value;
    }

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public IncidentDetail Detail { get; private set; } = null!;

    public string TenantId { get; private set; } = string.Empty;

    public bool MayReveal { get; private set; }

    public bool ShowHashes { get; private set; }

    /// <summary>The frame revealed by the last request, if any, and until when.</summary>
    public Guid? Revealed { get; private set; }

    public int RevealSeconds => (int)_options.RevealDuration.TotalSeconds;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken).ConfigureAwait(false) ? Page() : NotFound();

    /// <summary>The blurred greyscale thumbnail of a matched frame (safe to show; every member sees it).</summary>
    public async Task<IActionResult> OnGetThumbnailAsync(Guid evidenceId, CancellationToken cancellationToken)
    {
        if (await TenantAsync(cancellationToken).ConfigureAwait(false) is not { } tenant)
        {
            return NotFound();
        }

        var evidence = await _incidents.GetEvidenceAsync(tenant, evidenceId, cancellationToken).ConfigureAwait(false);
        if (evidence is not { Thumbnail: { } thumbnail } || evidence.IncidentId != Id)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, max-age=3600";
        return File(thumbnail, EvidenceThumbnail.ContentType);
    }

    /// <summary>The unblurred frame, only while the user's reveal of it lasts.</summary>
    public async Task<IActionResult> OnGetFrameAsync(Guid evidenceId, CancellationToken cancellationToken)
    {
        if (await TenantAsync(cancellationToken).ConfigureAwait(false) is not { } tenant)
        {
            return NotFound();
        }

        if (!_grants.IsGranted(Access.UserId, evidenceId))
        {
            return Denied();
        }

        var evidence = await _incidents.GetEvidenceAsync(tenant, evidenceId, cancellationToken).ConfigureAwait(false);
        if (evidence is null || evidence.IncidentId != Id)
        {
            return NotFound();
        }

        var (contentType, bytes) = EvidenceImages.Open(evidence, _protector);
        Response.Headers.CacheControl = "no-store";
        return File(bytes, contentType);
    }

    /// <summary>Reveals one frame after the user confirmed it; audited as <c>evidence.revealed</c>.</summary>
    public async Task<IActionResult> OnPostRevealAsync(Guid evidenceId, bool confirmed, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        if (!MayReveal)
        {
            return Denied();
        }

        var evidence = Detail.Evidence.FirstOrDefault(e => e.Id == evidenceId);
        if (evidence is null)
        {
            return NotFound();
        }

        if (!confirmed)
        {
            Problem = "Tick the confirmation to reveal a frame.";
            return RedirectToPage(new { Id });
        }

        await _audit.AppendAsync(TenantId, Access.Actor, "evidence.revealed", "incident", Id.ToString(),
            new { evidence = evidenceId, kind = evidence.Kind.ToString(), capturedAt = evidence.CapturedAt, seconds = RevealSeconds }, cancellationToken).ConfigureAwait(false);
        _grants.Grant(Access.UserId, evidenceId);
        Revealed = evidenceId;
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        return Page();
    }

    /// <summary>Blurs again at once.</summary>
    public IActionResult OnPostHide()
    {
        _grants.Revoke(Access.UserId);
        return RedirectToPage(new { Id });
    }

    public Task<IActionResult> OnPostAssignAsync(long version, CancellationToken cancellationToken) =>
        ActAsync(DashboardRole.Moderator, (tenant, actor, ct) => _actions.AssignToMeAsync(tenant, Id, actor, version, ct), "Assigned to you.", cancellationToken);

    public Task<IActionResult> OnPostConfirmAsync(long version, CancellationToken cancellationToken) =>
        ActAsync(DashboardRole.Moderator, (tenant, actor, ct) => _actions.ConfirmAsync(tenant, Id, actor, version, ct), "Confirmed.", cancellationToken);

    public Task<IActionResult> OnPostDismissAsync(long version, string? reason, bool addToNegativeBank, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            Problem = "Give a reason to dismiss the incident.";
            return Task.FromResult<IActionResult>(RedirectToPage(new { Id }));
        }

        return ActAsync(DashboardRole.Moderator, (tenant, actor, ct) => _actions.DismissAsync(tenant, Id, actor, version, reason.Trim(), addToNegativeBank, ct),
            addToNegativeBank ? "Dismissed; the frame's hash goes to the tenant's negative bank." : "Dismissed.", cancellationToken);
    }

    public Task<IActionResult> OnPostEscalateAsync(long version, string? note, CancellationToken cancellationToken) =>
        ActAsync(DashboardRole.Moderator, (tenant, actor, ct) => _actions.EscalateAsync(tenant, Id, actor, version, note, ct), "Escalated.", cancellationToken);

    public Task<IActionResult> OnPostTerminateAsync(string? reason, CancellationToken cancellationToken) =>
        ActAsync(DashboardRole.Moderator, (tenant, actor, ct) => _actions.RequestTerminationAsync(tenant, Id, actor, reason, ct), "The platform was asked to terminate the stream.", cancellationToken);

    public async Task<IActionResult> OnPostExportAsync(string? format, CancellationToken cancellationToken)
    {
        if (await TenantAsync(cancellationToken).ConfigureAwait(false) is not { } tenant)
        {
            return NotFound();
        }

        if (!Access.Has(tenant, DashboardRole.Moderator))
        {
            return Denied();
        }

        if (HttpContext.RequestServices.GetService<IIncidentReportExporter>() is not { } exporter)
        {
            Problem = "This dashboard process cannot make reports; export from a silo's dashboard or its REST API (GET /api/v1/incidents/{id}/report).";
            return RedirectToPage(new { Id });
        }

        try
        {
            var report = await exporter.ExportAsync(tenant, Id, format ?? "json", Access.Actor, cancellationToken).ConfigureAwait(false);
            return File(report.Content, report.ContentType, report.FileName);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or Storage.EntityConflictException)
        {
            Problem = e.Message;
            return RedirectToPage(new { Id });
        }
    }

    private async Task<IActionResult> ActAsync(DashboardRole role, Func<string, DecisionActor, CancellationToken, Task> action, string done, CancellationToken cancellationToken)
    {
        if (await TenantAsync(cancellationToken).ConfigureAwait(false) is not { } tenant)
        {
            return NotFound();
        }

        if (!Access.Has(tenant, role))
        {
            return Denied();
        }

        try
        {
            // The audit log and the platform's webhook name the moderator as the dashboard's other audit rows do.
            var actor = new DecisionActor(Access.Actor, Access.Name, Access.RoleIn(tenant)!.Value.ToString());
            await action(tenant, actor, cancellationToken).ConfigureAwait(false);
            Notice = done;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException
                                      or Storage.ConcurrencyConflictException or Storage.EntityConflictException or Storage.EntityNotFoundException)
        {
            // A stale version (another moderator decided first), a closed incident: said, not thrown.
            Problem = e.Message;
        }

        return RedirectToPage(new { Id });
    }

    // The incident's tenant if the user is in it; null (404) otherwise, whether or not the incident exists.
    private async Task<string?> TenantAsync(CancellationToken cancellationToken)
    {
        var tenant = await _reader.FindTenantAsync(Id, cancellationToken).ConfigureAwait(false);
        return tenant is not null && Access.RoleIn(tenant) is not null ? tenant : null;
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await TenantAsync(cancellationToken).ConfigureAwait(false) is not { } tenant)
        {
            return false;
        }

        TenantId = tenant;
        ShowHashes = Access.Has(tenant, DashboardRole.Admin);
        MayReveal = Access.Has(tenant, DashboardRole.Lead) || (Access.Has(tenant, DashboardRole.Moderator) && _options.ModeratorsMayReveal(tenant));
        var detail = await _reader.ReadAsync(tenant, Id, ShowHashes, cancellationToken).ConfigureAwait(false);
        if (detail is null)
        {
            return false;
        }

        Detail = detail;
        return true;
    }
}
