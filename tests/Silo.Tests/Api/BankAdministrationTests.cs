using System.Net;
using System.Net.Http.Json;
using LiveWatch.Silo.Api.Models;

namespace LiveWatch.Silo.Tests.Api;

/// <summary>
/// Banks through the API: atomic imports, single hashes, enable/disable and negative banks, each taking effect for
/// matching in the running silo (the replica applies the store's change sequence) without a restart.
/// </summary>
[Collection(SharedNode.Name)]
public sealed class BankAdministrationTests(LiveWatchApiFactory node)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_import_with_one_bad_line_imports_nothing_and_names_the_line()
    {
        var tenant = ApiSteps.NewTenantId("import");
        using var admin = node.Admin();
        using var _ = await node.NewTenantAsync(tenant);
        var bank = await admin.CreateBankAsync(tenant);
        var text = $"{TestPictures.Canvas(1).Hash}\n{TestPictures.Canvas(2).Hash}\nnot-a-hash\n{TestPictures.Canvas(3).Hash}\n";

        var refused = await admin.ImportAsync(tenant, bank.Id, text, "list.txt");
        var detail = await refused.ProblemAsync(HttpStatusCode.BadRequest);
        var after = await (await admin.GetAsync(new Uri($"/api/v1/admin/tenants/{tenant}/banks/{bank.Id}", UriKind.Relative))).ReadAsync<BankResponse>();
        var good = await (await admin.ImportAsync(tenant, bank.Id, text.Replace("not-a-hash\n", string.Empty, StringComparison.Ordinal), "list.txt")).ReadAsync<BankImportResponse>();

        Assert.Contains("list.txt:3", detail, StringComparison.Ordinal);
        Assert.Equal(0, after.EntryCount);
        Assert.Equal(3, good.Imported);
    }

    [Fact]
    public async Task A_csv_import_keeps_ids_and_a_duplicate_id_refuses_the_whole_second_import()
    {
        var tenant = ApiSteps.NewTenantId("csv");
        using var admin = node.Admin();
        using var _ = await node.NewTenantAsync(tenant);
        var bank = await admin.CreateBankAsync(tenant);
        var csv = $"id,hash,label\nA-1,{TestPictures.Canvas(1).Hash},first\nA-2,{TestPictures.Canvas(2).Hash},second\n";

        var first = await (await admin.ImportAsync(tenant, bank.Id, csv, "list.csv")).ReadAsync<BankImportResponse>();
        var second = await admin.ImportAsync(tenant, bank.Id, $"id,hash\nB-1,{TestPictures.Canvas(3).Hash}\nA-2,{TestPictures.Canvas(4).Hash}\n", "more.csv");

        Assert.Equal(2, first.Imported);
        Assert.Contains("A-2", await second.ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        var after = await (await admin.GetAsync(new Uri($"/api/v1/admin/tenants/{tenant}/banks/{bank.Id}", UriKind.Relative))).ReadAsync<BankResponse>();
        Assert.Equal(2, after.EntryCount);
    }

    [Fact]
    public async Task A_hash_added_matches_without_a_restart_and_stops_matching_once_removed()
    {
        var tenant = ApiSteps.NewTenantId("delta");
        using var admin = node.Admin();
        using var platform = await node.NewTenantAsync(tenant);
        var (canvas, hash) = TestPictures.Canvas(42);
        var bank = await admin.CreateBankAsync(tenant);
        await platform.RegisterAsync("s");
        var before = await platform.PostCanvasAsync("s", canvas, "before", 0).PushedAsync();

        var entry = await (await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{tenant}/banks/{bank.Id}/entries",
            new AddBankEntryRequest(hash.ToString(), "E-1", "delta test"))).ReadAsync<BankEntryResponse>();
        var added = await platform.PushUntilAsync("s", canvas, matched: true, "added", Patience);
        Assert.Equal(HttpStatusCode.NoContent,
            (await admin.DeleteAsync(new Uri($"/api/v1/admin/tenants/{tenant}/banks/{bank.Id}/entries/{entry.Id}", UriKind.Relative))).StatusCode);
        var removed = await platform.PushUntilAsync("s", canvas, matched: false, "removed", Patience);

        Assert.Equal(0, before.Matched);
        Assert.Equal(1, added.Matched);
        Assert.Equal(0, removed.Matched);
    }

    [Fact]
    public async Task A_disabled_bank_does_not_match_until_enabled_again()
    {
        var tenant = ApiSteps.NewTenantId("disable");
        using var admin = node.Admin();
        using var platform = await node.NewTenantAsync(tenant);
        var (canvas, hash) = TestPictures.Canvas(43);
        var bank = await admin.CreateBankAsync(tenant);
        await admin.ImportHashesAsync(tenant, bank.Id, hash);
        await platform.RegisterAsync("s");
        await platform.PushUntilAsync("s", canvas, matched: true, "enabled", Patience);

        var disabled = await (await admin.PatchAsJsonAsync($"/api/v1/admin/tenants/{tenant}/banks/{bank.Id}", new UpdateBankRequest(Enabled: false))).ReadAsync<BankResponse>();
        var whileDisabled = await platform.PushUntilAsync("s", canvas, matched: false, "disabled", Patience);
        await (await admin.PatchAsJsonAsync($"/api/v1/admin/tenants/{tenant}/banks/{bank.Id}", new UpdateBankRequest(Enabled: true))).ReadAsync<BankResponse>();
        var enabledAgain = await platform.PushUntilAsync("s", canvas, matched: true, "enabled-again", Patience);

        Assert.False(disabled.Enabled);
        Assert.Equal(0, whileDisabled.Matched);
        Assert.Equal(1, enabledAgain.Matched);
    }

    [Fact]
    public async Task A_negative_bank_suppresses_the_match_of_the_same_frame()
    {
        var tenant = ApiSteps.NewTenantId("negative");
        using var admin = node.Admin();
        using var platform = await node.NewTenantAsync(tenant);
        var (canvas, hash) = TestPictures.Canvas(44);
        var known = await admin.CreateBankAsync(tenant, "known");
        await admin.ImportHashesAsync(tenant, known.Id, hash);
        await platform.RegisterAsync("s");
        await platform.PushUntilAsync("s", canvas, matched: true, "known", Patience);

        var allow = await admin.CreateBankAsync(tenant, "false-positives", kind: "Negative");
        await admin.ImportHashesAsync(tenant, allow.Id, hash);
        var suppressed = await platform.PushUntilAsync("s", canvas, matched: false, "allowed", Patience);

        Assert.Equal("Negative", allow.Kind);
        Assert.Equal(0, suppressed.Matched);
    }

    [Fact]
    public async Task Bank_settings_are_validated_and_an_unknown_bank_is_404()
    {
        var tenant = ApiSteps.NewTenantId("settings");
        using var admin = node.Admin();
        using var _ = await node.NewTenantAsync(tenant);
        var bank = await admin.CreateBankAsync(tenant);

        var badKind = await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{tenant}/banks", new CreateBankRequest("x", Kind: "Sometimes"));
        var badThreshold = await admin.PatchAsJsonAsync($"/api/v1/admin/tenants/{tenant}/banks/{bank.Id}", new UpdateBankRequest(DistanceThreshold: 64));
        var missing = await admin.GetAsync(new Uri($"/api/v1/admin/tenants/{tenant}/banks/999999", UriKind.Relative));
        var badHash = await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{tenant}/banks/{bank.Id}/entries", new AddBankEntryRequest("abc"));

        Assert.Contains("Normal, Negative", await badKind.ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("64", await badThreshold.ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("999999", await missing.ProblemAsync(HttpStatusCode.NotFound), StringComparison.Ordinal);
        Assert.Contains("hash:", await badHash.ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }
}
