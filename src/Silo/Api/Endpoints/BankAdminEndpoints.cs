using System.Security.Claims;
using LiveWatch.Contracts.Banks;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Formats;
using LiveWatch.Silo.Api.Authentication;
using LiveWatch.Silo.Api.Models;
using LiveWatch.Storage;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.Options;

namespace LiveWatch.Silo.Api.Endpoints;

/// <summary>
/// Bank administration for operators: global banks under <c>/admin/banks</c>, a platform's own under
/// <c>/admin/tenants/{tenantId}/banks</c>. Changes go to the store with a change sequence; every silo's replica applies
/// them within seconds. Hash values are never returned.
/// </summary>
internal static class BankAdminEndpoints
{
    public static RouteGroupBuilder MapBankAdminEndpoints(this RouteGroupBuilder admin)
    {
        MapBankRoutes(admin.MapGroup("/banks").WithTags("Admin: banks"), _ => null);
        MapBankRoutes(admin.MapGroup("/tenants/{tenantId}/banks").WithTags("Admin: banks"), context => (string?)context.GetRouteValue("tenantId"));
        return admin;
    }

    private static void MapBankRoutes(RouteGroupBuilder banks, Func<HttpContext, string?> ownerOf)
    {
        banks.MapPost("/", (CreateBankRequest request, HttpContext context, BankStore store, AuditLog audit, CancellationToken ct) =>
            CreateAsync(ownerOf(context), request, context.User, store, audit, ct)).WithSummary("Create a bank");
        banks.MapGet("/", (HttpContext context, BankStore store, CancellationToken ct) =>
            ListAsync(ownerOf(context), store, ct)).WithSummary("List banks with their entry counts");
        banks.MapGet("/{bankId:long}", (long bankId, HttpContext context, BankStore store, CancellationToken ct) =>
            GetAsync(ownerOf(context), bankId, store, ct)).WithSummary("A bank");
        banks.MapPatch("/{bankId:long}", (long bankId, UpdateBankRequest request, HttpContext context, BankStore store, AuditLog audit, CancellationToken ct) =>
            UpdateAsync(ownerOf(context), bankId, request, context.User, store, audit, ct)).WithSummary("Enable, disable, change threshold or kind");
        banks.MapDelete("/{bankId:long}", (long bankId, HttpContext context, BankStore store, AuditLog audit, CancellationToken ct) =>
            DeleteAsync(ownerOf(context), bankId, context.User, store, audit, ct)).WithSummary("Delete a bank (its entries stop matching)");
        banks.MapPost("/{bankId:long}/import", (long bankId, string? format, string? name, HttpContext context, BankStore store, AuditLog audit, IOptions<ApiOptions> options, CancellationToken ct) =>
            ImportAsync(ownerOf(context), bankId, format, name, context, store, audit, options.Value, ct))
            .WithSummary("Import a hash list (plain, csv or vpdq) atomically: all of it or, on any bad line, nothing")
            .WithDescription("The body is the list file; ?format=plain|csv|vpdq (default: detected), ?name= for error messages.");
        banks.MapPost("/{bankId:long}/entries", (long bankId, AddBankEntryRequest request, HttpContext context, BankStore store, AuditLog audit, CancellationToken ct) =>
            AddEntryAsync(ownerOf(context), bankId, request, context.User, store, audit, ct)).WithSummary("Add one hash");
        banks.MapDelete("/{bankId:long}/entries/{entryId:long}", (long bankId, long entryId, HttpContext context, BankStore store, AuditLog audit, CancellationToken ct) =>
            RemoveEntryAsync(ownerOf(context), bankId, entryId, context.User, store, audit, ct)).WithSummary("Remove one hash");
    }

    private static async Task<IResult> CreateAsync(
        string? owner, CreateBankRequest request, ClaimsPrincipal user, BankStore store, AuditLog audit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = ApiMapping.ParseEnum<BankKind>(request.Kind, "kind");
        var bank = await store.CreateBankAsync(owner, request.Name, kind, request.DistanceThreshold, request.Enabled, ct).ConfigureAwait(false);
        await audit.AppendAsync(owner, user.Actor(), "bank.created", "bank", Id(bank.Id),
            new { bank.Name, kind = bank.Kind.ToString(), bank.DistanceThreshold, bank.Enabled }, ct).ConfigureAwait(false);
        return TypedResults.Created($"{BanksPath(owner)}/{bank.Id}", bank.ToResponse(0));
    }

    private static async Task<IResult> ListAsync(string? owner, BankStore store, CancellationToken ct)
    {
        var banks = await store.ListBanksAsync(owner, ct).ConfigureAwait(false);
        var answers = new List<BankResponse>(banks.Count);
        foreach (var bank in banks)
        {
            answers.Add(bank.ToResponse(await store.CountEntriesAsync(owner, bank.Id, ct).ConfigureAwait(false)));
        }

        return TypedResults.Ok(answers);
    }

    private static async Task<IResult> GetAsync(string? owner, long bankId, BankStore store, CancellationToken ct)
    {
        var bank = await store.GetBankAsync(owner, bankId, ct).ConfigureAwait(false) ?? throw NoSuchBank(owner, bankId);
        return TypedResults.Ok(bank.ToResponse(await store.CountEntriesAsync(owner, bankId, ct).ConfigureAwait(false)));
    }

