using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Hashing.Tests.Indexing;

public sealed class PairedChunkTablesTests
{
    [Fact]
    public void RadiiAndPairAllowancesSatisfyThePigeonholeAtEveryDistance()
    {
        for (var d = 0; d <= 63; d++)
        {
            var radii = PairedChunkTables.RadiiFor(d);
            var allowances = PairedChunkTables.PairAllowancesFor(d);
            var units = 0;
            for (var g = 0; g < 8; g++)
            {
                int a = 2 * g, b = a + 1;
                Assert.Equal(allowances[a], allowances[b]);

                // Some pair is within its allowance (sum of T + 1 is d + 1), and inside it some chunk within its radius.
                units += allowances[a] + 1;
                Assert.Equal(allowances[a] + 1, radii[a] + 1 + radii[b] + 1);
                Assert.True(radii[a] >= radii[b] && radii[a] - radii[b] <= 1);
                Assert.InRange(radii[a], -1, 3); // the probe's bucket lists are sized for radius 3 at most
            }

            Assert.Equal(d + 1, units);
        }

        // PDQ's threshold: radius 1 in every chunk, 3 bits over each pair.
        Assert.All(PairedChunkTables.RadiiFor(31).ToArray(), radius => Assert.Equal(1, radius));
        Assert.All(PairedChunkTables.PairAllowancesFor(31).ToArray(), allowance => Assert.Equal(3, allowance));
    }
}
