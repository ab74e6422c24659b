using System.Runtime.InteropServices;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Hashing.Tests.Indexing;

public sealed class HammingScanKernelTests
{
    // Kernel kinds by name: the enum is internal, and theory parameters of public test methods must be public.
    public static TheoryData<string> Kinds() => ["Scalar", "Avx2", "Avx512"];

    [Fact]
    public void BestKernelIsSupportedAndWidestAvailable()
    {
        Assert.True(HammingScanKernels.IsSupported(HammingScanKernels.Best));
        if (HammingScanKernels.IsSupported(HammingScanKernels.Kind.Avx512))
        {
            Assert.Equal(HammingScanKernels.Kind.Avx512, HammingScanKernels.Best);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SingleNeedleReportsExactlyTheHashesWithinDistance(string kindName)
    {
        var kind = Enum.Parse<HammingScanKernels.Kind>(kindName);
        if (!HammingScanKernels.IsSupported(kind))
        {
            Assert.Throws<PlatformNotSupportedException>(() => Run(kind, new Hash256[8], [default], 0));
            return;
        }

        var random = new Random(11);
        var needle = IndexTestData.RandomHash(random);

        // Sizes around the 4- and 8-hash blocks, with hashes at every distance 0..64 around the limits.
        foreach (var count in new[] { 0, 1, 3, 4, 7, 8, 9, 15, 17, 130 })
        {
            var stored = new Hash256[count];
            for (var i = 0; i < count; i++)
            {
                stored[i] = i % 3 == 0 ? IndexTestData.RandomHash(random) : IndexTestData.AtDistance(needle, random.Next(65), random);
            }

            foreach (var maxDistance in new[] { 0, 1, 16, 31, 40, 63 })
            {
                Assert.Equal(Expected(stored, [needle], maxDistance), Run(kind, stored, [needle], maxDistance));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ManyNeedlesReportTheNearestNeedlePerHash(string kindName)
    {
        var kind = Enum.Parse<HammingScanKernels.Kind>(kindName);
        if (!HammingScanKernels.IsSupported(kind))
        {
            return;
        }

        var random = new Random(12);
        foreach (var needleCount in new[] { 2, 3, 5, 8 })
        {
            var needles = new Hash256[needleCount];
            for (var k = 0; k < needleCount; k++)
            {
                needles[k] = k == 3 ? needles[1] : IndexTestData.RandomHash(random); // a repeated needle tests tie-breaking
            }

            var stored = new Hash256[67];
            for (var i = 0; i < stored.Length; i++)
            {
                stored[i] = IndexTestData.AtDistance(needles[random.Next(needleCount)], random.Next(50), random);
            }

            foreach (var maxDistance in new[] { 0, 1, 16, 31, 40, 63 })
            {
                Assert.Equal(Expected(stored, needles, maxDistance), Run(kind, stored, needles, maxDistance));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void MoreThanEightNeedlesAreScannedInGroupsOfEight(string kindName)
    {
        var kind = Enum.Parse<HammingScanKernels.Kind>(kindName);
        if (!HammingScanKernels.IsSupported(kind))
        {
            return;
        }

        var random = new Random(13);
        var needles = Enumerable.Range(0, 11).Select(_ => IndexTestData.RandomHash(random)).ToArray();
        var stored = Enumerable.Range(0, 40).Select(i => IndexTestData.AtDistance(needles[i % 11], random.Next(40), random)).ToArray();

        // Each group reports its own best; the best over the groups is the overall best.
        var reduced = Run(kind, stored, needles, 31)
            .GroupBy(hit => hit.Position)
            .Select(g => g.OrderBy(hit => hit.Distance).ThenBy(hit => hit.Needle).First())
            .OrderBy(hit => hit.Position)
            .ToList();
        Assert.Equal(Expected(stored, needles, 31), reduced);
    }

    [Fact]
    public void DistanceOfTheAllOnesAgainstZeroIs256()
    {
        var ones = new Hash256(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);
        var lanes = MemoryMarshal.Cast<Hash256, ulong>(new[] { ones }.AsSpan());
        Assert.Equal(256, HammingScanKernels.Distance(ref MemoryMarshal.GetReference(lanes), 0, Hash256.Zero));
    }

    private static List<(int Position, int Distance, int Needle)> Run(
        HammingScanKernels.Kind kind, Hash256[] stored, Hash256[] needles, int maxDistance)
    {
        var sink = new RecordingSink([]);
        HammingScanKernels.Scan(kind, MemoryMarshal.Cast<Hash256, ulong>(stored.AsSpan()), needles, maxDistance, ref sink);
        return [.. sink.Hits.OrderBy(hit => hit.Position)];
    }

    private static List<(int Position, int Distance, int Needle)> Expected(Hash256[] stored, Hash256[] needles, int maxDistance)
    {
        var hits = new List<(int, int, int)>();
        for (var i = 0; i < stored.Length; i++)
        {
            var best = int.MaxValue;
            var bestNeedle = 0;
            for (var k = 0; k < needles.Length; k++)
            {
                var distance = stored[i].DistanceTo(needles[k]);
                if (distance < best)
                {
                    (best, bestNeedle) = (distance, k);
                }
            }

            if (best <= maxDistance)
            {
                hits.Add((i, best, bestNeedle));
            }
        }

        return hits;
    }

    private readonly struct RecordingSink(List<(int Position, int Distance, int Needle)> hits) : IMatchSink
    {
        public List<(int Position, int Distance, int Needle)> Hits { get; } = hits;

        public void OnMatch(int position, int distance, int needleIndex) => Hits.Add((position, distance, needleIndex));
    }
}