    private static async Task<IResult> UpdateAsync(
        string? owner, long bankId, UpdateBankRequest request, ClaimsPrincipal user, BankStore store, AuditLog audit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = ApiMapping.ParseOptionalEnum<BankKind>(request.Kind, "kind");
        var bank = await store.GetBankAsync(owner, bankId, ct).ConfigureAwait(false) ?? throw NoSuchBank(owner, bankId);
        if (request.DistanceThreshold is { } threshold && threshold != bank.DistanceThreshold)
        {
            bank = await store.SetThresholdAsync(owner, bankId, threshold, ct).ConfigureAwait(false);
        }

        if (kind is { } newKind && newKind != bank.Kind)
        {
            bank = await store.SetKindAsync(owner, bankId, newKind, ct).ConfigureAwait(false);
        }

        if (request.Enabled is { } enabled && enabled != bank.Enabled)
        {
            bank = enabled
                ? await store.EnableAsync(owner, bankId, ct).ConfigureAwait(false)
                : await store.DisableAsync(owner, bankId, ct).ConfigureAwait(false);
        }

        await audit.AppendAsync(owner, user.Actor(), "bank.updated", "bank", Id(bankId),
            new { request.Enabled, request.DistanceThreshold, request.Kind }, ct).ConfigureAwait(false);
        return TypedResults.Ok(bank.ToResponse(await store.CountEntriesAsync(owner, bankId, ct).ConfigureAwait(false)));
    }

    private static async Task<IResult> DeleteAsync(string? owner, long bankId, ClaimsPrincipal user, BankStore store, AuditLog audit, CancellationToken ct)
    {
        await store.DeleteBankAsync(owner, bankId, ct).ConfigureAwait(false);
        await audit.AppendAsync(owner, user.Actor(), "bank.deleted", "bank", Id(bankId), null, ct).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ImportAsync(
        string? owner, long bankId, string? format, string? name, HttpContext context, BankStore store, AuditLog audit, ApiOptions options, CancellationToken ct)
    {
        _ = await store.GetBankAsync(owner, bankId, ct).ConfigureAwait(false) ?? throw NoSuchBank(owner, bankId);
        var listFormat = format is null
            ? (context.Request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true ? HashListFormat.Csv : HashListFormat.Auto)
            : ApiMapping.ParseEnum<HashListFormat>(format, "format");
        var source = string.IsNullOrWhiteSpace(name) ? "import" : Path.GetFileName(name);

        // Buffered to a private temporary file: the reader is synchronous and a bank can be far larger than memory wants.
        var path = Path.Combine(Path.GetTempPath(), $"livewatch-import-{Guid.NewGuid():N}");
        HashListReadResult read;
        try
        {
            var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Options = FileOptions.DeleteOnClose };
            if (!OperatingSystem.IsWindows())
            {
                file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using var buffer = new FileStream(path, file);
            await RequestBody.CopyToAsync(context, buffer, options.MaxImportBytes, ct).ConfigureAwait(false);
            buffer.Position = 0;
            read = HashListReader.Read(buffer, source, new HashListReadOptions { Format = listFormat }, ct);
        }
        finally
        {
            File.Delete(path);
        }

        if (read.Entries.Count == 0)
        {
            throw new ArgumentException($"{source}: the list holds no hashes; nothing was imported.");
        }

        var result = await store.ImportAsync(owner, bankId, read.Entries.Select(e => new NewBankEntry(e.Hash, e.Id, e.Label)), ct).ConfigureAwait(false);
        await audit.AppendAsync(owner, context.User.Actor(), "bank.imported", "bank", Id(bankId),
            new { source, format = read.Format.ToString(), result.Count, result.LastSequence }, ct).ConfigureAwait(false);
        return TypedResults.Ok(new BankImportResponse(result.Count, result.FirstEntryId, result.LastEntryId, result.LastSequence));
    }

    private static async Task<IResult> AddEntryAsync(
        string? owner, long bankId, AddBankEntryRequest request, ClaimsPrincipal user, BankStore store, AuditLog audit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Hash256.TryParse(request.Hash, out var hash, out var error))
        {
            throw new ArgumentException($"hash: {error}", nameof(request));
        }

        var entry = await store.AddEntryAsync(owner, bankId, new NewBankEntry(hash, request.ExternalId, request.Label), ct).ConfigureAwait(false);
        await audit.AppendAsync(owner, user.Actor(), "bank.entry.added", "bank", Id(bankId), new { entry = entry.Id, entry.ExternalId }, ct).ConfigureAwait(false);
        return TypedResults.Created($"{BanksPath(owner)}/{bankId}/entries/{entry.Id}", entry.ToResponse());
    }

    private static async Task<IResult> RemoveEntryAsync(
        string? owner, long bankId, long entryId, ClaimsPrincipal user, BankStore store, AuditLog audit, CancellationToken ct)
    {
        if (await store.RemoveEntryAsync(owner, bankId, entryId, ct).ConfigureAwait(false))
        {
            await audit.AppendAsync(owner, user.Actor(), "bank.entry.removed", "bank", Id(bankId), new { entry = entryId }, ct).ConfigureAwait(false);
        }

        return TypedResults.NoContent();
    }

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string BanksPath(string? owner) => owner is null ? "/api/v1/admin/banks" : $"/api/v1/admin/tenants/{owner}/banks";

    private static EntityNotFoundException NoSuchBank(string? owner, long bankId) =>
        new(owner is null ? $"There is no global bank {bankId}." : $"Tenant '{owner}' has no bank {bankId}.");
}
