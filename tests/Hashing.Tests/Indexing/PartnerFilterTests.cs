using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Hashing.Tests.Indexing;

public sealed class PartnerFilterTests
{
    [Fact]
    public void TheVectorKernelAgreesWithTheDefinitionForEveryAllowance()
    {
        var random = new Random(61);
        var partners = new ushort[PartnerFilter.BlockSize];
        for (var round = 0; round < 200; round++)
        {
            var key = (ushort)random.Next(65_536);
            for (var i = 0; i < partners.Length; i++)
            {
                // Half near the key (0-4 bits away), half random, so every allowance sees both outcomes.
                partners[i] = (ushort)(i % 2 == 0 ? key ^ (1 << random.Next(16)) ^ (random.Next(4) == 0 ? 0 : 1 << random.Next(16)) : random.Next(65_536));
            }

            for (var allowance = 0; allowance <= 17; allowance++)
            {
                var expected = PartnerFilter.MatchScalar(ref partners[0], key, allowance);
                Assert.Equal(expected, PartnerFilter.Match(ref partners[0], key, allowance));
            }
        }
    }

    [Fact]
    public void AllowanceCountsDifferingBits()
    {
        var partners = new ushort[PartnerFilter.BlockSize];
        partners[0] = 0b1011; // 3 bits from 0
        partners[1] = 0xFFFF; // 16 bits
        Assert.Equal(0xFFFF_FFFCu, PartnerFilter.Match(ref partners[0], 0, 2));
        Assert.Equal(0xFFFF_FFFDu, PartnerFilter.Match(ref partners[0], 0, 3));
        Assert.Equal(0xFFFF_FFFFu, PartnerFilter.Match(ref partners[0], 0, 16));
    }
}
