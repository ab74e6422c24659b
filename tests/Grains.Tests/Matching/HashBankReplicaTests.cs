using LiveWatch.Contracts.Banks;
using LiveWatch.Grains.Matching;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Grains.Tests.Matching;

public sealed class HashBankReplicaTests
{
    private static readonly Hash256 s_known = Hash256.Parse("f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22");
    private readonly HashBankReplica _replica = new(new FlatHashIndex());
    private readonly List<HashMatch> _scratch = [];

    [Fact]
    public void A_hash_within_the_bank_threshold_matches_with_bank_entry_and_distance()
    {
        _replica.UpsertBank(Bank(1, tenant: null));
        _replica.AddEntry(1, 100, s_known);

        var match = _replica.Match([Flip(s_known, 5)], "tenant-a", _scratch);

        Assert.True(match.IsMatch);
        Assert.Equal((1L, 100L, 5, 1), (match.BankId, match.EntryId, match.Distance, match.MatchCount));
    }

    [Fact]
    public void Each_bank_applies_its_own_threshold()
    {
        _replica.UpsertBank(Bank(1, tenant: null, threshold: 10));
        _replica.UpsertBank(Bank(2, tenant: null, threshold: 31));
        _replica.AddEntry(1, 1, s_known);
        _replica.AddEntry(2, 2, Flip(s_known, 3));

        // 20 bits from bank 1's entry (over its 10), 17 from bank 2's (within 31).
        var match = _replica.Match([Flip(s_known, 20)], "t", _scratch);

        Assert.Equal((2L, 2L, 17), (match.BankId, match.EntryId, match.Distance));
        Assert.Equal(1, match.MatchCount);
    }

    [Fact]
    public void A_tenant_sees_global_banks_and_its_own_never_another_tenants()
    {
        _replica.UpsertBank(Bank(1, tenant: "tenant-b"));
        _replica.AddEntry(1, 1, s_known);

        Assert.False(_replica.Match([s_known], "tenant-a", _scratch).IsMatch);
        Assert.True(_replica.Match([s_known], "tenant-b", _scratch).IsMatch);
    }

    [Fact]
    public void A_negative_bank_match_suppresses_the_frame()
    {
        _replica.UpsertBank(Bank(1, tenant: null));
        _replica.UpsertBank(Bank(2, tenant: "t", kind: BankKind.Negative, threshold: 8));
        _replica.AddEntry(1, 1, s_known);
        _replica.AddEntry(2, 7, Flip(s_known, 2));

        var match = _replica.Match([s_known], "t", _scratch);

        Assert.True(match.Suppressed);
        Assert.False(match.IsMatch);
        Assert.True(_replica.Match([s_known], "other", _scratch).IsMatch);
    }

    [Fact]
    public void Disabled_and_removed_banks_and_removed_entries_stop_matching_at_once()
    {
        _replica.UpsertBank(Bank(1, tenant: null));
        _replica.AddEntry(1, 1, s_known);
        Assert.True(_replica.Match([s_known], "t", _scratch).IsMatch);

        _replica.UpsertBank(Bank(1, tenant: null) with { Enabled = false });
        Assert.False(_replica.Match([s_known], "t", _scratch).IsMatch);

        _replica.UpsertBank(Bank(1, tenant: null));
        Assert.True(_replica.Match([s_known], "t", _scratch).IsMatch);

        Assert.True(_replica.RemoveEntry(1, 1, s_known));
        Assert.False(_replica.Match([s_known], "t", _scratch).IsMatch);

        _replica.AddEntry(1, 2, s_known);
        _replica.RemoveBank(1);
        Assert.False(_replica.Match([s_known], "t", _scratch).IsMatch);
    }

    [Fact]
    public void With_several_needles_the_best_variant_is_reported()
    {
        _replica.UpsertBank(Bank(1, tenant: null));
        _replica.AddEntry(1, 1, s_known);

        var match = _replica.Match([Flip(s_known, 30), Flip(s_known, 40), Flip(s_known, 4)], "t", _scratch);

        Assert.Equal((4, 2), (match.Distance, match.Variant));
    }

    [Fact]
    public void Applied_sequence_only_moves_forward()
    {
        _replica.MarkApplied(10);
        _replica.MarkApplied(4);

        Assert.Equal(10, _replica.AppliedSequence);
    }

    private static BankInfo Bank(long id, string? tenant, BankKind kind = BankKind.Normal, int threshold = 31) =>
        new(id, tenant, $"bank-{id}", kind, threshold, Enabled: true);

    internal static Hash256 Flip(Hash256 hash, int bits)
    {
        var lanes = hash.Lanes.ToArray();
        for (var bit = 0; bit < bits; bit++)
        {
            // Spread the flipped bits over all four lanes, 7 apart.
            var position = bit * 7 % 256;
            lanes[position >> 6] ^= 1UL << (position & 63);
        }

        return new Hash256(lanes[0], lanes[1], lanes[2], lanes[3]);
    }
}
