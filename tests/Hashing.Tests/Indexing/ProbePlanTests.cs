using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Hashing.Tests.Indexing;

public sealed class ProbePlanTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(10_000)]
    [InlineData(1_000_000)]
    [InlineData(10_000_000)]
    [InlineData(100_000_000)]
    public void EveryDistanceGetsRadiiThatSatisfyThePigeonhole(int count)
    {
        var layout = ProbePlan.ChooseLayout(count);
        var plan = ProbePlan.Create(layout, count);
        for (var d = 0; d <= 63; d++)
        {
            var radii = plan.Thresholds(d).ToArray();

            // Some chunk is within its radius of any hash within d: the radii plus one must sum to d + 1.
            Assert.Equal(d + 1, radii.Sum(t => t + 1));
            Assert.All(radii.Select((t, c) => (t, c)), x => Assert.InRange(x.t, -1, layout.ChunkBits(x.c)));
        }
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(1_000_000)]
    [InlineData(10_000_000)]
    [InlineData(100_000_000)]
    public void ChosenLayoutsStayWithinTheMemoryBudgetAndFitPositions(int count)
    {
        var layout = ProbePlan.ChooseLayout(count);
        Assert.True(ProbePlan.IndexBytesPerHash(layout, count) <= ProbePlan.IndexBytesBudgetPerHash);
        Assert.Equal(0, (count - 1L) >> (32 - layout.MaxLowBits));
    }

    [Fact]
    public void TenMillionHashesUseElevenChunks() =>
        Assert.Equal(11, ProbePlan.ChooseLayout(10_000_000).ChunkCount); // the figure documented in the options

    [Fact]
    public void LargeDistancesPreferAFlatScan()
    {
        var plan = ProbePlan.Create(ProbePlan.ChooseLayout(1_000_000), 1_000_000);
        Assert.False(plan.PreferFlat(31, 1));
        Assert.False(plan.PreferFlat(31, 8));
        Assert.True(plan.PreferFlat(63, 1));
    }
}
