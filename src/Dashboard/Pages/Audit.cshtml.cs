using System.Globalization;
using System.Text;
using LiveWatch.Storage.Accounts;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LiveWatch.Dashboard.Pages;

/// <summary>The audit log (Leads and Admins), filtered by tenant, actor, action and time; exported as CSV.</summary>
[Authorize(Policy = Accounts.DashboardPolicies.Lead)]
public sealed class AuditModel : DashboardPageModel
{
    /// <summary>The value of <see cref="Tenant"/> that stands for operator-level entries (platform Admins only).</summary>
    public const string PlatformEntries = "(platform)";

    private readonly AuditLog _audit;

    public AuditModel(AuditLog audit)
    {
        _audit = audit;
    }

    [BindProperty(SupportsGet = true)]
    public string? Tenant { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTime? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTime? To { get; set; }

    public IReadOnlyList<string> Tenants { get; private set; } = [];

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken).ConfigureAwait(false) ? Page() : NotFound();

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        var csv = new StringBuilder("sequence,at,tenant,actor,action,subject_type,subject_id,details\n");
        foreach (var e in Entries)
        {
            csv.AppendJoin(',', e.Sequence.ToString(CultureInfo.InvariantCulture), e.At.ToString("O", CultureInfo.InvariantCulture),
                Quote(e.TenantId ?? string.Empty), Quote(e.Actor), Quote(e.Action), Quote(e.SubjectType), Quote(e.SubjectId), Quote(e.Details)).Append('\n');
        }

        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"livewatch-audit-{Tenant ?? "all"}.csv");
    }

    // RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs it as a formula.
    private static string Quote(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var tenants = (await VisibleTenantsAsync(cancellationToken).ConfigureAwait(false)).Where(t => Access.Has(t, DashboardRole.Lead)).ToList();
        if (Access.IsPlatformAdmin)
        {
            tenants.Insert(0, PlatformEntries);
        }

        Tenants = tenants;
        Tenant ??= tenants.Count > 0 ? tenants[0] : null;
        if (Tenant is null)
        {
            return true;
        }

        if (!tenants.Contains(Tenant))
        {
            return false;
        }

        var query = new AuditQuery(
            From is { } from ? new DateTimeOffset(DateTime.SpecifyKind(from, DateTimeKind.Utc)) : null,
            To is { } to ? new DateTimeOffset(DateTime.SpecifyKind(to, DateTimeKind.Utc)) : null,
            string.IsNullOrWhiteSpace(Actor) ? null : Actor.Trim(),
            string.IsNullOrWhiteSpace(Action) ? null : Action.Trim(),
            Max: 1000);
        var owner = Tenant == PlatformEntries ? null : Tenant;

        // The newest 1000 entries matching, shown newest first: page backwards from the latest sequence.
        var entries = new List<AuditEntry>();
        var after = 0L;
        while (true)
        {
            var page = await _audit.QueryAsync(owner, query with { AfterSequence = after }, cancellationToken).ConfigureAwait(false);
            entries.AddRange(page);
            if (page.Count < query.Max)
            {
                break;
            }

            after = page[^1].Sequence;
            if (entries.Count > 10 * query.Max)
            {
                entries.RemoveRange(0, entries.Count - query.Max);
            }
        }

        Entries = entries.TakeLast(query.Max).Reverse().ToList();
        return true;
    }
}
