using LiveWatch.Contracts.Banks;
using LiveWatch.Hashing.Formats;
using LiveWatch.Storage;
using LiveWatch.Storage.Accounts;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LiveWatch.Dashboard.Pages;

/// <summary>
/// Banks (Admins): counts, thresholds, kind, enable/disable, import with per-line errors, recent changes. A
/// platform-wide Admin manages the global banks and every tenant's; a tenant's Admin manages that tenant's banks.
/// Hash values are never listed here.
/// </summary>
[Authorize(Policy = Accounts.DashboardPolicies.Admin)]
public sealed class BanksModel : DashboardPageModel
{
    private readonly BankStore _banks;
    private readonly AuditLog _audit;

    public BanksModel(BankStore banks, AuditLog audit)
    {
        _banks = banks;
        _audit = audit;
    }

    public IReadOnlyList<(Bank Bank, int Count)> Banks { get; private set; } = [];

    public IReadOnlyList<BankChangeRecord> Changes { get; private set; } = [];

    public IReadOnlyList<string> Owners { get; private set; } = [];

    /// <summary>Per-line errors of the last import, if it was refused.</summary>
    public IReadOnlyList<HashListError> ImportErrors { get; private set; } = [];

    public int ImportErrorCount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken).ConfigureAwait(false);

    public async Task<IActionResult> OnPostCreateAsync(string? owner, string name, BankKind kind, int threshold, CancellationToken cancellationToken)
    {
        if (!await MayManageAsync(owner, cancellationToken).ConfigureAwait(false))
        {
            return Denied();
        }

        try
        {
            var bank = await _banks.CreateBankAsync(Owner(owner), name?.Trim() ?? string.Empty, kind, threshold, enabled: true, cancellationToken).ConfigureAwait(false);
            await _audit.AppendAsync(bank.TenantId, Access.Actor, "bank.created", "bank", bank.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new { bank.Name, kind = bank.Kind.ToString(), bank.DistanceThreshold }, cancellationToken).ConfigureAwait(false);
            Notice = $"Bank {bank.Name} created.";
        }
        catch (Exception e) when (e is ArgumentException or EntityConflictException)
        {
            Problem = e.Message;
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUpdateAsync(long bankId, bool enabled, int threshold, BankKind kind, CancellationToken cancellationToken)
    {
        if (await FindAsync(bankId, cancellationToken).ConfigureAwait(false) is not { } bank)
        {
            return NotFound();
        }

        try
        {
            var owner = bank.TenantId;
            _ = enabled ? await _banks.EnableAsync(owner, bankId, cancellationToken).ConfigureAwait(false) : await _banks.DisableAsync(owner, bankId, cancellationToken).ConfigureAwait(false);
            if (threshold != bank.DistanceThreshold)
            {
                await _banks.SetThresholdAsync(owner, bankId, threshold, cancellationToken).ConfigureAwait(false);
            }

            if (kind != bank.Kind)
            {
                await _banks.SetKindAsync(owner, bankId, kind, cancellationToken).ConfigureAwait(false);
            }

            await _audit.AppendAsync(owner, Access.Actor, "bank.updated", "bank", bankId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new { enabled, distanceThreshold = threshold, kind = kind.ToString() }, cancellationToken).ConfigureAwait(false);
            Notice = $"Bank {bank.Name} updated.";
        }
        catch (Exception e) when (e is ArgumentException or EntityConflictException or EntityNotFoundException)
        {
            Problem = e.Message;
        }

        return RedirectToPage();
    }

    /// <summary>Imports a hash list file atomically: all of it, or nothing with the bad lines listed.</summary>
    public async Task<IActionResult> OnPostImportAsync(long bankId, IFormFile? file, string? format, CancellationToken cancellationToken)
    {
        if (await FindAsync(bankId, cancellationToken).ConfigureAwait(false) is not { } bank)
        {
            return NotFound();
        }

        if (file is null || file.Length == 0)
        {
            Problem = "Choose a hash list file to import.";
            return RedirectToPage();
        }

        var source = Path.GetFileName(file.FileName);
        var listFormat = Enum.TryParse<HashListFormat>(format, ignoreCase: true, out var f) ? f : HashListFormat.Auto;
        try
        {
            HashListReadResult read;
            await using (var stream = file.OpenReadStream())
            {
                read = HashListReader.Read(stream, source, new HashListReadOptions { Format = listFormat }, cancellationToken);
            }

            if (read.Entries.Count == 0)
            {
                Problem = $"{source}: the list holds no hashes; nothing was imported.";
                return RedirectToPage();
            }

            var result = await _banks.ImportAsync(bank.TenantId, bankId, read.Entries.Select(e => new NewBankEntry(e.Hash, e.Id, e.Label)), cancellationToken).ConfigureAwait(false);
            await _audit.AppendAsync(bank.TenantId, Access.Actor, "bank.imported", "bank", bankId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new { source, format = read.Format.ToString(), result.Count, result.LastSequence }, cancellationToken).ConfigureAwait(false);
            Notice = $"Imported {result.Count} hash(es) from {source} into {bank.Name}.";
            return RedirectToPage();
        }
        catch (HashListFormatException e)
        {
            ImportErrors = e.Errors;
            ImportErrorCount = e.ErrorCount;
            Problem = $"{source} was refused; nothing was imported. {(e.Errors.Count == 0 ? e.Message : $"{e.ErrorCount} bad line(s):")}";
        }
        catch (Exception e) when (e is BankImportException or EntityConflictException or ArgumentException)
        {
            Problem = $"{source} was refused; nothing was imported. {e.Message}";
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        return Page();
    }

    private static string? Owner(string? owner) => string.IsNullOrEmpty(owner) ? null : owner;

    private async Task<bool> MayManageAsync(string? owner, CancellationToken cancellationToken)
    {
        if (Owner(owner) is not { } tenant)
        {
            return Access.IsPlatformAdmin;
        }

        return (await VisibleTenantsAsync(cancellationToken).ConfigureAwait(false)).Contains(tenant) && Access.Has(tenant, DashboardRole.Admin);
    }

    private async Task<Bank?> FindAsync(long bankId, CancellationToken cancellationToken)
    {
        foreach (var owner in await OwnersAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await _banks.GetBankAsync(Owner(owner), bankId, cancellationToken).ConfigureAwait(false) is { DeletedAt: null } bank)
            {
                return bank;
            }
        }

        return null;
    }

    // "" stands for the global banks (platform-wide Admins only).
    private async Task<IReadOnlyList<string>> OwnersAsync(CancellationToken cancellationToken)
    {
        var tenants = (await VisibleTenantsAsync(cancellationToken).ConfigureAwait(false)).Where(t => Access.Has(t, DashboardRole.Admin));
        return Access.IsPlatformAdmin ? [string.Empty, .. tenants] : tenants.ToList();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Owners = await OwnersAsync(cancellationToken).ConfigureAwait(false);
        var banks = new List<(Bank, int)>();
        foreach (var owner in Owners)
        {
            foreach (var bank in await _banks.ListBanksAsync(Owner(owner), cancellationToken).ConfigureAwait(false))
            {
                if (bank.DeletedAt is null)
                {
                    banks.Add((bank, await _banks.CountEntriesAsync(bank.TenantId, bank.Id, cancellationToken).ConfigureAwait(false)));
                }
            }
        }

        Banks = banks;
        var visible = banks.Select(b => b.Item1.Id).ToHashSet();
        var latest = await _banks.GetCurrentSequenceAsync(cancellationToken).ConfigureAwait(false);
        var changes = await _banks.GetChangesAfterAsync(Math.Max(0, latest - 200), 200, cancellationToken).ConfigureAwait(false);
        Changes = changes.Where(c => visible.Contains(c.Bank.Id)).Reverse().Take(30).ToList();
    }
}
