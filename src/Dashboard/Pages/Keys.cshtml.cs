using LiveWatch.Storage.Accounts;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LiveWatch.Dashboard.Pages;

/// <summary>Platform API keys per tenant (Admins): create (the token is shown once, in that answer only), revoke; audited.</summary>
[Authorize(Policy = Accounts.DashboardPolicies.Admin)]
public sealed class KeysModel : TenantAdminPageModel
{
    private readonly ApiKeyStore _keys;
    private readonly AuditLog _audit;

    public KeysModel(ApiKeyStore keys, AuditLog audit)
    {
        _keys = keys;
        _audit = audit;
    }

    public IReadOnlyList<ApiKeyInfo> Keys { get; private set; } = [];

    /// <summary>The token of the key just created; rendered once and never stored in the clear.</summary>
    public CreatedApiKey? Created { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken).ConfigureAwait(false) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCreateAsync(string name, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken).ConfigureAwait(false) || Tenant is null)
        {
            return NotFound();
        }

        try
        {
            Created = await _keys.CreateAsync(Tenant, name?.Trim() ?? string.Empty, ApiKeyRole.Platform, cancellationToken).ConfigureAwait(false);
            await _audit.AppendAsync(Tenant, Access.Actor, "apikey.created", "apikey", Created.Key.Id.ToString(),
                new { Created.Key.Name, Created.Key.Prefix }, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            Problem = e.Message;
            return RedirectToPage(new { Tenant });
        }

        // The answer carries the token: antiforgery already marks every page with a form no-cache, no-store.
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid keyId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken).ConfigureAwait(false) || Tenant is null)
        {
            return NotFound();
        }

        if (await _keys.RevokeAsync(Tenant, keyId, cancellationToken).ConfigureAwait(false))
        {
            await _audit.AppendAsync(Tenant, Access.Actor, "apikey.revoked", "apikey", keyId.ToString(), null, cancellationToken).ConfigureAwait(false);
            Notice = "Key revoked: calls with it are refused from now on.";
        }

        return RedirectToPage(new { Tenant });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (!await ChooseTenantAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (Tenant is null)
        {
            return true;
        }

        Keys = await _keys.ListAsync(Tenant, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
